// A Fetch API (`Request` → `Response`) front for the discovery handler: the shared base of the Hono and
// Next.js adapters, and usable as is on Cloudflare Workers, Deno and Bun.

import { createBasePathMatcher } from "./base-path.js";
import { createDiscoveryHandler } from "./discovery-handler.js";
import { createErrorResponse } from "./scim-error.js";
import type { DiscoveryDocuments, DiscoveryRequest, DiscoveryResponse, FetchHandlerOptions } from "./types.js";

/** The parts of a request URL the handler needs, split without allocating a `URL`. */
export interface RequestTarget {
  /** Raw, percent-encoded path (`/scim/v2/Schemas/urn%3A…`). */
  readonly pathname: string;
  /** Raw query string without `?`, or `""`. */
  readonly query: string;
  /** `http` or `https` when the URL is absolute, else `undefined`. */
  readonly protocol: string | undefined;
}

/** Splits an absolute URL (`https://host/p?q`) or an origin-form target (`/p?q`) into raw path and query. */
export function splitRequestUrl(url: string): RequestTarget {
  let start = 0;
  let protocol: string | undefined;
  if (url.charCodeAt(0) !== 0x2f) {
    const scheme = url.indexOf("://");
    if (scheme !== -1) {
      protocol = url.slice(0, scheme).toLowerCase();
      // Skip the authority: it ends at the first "/", "?" or "#" (RFC 3986 §3.2).
      start = scheme + 3;
      while (start < url.length) {
        const c = url.charCodeAt(start);
        if (c === 0x2f || c === 0x3f || c === 0x23) break;
        start++;
      }
    }
  }
  const hash = url.indexOf("#", start);
  const end = hash === -1 ? url.length : hash;
  const question = url.indexOf("?", start);
  const pathEnd = question === -1 || question > end ? end : question;
  const pathname = pathEnd === start ? "/" : url.slice(start, pathEnd);
  const query = pathEnd < end ? url.slice(pathEnd + 1, end) : "";
  return { pathname, query, protocol };
}

function toResponse(result: DiscoveryResponse): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/**
 * Creates a `(request: Request) => Promise<Response>` serving the discovery endpoints under `basePath`
 * (literal, `/orgs/:org/scim/v2`, or RegExp). Paths outside the mount get a SCIM 404, as do unknown paths
 * inside it. Options as for `createDiscoveryHandler`; throws `DiscoveryConfigurationError` at creation.
 */
export function createFetchHandler(
  documents: DiscoveryDocuments,
  options: FetchHandlerOptions,
): (request: Request) => Promise<Response> {
  const handle = createDiscoveryHandler(documents, options);
  const matchBasePath = createBasePathMatcher(options.basePath ?? "");
  const outside = createErrorResponse(404, "No SCIM discovery endpoint at this path (RFC 7644 §4).", options.responseHeaders);
  return async function handleFetchRequest(request: Request): Promise<Response> {
    const target = splitRequestUrl(request.url);
    const basePath = matchBasePath(target.pathname);
    if (basePath === null) return toResponse(request.method === "HEAD" ? outside.head : outside.get);
    const neutral: DiscoveryRequest = {
      method: request.method,
      basePath,
      path: target.pathname.slice(basePath.length),
      query: target.query,
      headers: request.headers,
      ...(target.protocol === undefined ? {} : { protocol: target.protocol }),
    };
    const result = handle(neutral);
    // Await only when the authenticate hook made the answer asynchronous.
    return toResponse(result instanceof Promise ? await result : result);
  };
}
