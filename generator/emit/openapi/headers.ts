// Reusable Header Objects (OAS 3.1 §4.8.21) of the responses.

import type { HeaderObject } from "./openapi-types.js";

/** The reusable response headers. */
export function headerComponents(): { readonly [name: string]: HeaderObject } {
  return {
    Allow: {
      description: "The methods the path supports (RFC 9110 §10.2.1): discovery endpoints are read-only, so `GET, HEAD`.",
      required: true,
      schema: { type: "string", examples: ["GET, HEAD"] },
    },
    ETag: {
      description: "The entity tag of the representation (RFC 9110 §8.8.3; RFC 7644 §3.14), for If-None-Match and If-Match.",
      required: true,
      schema: { type: "string", examples: ['"3694e05e9dff592"', 'W/"a330bc54f0671c9"'] },
    },
    Location: {
      description: "The URL of the created resource, the same as its `meta.location` (RFC 7644 §3.3).",
      required: true,
      schema: { type: "string", format: "uri" },
    },
    "WWW-Authenticate": {
      description: "The authentication challenge (RFC 9110 §11.6.1), e.g. `Bearer realm=\"SCIM\"` (RFC 6750 §3).",
      required: true,
      schema: { type: "string", examples: ['Bearer realm="SCIM"'] },
    },
  };
}
