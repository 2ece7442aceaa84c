// The framework-neutral discovery handler: RFC 7644 §4 endpoints serving RFC 7643 §5–§7 documents.
//
// Order of decisions for a request under the base (why, in brief):
//   0. Mount: the matched base path becomes the path of the URLs in `meta.location`, so it must be one
//      (RFC 3986 §3.3): characters a path may not hold raw are percent-encoded, and a base path with a dot
//      segment (`.`, `..`, `%2e`) or malformed percent-encoding names no tenant: 404, like an unknown path,
//      before anything else (it is decided from the path alone). Once per distinct base path, remembered.
//   1. Route from the path alone (never throws: bad percent-encoding is just an unknown path).
//   2. Method, on a discovery path: anything but GET/HEAD gets 405 with `Allow: GET, HEAD` (OPTIONS: 204),
//      BEFORE authentication and without reading a body. The answer depends only on the method and the
//      RFC-fixed route table, so it reveals nothing, and it is what strict checkers expect: Okta's spec
//      test POSTs the non-JSON body `test` and wants a clean 405, whether or not its token is accepted.
//   3. Authentication, for everything else under the base, unknown paths and unknown ids included, so an
//      unauthenticated client cannot probe which schemas or resource types exist. Only
//      `/ServiceProviderConfig` may be made public (RFC 7643 §5).
//   4. `filter` → 403 on the lists (RFC 7644 §4), unknown id/URI/path → 404.
//   5. Base URL → cached responses → If-None-Match (304) → 200.

import { encodeBasePath, NO_PARAMS } from "./base-path.js";
import { createBaseUrlSource, isUsableBaseUrl, normaliseBasePath } from "./base-url.js";
import { DiscoveryConfigurationError } from "./configuration-error.js";
import { prepareDocuments, renderDocuments } from "./documents.js";
import type { RenderedDocuments, RenderedResource } from "./documents.js";
import { ifNoneMatchMatches } from "./etag.js";
import { memoizeNewestFirst } from "./lru-cache.js";
import { getHeader } from "./headers.js";
import { LruCache } from "./lru-cache.js";
import { hasFilterParameter } from "./query.js";
import { createRouter, verifyLocations } from "./route.js";
import type { Route, Router } from "./route.js";
import { COMMON_HEADERS, createErrorResponse } from "./scim-error.js";
import type { ResponsePair } from "./scim-error.js";
import type {
  DiscoveryDocuments,
  DiscoveryHandler,
  DiscoveryHandlerOptions,
  DiscoveryHandlerRequest,
  DiscoveryRequest,
  DiscoveryResponse,
  HeaderSource,
  MountParams,
} from "./types.js";

/** `Allow` on 405 (RFC 9110 §15.5.6): discovery endpoints are read-only. */
export const ALLOW_METHODS: string = "GET, HEAD";

/** Default `WWW-Authenticate` challenge on 401 (RFC 9110 §11.6.1, RFC 6750 §3). */
export const DEFAULT_WWW_AUTHENTICATE: string = 'Bearer realm="SCIM"';

/** Default number of base URLs whose responses stay cached. */
export const DEFAULT_CACHE_SIZE: number = 256;

/** Remembered base paths. A bound, not a tuning knob: past it the memo starts afresh (one entry per tenant). */
const MOUNT_MEMO_SIZE = 1024;

/** The fixed error responses of one handler, built once at creation. */
interface ErrorResponses {
  readonly notFound: ResponsePair;
  readonly resourceTypeNotFound: ResponsePair;
  readonly schemaNotFound: ResponsePair;
  readonly methodNotAllowed: ResponsePair;
  readonly filterForbidden: ResponsePair;
  readonly unauthorized: ResponsePair;
  readonly badHost: ResponsePair;
  readonly authenticationFailed: ResponsePair;
  readonly options: DiscoveryResponse;
}

