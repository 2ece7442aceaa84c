// Where the absolute `meta.location` URLs come from (RFC 7643 §3.1: "the URI of the resource being
// returned"). Taken from configuration; from Host / X-Forwarded-* only when the operator opted in with
// `trustHost`, because otherwise anyone could make the service advertise URLs of their choosing.

import { DiscoveryConfigurationError } from "./configuration-error.js";
import { getHeader, lastListElement } from "./headers.js";
import type { BaseUrlOptions, DiscoveryRequest } from "./types.js";

/**
 * How a handler finds the base URL: a fixed string; a fixed origin plus the request's basePath; the
 * operator's function of the request (a bad result is a programming error); or the Host headers, where
 * `null` or an unusable URL is the client's fault.
 */
export type BaseUrlSource =
  | { readonly kind: "fixed"; readonly baseUrl: string }
  | { readonly kind: "origin"; readonly origin: string }
  | { readonly kind: "function"; readonly resolve: (request: DiscoveryRequest) => string }
  | { readonly kind: "host"; readonly resolve: (request: DiscoveryRequest) => string | null };

// A DNS name or IPv4 address (letters, digits, dots, hyphens), or an IPv6 literal in brackets, then an
// optional port. Anything else (spaces, quotes, slashes, `@`, control characters) is refused.
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** Whether a Host / X-Forwarded-Host value is safe to put in a URL: `[A-Za-z0-9.-]+(:port)?` or `[IPv6](:port)?`. */
export function isSafeHost(host: string): boolean {
  return host.length <= 261 && SAFE_HOST.test(host);
}

/** Strips one trailing `/` so that `base + "/Schemas"` never doubles the slash. */
export function trimTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

/** Normalises a mount prefix: `""` stays, otherwise it starts with `/` and does not end with one. */
export function normaliseBasePath(basePath: string): string {
  const trimmed = trimTrailingSlash(basePath);
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/** Whether `url` is an absolute http(s) URL usable as a SCIM base: no query, fragment, whitespace or control characters. */
export function isUsableBaseUrl(url: string): boolean {
  // Cheap test (no URL parsing) so it can run on every cache miss of a per-request base.
  return /^https?:\/\/[^\s/?#\\@]+(?:\/[^\s?#\\]*)?$/i.test(url) && !/[\u0000-\u001f\u007f]/.test(url);
}

function parseOrigin(origin: string): string {
  const trimmed = trimTrailingSlash(origin);
  const match = /^(https?):\/\/([^/?#]+)$/i.exec(trimmed);
  if (match === null || !isSafeHost(match[2] as string)) {
    throw new DiscoveryConfigurationError(
      `origin ${JSON.stringify(origin)} is not an http(s) origin; want scheme and host only, like "https://api.example.com".`,
    );
  }
  return trimmed;
}

/**
 * Reads the base URL options. Exactly one of `baseUrl`, `origin` and `trustHost: true` must be set; any other
 * combination is a programming error and throws `DiscoveryConfigurationError` at creation time.
 */
export function createBaseUrlSource(options: BaseUrlOptions): BaseUrlSource {
  const { baseUrl, origin, trustHost } = options as {
    readonly baseUrl?: unknown;
    readonly origin?: unknown;
    readonly trustHost?: unknown;
  };
  const given = [
    baseUrl !== undefined ? "baseUrl" : null,
    origin !== undefined ? "origin" : null,
    trustHost !== undefined && trustHost !== false ? "trustHost" : null,
  ].filter((name): name is string => name !== null);
  if (given.length !== 1) {
    throw new DiscoveryConfigurationError(
      given.length === 0
        ? "No base URL configured: set exactly one of baseUrl (a URL or a function of the request), origin, or trustHost: true (RFC 7643 §3.1 meta.location must be absolute)."
        : `Conflicting base URL options ${given.join(" and ")}: set exactly one of baseUrl, origin, trustHost.`,
    );
  }

  if (typeof baseUrl === "string") {
    const fixed = trimTrailingSlash(baseUrl);
    if (!isUsableBaseUrl(fixed)) {
      throw new DiscoveryConfigurationError(
        `baseUrl ${JSON.stringify(baseUrl)} is not an absolute http(s) URL without query or fragment; want e.g. "https://api.example.com/scim/v2".`,
      );
    }
    return { kind: "fixed", baseUrl: fixed };
  }
  if (typeof baseUrl === "function") {
    const compute = baseUrl as (request: DiscoveryRequest) => unknown;
    return {
      kind: "function",
      resolve: (request) => {
        const value = compute(request);
        if (typeof value !== "string") {
          throw new DiscoveryConfigurationError(`baseUrl function returned ${typeof value}; want a string URL.`);
        }
        return trimTrailingSlash(value);
      },
    };
  }
  if (baseUrl !== undefined) {
    throw new DiscoveryConfigurationError("baseUrl must be a string or a function of the request.");
  }

  if (origin !== undefined) {
    if (typeof origin !== "string") throw new DiscoveryConfigurationError("origin must be a string.");
    return { kind: "origin", origin: parseOrigin(origin) };
  }

  if (trustHost !== true) throw new DiscoveryConfigurationError("trustHost must be true when set.");
  return { kind: "host", resolve: baseUrlFromHostHeaders };
}

/**
 * The base URL from the request's own headers (`trustHost`). The last X-Forwarded-Host / X-Forwarded-Proto
 * element is the one the nearest (trusted) proxy appended. An unsafe forwarded host is ignored in favour of
 * Host; an unsafe or missing Host gives `null` (answered with 400). Hosts are case-insensitive
 * (RFC 3986 §3.2.2), so they are lower-cased: one cache entry per host.
 */
export function baseUrlFromHostHeaders(request: DiscoveryRequest): string | null {
  const headers = request.headers;
  let host = lastListElement(getHeader(headers, "x-forwarded-host"));
  if (host === null || !isSafeHost(host)) {
    host = getHeader(headers, "host");
    if (host !== null) host = host.trim();
    if (host === null || !isSafeHost(host)) return null;
  }
  const forwardedProto = lastListElement(getHeader(headers, "x-forwarded-proto"))?.toLowerCase();
  const protocol =
    forwardedProto === "http" || forwardedProto === "https"
      ? forwardedProto
      : request.protocol === "http"
        ? "http"
        : "https";
  return `${protocol}://${host.toLowerCase()}${normaliseBasePath(request.basePath)}`;
}
