// The Fetch front (`Request` → `Response`), shared by the Hono and Next.js adapters.

import { describe, expect, it } from "vitest";
import { createFetchHandler, DiscoveryConfigurationError } from "../../generator/runtime/index.js";
import type { FetchHandlerOptions } from "../../generator/runtime/index.js";
import { rfcDocuments } from "./fixtures.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

function fetchWith(options: Partial<FetchHandlerOptions> = {}): (request: Request) => Promise<Response> {
  return createFetchHandler(rfcDocuments(), { origin: "https://scim.example", basePath: "/orgs/:org/scim/v2", ...options } as FetchHandlerOptions);
}

async function location(response: Response): Promise<string> {
  return ((await response.json()) as { meta: { location: string } }).meta.location;
}

describe("createFetchHandler", () => {
  const handle = fetchWith();

  it.each([
    ["/orgs/acme/scim/v2/ResourceTypes/User", "https://scim.example/orgs/acme/scim/v2/ResourceTypes/User"],
    ["/orgs/acme/scim/v2/ResourceTypes/user/", "https://scim.example/orgs/acme/scim/v2/ResourceTypes/User"],
    [`/orgs/other-org/scim/v2/Schemas/${USER}`, `https://scim.example/orgs/other-org/scim/v2/Schemas/${USER}`],
    [`/orgs/a%20b/scim/v2/Schemas/${USER.replace(/:/g, "%3A")}`, `https://scim.example/orgs/a%20b/scim/v2/Schemas/${USER}`],
    ["/orgs/acme/scim/v2/ServiceProviderConfig?filter=x&count=2", "https://scim.example/orgs/acme/scim/v2/ServiceProviderConfig"],
  ])("GET %s → meta.location %s", async (path, want) => {
    const response = await handle(new Request(`https://scim.example${path}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/scim+json");
    expect(response.headers.get("etag")).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await location(response)).toBe(want);
  });

  it.each([
    ["/orgs/acme/scim/v2/Nope", 404],
    ["/orgs/acme/scim/v2", 404],
    ["/orgs/acme/scim/v2/", 404],
    ["/orgs//scim/v2/Schemas", 404],
    ["/elsewhere/Schemas", 404],
    ["/orgs/acme/scim/v2/Schemas?filter=id%20pr", 403],
    ["/orgs/acme/scim/v2/Schemas/%zz", 404],
  ])("GET %s → %i SCIM Error", async (path, status) => {
    const response = await handle(new Request(`https://scim.example${path}`));
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/scim+json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["detail", "schemas", "status"]);
    expect(body["status"]).toBe(String(status));
  });

  it("answers POST with 405 without reading the body (Okta posts `test`)", async () => {
    const request = new Request("https://scim.example/orgs/acme/scim/v2/Schemas", { method: "POST", body: "test" });
    const response = await handle(request);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(request.bodyUsed).toBe(false);
  });

  it("answers HEAD with the GET headers and an empty body", async () => {
    const url = "https://scim.example/orgs/acme/scim/v2/Schemas";
    const get = await handle(new Request(url));
    const head = await handle(new Request(url, { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String((await get.arrayBuffer()).byteLength));
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(await head.text()).toBe("");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const url = "https://scim.example/orgs/acme/scim/v2/ResourceTypes";
    const etag = (await handle(new Request(url))).headers.get("etag") as string;
    const response = await handle(new Request(url, { headers: { "If-None-Match": `W/${etag}` } }));
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(etag);
    expect(await response.text()).toBe("");
  });

  it("answers 401 through an async authenticate hook reading Fetch headers", async () => {
    const guarded = fetchWith({ authenticate: async (r) => (r.headers as Headers).get("authorization") === "Bearer t" });
    const url = "https://scim.example/orgs/acme/scim/v2/Schemas";
    const denied = await guarded(new Request(url));
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toBe('Bearer realm="SCIM"');
    expect((await guarded(new Request(url, { headers: { Authorization: "Bearer t" } }))).status).toBe(200);
  });

  it.each<[string | RegExp, string, string]>([
    ["", "https://h.example/ResourceTypes/User", "https://scim.example/ResourceTypes/User"],
    ["/scim/v2", "https://h.example/scim/v2/ResourceTypes/User", "https://scim.example/scim/v2/ResourceTypes/User"],
    ["/orgs/{org}/scim/v2", "https://h.example/orgs/x/scim/v2/ResourceTypes/User", "https://scim.example/orgs/x/scim/v2/ResourceTypes/User"],
    [/^\/t\/[^/]+\/scim/, "https://h.example/t/x/scim/ResourceTypes/User", "https://scim.example/t/x/scim/ResourceTypes/User"],
  ])("mounts at %s", async (basePath, url, want) => {
    const response = await fetchWith({ basePath })(new Request(url));
    expect(response.status).toBe(200);
    expect(await location(response)).toBe(want);
  });

  it("takes the protocol from the request URL with trustHost", async () => {
    const h = fetchWith({ origin: undefined, trustHost: true, basePath: "/scim/v2" });
    const response = await h(new Request("http://localhost:3000/scim/v2/ResourceTypes/User", { headers: { Host: "localhost:3000" } }));
    expect(await location(response)).toBe("http://localhost:3000/scim/v2/ResourceTypes/User");
  });

  it("refuses an invalid basePath at creation", () => {
    expect(() => fetchWith({ basePath: "/scim v2" })).toThrow(DiscoveryConfigurationError);
  });
});

// Added for the mutation run (test/mutation/equivalent-mutants.md): the answer outside the mount.
describe("createFetchHandler outside its mount", () => {
  const handle = fetchWith();

  it("answers GET with the SCIM 404 that says why, and HEAD with its headers and no body", async () => {
    const url = "https://scim.example/elsewhere/Schemas";
    const get = await handle(new Request(url));
    const head = await handle(new Request(url, { method: "HEAD" }));
    const body = (await get.json()) as { status: string; detail: string };
    expect([get.status, body.status, body.detail]).toEqual([404, "404", "No SCIM discovery endpoint at this path (RFC 7644 §4)."]);
    expect([head.status, await head.text()]).toEqual([404, ""]);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
  });
});