/** The SCIM error pairs and the OPTIONS answer, with the operator's WWW-Authenticate challenge. */
function createErrorResponses(wwwAuthenticate: string, extra: Readonly<Record<string, string>>): ErrorResponses {
  return {
    notFound: createErrorResponse(404, "No SCIM discovery endpoint at this path (RFC 7644 §4).", extra),
    resourceTypeNotFound: createErrorResponse(404, "Resource type not found.", extra),
    schemaNotFound: createErrorResponse(404, "Schema not found.", extra),
    methodNotAllowed: createErrorResponse(405, "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).", {
      ...extra,
      allow: ALLOW_METHODS,
    }),
    filterForbidden: createErrorResponse(403, "Filtering is not supported on discovery endpoints (RFC 7644 §4).", extra),
    unauthorized: createErrorResponse(401, "Authentication required.", { ...extra, "www-authenticate": wwwAuthenticate }),
    badHost: createErrorResponse(400, "Missing or invalid Host header; cannot build the resource URLs.", extra),
    // A hook that throws or rejects is a server fault, not a verdict on the client: 500, still a SCIM
    // Error (RFC 7644 §3.12) rather than the framework's own error page, and never a 200.
    authenticationFailed: createErrorResponse(500, "The authentication check failed on the server.", extra),
    // RFC 9110 §9.3.7: OPTIONS advertises the methods; 204 has no body and no Content-Length.
    options: Object.freeze({
      status: 204,
      headers: Object.freeze({ ...COMMON_HEADERS, ...extra, allow: `${ALLOW_METHODS}, OPTIONS` }),
      body: null,
    }),
  };
}

