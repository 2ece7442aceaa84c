// The raw-target entry point of the node:http, Koa, Fastify and Fetch adapters: split, mount, route and
// answer in one call, with what depends on the target alone remembered per target.

import { describe, expect, it } from "vitest";
import {
  createDiscoveryHandler,
  createFetchHandler,
  createMountParamsReader,
  createTargetHandler,
  DiscoveryConfigurationError,
  leadingPathSegments,
  splitRequestUrl,
} from "../../generator/runtime/index.js";
import type { DiscoveryRequest, DiscoveryResponse, FetchHandlerOptions, MountParams, TargetHandler } from "../../generator/runtime/index.js";
import { json, rfcDocuments } from "./fixtures.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

function targetHandler(options: Partial<FetchHandlerOptions> = {}): TargetHandler {
  return createTargetHandler(rfcDocuments(), { origin: "https://scim.example", basePath: "/orgs/:org/scim/v2", ...options } as FetchHandlerOptions);
}

async function settle(result: DiscoveryResponse | Promise<DiscoveryResponse> | null): Promise<DiscoveryResponse> {
  if (result === null) throw new Error("outside the mount");
  return result;
}

function location(response: DiscoveryResponse): string {
  return (json(response)["meta"] as { location: string }).location;
}

describe("createTargetHandler", () => {
  it("answers exactly what the request-object handler answers, for every kind of target", async () => {
    const options = { origin: "https://scim.example", basePath: "/orgs/:org/scim/v2" } as const;
    const byTarget = targetHandler(options);
    const byRequest = createDiscoveryHandler(rfcDocuments(), options);
    const cases: [string, string][] = [
      ["GET", "/orgs/acme/scim/v2/ServiceProviderConfig"],
      ["GET", "/orgs/acme/scim/v2/schemas/"],
      ["HEAD", `/orgs/acme/scim/v2/Schemas/${USER.replace(/:/g, "%3A")}`],
      ["GET", "/orgs/acme/scim/v2/ResourceTypes?filter=id%20pr"],
      ["GET", "/orgs/acme/scim/v2/ResourceTypes/Nope"],
      ["GET", "/orgs/acme/scim/v2/Schemas/%zz"],
      ["POST", "/orgs/acme/scim/v2/Schemas"],
      ["OPTIONS", "/orgs/acme/scim/v2/Schemas"],
      ["GET", "/orgs/acme/scim/v2"],
      ["GET", "/orgs/%2e%2E/scim/v2/Schemas"],
      ["POST", "/orgs/./scim/v2/Schemas"],
      ["GET", "/orgs/a%zz/scim/v2/Schemas"],
      ["GET", '/orgs/a"<|>\\b/scim/v2/ServiceProviderConfig'],
    ];
    // Twice: the second round is answered from the remembered targets.
    for (const round of [1, 2]) {
      for (const [method, target] of cases) {
        const [pathAndMount, query = ""] = target.split("?") as [string, string?];
        const basePath = leadingPathSegments(pathAndMount, 4);
        const want = await byRequest({ method, basePath, path: pathAndMount.slice(basePath.length), query, headers: {} });
        const got = await settle(byTarget(method, target, []));
        expect({ round, method, target, response: got }).toEqual({ round, method, target, response: want });
      }
    }
  });

  it("returns null outside the mount, so that the adapter can pass the request on", () => {
    const handle = targetHandler();
    expect(handle("GET", "/elsewhere/Schemas", [])).toBeNull();
    expect(handle("GET", "/orgs/acme/scim/v2x/Schemas", [])).toBeNull();
    // Asked again: a target outside the mount is not remembered as anything else.
    expect(handle("GET", "/orgs/acme/scim/v2x/Schemas", [])).toBeNull();
  });

  it("takes absolute-form targets (a Fetch Request.url), the scheme from the given protocol first, else from the URL", async () => {
    const handle = targetHandler({ origin: undefined, trustHost: true } as Partial<FetchHandlerOptions>);
    const headers = ["Host", "API.example:8443"];
    const fromUrl = await settle(handle("GET", "http://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User", headers));
    expect(location(fromUrl)).toBe("http://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User");
    const fromSocket = await settle(handle("GET", "/orgs/acme/scim/v2/ResourceTypes/User", headers, "https"));
    expect(location(fromSocket)).toBe("https://api.example:8443/orgs/acme/scim/v2/ResourceTypes/User");
  });

  it("reads If-None-Match from a raw header list and answers 304 for the current tag", async () => {
    const handle = targetHandler();
    const target = "/orgs/acme/scim/v2/Schemas";
    const ok = await settle(handle("GET", target, []));
    const etag = ok.headers["etag"] as string;
    expect((await settle(handle("GET", target, ["if-none-match", etag]))).status).toBe(304);
    expect((await settle(handle("GET", target, ["If-None-Match", `"other", ${etag}`]))).status).toBe(304);
    expect((await settle(handle("GET", target, ["If-None-Match", '"other"']))).status).toBe(200);
  });

  it("answers a query-bearing target by its query every time (a filter is refused, other parameters ignored)", async () => {
    const handle = targetHandler();
    for (let i = 0; i < 3; i++) {
      expect((await settle(handle("GET", "/orgs/acme/scim/v2/Schemas?filter=id%20pr", []))).status).toBe(403);
      expect((await settle(handle("GET", "/orgs/acme/scim/v2/Schemas?count=1", []))).status).toBe(200);
      expect((await settle(handle("GET", "/orgs/acme/scim/v2/Schemas", []))).status).toBe(200);
    }
  });

  it("builds the hooks' request object from the parts, headers as given", async () => {
    const seen: DiscoveryRequest[] = [];
    const handle = targetHandler({
      authenticate: (request) => {
        seen.push(request);
        return true;
      },
    });
    const headers = ["Authorization", "Bearer x"];
    await settle(handle("GET", "/orgs/acme/scim/v2/Schemas?count=1", headers, "https"));
    expect(seen).toEqual([
      { method: "GET", basePath: "/orgs/acme/scim/v2", params: { org: "acme" }, path: "/Schemas", query: "count=1", headers, protocol: "https" },
    ]);
  });

  it("uses the mount matcher it is given instead of basePath (a framework that matched the mount itself)", async () => {
    const handle = createTargetHandler(rfcDocuments(), { origin: "https://scim.example" }, (pathname) => leadingPathSegments(pathname, 2));
    const response = await settle(handle("GET", "/Tenant%20A/v2/ResourceTypes/User", []));
    expect(location(response)).toBe("https://scim.example/Tenant%20A/v2/ResourceTypes/User");
  });

  it("serves a tenant's locations as valid URIs that route back to it, and no dot or malformed tenant", async () => {
    const handle = targetHandler();
    const got = await settle(handle("GET", "/orgs/a\\b{c}/scim/v2/ResourceTypes/User", []));
    expect(location(got)).toBe("https://scim.example/orgs/a%5Cb%7Bc%7D/scim/v2/ResourceTypes/User");
    const again = await settle(handle("GET", new URL(location(got)).pathname, []));
    expect(again).toBe(got);
    for (const tenant of [".", "..", "%2e", "%2E%2e", "a%zz", "%C0%AE"]) {
      expect((await settle(handle("GET", `/orgs/${tenant}/scim/v2/ServiceProviderConfig`, []))).status, tenant).toBe(404);
    }
  });

  it("answers missing options with the runtime's own configuration error, before anything reads them", () => {
    expect(() => createTargetHandler(rfcDocuments(), null as unknown as FetchHandlerOptions)).toThrow(DiscoveryConfigurationError);
    expect(() => createFetchHandler(rfcDocuments(), null as unknown as FetchHandlerOptions)).toThrow(DiscoveryConfigurationError);
  });
});

