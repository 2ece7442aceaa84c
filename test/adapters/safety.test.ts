// Every adapter, both mounts, the requests that used to get a non-SCIM answer (issue 10, "Safe to run
// anywhere", section 4), each as the issue reported it: under the mount, always a SCIM Error with
// `application/scim+json` and a string `status`, never a 5xx or a framework page; and a tenant's
// `meta.location` a valid URI that routes back to that tenant. Where a framework answers before any
// application code can and nothing it offers changes that, the test states the exception (and the adapter's
// README says it): Next.js redirects `\` (308) and, like @hono/node-server, removes dot segments first.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify from "fastify";
import { DiscoveryConfigurationError } from "@scim-discovery/core/runtime";
import { scimDiscovery as fastifyScimDiscovery, scimFrameworkErrors } from "@scim-discovery/fastify";
import type { AdapterServer } from "../../scripts/serve.js";
import { adapterFrameworks, jsonOf, mounts, send, startAll, tenantBase, type AdapterFramework, type RawResponse } from "./servers.js";

let servers: ReadonlyMap<string, AdapterServer>;
let close: () => Promise<void>;
beforeAll(async () => ({ servers, close } = await startAll()));
afterAll(() => close());

function originOf(framework: AdapterFramework, mount: keyof typeof mounts): string {
  const server = servers.get(`${framework} ${mounts[mount]}`);
  if (server === undefined) throw new Error("server not started");
  return server.origin;
}

function expectScimError(response: RawResponse, status: number, what: string): void {
  const body = jsonOf(response) as { schemas?: unknown; status?: unknown } | undefined;
  expect({ what, status: response.status, type: response.headers["content-type"], schemas: body?.schemas, bodyStatus: body?.status }).toEqual({
    what,
    status,
    type: "application/scim+json",
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    bodyStatus: String(status),
  });
}

function locationOf(response: RawResponse): string {
  return (jsonOf(response) as { meta: { location: string } }).meta.location;
}

// Next.js and @hono/node-server parse the URL (WHATWG) before any route: they remove dot segments.
const normalises = (framework: AdapterFramework): boolean => framework === "next" || framework === "hono";

describe.each(adapterFrameworks)("%s adapter, requests its framework used to answer itself", (framework) => {
  it.each(["a%zz", "%C0%AE%C0%AE", "%ff", "%", "a%2", "%E2%82"])(
    "answers the tenant %j (malformed percent-encoding) with a SCIM 404, not an HTML 400 or a 500",
    async (tenant) => {
      const response = await send(originOf(framework, "tenant"), `${tenantBase(tenant)}/Schemas`);
      expectScimError(response, 404, tenant);
      expect(response.body.toString()).not.toMatch(/URIError|\/work\/|node_modules|\n\s+at /);
    },
  );

  it.each(["/scim/v2/%ff", "/scim/v2/%zz", "/scim/v2/%", "/scim/v2/Schemas/%", "/scim/v2/Schemas/a%zz", "/scim/v2/ResourceTypes/%C0%AE"])(
    "answers %s (malformed percent-encoding below the base) with a SCIM 404",
    async (path) => {
      expectScimError(await send(originOf(framework, "plain"), path), 404, path);
      expectScimError(await send(originOf(framework, "tenant"), `${tenantBase("acme")}${path.slice("/scim/v2".length)}`), 404, path);
    },
  );

  it.each(["PROPFIND", "LOCK", "SEARCH", "PURGE", "REPORT", "ACL", "BIND", "LINK", "SOURCE", "MKCOL", "M-SEARCH"])(
    "answers %s with the SCIM 405 on a discovery path and the SCIM 404 elsewhere, at both mounts",
    async (method) => {
      // Next.js hands its proxy only paths holding a `%` (the README's matcher; a proxy on every request
      // costs Next.js about 40 % of its throughput): there, the SCIM answers; elsewhere, its bodiless 400.
      const userSchema = framework === "next" ? "/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser" : "/Schemas";
      for (const [mount, base] of [["plain", mounts.plain], ["tenant", tenantBase("acme")]] as const) {
        const allowed = await send(originOf(framework, mount), `${base}${userSchema}`, { method, body: "test", headers: { "content-type": "text/plain" } });
        expectScimError(allowed, 405, `${method} ${base}${userSchema}`);
        expect(allowed.headers["allow"]).toBe("GET, HEAD");
        const nope = framework === "next" ? "/N%6Fpe" : "/Nope";
        expectScimError(await send(originOf(framework, mount), `${base}${nope}`, { method }), 404, `${method} ${base}${nope}`);
        if (framework === "next") {
          const plain = await send(originOf(framework, mount), `${base}/Schemas`, { method });
          expect([method, plain.status, plain.body.byteLength]).toEqual([method, 400, 0]);
        }
      }
    },
  );

  it("serves a tenant longer than 100 characters (Fastify's default maxParamLength)", async () => {
    for (const length of [101, 1000, 8000]) {
      const base = tenantBase("t".repeat(length));
      const response = await send(originOf(framework, "tenant"), `${base}/ServiceProviderConfig`);
      if (framework === "fastify" && length > 1024) {
        // Over the README's routerOptions.maxParamLength (1024): scimFrameworkErrors' SCIM 414.
        expectScimError(response, 414, `${length} characters`);
        continue;
      }
      expect({ length, status: response.status }).toEqual({ length, status: 200 });
      expect(locationOf(response)).toBe(`${originOf(framework, "tenant")}${base}/ServiceProviderConfig`);
    }
  });

  it.each([".", "..", "%2e", "%2E%2e", ".%2e", "%2e."])("does not serve the tenant %j (a dot segment)", async (tenant) => {
    const response = await send(originOf(framework, "tenant"), `${tenantBase(tenant)}/ServiceProviderConfig`);
    if (normalises(framework)) {
      // The server resolved the dot segment away before routing: the request is no longer below the mount,
      // and nothing serves it a location that would resolve elsewhere.
      expect(response.status, tenant).not.toBe(200);
    } else {
      expectScimError(response, 404, tenant);
    }
  });

  it.each(['a"b', "<t>", "`t`", "{t}", "a|b", "a^b", "[t]", '"<>`{|}^'])(
    "percent-encodes the tenant %j in meta.location (RFC 3986 §3.3), and the location routes back to it",
    async (tenant) => {
      const origin = originOf(framework, "tenant");
      const response = await send(origin, `${tenantBase(tenant)}/ResourceTypes/User`);
      expect(response.status).toBe(200);
      const location = locationOf(response);
      const encoded = tenant.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
      expect(location).toBe(`${origin}${tenantBase(encoded)}/ResourceTypes/User`);
      const again = await send(origin, location.slice(origin.length));
      expect(again.status).toBe(200);
      expect(locationOf(again)).toBe(location);
    },
  );

  it("treats a backslash in the tenant as a character to encode, not as a Host error", async () => {
    const origin = originOf(framework, "tenant");
    const response = await send(origin, `${tenantBase("a\\b")}/ServiceProviderConfig`);
    if (framework === "next") {
      // Next.js redirects a path with "\" before any application code (resolve-routes.js); no setting stops it.
      expect([response.status, response.headers["location"]]).toEqual([308, `${tenantBase("a/b")}/ServiceProviderConfig`]);
    } else if (framework === "hono") {
      // @hono/node-server refuses the request before Hono runs; the README's errorHandler makes it a SCIM 400.
      expectScimError(response, 400, "a\\b");
    } else {
      expect(response.status).toBe(200);
      expect(locationOf(response)).toBe(`${origin}${tenantBase("a%5Cb")}/ServiceProviderConfig`);
      expect(locationOf(await send(origin, new URL(locationOf(response)).pathname))).toBe(locationOf(response));
    }
  });

  it.each(["user@127.0.0.1", "user:pw@127.0.0.1", "127.0.0.1/x", "[::zz]", "[::1", "127.0.0.1:99999"])(
    "answers a request with Host %j with a SCIM answer (a SCIM 400 where the server cannot build a URL)",
    async (host) => {
      for (const [mount, base] of [["plain", mounts.plain], ["tenant", tenantBase("acme")]] as const) {
        const response = await send(originOf(framework, mount), `${base}/Schemas`, { headers: { host } });
        expect(response.headers["content-type"], host).toBe("application/scim+json");
        // Without trustHost the Host is never read; only @hono/node-server refuses what it cannot build a URL
        // from, and the README's errorHandler makes that a SCIM 400.
        if (framework === "hono") expectScimError(response, 400, host);
        else expect([host, response.status]).toEqual([host, 200]);
      }
    },
  );

  it("answers a backslash below the base with a SCIM Error (Next.js: its redirect)", async () => {
    const response = await send(originOf(framework, "plain"), "/scim/v2/Sche\\mas");
    if (framework === "next") expect([response.status, response.headers["location"]]).toEqual([308, "/scim/v2/Sche/mas"]);
    else expectScimError(response, framework === "hono" ? 400 : 404, "Sche\\mas");
  });
});