function pick(pair: ResponsePair, method: string): DiscoveryResponse {
  return method === "HEAD" ? pair.head : pair.get;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function readBoolean(options: object, name: string, fallback: boolean): boolean {
  const value = (options as Record<string, unknown>)[name];
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new DiscoveryConfigurationError(`${name} must be a boolean.`);
  return value;
}

/**
 * The handler's decisions over a request given as its parts, for the two entry points: `createDiscoveryHandler`
 * (a request object) and `createTargetHandler` (a raw request target). A request object is built only when a
 * hook needs one (`authenticate`, a `baseUrl` function, `trustHost`): the usual request allocates nothing here.
 */
export interface DiscoveryCore {
  /** Routes a raw path below the base. */
  readonly route: Router;
  /**
   * The raw matched base path as it goes into URLs (see `encodeBasePath`), or `null` when it names no mount;
   * remembered per distinct base path. The `basePath` that `answer` takes.
   */
  readonly mountPath: (basePath: string) => string | null;
  /**
   * Answers a request whose base path `mountPath` made `basePath` (`null`: a SCIM 404), whose mount has the
   * route parameters `params` and whose path after the base routed to `target`; `request`, when the caller
   * has one, goes to the hooks as is (its `basePath` and `params` must be the same).
   */
  answer(
    method: string,
    basePath: string | null,
    params: MountParams,
    path: string,
    query: string,
    headers: HeaderSource,
    protocol: string | undefined,
    target: Route,
    request: DiscoveryRequest | undefined,
  ): DiscoveryResponse | Promise<DiscoveryResponse>;
}

/** Builds a {@link DiscoveryCore}; throws `DiscoveryConfigurationError` for invalid options or documents. */
export function createDiscoveryCore(documents: DiscoveryDocuments, options: DiscoveryHandlerOptions): DiscoveryCore {
  if (typeof options !== "object" || options === null) {
    throw new DiscoveryConfigurationError("options are required: at least one of baseUrl, origin or trustHost: true.");
  }
  const baseUrlSource = createBaseUrlSource(options);
  const caseExact = readBoolean(options, "caseExact", false);
  const listServiceProviderSchemas = readBoolean(options, "listServiceProviderSchemas", true);
  const publicServiceProviderConfig = readBoolean(options, "publicServiceProviderConfig", false);
  const spcFilter = options.serviceProviderConfigFilter ?? "ignore";
  if (spcFilter !== "ignore" && spcFilter !== "reject") {
    throw new DiscoveryConfigurationError(`serviceProviderConfigFilter must be "ignore" or "reject".`);
  }
  const rejectSpcFilter = spcFilter === "reject";
  const authenticate = options.authenticate;
  if (authenticate !== undefined && typeof authenticate !== "function") {
    throw new DiscoveryConfigurationError("authenticate must be a function of the request.");
  }
  const wwwAuthenticate = options.wwwAuthenticate ?? DEFAULT_WWW_AUTHENTICATE;
  // A header value with CR/LF would split the response (and makes Fetch's Headers throw).
  if (typeof wwwAuthenticate !== "string" || wwwAuthenticate.trim() === "" || /[\r\n\u0000]/.test(wwwAuthenticate)) {
    throw new DiscoveryConfigurationError("wwwAuthenticate must be a non-empty header value without line breaks.");
  }
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (!Number.isInteger(cacheSize) || cacheSize < 1) {
    throw new DiscoveryConfigurationError("cacheSize must be a positive integer.");
  }

  const prepared = prepareDocuments(documents, listServiceProviderSchemas);
  verifyLocations(prepared);
  const route = createRouter(prepared, caseExact);
  const responseHeaders = checkResponseHeaders(options.responseHeaders);
  const errors = createErrorResponses(wwwAuthenticate, responseHeaders);
  // Whether anything reads a request object: the hooks, and the Host headers with trustHost.
  const hooksReadRequest = authenticate !== undefined || baseUrlSource.kind === "function" || baseUrlSource.kind === "host";

  // Rendered responses per base URL. Entries are immutable and derived from the key alone, so concurrent
  // requests for different tenants share nothing mutable but the cache's recency order.
  const fixed = baseUrlSource.kind === "fixed" ? renderDocuments(prepared, baseUrlSource.baseUrl, responseHeaders) : null;
  const cache = new LruCache<RenderedDocuments>(cacheSize);
  // With trustHost the representation depends on these request headers (RFC 9110 §12.5.5).
  const varyHeaders: Readonly<Record<string, string>> =
    baseUrlSource.kind === "host"
      ? Object.freeze({ ...responseHeaders, vary: "Host, X-Forwarded-Host, X-Forwarded-Proto" })
      : responseHeaders;

  /** Renders and caches the responses for `baseUrl` under `key`; `null` when the URL is unusable. */
  function render(key: string, baseUrl: string): RenderedDocuments | null {
    if (!isUsableBaseUrl(baseUrl)) {
      if (baseUrlSource.kind === "function") {
        throw new DiscoveryConfigurationError(
          `baseUrl function returned ${JSON.stringify(baseUrl)}; want an absolute http(s) URL without query or fragment.`,
        );
      }
      return null;
    }
    const rendered = renderDocuments(prepared, baseUrl, varyHeaders);
    cache.set(key, rendered);
    return rendered;
  }

  /** The responses for this request's base URL: built on the first request for a base, then reused. */
  function renderedFor(basePath: string, request: DiscoveryRequest | undefined): RenderedDocuments | null {
    switch (baseUrlSource.kind) {
      case "fixed":
        return fixed;
      case "origin":
        // Keyed by the raw basePath: a hit costs one Map lookup, no string building.
        return cache.get(basePath) ?? render(basePath, baseUrlSource.origin + normaliseBasePath(basePath));
      case "function":
      case "host": {
        const baseUrl = baseUrlSource.resolve(request as DiscoveryRequest);
        if (baseUrl === null) return null;
        return cache.get(baseUrl) ?? render(baseUrl, baseUrl);
      }
    }
  }

  /** The error a routed GET/HEAD gets before any base URL is needed, or `null` when it is served. */
  function refusal(query: string, target: Route): ResponsePair | null {
    switch (target.kind) {
      case "unknown":
        return errors.notFound;
      case "serviceProviderConfig":
        // RFC 7644 §4 lets other parameters be ignored; a filter is too, unless the operator rejects it.
        return rejectSpcFilter && hasFilterParameter(query) ? errors.filterForbidden : null;
      case "resourceTypes":
      case "schemas":
        // RFC 7644 §4: a filter on the discovery lists SHOULD get 403, so no client trusts an unapplied condition.
        return hasFilterParameter(query) ? errors.filterForbidden : null;
      case "resourceType":
        return target.slot === -1 ? errors.resourceTypeNotFound : null;
      case "schema":
        return target.slot === -1 ? errors.schemaNotFound : null;
    }
  }

  function serve(
    method: string,
    basePath: string,
    query: string,
    headers: HeaderSource,
    target: Route,
    request: DiscoveryRequest | undefined,
  ): DiscoveryResponse {
    // A served object asked for without a query string (the usual request) cannot be refused: skip the
    // checks. This path runs on every request, with cold caches after each socket write, so it is kept short.
    if (target.slot === -1 || query !== "") {
      const refused = refusal(query, target);
      if (refused !== null) return pick(refused, method);
    }
    const rendered = renderedFor(basePath, request);
    if (rendered === null) return pick(errors.badHost, method);
    const resource = rendered.resources[target.slot] as RenderedResource;
    const ifNoneMatch = getHeader(headers, "if-none-match");
    // RFC 9110 §13.1.2: 304 for GET and HEAD when a listed tag matches (weak comparison) or for "*".
    if (ifNoneMatch !== null && ifNoneMatchMatches(ifNoneMatch, resource.etag)) return resource.notModified;
    return method === "HEAD" ? resource.head : resource.ok;
  }

  // Raw base path → its encoding (or null), with the newest entry checked first: one tenant busy, or the one
  // fixed mount, costs a string comparison.
  const mountPath: (raw: string) => string | null = memoizeNewestFirst(encodeBasePath, MOUNT_MEMO_SIZE);

  const answer: DiscoveryCore["answer"] = (method, basePath, params, path, query, headers, protocol, target, given) => {
    // Step 0 above: not a mount, so nothing under it either (HEAD gets the same answer without a body).
    if (basePath === null) return pick(errors.notFound, method);
    if (method !== "GET" && method !== "HEAD" && target.kind !== "unknown") {
      // Step 2 above: decided from method and path only, before authentication, body never read.
      return method === "OPTIONS" ? errors.options : errors.methodNotAllowed.get;
    }
    const request =
      given ??
      (hooksReadRequest ? { method, basePath, params, path, query, headers, ...(protocol === undefined ? {} : { protocol }) } : undefined);
    if (authenticate === undefined || (publicServiceProviderConfig && target.kind === "serviceProviderConfig")) {
      return serve(method, basePath, query, headers, target, request);
    }
    let verdict: unknown;
    try {
      verdict = authenticate(request as DiscoveryRequest);
    } catch {
      return pick(errors.authenticationFailed, method);
    }
    if (verdict === true) return serve(method, basePath, query, headers, target, request);
    if (isThenable(verdict)) {
      return Promise.resolve(verdict).then(
        (settled) => (settled === true ? serve(method, basePath, query, headers, target, request) : pick(errors.unauthorized, method)),
        () => pick(errors.authenticationFailed, method),
      );
    }
    // Fails closed: anything but `true` (false, undefined from a JS caller) is unauthenticated.
    return pick(errors.unauthorized, method);
  };

  return { route, mountPath, answer };
}

/**
 * Creates the framework-neutral handler of the RFC 7644 §4 discovery endpoints for the generated documents.
 * Throws `DiscoveryConfigurationError` for invalid options or documents (a programming error, at creation).
 */
export function createDiscoveryHandler(documents: DiscoveryDocuments, options: DiscoveryHandlerOptions): DiscoveryHandler {
  const core = createDiscoveryCore(documents, options);
  return function handleDiscoveryRequest(request: DiscoveryHandlerRequest): DiscoveryResponse | Promise<DiscoveryResponse> {
    const { method, basePath, path, query, headers, protocol } = request;
    const params = request.params ?? NO_PARAMS;
    const mount = core.mountPath(basePath);
    // The hooks see the base path as it goes into URLs and always a `params`: a copy of the request only when
    // encoding changed the one or the caller left out the other (the adapters pass both as they must be).
    const given =
      (mount === basePath || mount === null) && request.params !== undefined
        ? (request as DiscoveryRequest)
        : { ...request, basePath: mount ?? basePath, params };
    return core.answer(method, mount, params, path, query, headers, protocol, core.route(path), given);
  };
}

// Headers the runtime decides itself; an operator's value for one of them would contradict the body.
const reservedHeaders = new Set(["content-type", "content-length", "etag", "allow", "www-authenticate", "vary"]);

/** Validates the `responseHeaders` option once, at creation: lower-case names, string values, none reserved. */
function checkResponseHeaders(headers: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  if (headers === undefined) return Object.freeze({});
  if (typeof headers !== "object" || headers === null) {
    throw new DiscoveryConfigurationError("responseHeaders must be an object of header names to values.");
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new DiscoveryConfigurationError(`responseHeaders: "${name}" must be a lower-case header name (RFC 9110 §5.1).`);
    }
    if (reservedHeaders.has(name)) {
      throw new DiscoveryConfigurationError(`responseHeaders: "${name}" is set by the runtime itself.`);
    }
    if (typeof value !== "string" || /[\r\n\0]/.test(value)) {
      throw new DiscoveryConfigurationError(`responseHeaders: the value of "${name}" must be a string without line breaks.`);
    }
  }
  return Object.freeze({ ...headers });
}