describe("splitRequestUrl: the path ends at the first ? or #, the authority of an absolute URL at the first /, ? or #", () => {
  it.each<[string, string, string, string | undefined]>([
    // Origin-form: a "://" later in the path or query is data, not a scheme.
    ["/scim/v2/Schemas?next=https://elsewhere.example/x", "/scim/v2/Schemas", "next=https://elsewhere.example/x", undefined],
    ["/scim/v2/Schemas/http://x", "/scim/v2/Schemas/http://x", "", undefined],
    // Neither origin-form nor absolute: the asterisk-form of `OPTIONS *` and a target without its "/".
    ["*", "*", "", undefined],
    ["scim/v2/Schemas", "scim/v2/Schemas", "", undefined],
    // A fragment right after the authority: no path, and what follows "#" is neither path nor query.
    ["https://h#/scim/v2/Schemas", "/", "", "https"],
    ["https://h#top?filter=x", "/", "", "https"],
    // A "?" inside the fragment starts no query.
    ["/scim/v2/Schemas#top?filter=x", "/scim/v2/Schemas", "", undefined],
    ["https://h/scim/v2/Schemas#top?filter=x", "/scim/v2/Schemas", "", "https"],
  ])("%j → path %j, query %j, protocol %j", (url, pathname, query, protocol) => {
    expect(splitRequestUrl(url)).toEqual({ pathname, query, protocol });
  });
});

