// Fuzz every adapter with a seeded PRNG: random methods, paths below the mount (percent-encodings valid and
// not, dot segments, doubled slashes, very long), query strings, headers and bodies (`test` as text/plain
// included). Whatever arrives: never a 5xx, always `Content-Type: application/scim+json` exactly, and every
// answer but 200/204/304 a SCIM Error whose `status` is the HTTP status as a string (RFC 7644 §3.12).
// The seed is printed on failure; SCIM_FUZZ_SEED and SCIM_FUZZ_COUNT override it and the count.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../scripts/seeded-random.js";
import type { AdapterServer } from "../../scripts/serve.js";
import { adapterFrameworks, jsonOf, mounts, send, startAll, tenantBase, testToken, type RawResponse } from "./servers.js";

const seed = Number(process.env["SCIM_FUZZ_SEED"] ?? 0x5c1a);
const count = Number(process.env["SCIM_FUZZ_COUNT"] ?? 150);

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

const userUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
const segments = [
  "ServiceProviderConfig", "serviceproviderconfig", "SERVICEPROVIDERCONFIG", "ResourceTypes", "resourcetypes", "Schemas", "schemas",
  "User", "user", "Group", "Nope", userUrn, userUrn.toLowerCase(), encodeURIComponent(userUrn),
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:api:messages:2.0:Error",
  "Users", "Groups", "Bulk", "Me", ".search", ".", "..", "", "%", "%zz", "%E2%82%AC", "%00", "%2F", "%2e%2e", "%C0%AF",
  "a%20b", "%3A", ":", "~", "!$&'()*+,;=", "@", "%25", "%%", "%u0041", "%FF", "\u00e9".replace(/./, encodeURIComponent),
];
const queries = [
  "", "?", "?filter=name%20eq%20%22User%22", "?filter=", "?FILTER=x", "?attributes=name", "?excludedAttributes=id", "?count=-1",
  "?startIndex=abc", "?sortBy=name&sortOrder=descending", "?%zz=1", "?a=%", "?&&&", "?filter=%zz", "?x=" + "y".repeat(2000),
];
const methods = ["GET", "GET", "GET", "GET", "HEAD", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const contentTypes = ["text/plain", "application/json", "application/scim+json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "%%garbage", "application/json; charset=latin1"];
const accepts = ["application/json", "application/scim+json", "*/*", "text/html", "application/xml", "application/scim+json;q=0.1, */*;q=0", ";;;"];
const bodies = ["test", '{"schemas":[]}', "{", "\u0000\u0001\u0002", "x".repeat(100_000), '[{"op":"add"}]'];

interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function randomPath(random: Random, base: string): string {
  for (;;) {
    let rest = "";
    const depth = Math.floor(random() * 4);
    for (let i = 0; i < depth; i++) rest += `/${pick(random, segments)}`;
    if (chance(random, 0.1)) rest += "/";
    if (chance(random, 0.05)) rest = `/${rest}`;
    if (chance(random, 0.03)) rest += `/${"a".repeat(4000)}`;
    // Only paths still below the mount once dot segments are removed (RFC 3986 §5.2.4), as servers that
    // normalise (@hono/node-server, Next.js) see them: `/scim/v2/..` is the parent of the mount, not in it.
    const path = base + rest;
    const normalised = new URL(path.replace(/%2e/gi, "."), "http://x").pathname;
    if (normalised === base || normalised.startsWith(`${base}/`)) return path + pick(random, queries);
  }
}

function randomRequest(random: Random, base: string): FuzzRequest {
  const method = pick(random, methods);
  const headers: Record<string, string> = {};
  const auth = random();
  headers["authorization"] = auth < 0.8 ? `Bearer ${testToken}` : pick(random, ["Bearer wrong", "Bearer", "Basic dXNlcjpwYXNz", ""]);
  if (chance(random, 0.6)) headers["accept"] = pick(random, accepts);
  if (chance(random, 0.2)) headers["accept-charset"] = pick(random, ["utf-8", "iso-8859-1", "*", "x"]);
  if (chance(random, 0.2)) headers["if-none-match"] = pick(random, ['"abc"', "*", 'W/"x"', "garbage", '"', ""]);
  if (chance(random, 0.15)) headers["x-forwarded-host"] = "evil.example";
  if (chance(random, 0.1)) headers["x-forwarded-proto"] = pick(random, ["https", "gopher"]);
  let body: string | undefined;
  if (method !== "GET" && method !== "HEAD" && chance(random, 0.7)) {
    body = chance(random, 0.5) ? "test" : pick(random, bodies);
    headers["content-type"] = body === "test" && chance(random, 0.6) ? "text/plain" : pick(random, contentTypes);
  }
  return { method, path: randomPath(random, base), headers, ...(body === undefined ? {} : { body }) };
}

/** Why a response breaks the rules, or undefined when it keeps them. */
function violation(request: FuzzRequest, response: RawResponse): string | undefined {
  const { status, headers } = response;
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

let servers: ReadonlyMap<string, AdapterServer>;
let close: () => Promise<void>;
beforeAll(async () => ({ servers, close } = await startAll()));
afterAll(() => close());

describe.each(adapterFrameworks)("%s adapter under fuzzing", (framework) => {
  it.each([
    ["/scim/v2", mounts.plain, "/scim/v2"],
    ["a tenant prefix", mounts.tenant, tenantBase("fuzz-org")],
  ])(`answers ${count} random requests at %s with SCIM responses only (seed ${seed})`, async (_label, mount, base) => {
    const server = servers.get(`${framework} ${mount}`);
    if (server === undefined) throw new Error("server not started");
    // Same seed per framework and mount: every adapter gets the same sequence, so differences are theirs.
    const random = seededRandom(seed);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const requests = Array.from({ length: count }, () => randomRequest(random, base));
    // In batches of 10 concurrent requests: fast, and bounded.
    for (let i = 0; i < requests.length; i += 10) {
      await Promise.all(
        requests.slice(i, i + 10).map(async (request) => {
          const response = await send(server.origin, request.path, { ...request, auth: false });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = violation(request, response);
          if (problem !== undefined) problems.push(`${request.method} ${request.path.slice(0, 120)} → ${response.status}: ${problem}`);
        }),
      );
    }
    expect(problems, `seed ${seed}`).toEqual([]);
    // The sequence reaches the interesting answers, not only 404s.
    for (const status of [200, 401, 404, 405]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
  });
});
