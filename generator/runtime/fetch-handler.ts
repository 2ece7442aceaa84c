// A Fetch API (`Request` → `Response`) front for the discovery handler: the base of the Next.js adapter,
// and usable as is on Cloudflare Workers, Deno and Bun.

import { createErrorResponse } from "./scim-error.js";
import { createTargetHandler } from "./target-handler.js";
import type { DiscoveryDocuments, DiscoveryResponse, FetchHandlerOptions } from "./types.js";

function toResponse(result: DiscoveryResponse): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}

/**
 * Creates a `(request: Request) => Promise<Response>` serving the discovery endpoints under `basePath`
 * (literal, `/orgs/:org/scim/v2`, or RegExp). Paths outside the mount get a SCIM 404, as do unknown paths
 * inside it. Options as for `createDiscoveryHandler`; throws `DiscoveryConfigurationError` at creation.
 */
export function createFetchHandler<BasePath extends string | RegExp = string | RegExp>(
  documents: DiscoveryDocuments,
  options: FetchHandlerOptions<BasePath>,
): (request: Request) => Promise<Response> {
  const handle = createTargetHandler(documents, options);
  const outside = createErrorResponse(404, "No SCIM discovery endpoint at this path (RFC 7644 §4).", options.responseHeaders);
  return async function handleFetchRequest(request: Request): Promise<Response> {
    // The scheme comes from the absolute URL.
    const result = handle(request.method, request.url, request.headers);
    if (result === null) return toResponse(request.method === "HEAD" ? outside.head : outside.get);
    // Await only when the authenticate hook made the answer asynchronous.
    return toResponse(result instanceof Promise ? await result : result);
  };
}
