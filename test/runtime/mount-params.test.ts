// The hooks' `request.params`: a tenant mount's route parameters by name, percent-decoded once, the same on
// every entry point (the raw-target handler under the node:http, Koa, Express-with-basePath, Fastify, Hono
// and Next.js adapters, the Fetch front, the request-object handler), typed from a literal basePath.

import { describe, expect, it } from "vitest";
import {
  createDiscoveryHandler,
  createFetchHandler,
  createMountParamsReader,
  createTargetHandler,
  leadingPathSegments,
  NO_PARAMS,
} from "../../generator/runtime/index.js";
import type {
  DiscoveryRequest,
  DiscoveryResponse,
  MountParams,
} from "../../generator/runtime/index.js";
import { rfcDocuments } from "./fixtures.js";

const documents = rfcDocuments();

async function settle(result: DiscoveryResponse | Promise<DiscoveryResponse> | null): Promise<DiscoveryResponse> {
  if (result === null) throw new Error("outside the mount");
  return result;
}

function location(response: DiscoveryResponse): string {
  const body = JSON.parse(new TextDecoder().decode(response.body ?? new Uint8Array())) as { meta: { location: string } };
  return body.meta.location;
}

/** A target handler at `basePath` whose authenticate records what it saw and lets every request in. */
function recording<B extends string | RegExp>(basePath: B): { handle: ReturnType<typeof createTargetHandler>; seen: MountParams[] } {
  const seen: MountParams[] = [];
  const handle = createTargetHandler(documents, {
    basePath,
    origin: "https://scim.example",
    authenticate: (request) => {
      seen.push(request.params);
      return true;
    },
  });
  return { handle, seen };
}