describe("the Fastify plugin", () => {
  it("answers a method Fastify does not route with the SCIM 405 even without addHttpMethod (its prefix's not-found handler)", async () => {
    const app = Fastify();
    await app.register(fastifyScimDiscovery, { prefix: "/orgs/:org/scim/v2", origin: "https://api.example.com" });
    for (const method of ["PROPFIND", "SEARCH", "PURGE"] as const) {
      const response = await app.inject({ method: method as "GET", url: "/orgs/acme/scim/v2/Schemas", payload: "test" });
      expect([method, response.statusCode, response.headers["content-type"]]).toEqual([method, 405, "application/scim+json"]);
    }
    // Outside the prefix, Fastify's own answer stands.
    expect((await app.inject({ method: "PROPFIND" as "GET", url: "/elsewhere" })).headers["content-type"]).toMatch(/^application\/json/);
    await app.close();
  });

  it("answers a tenant over maxParamLength with a SCIM 414 through scimFrameworkErrors, and malformed encoding with its 404", async () => {
    const prefix = "/orgs/:org/scim/v2";
    const app = Fastify({ frameworkErrors: scimFrameworkErrors(prefix) });
    await app.register(fastifyScimDiscovery, { prefix, origin: "https://api.example.com" });
    const long = await app.inject({ method: "GET", url: `/orgs/${"t".repeat(101)}/scim/v2/Schemas` });
    expect([long.statusCode, long.headers["content-type"], long.json()]).toEqual([
      414,
      "application/scim+json",
      { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "414", detail: "A path segment of this URL is longer than the server accepts." },
    ]);
    const malformed = await app.inject({ method: "GET", url: "/orgs/a%zz/scim/v2/Schemas" });
    expect([malformed.statusCode, malformed.headers["content-type"]]).toEqual([404, "application/scim+json"]);
    await app.close();
  });

  it("rejects register (and ready) with the runtime's error for invalid options, rather than crash the process", async () => {
    const app = Fastify();
    await expect(app.register(fastifyScimDiscovery, { prefix: "/scim/v2", origin: "http://a_b" }).ready()).rejects.toThrow(DiscoveryConfigurationError);
  });
});
