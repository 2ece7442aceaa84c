// The adapters' fuzz: seeded random requests below a mount, what every answer must be, and the check that
// each 200's `meta.location`s are valid RFC 3986 URIs that the same server serves. Shared by fuzz.test.ts
// (every adapter, Next.js through the bridge in servers.ts) and next-build.test.ts (a real `next start`).
//
// What is sent: random methods (the usual ones, every other method Node parses, WebDAV's included), paths
// below the mount (percent-encodings valid and not, dot segments, backslashes, doubled slashes, very long),
// query strings, headers (odd Host values: userinfo, a path, bad IPv6) and bodies (`test` as text/plain
// included); at the tenant mount, random tenants too (dot segments raw and encoded, malformed
// percent-encoding, over 100 characters, characters a URI path may not hold raw, a backslash). Whatever
// arrives below the mount: never a 5xx, always `Content-Type: application/scim+json` exactly, and every
// answer but 200/204/304 a SCIM Error whose `status` is the HTTP status as a string (RFC 7644 §3.12).
//
// Where a framework answers before any application code can, and nothing it offers changes that, the
// exception is stated here and in that adapter's README: Next.js redirects a path with `\` or `//` (308),
// and it and @hono/node-server remove dot segments before routing, so such a request may leave the mount.
// And one the README chooses: its proxy matcher takes only paths holding a `%` (a proxy on every request
// costs Next.js about 40 % of its throughput), so a method outside Next.js's seven on any other path gets
// Next.js's bodiless 400.

import { METHODS } from "node:http";
import { encodeBasePath } from "@scim-discovery/core/runtime";
import type { AdapterFramework } from "../../scripts/serve.js";
import { jsonOf, mounts, nextRouteMethods, send, testToken, type RawResponse } from "./servers.js";