describe("request.params", () => {
  it.each([
    ["acme", "acme"],
    ["Acme-7_x", "Acme-7_x"],
    ["a%2Fb", "a/b"], // %2F is one segment on the wire: decoded once, a "/" in the value
    ["a%252Fb", "a%2Fb"], // decoded once, never twice
    ["%C3%A9t%C3%A9", "été"],
    ["a+b", "a+b"], // a path, not a form: "+" is a plus
    ["a|b", "a|b"], // raw characters outside pchar arrive as sent
    ["a%20b", "a b"],
    ["%00", "\u0000"],
  ])("%s reaches the hooks as %j", async (tenant, want) => {
    const { handle, seen } = recording("/orgs/:org/scim/v2");
    const response = await settle(handle("GET", `/orgs/${tenant}/scim/v2/ServiceProviderConfig`, []));
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ org: want }]);
  });

  it.each(["%ff", "%C0%AE", "a%zz", "%", "%2e", ".", "..", "%2E%2e"])(
    "a tenant %s that is malformed, not UTF-8 or a dot segment is no tenant: SCIM 404, the hooks never run",
    async (tenant) => {
      const { handle, seen } = recording("/orgs/:org/scim/v2");
      const response = await settle(handle("GET", `/orgs/${tenant}/scim/v2/ServiceProviderConfig`, []));
      expect(response.status).toBe(404);
      expect(seen).toEqual([]);
    },
  );

  it("names every parameter segment, `:name` and `{name}`, and gives a mount without any an empty record", async () => {
    const { handle, seen } = recording("/t/{team}/orgs/:org/scim/v2");
    await settle(handle("GET", "/t/red/orgs/acme/scim/v2/Schemas", []));
    const plain = recording("/scim/v2");
    await settle(plain.handle("GET", "/scim/v2/Schemas", []));
    expect([...seen, ...plain.seen]).toEqual([{ team: "red", org: "acme" }, {}]);
    expect(plain.seen[0]).toBe(NO_PARAMS);
  });

  it("takes a RegExp basePath's named groups as params", async () => {
    const { handle, seen } = recording(/^\/orgs\/(?<org>[^/]+)\/scim\/v2/);
    await settle(handle("GET", "/orgs/a%2Fb/scim/v2/Schemas", []));
    expect(seen).toEqual([{ org: "a/b" }]);
  });

  it("gives a tenant's requests one frozen params object, however many targets and queries (nothing allocated per request)", async () => {
    const { handle, seen } = recording("/orgs/:org/scim/v2");
    for (const target of ["/Schemas", "/Schemas?count=1", "/ResourceTypes/User", "/Schemas", "/Nope"]) {
      await settle(handle("GET", `/orgs/acme/scim/v2${target}`, []));
    }
    await settle(handle("GET", "/orgs/globex/scim/v2/Schemas", []));
    expect(seen.map((params) => params["org"])).toEqual(["acme", "acme", "acme", "acme", "acme", "globex"]);
    expect(new Set(seen.slice(0, 5)).size).toBe(1);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(seen[5]).not.toBe(seen[0]);
  });

  it("lets authenticate check a token per tenant: the right tenant's token passes, another tenant's gets 401", async () => {
    const tokens = new Map([
      ["acme", "token-a"],
      ["globex", "token-g"],
    ]);
    const handle = createTargetHandler(documents, {
      basePath: "/api/0/organizations/:org/scim/v2",
      origin: "https://scim.example",
      authenticate: ({ params, headers }) => {
        const token = tokens.get(params.org);
        return token !== undefined && Array.isArray(headers) && headers[1] === `Bearer ${token}`;
      },
    });
    const status = async (org: string, token: string): Promise<number> =>
      (await settle(handle("GET", `/api/0/organizations/${org}/scim/v2/Schemas`, ["Authorization", `Bearer ${token}`]))).status;
    expect([await status("acme", "token-a"), await status("globex", "token-g")]).toEqual([200, 200]);
    expect([await status("acme", "token-g"), await status("globex", "token-a"), await status("initech", "token-a")]).toEqual([401, 401, 401]);
  });

  it("reaches a baseUrl function too", async () => {
    const handle = createTargetHandler(documents, {
      basePath: "/orgs/:org/scim/v2",
      baseUrl: (request) => `https://${request.params.org.replace(/[^a-z0-9-]/g, "")}.scim.example/v2`,
    });
    expect(location(await settle(handle("GET", "/orgs/acme/scim/v2/ResourceTypes/User", [])))).toBe("https://acme.scim.example/v2/ResourceTypes/User");
  });

  it("is the same through the Fetch front", async () => {
    const seen: MountParams[] = [];
    const handle = createFetchHandler(documents, {
      basePath: "/orgs/:org/scim/v2",
      origin: "https://scim.example",
      authenticate: (request) => (seen.push(request.params), true),
    });
    expect((await handle(new Request("https://scim.example/orgs/a%2Fb/scim/v2/Schemas"))).status).toBe(200);
    expect(seen).toEqual([{ org: "a/b" }]);
  });

  it("comes from the reader an adapter passes when the framework matched the mount (a Fastify prefix, a Hono route)", async () => {
    const seen: MountParams[] = [];
    const handle = createTargetHandler(
      documents,
      { origin: "https://scim.example", authenticate: (request) => (seen.push(request.params), true) },
      (pathname) => leadingPathSegments(pathname, 4),
      createMountParamsReader("/orgs/:org(^[a-z%0-9]+)/scim/v2"),
    );
    await settle(handle("GET", "/orgs/%C3%A9/scim/v2/Schemas", []));
    expect(seen).toEqual([{ org: "é" }]);
    expect(createMountParamsReader("/orgs/:org{[a-z]+}/scim/v2")("/orgs/acme/scim/v2")).toEqual({ org: "acme" });
    expect(createMountParamsReader("/orgs/:org/scim/v2")("/orgs/%zz/scim/v2")).toBeNull();
  });

  it("is what the caller passes to the request-object handler, or an empty record when it passes none", async () => {
    const seen: DiscoveryRequest[] = [];
    const handler = createDiscoveryHandler(documents, { origin: "https://scim.example", authenticate: (request) => (seen.push(request), true) });
    const base = { method: "GET", basePath: "/scim/v2", path: "/Schemas", query: "", headers: [] } as const;
    await handler(base);
    await handler({ ...base, params: { org: "acme" } });
    expect(seen.map((request) => request.params)).toEqual([{}, { org: "acme" }]);
  });
});

// Added for the mutation run (test/mutation/equivalent-mutants.md): what names a parameter in a pattern.
describe("createMountParamsReader, what names a parameter", () => {
  it.each<[string, string, Record<string, string>]>([
    ["/t/:org/v2", "/t/acme/v2", { org: "acme" }],
    ["/t/{org}/v2", "/t/acme/v2", { org: "acme" }],
    ["/t/:org_1/v2", "/t/acme/v2", { org_1: "acme" }],
    // Only a segment that starts with ":" or is exactly "{name}" names one.
    ["/t/a:org/v2", "/t/acme/v2", {}],
    ["/t/x{org}/v2", "/t/acme/v2", {}],
    ["/t/{org}x/v2", "/t/acme/v2", {}],
    ["/t/:org-x/v2", "/t/acme/v2", {}],
  ])("%s reads %s as %j", (pattern, mountPath, want) => {
    expect(createMountParamsReader(pattern)(mountPath)).toEqual(want);
  });
});
