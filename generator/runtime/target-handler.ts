// The entry point of the adapters that see the raw request target (node:http, Koa, Fastify, Hono, the Fetch
// front): split the target, match the mount (by `basePath`, or by the adapter's own matcher where the
// framework has routed the mount), encode the mount path (RFC 3986 §3.3), route, answer. Splitting, mounting,
// encoding and routing are pure functions of the target, so they are done once per distinct target and
// remembered: the usual request (a path asked for before, no query) costs one Map lookup before the answer
// and allocates nothing here.
// That matters more than it looks: each response's socket write leaves the caches cold, so every object a
// request allocates and every step it takes costs several times what a microbenchmark says.

import { createBasePathMatcher, createMountParamsReader, NO_PARAMS, type BasePathMatcher, type MountParamsReader } from "./base-path.js";
import { createDiscoveryCore } from "./discovery-handler.js";
import type { Route } from "./route.js";
import { memoizeNewestFirst } from "./lru-cache.js";
import type { DiscoveryDocuments, DiscoveryResponse, FetchHandlerOptions, HeaderSource, MountParams } from "./types.js";

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

/**
 * Answers one request from its method, raw target (`/scim/v2/Schemas?x=1`, or absolute as in a Fetch
 * `Request.url`), headers and the scheme it arrived on (when not given: the absolute target's). `null` when
 * the path is outside the mount (`basePath`): the adapter passes the request on, or answers a SCIM 404.
 * Returns a Promise only when `authenticate` does; throws only what a hook throws.
 */
export type TargetHandler = (
  method: string,
  target: string,
  headers: HeaderSource,
  protocol?: string,
) => DiscoveryResponse | Promise<DiscoveryResponse> | null;

/** Where a target below the mount leads: a pure function of the target, shared by every request for it. */
interface Plan {
  /** The matched base path as it goes into URLs, or `null` when it names no mount (`DiscoveryCore.mountPath`). */
  readonly basePath: string | null;
  /** The mount's route parameters, decoded (shared by every target under the same mount path). */
  readonly params: MountParams;
  readonly path: string;
  readonly route: Route;
  readonly protocol: string | undefined;
}

/** Remembered targets. A bound, not a tuning knob: past it the memo starts afresh (see below). */
const PLAN_MEMO_SIZE = 1024;

/**
 * Creates a {@link TargetHandler} serving the discovery endpoints under `basePath` (literal,
 * `/orgs/:org/scim/v2`, or RegExp), or under the mount `mountMatcher` finds when given (for a framework that
 * has already matched the mount its own way, such as a Fastify prefix); the hooks get the mount's route
 * parameters as `request.params`, read by `mountParams` when given (`createMountParamsReader` of the
 * framework's pattern), else from `basePath`. Options as for `createDiscoveryHandler`; throws
 * `DiscoveryConfigurationError` at creation.
 */
export function createTargetHandler<BasePath extends string | RegExp = string | RegExp>(
  documents: DiscoveryDocuments,
  options: FetchHandlerOptions<BasePath>,
  mountMatcher?: BasePathMatcher,
  mountParams?: MountParamsReader,
): TargetHandler {
  // The options are checked first, so that invalid ones get the runtime's own error.
  const core = createDiscoveryCore(documents, options);
  const matchBasePath = mountMatcher ?? createBasePathMatcher(options.basePath ?? "");
  const readParams = mountParams ?? createMountParamsReader(options.basePath ?? "");
  // Params by raw mount path, the newest checked first (as `mountPath` does): every plan of one tenant
  // shares one frozen object, and a target with a query string (no plan remembered) costs a comparison.
  const paramsOf: (raw: string) => MountParams | null = memoizeNewestFirst(readParams, PLAN_MEMO_SIZE);
  // Plans of targets without query or fragment, by target. Bounded by emptying it when full: a tenant mount
  // has one target per tenant and endpoint, and a scanner's random paths must not grow it; a forgotten plan
  // costs only its recomputation.
  const plans = new Map<string, Plan>();

  function answer(
    method: string,
    plan: Plan,
    query: string,
    headers: HeaderSource,
    protocol: string | undefined,
  ): DiscoveryResponse | Promise<DiscoveryResponse> {
    return core.answer(method, plan.basePath, plan.params, plan.path, query, headers, protocol ?? plan.protocol, plan.route, undefined);
  }

  return function handleTarget(method, target, headers, protocol) {
    const known = plans.get(target);
    if (known !== undefined) return answer(method, known, "", headers, protocol);
    const split = splitRequestUrl(target);
    const basePath = matchBasePath(split.pathname);
    if (basePath === null) return null;
    const path = split.pathname.slice(basePath.length);
    const mount = core.mountPath(basePath);
    // A mount whose parameters do not decode is no mount (encodeBasePath refuses it first: the same rule).
    const params = mount === null ? null : paramsOf(basePath);
    const plan: Plan = {
      basePath: params === null ? null : mount,
      params: params ?? NO_PARAMS,
      path,
      route: core.route(path),
      protocol: split.protocol,
    };
    if (!target.includes("?") && !target.includes("#")) {
      if (plans.size >= PLAN_MEMO_SIZE) plans.clear();
      plans.set(target, plan);
    }
    return answer(method, plan, split.query, headers, protocol);
  };
}