/** Numbers in [0, 1) from a seeded generator (scripts/seeded-random.ts). */
export type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const segments = [
  "ServiceProviderConfig", "serviceproviderconfig", "SERVICEPROVIDERCONFIG", "ResourceTypes", "resourcetypes", "Schemas", "schemas",
  "User", "user", "Group", "Nope", userUrn, userUrn.toLowerCase(), encodeURIComponent(userUrn),
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:api:messages:2.0:Error",
  "Users", "Groups", "Bulk", "Me", ".search", ".", "..", "", "%", "%zz", "%E2%82%AC", "%00", "%2F", "%2e%2e", "%C0%AF",
  "a%20b", "%3A", ":", "~", "!$&'()*+,;=", "@", "%25", "%%", "%u0041", "%FF", "\u00e9".replace(/./, encodeURIComponent),
  "Sche\\mas", "\\", "\\..\\", '"<>`{|}^', "[x]",
];
const queries = [
  "", "?", "?filter=name%20eq%20%22User%22", "?filter=", "?FILTER=x", "?attributes=name", "?excludedAttributes=id", "?count=-1",
  "?startIndex=abc", "?sortBy=name&sortOrder=descending", "?%zz=1", "?a=%", "?&&&", "?filter=%zz", "?x=" + "y".repeat(2000), "?a=\\b",
];
const usualMethods = ["GET", "GET", "GET", "GET", "HEAD", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/**
 * Every other method Node's parser accepts, WebDAV's included (PROPFIND, LOCK, SEARCH, PURGE, REPORT, ACL,
 * BIND, LINK, SOURCE…). Not CONNECT: Node hands it to the server's `connect` event, never to a request
 * listener, so no adapter can see it.
 */
export const oddMethods: readonly string[] = METHODS.filter((method) => method !== "CONNECT" && !usualMethods.includes(method));
const contentTypes = ["text/plain", "application/json", "application/scim+json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "%%garbage", "application/json; charset=latin1"];
const accepts = ["application/json", "application/scim+json", "*/*", "text/html", "application/xml", "application/scim+json;q=0.1, */*;q=0", ";;;"];
const bodies = ["test", '{"schemas":[]}', "{", "\u0000\u0001\u0002", "x".repeat(100_000), '[{"op":"add"}]'];
// Host values a URL cannot be built from: userinfo, a path, a malformed IPv6 literal, a bad port.
const oddHosts = ["user@127.0.0.1", "user:pw@evil.example", "127.0.0.1/x", "127.0.0.1/../x", "[::zz]", "[::1", "::1", "127.0.0.1:99999", "a b", "a\\b", '"q"'];

const usualTenants = ["fuzz-org", "acme-7", "Org_1", "t.1", "a~b", "a%20b", "%41cme", "a%2Fb", "%C3%A9t%C3%A9", "a:b@c", "!$&'()*+,;="];
const dotTenants = [".", "..", "%2e", "%2E", "%2e%2e", "%2E%2e", ".%2e", "%2e."];
const malformedTenants = ["a%zz", "%", "a%", "%f", "%ff", "%C0%AE%C0%AE", "%C0%AE", "%E2%82", "%ED%A0%80", "%zz%2e"];
// Characters a URI path may not hold raw but Node's parser lets through (space, tab and non-ASCII it refuses).
const rawTenants = ['a"b', "<t>", "`t`", "{t}", "a|b", "a^b", "[t]", "a\\b", "\\", '"<>`{|}^\\'];

/** One fuzzed request. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  /** The raw mount path the request is sent under (the tenant filled in at the tenant mount). */
  readonly base: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What kind of tenant a request names, at the tenant mount ("usual" at the plain one). */
export type TenantKind = "usual" | "dot" | "malformed" | "long" | "raw";

function randomTenant(random: Random): { readonly tenant: string; readonly kind: TenantKind } {
  const roll = random();
  if (roll < 0.5) return { tenant: pick(random, usualTenants), kind: "usual" };
  if (roll < 0.6) return { tenant: pick(random, dotTenants), kind: "dot" };
  if (roll < 0.72) return { tenant: pick(random, malformedTenants), kind: "malformed" };
  // Over Fastify's default maxParamLength (100), up to thousands of characters.
  if (roll < 0.82) return { tenant: "t".repeat(101 + Math.floor(random() * 3000)), kind: "long" };
  return { tenant: pick(random, rawTenants), kind: "raw" };
}

// Paths that serve a document (in any spelling the runtime accepts), so that a good share of the requests get
// a 200 whose meta.locations are checked.
const servedPaths = [
  "/ServiceProviderConfig", "/ResourceTypes", "/Schemas", "/ResourceTypes/User", "/ResourceTypes/group", "/schemas/",
  `/Schemas/${userUrn}`, `/Schemas/${encodeURIComponent(userUrn)}`, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:Schema",
];

function randomRest(random: Random): string {
  if (chance(random, 0.4)) return pick(random, servedPaths);
  let rest = "";
  const depth = Math.floor(random() * 4);
  for (let i = 0; i < depth; i++) rest += `/${pick(random, segments)}`;
  if (chance(random, 0.1)) rest += "/";
  if (chance(random, 0.05)) rest = `/${rest}`;
  if (chance(random, 0.03)) rest += `/${"a".repeat(4000)}`;
  return rest;
}

/** A random request below the plain mount (`/scim/v2`) or the tenant mount (a random tenant). */
export function randomRequest(random: Random, mount: keyof typeof mounts, methods: readonly string[] = [...usualMethods, ...oddMethods]): FuzzRequest {
  // Mostly the usual methods; one request in six an odd one.
  const method = chance(random, 1 / 6) ? pick(random, methods.filter((m) => !usualMethods.includes(m))) : pick(random, usualMethods);
  const base = mount === "plain" ? mounts.plain : mounts.tenant.replace(":org", randomTenant(random).tenant);
  const headers: Record<string, string> = {};
  const auth = random();
  headers["authorization"] = auth < 0.8 ? `Bearer ${testToken}` : pick(random, ["Bearer wrong", "Bearer", "Basic dXNlcjpwYXNz", ""]);
  if (chance(random, 0.6)) headers["accept"] = pick(random, accepts);
  if (chance(random, 0.2)) headers["accept-charset"] = pick(random, ["utf-8", "iso-8859-1", "*", "x"]);
  if (chance(random, 0.2)) headers["if-none-match"] = pick(random, ['"abc"', "*", 'W/"x"', "garbage", '"', ""]);
  if (chance(random, 0.15)) headers["x-forwarded-host"] = "evil.example";
  if (chance(random, 0.1)) headers["x-forwarded-proto"] = pick(random, ["https", "gopher"]);
  if (chance(random, 0.1)) headers["host"] = pick(random, oddHosts);
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD" && chance(random, 0.7)) {
    body = chance(random, 0.5) ? "test" : pick(random, bodies);
    headers["content-type"] = body === "test" && chance(random, 0.6) ? "text/plain" : pick(random, contentTypes);
  }
  return { method, base, path: base + randomRest(random) + pick(random, queries), headers, ...(body === undefined ? {} : { body }) };
}

/** Frameworks whose server removes dot segments (RFC 3986 §5.2.4) from the path before any route sees it. */
const normalisingFrameworks: ReadonlySet<AdapterFramework> = new Set(["hono", "next"]);
function rawPathOf(path: string): string {
  return path.split("?")[0] as string;
}

/** The mount a path is below, by the mount's pattern (a tenant is one segment), or null. */
function isBelowMount(pathname: string, mount: keyof typeof mounts): boolean {
  const pattern = mount === "plain" ? /^\/scim\/v2(?:\/|$)/ : /^\/api\/0\/organizations\/[^/]+\/scim\/v2(?:\/|$)/;
  return pattern.test(pathname);
}

/**
 * How a request is judged: `scim` (the adapter's answer: SCIM rules), `redirect` (Next.js's 308 for `\` or
 * `//`, before any application code), `next-method` (a method outside Next.js's seven on a path without a
 * `%`: the README's proxy matcher leaves it to Next.js, which answers a bodiless 400), or `outside` (the
 * framework's server removed dot segments and the path left the mount: no adapter answers it, so nothing is
 * asserted).
 */
export function expectationOf(framework: AdapterFramework, mount: keyof typeof mounts, request: FuzzRequest): "scim" | "redirect" | "next-method" | "outside" {
  const rawPath = rawPathOf(request.path);
  if (framework === "next" && /\\|\/\//.test(rawPath)) return "redirect";
  if (normalisingFrameworks.has(framework)) {
    // As WHATWG URL parsing does: `\` is `/` in http(s) URLs, `%2e` a dot.
    const normalised = new URL(rawPath.replace(/%2e/gi, ".").replace(/\\/g, "/"), "http://x").pathname;
    if (!isBelowMount(normalised, mount)) return "outside";
  }
  if (framework === "next" && !nextRouteMethods.has(request.method) && !rawPath.includes("%")) return "next-method";
  return "scim";
}

/** Why a response breaks the rules for its request, or undefined when it keeps them. */
export function violation(framework: AdapterFramework, mount: keyof typeof mounts, request: FuzzRequest, response: RawResponse): string | undefined {
  const expectation = expectationOf(framework, mount, request);
  const { status, headers } = response;
  if (expectation === "outside") return undefined;
  if (expectation === "redirect") {
    // To the path with "/" for "\" and "//" (and then parsed: dot segments resolved, some characters encoded).
    return status === 308 && headers["location"] !== undefined ? undefined : `want Next.js's 308, got ${status}`;
  }
  if (expectation === "next-method") return status === 400 && response.body.byteLength === 0 ? undefined : `want Next.js's bodiless 400, got ${status}`;
  if (status >= 500) return `status ${status}`;
  // 204 and 304 carry no content; Koa strips their Content-Type (RFC 9110 §15.4.5 lets a 304 omit it).
  const bodiless = status === 204 || status === 304;
  if (headers["content-type"] !== "application/scim+json" && !(bodiless && headers["content-type"] === undefined)) {
    return `content-type ${String(headers["content-type"])}`;
  }
  if (JSON.stringify(headers).includes("evil.example") || response.body.includes("evil.example")) return "reflected X-Forwarded-Host";
  if (request.method === "HEAD" || bodiless) {
    return response.body.byteLength === 0 ? undefined : `body on ${request.method} ${status}`;
  }
  const body = jsonOf(response);
  if (status === 200) return body === undefined ? "200 without a JSON body" : undefined;
  if (typeof body !== "object" || body === null) return "error without a JSON body";
  const keys = Object.keys(body).sort();
  const error = body as { schemas?: unknown; status?: unknown };
  if (JSON.stringify(error.schemas) !== '["urn:ietf:params:scim:api:messages:2.0:Error"]') return "error without the Error schema";
  if (error.status !== String(status)) return `error status ${JSON.stringify(error.status)} on HTTP ${status}`;
  if (!keys.every((key) => ["detail", "schemas", "scimType", "status"].includes(key))) return `error keys ${keys.join(",")}`;
  if (status === 405 && headers["allow"] === undefined) return "405 without Allow";
  if (status === 401 && headers["www-authenticate"] === undefined) return "401 without WWW-Authenticate";
  return undefined;
}

// RFC 3986 §3.3 path-abempty of pchar (unreserved / pct-encoded / sub-delims / ":" / "@") segments.
const URI_PATH = /^(?:\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*$/;

/** The `meta.location`s of a 200 body: its own and its `Resources`'. */
export function locationsOf(body: unknown): string[] {
  const documents = [body, ...(((body as { Resources?: unknown })?.Resources as unknown[] | undefined) ?? [])];
  return documents.flatMap((document) => {
    const location = (document as { meta?: { location?: unknown } } | null)?.meta?.location;
    return typeof location === "string" ? [location] : [];
  });
}

/**
 * Why a `meta.location` seen in an answer to `request` is wrong, or undefined: it must be an absolute
 * RFC 3986 URI on this server's origin, with no dot segment, whose path is the request's mount as the
 * runtime encodes it (`encodeBasePath`) followed by the document's own path.
 */
export function locationProblem(origin: string, request: FuzzRequest, location: string): string | undefined {
  if (!location.startsWith(`${origin}/`)) return `not on ${origin}: ${location}`;
  const path = location.slice(origin.length);
  if (!URI_PATH.test(path)) return `not an RFC 3986 path: ${location}`;
  if (path.split("/").some((segment) => segment === "." || segment === ".." || /^(?:\.|%2e){1,2}$/i.test(segment))) return `dot segment: ${location}`;
  // The mount as the server saw it: WHATWG URL parsing (Next.js, Hono) encodes some characters first, which
  // encodeBasePath leaves as they are and would itself encode the same way.
  const base = encodeBasePath(request.base);
  if (base === null || !path.startsWith(`${base}/`)) return `not below the request's mount ${String(base)}: ${location}`;
  return undefined;
}

/** Fetches `location` back from the server; why it does not serve that very document, or undefined. */
export async function fetchBackProblem(origin: string, location: string): Promise<string | undefined> {
  const response = await send(origin, location.slice(origin.length));
  if (response.status !== 200) return `GET ${location} → ${response.status}`;
  const served = locationsOf(jsonOf(response))[0];
  return served === location ? undefined : `GET ${location} serves ${String(served)}`;
}

/** Counts of one fuzz run, for the summary line. */
export interface FuzzSummary {
  readonly requests: number;
  readonly statuses: ReadonlyMap<number, number>;
  readonly outside: number;
  readonly redirected: number;
  readonly locationsChecked: number;
  readonly locationsFetched: number;
}

/** One line: `express /scim/v2: 150 requests, 200×41 304×2 …; 96 locations checked, 40 fetched back`. */
export function summaryLine(label: string, summary: FuzzSummary): string {
  const statuses = [...summary.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ");
  const extra = [summary.outside > 0 ? `${summary.outside} left the mount` : "", summary.redirected > 0 ? `${summary.redirected} redirected` : ""].filter(Boolean);
  return `${label}: ${summary.requests} requests, ${statuses}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}; ${summary.locationsChecked} locations checked, ${summary.locationsFetched} fetched back`;
}

/**
 * Sends `requests` to a server in batches of 10, checks every answer and every 200's locations, and fetches
 * back each distinct location (at most `maxFetches`, the first seen). Returns the problems and the counts.
 */
export async function runFuzz(
  framework: AdapterFramework,
  mount: keyof typeof mounts,
  origin: string,
  requests: readonly FuzzRequest[],
  maxFetches = 150,
): Promise<{ readonly problems: string[]; readonly summary: FuzzSummary }> {
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const locations = new Map<string, FuzzRequest>();
  let outside = 0;
  let redirected = 0;
  let locationsChecked = 0;
  for (let i = 0; i < requests.length; i += 10) {
    await Promise.all(
      requests.slice(i, i + 10).map(async (request) => {
        const response = await send(origin, request.path, { ...request, auth: false });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const expectation = expectationOf(framework, mount, request);
        if (expectation === "outside") outside++;
        if (expectation === "redirect") redirected++;
        const label = `${request.method} ${request.path.slice(0, 120)}${request.headers["host"] === undefined ? "" : ` (Host ${request.headers["host"]})`}`;
        const problem = violation(framework, mount, request, response);
        if (problem !== undefined) problems.push(`${label} → ${response.status}: ${problem}`);
        if (expectation !== "scim" || response.status !== 200 || request.method === "HEAD") return;
        for (const location of locationsOf(jsonOf(response))) {
          locationsChecked++;
          const bad = locationProblem(origin, request, location);
          if (bad !== undefined) problems.push(`${label}: ${bad}`);
          else if (!locations.has(location)) locations.set(location, request);
        }
      }),
    );
  }
  const toFetch = [...locations.keys()].slice(0, maxFetches);
  for (let i = 0; i < toFetch.length; i += 10) {
    const found = await Promise.all(toFetch.slice(i, i + 10).map((location) => fetchBackProblem(origin, location)));
    for (const problem of found) if (problem !== undefined) problems.push(problem);
  }
  return { problems, summary: { requests: requests.length, statuses, outside, redirected, locationsChecked, locationsFetched: toFetch.length } };
}
