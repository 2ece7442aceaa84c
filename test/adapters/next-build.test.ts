// The Next.js adapter through the real thing: `next build` of the fixture app (test/adapters/fixtures/
// next-app: `app/scim/v2/[...scim]/route.ts` and a tenant route) and `next start`, then the conformance
// checker and the headers Next.js could change. The build takes 20–40 s on 2 cores, so it is reused while
// no source is newer (scripts/serve.ts decides), and SCIM_SKIP_NEXT_BUILD=1 skips this file; the other
// suites test the same route exports directly, through a node:http server, in milliseconds.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformanceChecks } from "../../generator/conformance/run-checks.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { buildNextApp, nextBuildIsStale, startAdapterServer, type AdapterServer } from "../../scripts/serve.js";
import { oddMethods, randomRequest, runFuzz, summaryLine } from "./fuzz-requests.js";
import { conformanceProblems } from "../helpers/conformance.js";
import { jsonOf, mounts, send, tenantBase, testToken } from "./servers.js";

const fuzzSeed = Number(process.env["SCIM_FUZZ_SEED"] ?? 0x5c1a);
const fuzzCount = Number(process.env["SCIM_FUZZ_COUNT"] ?? 200);

const skip = process.env["SCIM_SKIP_NEXT_BUILD"] === "1";

describe.skipIf(skip)("the Next.js adapter under next build + next start", () => {
  let server: AdapterServer;
  beforeAll(async () => {
    if (nextBuildIsStale()) await buildNextApp();
    server = await startAdapterServer({ framework: "next", port: 0, token: testToken });
  }, 240_000);
  afterAll(() => server?.close());

  it.each([
    ["/scim/v2", "/scim/v2"],
    ["a tenant prefix", tenantBase("acme-7")],
  ])("passes every conformance check mounted at %s", async (_label, path) => {
    const run = await runConformanceChecks({ baseUrl: `${server.origin}${path}`, options: { token: testToken } });
    if (!run.ok) throw new Error(run.message);
    expect(conformanceProblems(run.report)).toEqual([]);
  });

  it("is never cached by Next.js and keeps the exact media type", async () => {
    for (let i = 0; i < 3; i++) {
      const response = await send(server.origin, `${tenantBase(`t${i}`)}/Schemas`);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/scim+json");
      // force-dynamic: Next neither serves it from its cache nor adds a freshness lifetime of its own.
      expect(response.headers["cache-control"] ?? "").not.toMatch(/max-age=[1-9]|s-maxage/);
      expect(response.headers["x-nextjs-cache"]).toBeUndefined();
      expect((jsonOf(response) as { Resources: { meta: { location: string } }[] }).Resources[0]?.meta.location).toContain(`/t${i}/`);
    }
    const denied = await send(server.origin, "/scim/v2/Schemas", { auth: false });
    expect(denied.status).toBe(401); // authentication runs per request: no cached 200
  });

  it("answers a POST of `test` with 405 before any body parsing, and HEAD without a body", async () => {
    const post = await send(server.origin, "/scim/v2/Schemas", { method: "POST", body: "test", headers: { "content-type": "text/plain" } });
    expect(post.status).toBe(405);
    expect(post.headers["allow"]).toBe("GET, HEAD");
    const head = await send(server.origin, "/scim/v2/ServiceProviderConfig", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers["content-type"]).toBe("application/scim+json");
  });

  it.each(["/scim/v2/%ff", "/scim/v2/Schemas/%zz", "/scim/v2/%", `${tenantBase("a%zz")}/Schemas`, `${tenantBase("%C0%AE%C0%AE")}/Schemas`, `${tenantBase("%ff")}/Schemas`, `${tenantBase("acme")}/Schemas/%`])(
    "answers %s (a path Next.js cannot decode) with the SCIM 404 through proxy.ts, not its plain-text 500",
    async (path) => {
      const response = await send(server.origin, path);
      expect([response.status, response.headers["content-type"]]).toEqual([404, "application/scim+json"]);
      expect(jsonOf(response)).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
    },
  );

  it.each(["PROPFIND", "LOCK", "SEARCH", "PURGE", "REPORT", "ACL", "BIND", "LINK", "SOURCE"])(
    "answers %s on a path holding a `%` with the SCIM 405 through proxy.ts, and elsewhere with Next.js's bodiless 400 (the README's matcher)",
    async (method) => {
      const userSchema = "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser";
      for (const path of [`/scim/v2${userSchema}`, `${tenantBase("acme")}${userSchema}`, `${tenantBase("a%2Db")}/ServiceProviderConfig`]) {
        const response = await send(server.origin, path, { method });
        expect([method, path, response.status, response.headers["content-type"], response.headers["allow"]]).toEqual([method, path, 405, "application/scim+json", "GET, HEAD"]);
      }
      for (const path of ["/scim/v2/Schemas", `${tenantBase("acme")}/ServiceProviderConfig`]) {
        const response = await send(server.origin, path, { method });
        expect([method, path, response.status, response.body.byteLength]).toEqual([method, path, 400, 0]);
      }
    },
  );

  it("percent-encodes a tenant in meta.location, which then serves that tenant's document", async () => {
    const response = await send(server.origin, `${tenantBase('a"<>`{|}^b')}/ResourceTypes/User`);
    const location = (jsonOf(response) as { meta: { location: string } }).meta.location;
    expect(location).toBe(`${server.origin}${tenantBase("a%22%3C%3E%60%7B%7C%7D%5Eb")}/ResourceTypes/User`);
    const again = await send(server.origin, location.slice(server.origin.length));
    expect((jsonOf(again) as { meta: { location: string } }).meta.location).toBe(location);
  });

  it.each([
    ["/scim/v2", "plain"],
    ["a tenant prefix", "tenant"],
  ] as const)(`answers ${fuzzCount} random requests at %s with SCIM responses only (seed ${fuzzSeed})`, async (_label, mount) => {
    // As fuzz.test.ts, against the real server. Not TRACE: Next.js fails it (a plain-text 500) before the
    // proxy or any route runs, as the Fetch standard forbids it as a Request method; the README says so.
    const random = seededRandom(fuzzSeed);
    const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", ...oddMethods.filter((method) => method !== "TRACE")];
    const requests = Array.from({ length: fuzzCount }, () => randomRequest(random, mount, methods));
    const { problems, summary } = await runFuzz("next", mount, server.origin, requests);
    process.stdout.write(`fuzz ${summaryLine(`next (next start) ${mounts[mount]}`, summary)}\n`);
    expect(problems, `seed ${fuzzSeed}`).toEqual([]);
    expect(summary.locationsFetched).toBeGreaterThan(0);
  }, 60_000);

  it("keeps tenants apart under concurrent requests", async () => {
    const tenants = Array.from({ length: 30 }, (_, i) => `org-${i}`);
    const responses = await Promise.all(tenants.map((t) => send(server.origin, `${tenantBase(t)}/ResourceTypes/User`)));
    responses.forEach((response, i) => {
      expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe(
        `${server.origin}${tenantBase(tenants[i] as string)}/ResourceTypes/User`,
      );
    });
  });
});
