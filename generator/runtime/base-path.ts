// Mount-prefix matching for adapters that see the whole request path (Fetch-style servers, Next.js,
// node:http): literal prefixes, parameter segments for tenant mounts, or a RegExp.

import { DiscoveryConfigurationError } from "./configuration-error.js";

/** Returns the matched mount prefix at the start of a raw pathname, or `null` when the path is outside it. */
export type BasePathMatcher = (pathname: string) => string | null;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isParameter(segment: string): boolean {
  return /^:[A-Za-z_][A-Za-z0-9_]*$/.test(segment) || /^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(segment);
}

function fromRegExp(pattern: RegExp): BasePathMatcher {
  // A copy without the g/y flags: their lastIndex would be state shared between requests.
  const regExp = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  return (pathname) => {
    const match = regExp.exec(pathname);
    if (match === null || match.index !== 0) return null;
    const prefix = match[0].endsWith("/") ? match[0].slice(0, -1) : match[0];
    const next = pathname.charCodeAt(prefix.length);
    // The prefix must end at a segment boundary: "/scim/v2" does not mount "/scim/v2x".
    return prefix.length === pathname.length || next === 0x2f ? prefix : null;
  };
}

/**
 * Compiles a mount prefix: a literal path (`/scim/v2`), a pattern with parameter segments
 * (`/orgs/:org/scim/v2` or `/orgs/{org}/scim/v2`, each matching one non-empty segment), or a RegExp
 * matched at the start of the path. Matching is case-sensitive, like the frameworks' own routing.
 */
export function createBasePathMatcher(basePath: string | RegExp): BasePathMatcher {
  if (basePath instanceof RegExp) return fromRegExp(basePath);
  if (typeof basePath !== "string") {
    throw new DiscoveryConfigurationError("basePath must be a string or a RegExp.");
  }
  let normalised = basePath.endsWith("/") ? basePath.slice(0, -1) : basePath;
  if (normalised !== "" && !normalised.startsWith("/")) normalised = `/${normalised}`;
  if (/[?#\s]/.test(normalised)) {
    throw new DiscoveryConfigurationError(`basePath ${JSON.stringify(basePath)} must be a path, like "/scim/v2".`);
  }
  const segments = normalised.split("/").slice(1);
  if (segments.some((segment) => segment === "")) {
    throw new DiscoveryConfigurationError(`basePath ${JSON.stringify(basePath)} has an empty segment.`);
  }
  if (!segments.some(isParameter)) {
    const prefix = normalised;
    return (pathname) =>
      pathname.startsWith(prefix) && (pathname.length === prefix.length || pathname.charCodeAt(prefix.length) === 0x2f)
        ? prefix
        : null;
  }
  const source = segments.map((segment) => (isParameter(segment) ? "/[^/]+" : `/${escapeRegExp(segment)}`)).join("");
  return fromRegExp(new RegExp(`^${source}(?=/|$)`));
}

/**
 * The first `count` segments of a raw path (`/orgs/acme/scim/v2` of `/orgs/acme/scim/v2/Schemas` for 4), or
 * the whole path when it has fewer: the mount path of a request, for frameworks that report the matched
 * mount as a pattern (`/orgs/:org/scim/v2`) rather than as the path the request used.
 */
export function leadingPathSegments(pathname: string, count: number): string {
  let end = 0;
  for (let i = 0; i < count; i++) {
    end = pathname.indexOf("/", end + 1);
    if (end === -1) return pathname;
  }
  return pathname.slice(0, end);
}
