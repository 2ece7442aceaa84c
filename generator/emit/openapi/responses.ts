// Reusable Response Objects (OAS 3.1 §4.8.17): the SCIM errors (RFC 7644 §3.12) with their status as a
// string, and 304.

import { schemaUrns } from "../discovery-documents.js";
import { componentRef, schemaRef } from "./component-names.js";
import { errorWithStatus } from "./messages.js";
import type { MediaTypeObject, ResponseObject, SchemaObject } from "./openapi-types.js";

/** RFC 7644 §3.1, §8.1: the media type of every SCIM response body, errors included. */
export const scimMediaType = "application/scim+json";

/** A body in `application/scim+json` with optional named examples. */
export function scimContent(schema: SchemaObject, examples?: MediaTypeObject["examples"]): { readonly [mediaType: string]: MediaTypeObject } {
  return { [scimMediaType]: { schema, ...(examples !== undefined && Object.keys(examples).length > 0 ? { examples } : {}) } };
}

/** An `application/scim+json` Error body whose `status` is `status`, with one example. */
export function errorContent(errorName: string, status: number, detail: string, scimType?: string): { readonly [mediaType: string]: MediaTypeObject } {
  const example = { schemas: [schemaUrns.error], status: String(status), ...(scimType !== undefined ? { scimType } : {}), detail };
  return scimContent(errorWithStatus(schemaRef(errorName), String(status)), { error: { value: example } });
}

/** One SCIM error response: an Error body whose `status` is `status`, with an example. */
function errorResponse(
  errorName: string,
  status: number,
  description: string,
  detail: string,
  headers?: ResponseObject["headers"],
  scimType?: string,
): ResponseObject {
  return { description, ...(headers !== undefined ? { headers } : {}), content: errorContent(errorName, status, detail, scimType) };
}

/** The reusable responses: 304 and the SCIM errors. */
export function responseComponents(errorName: string): { readonly [name: string]: ResponseObject } {
  return {
    NotModified: {
      description: "Not Modified (RFC 9110 §15.4.5): If-None-Match matched the current entity tag. No body.",
      headers: { ETag: componentRef("headers", "ETag") },
    },
    BadRequest: errorResponse(
      errorName,
      400,
      "Bad Request (RFC 7644 §3.12): the request is malformed or a value is invalid; `scimType` says which rule failed (RFC 7644 Table 9).",
      "Attribute 'userName' is required.",
      undefined,
      "invalidValue",
    ),
    Unauthorized: errorResponse(errorName, 401, "Unauthorized: the request carries no valid credentials (RFC 7644 §2).", "Authentication required.", {
      "WWW-Authenticate": componentRef("headers", "WWW-Authenticate"),
    }),
    Forbidden: errorResponse(errorName, 403, "Forbidden: the client may not perform this operation.", "Operation not permitted."),
    NotFound: errorResponse(errorName, 404, "Not Found: no resource with this id or URI (RFC 7644 §3.12).", "Resource not found."),
    MethodNotAllowed: errorResponse(
      errorName,
      405,
      "Method Not Allowed: discovery endpoints are read-only (RFC 7644 §4). Every method but GET, HEAD and OPTIONS gets this answer, decided before authentication and without reading the body. OpenAPI has no path-level responses, so it is listed on the GET operation.",
      "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).",
      { Allow: componentRef("headers", "Allow") },
    ),
    Conflict: errorResponse(
      errorName,
      409,
      "Conflict: a value that must be unique is already taken (RFC 7644 §3.3, scimType `uniqueness`).",
      "userName is already in use.",
      undefined,
      "uniqueness",
    ),
    PreconditionFailed: errorResponse(
      errorName,
      412,
      "Precondition Failed: If-Match did not match the current version (RFC 7644 §3.14).",
      "The resource has changed.",
    ),
  };
}