describe("createTargetHandler at the root and with a framework's mount", () => {
  it("mounts at the root when basePath is left out", async () => {
    const handle = createTargetHandler(rfcDocuments(), { origin: "https://scim.example" });
    expect(location(await settle(handle("GET", "/ResourceTypes/User", [])))).toBe("https://scim.example/ResourceTypes/User");
  });

  it("leaves the asterisk-form target of `OPTIONS *` to the server, even mounted at the root", () => {
    const handle = createTargetHandler(rfcDocuments(), { origin: "https://scim.example" });
    expect(handle("OPTIONS", "*", [])).toBeNull();
  });

  it("never asks the params reader about a mount that is no tenant (a dot segment, malformed percent-encoding)", async () => {
    const asked: string[] = [];
    const readParams = createMountParamsReader("/orgs/:org/scim/v2");
    const handle = createTargetHandler(
      rfcDocuments(),
      { origin: "https://scim.example" },
      (pathname) => leadingPathSegments(pathname, 4),
      (mountPath) => (asked.push(mountPath), readParams(mountPath)),
    );
    for (const tenant of [".", "%2e", "..", "a%zz", "%C0%AE"]) {
      expect((await settle(handle("GET", `/orgs/${tenant}/scim/v2/Schemas`, []))).status, tenant).toBe(404);
    }
    expect((await settle(handle("GET", "/orgs/acme/scim/v2/Schemas", []))).status).toBe(200);
    expect(asked).toEqual(["/orgs/acme/scim/v2"]);
  });

  it("answers a SCIM 404, no hook run, for a mount whose parameter does not decode though its path is a valid URI path", async () => {
    // The framework's pattern names a parameter inside a segment: the first two characters of the org.
    const seen: MountParams[] = [];
    const handle = createTargetHandler(
      rfcDocuments(),
      { origin: "https://scim.example", authenticate: (request) => (seen.push(request.params), true) },
      (pathname) => leadingPathSegments(pathname, 4),
      createMountParamsReader(/^\/orgs\/(?<shard>[^/]{2})/),
    );
    // "%4" of "%41cme" is no percent-encoded octet.
    const refused = await settle(handle("GET", "/orgs/%41cme/scim/v2/ResourceTypes/User", []));
    expect([refused.status, json(refused)["detail"]]).toEqual([404, "No SCIM discovery endpoint at this path (RFC 7644 §4)."]);
    const served = await settle(handle("GET", "/orgs/ac%41me/scim/v2/ResourceTypes/User", []));
    expect(location(served)).toBe("https://scim.example/orgs/ac%41me/scim/v2/ResourceTypes/User");
    expect(seen).toEqual([{ shard: "ac" }]);
  });
});

describe("createTargetHandler, the targets it remembers (what depends on the target alone, worked out once)", () => {
  /** A handler at /scim/v2 whose mount matcher records each path it is asked about. */
  function recording(options: Partial<FetchHandlerOptions> = {}): { handle: TargetHandler; asked: string[] } {
    const asked: string[] = [];
    const handle = createTargetHandler(rfcDocuments(), { origin: "https://scim.example", ...options } as FetchHandlerOptions, (pathname) => {
      asked.push(pathname);
      return leadingPathSegments(pathname, 2);
    });
    return { handle, asked };
  }

  it("matches a target without query or fragment once, and one with either every time", async () => {
    const { handle, asked } = recording();
    const targets = ["/scim/v2/Schemas", "/scim/v2/ResourceTypes/User", "/scim/v2/ResourceTypes?count=1", "/scim/v2/ServiceProviderConfig#top"];
    for (const round of [1, 2, 3]) {
      for (const target of targets) expect((await settle(handle("GET", target, []))).status, `${round} ${target}`).toBe(200);
    }
    expect(asked).toEqual([
      "/scim/v2/Schemas",
      "/scim/v2/ResourceTypes/User",
      "/scim/v2/ResourceTypes",
      "/scim/v2/ServiceProviderConfig",
      "/scim/v2/ResourceTypes",
      "/scim/v2/ServiceProviderConfig",
      "/scim/v2/ResourceTypes",
      "/scim/v2/ServiceProviderConfig",
    ]);
  });

  it("gives the hooks the same request for a remembered target as the first time (no query)", async () => {
    const seen: DiscoveryRequest[] = [];
    const { handle } = recording({ authenticate: (request) => (seen.push(request), true) });
    const headers = ["Authorization", "Bearer x"];
    for (let i = 0; i < 2; i++) await settle(handle("GET", "/scim/v2/Schemas", headers, "https"));
    const want = { method: "GET", basePath: "/scim/v2", params: {}, path: "/Schemas", query: "", headers, protocol: "https" };
    expect(seen).toEqual([want, want]);
  });

  it("remembers 1,024 targets, then starts afresh: a target is matched again only after 1,024 others", async () => {
    const { handle, asked } = recording();
    const targets = Array.from({ length: 1025 }, (_, i) => `/scim/v2/Schemas/urn:example:${i}`);
    for (const target of targets.slice(0, 1024)) await settle(handle("GET", target, []));
    expect(asked.length).toBe(1024);
    asked.length = 0;
    await settle(handle("GET", targets[0] as string, [])); // still remembered: the memo holds 1,024
    await settle(handle("GET", targets[1024] as string, [])); // the 1,025th: the memo starts afresh with it
    await settle(handle("GET", targets[0] as string, []));
    expect(asked).toEqual(["/scim/v2/Schemas/urn:example:1024", "/scim/v2/Schemas/urn:example:0"]);
  });
});
