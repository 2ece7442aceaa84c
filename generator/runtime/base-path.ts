// Mount-prefix matching for adapters that see the whole request path (Fetch-style servers, Next.js,
// node:http): literal prefixes, parameter segments for tenant mounts, or a RegExp.

import { DiscoveryConfigurationError } from "./configuration-error.js";
import type { MountParams } from "./types.js";

/** Returns the matched mount prefix at the start of a raw pathname, or `null` when the path is outside it. */
export type BasePathMatcher = (pathname: string) => string | null;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isParameter(segment: string): boolean {
  return /^:[A-Za-z_][A-Za-z0-9_]*$/.test(segment) || /^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(segment);
}

/**
 * The name of a parameter segment: `:org` and `{org}` (this runtime's and Fastify's and Hono's syntax), also
 * followed by a framework's constraint (`:org(^\\d+)` in Fastify, `:org{[a-z]+}` in Hono); `null` for a
 * literal segment.
 */
function parameterName(segment: string): string | null {
  const match = /^:([A-Za-z_][A-Za-z0-9_]*)(?:$|[({])/.exec(segment) ?? /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment);
  return match === null ? null : (match[1] as string);
}

/** A copy of a user's RegExp without the g/y flags: their lastIndex would be state shared between requests. */
function statelessCopy(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
}

function fromRegExp(pattern: RegExp): BasePathMatcher {
  const regExp = statelessCopy(pattern);
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

// pchar of RFC 3986 §3.3 without pct-encoded: unreserved / sub-delims / ":" / "@". Every other character,
// `%` aside, is percent-encoded in a URI path.
const PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
// A base path of pchar and "/" only, with no dot segment: the usual one (`/scim/v2`, `/orgs/acme/scim/v2`),
// already a valid URI path with nothing to decode, returned as it is.
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** One segment as a valid RFC 3986 path segment, or `null` when it is no segment a mount may hold. */
function encodeSegment(segment: string): string | null {
  let encoded = "";
  for (let i = 0; i < segment.length; ) {
    const code = segment.charCodeAt(i);
    if (code === 0x25 /* % */) {
      // RFC 3986 §2.1: "%" only ever starts a pct-encoded triplet; kept as sent (hex case included).
      if (!isHexDigit(segment.charCodeAt(i + 1)) || !isHexDigit(segment.charCodeAt(i + 2))) return null;
      encoded += segment.slice(i, i + 3);
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(segment.codePointAt(i) as number);
    if (PCHAR.test(char)) {
      encoded += char;
    } else {
      // RFC 3986 §2.5: a character outside the grammar is percent-encoded as its UTF-8 octets. A lone
      // surrogate has none: encodeURIComponent throws, and the segment is malformed.
      try {
        encoded += encodeURIComponent(char);
      } catch {
        return null;
      }
    }
    i += char.length;
  }
  let decoded: string;
  try {
    // The octets must be UTF-8 (RFC 3629), as the router requires of ids: `%C0%AE` (an overlong ".") is
    // malformed, never a dot in disguise.
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  // RFC 3986 §3.3 / §5.2.4: "." and ".." (raw or encoded, `%2e`) are dot segments; a URL holding one
  // resolves to another path, so such a segment names no tenant.
  return decoded === "." || decoded === ".." ? null : encoded;
}

/**
 * A matched mount path (`/orgs/acme/scim/v2`, raw) as it goes into `meta.location`: a valid RFC 3986 path
 * that routes back to the same mount. Each segment keeps its spelling, except that every character outside
 * pchar (RFC 3986 §3.3: `"`, `<`, `>`, `` ` ``, `{`, `}`, `|`, `^`, `\`, space, non-ASCII…) is percent-encoded
 * as its UTF-8 octets. `null` when a segment is not one a mount may hold: a dot segment (`.`, `..`, `%2e`,
 * `.%2E`…), a `%` not followed by two hex digits, or octets that are not UTF-8. The result is its own
 * encoding (encoding it again changes nothing), so a client fetching a location gets that same location.
 */
export function encodeBasePath(basePath: string): string | null {
  if (PLAIN_PATH.test(basePath) && !DOT_SEGMENT.test(basePath)) return basePath;
  const segments = basePath.split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    // The empty segments: before a leading "/", after a trailing one (or the whole of `""`).
    if (segment === "") continue;
    const encoded = encodeSegment(segment);
    if (encoded === null) return null;
    segments[i] = encoded;
  }
  return segments.join("/");
}

/** The params of a mount without parameters: one shared frozen object, so that such a mount allocates none. */
export const NO_PARAMS: MountParams = Object.freeze({});

/**
 * Reads the route parameters of a matched mount path (raw, as a {@link BasePathMatcher} returns it), by
 * name, each percent-decoded once; `null` when a parameter does not decode (the mount is refused first:
 * see {@link encodeBasePath}).
 */
export type MountParamsReader = (mountPath: string) => MountParams | null;

/** Percent-decodes one raw parameter value (RFC 3986 §2.1, UTF-8 octets); `null` when it does not decode. */
function decodeParameter(raw: string): string | null {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Compiles the parameter reader of a mount pattern: the one `createBasePathMatcher` takes, or the pattern a
 * framework matched the mount with (a Fastify prefix, a Hono route path). A string pattern names its
 * parameter segments (`/orgs/:org/scim/v2`: `{ org }`), each matching exactly one segment of the mount path;
 * a RegExp names them with named groups (`/^\/orgs\/(?<org>[^/]+)/`). Values are percent-decoded once:
 * `a%2Fb` gives `"a/b"`, `%C3%A9` gives `"é"`; a value with malformed percent-encoding or octets that are not
 * UTF-8 gives `null` (such a mount is no tenant: `encodeBasePath` refuses it, and the hooks never run).
 * The result is frozen, one object per distinct mount path (callers remember it).
 */
export function createMountParamsReader(pattern: string | RegExp): MountParamsReader {
  if (pattern instanceof RegExp) {
    const regExp = statelessCopy(pattern);
    return (mountPath) => {
      const groups = regExp.exec(mountPath)?.groups;
      if (groups === undefined) return NO_PARAMS;
      const params: Record<string, string> = {};
      for (const name of Object.keys(groups)) {
        const raw = groups[name];
        if (raw === undefined) continue;
        const value = decodeParameter(raw);
        if (value === null) return null;
        params[name] = value;
      }
      return Object.freeze(params);
    };
  }
  // Segment i of the pattern is segment i of the mount path (each parameter matches exactly one segment).
  const names = pattern
    .split("/")
    .filter((segment) => segment !== "")
    .map(parameterName);
  if (names.every((name) => name === null)) return () => NO_PARAMS;
  return (mountPath) => {
    const segments = mountPath.split("/").filter((segment) => segment !== "");
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const raw = segments[i];
      if (name === null || name === undefined || raw === undefined) continue;
      const value = decodeParameter(raw);
      if (value === null) return null;
      params[name] = value;
    }
    return Object.freeze(params);
  };
}
