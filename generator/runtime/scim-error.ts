// SCIM Error responses (RFC 7644 §3.12). Their bodies never depend on the request (no reflected input),
// so each one is serialised once when the handler is created and shared by every request.

import { bodyView } from "./body-view.js";
import type { DiscoveryResponse } from "./types.js";

/** Media type of every SCIM response, errors included (RFC 7644 §3.1, §8.1). */
export const SCIM_CONTENT_TYPE: string = "application/scim+json";

/** Schema URI of a SCIM Error message (RFC 7644 §3.12). */
export const SCIM_ERROR_SCHEMA: string = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The `scimType` values RFC 7644 §3.12 Table 9 defines; only these may appear in an error body. */
export type ScimErrorType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

/**
 * Headers on every discovery response: the SCIM media type (RFC 7644 §3.1). Anything else (hardening
 * such as `X-Content-Type-Options`, caching policy) comes from the `responseHeaders` option or the
 * app's own middleware: each header costs a few per cent of throughput on these tiny responses.
 */
export const COMMON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-type": SCIM_CONTENT_TYPE,
});

/** A response for GET (with body) and its HEAD twin (same headers, no body). */
export interface ResponsePair {
  /** Response to GET and every method other than HEAD. */
  readonly get: DiscoveryResponse;
  /** Response to HEAD: the same status and headers, Content-Length included, without a body. */
  readonly head: DiscoveryResponse;
}

const encoder = new TextEncoder();

/**
 * The exact error body: `{"schemas":[…Error],"status":"404","detail":"…"}` plus `scimType` when given.
 * RFC 7644 §3.12: `status` is a string; no other keys (strict clients reject unknown keys).
 */
export function scimErrorBody(status: number, detail: string, scimType?: ScimErrorType): string {
  const body: Record<string, unknown> = { schemas: [SCIM_ERROR_SCHEMA], status: String(status) };
  if (scimType !== undefined) body["scimType"] = scimType;
  body["detail"] = detail;
  return JSON.stringify(body);
}

/** Builds the frozen GET/HEAD responses of one SCIM error, with optional extra headers (`allow`, `www-authenticate`). */
export function createErrorResponse(
  status: number,
  detail: string,
  extraHeaders: Readonly<Record<string, string>> = {},
  scimType?: ScimErrorType,
): ResponsePair {
  const body = bodyView(encoder.encode(scimErrorBody(status, detail, scimType)));
  const headers = Object.freeze({
    ...COMMON_HEADERS,
    "content-length": String(body.byteLength),
    ...extraHeaders,
  });
  return Object.freeze({
    get: Object.freeze({ status, headers, body }),
    head: Object.freeze({ status, headers, body: null }),
  });
}
