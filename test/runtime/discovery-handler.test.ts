// The discovery handler against SCIM-RULES.md, rule by rule, over the RFC 7643 §8 documents.

import { describe, expect, it } from "vitest";
import {
  createDiscoveryHandler,
  DiscoveryConfigurationError,
  getHeader,
  LIST_RESPONSE_SCHEMA,
  SCIM_ERROR_SCHEMA,
} from "../../generator/runtime/index.js";
import type {
  DiscoveryDocuments,
  DiscoveryHandler,
  DiscoveryHandlerOptions,
  DiscoveryRequest,
  DiscoveryResponse,
  ScimDocument,
} from "../../generator/runtime/index.js";
import {
  json,
  request,
  RESOURCE_SCHEMA_IDS,
  RESOURCE_TYPE_IDS,
  rfcDocuments,
  SERVICE_PROVIDER_SCHEMA_IDS,
  text,
} from "./fixtures.js";

const BASE = "https://api.example.com/scim/v2";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const ALL_SCHEMA_IDS = [...RESOURCE_SCHEMA_IDS, ...SERVICE_PROVIDER_SCHEMA_IDS];

const documents = rfcDocuments();
const handler = createDiscoveryHandler(documents, { baseUrl: BASE });

function handlerWith(options: Partial<DiscoveryHandlerOptions> = {}): DiscoveryHandler {
  return createDiscoveryHandler(rfcDocuments(), { baseUrl: BASE, ...options } as DiscoveryHandlerOptions);
}

async function call(path: string, overrides: Partial<DiscoveryRequest> = {}, h = handler): Promise<DiscoveryResponse> {
  return await h(request(path, overrides));
}

/** The input document as the client should see it: meta.location made absolute. */
function absolute(document: ScimDocument, base = BASE): unknown {
  return { ...document, meta: { ...document.meta, location: base + document.meta.location } };
}

function expectScimError(response: DiscoveryResponse, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toBe("application/scim+json");
  const body = json(response);
  expect(Object.keys(body).sort()).toEqual(["detail", "schemas", "status"]);
  expect(body["schemas"]).toEqual([SCIM_ERROR_SCHEMA]);
  expect(body["status"]).toBe(String(status)); // RFC 7644 §3.12: a string
  expect(typeof body["detail"]).toBe("string");
}

const encode = (uri: string): string => uri.replace(/:/g, "%3A");

/** The name and message of what `run` throws (`undefined` when it returns). */
function thrownBy(run: () => unknown): { name: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  return undefined;
}

describe("routes (RFC 7644 §4): 200 with the canonical document", () => {
  const single: [string, string][] = [
    ["/ResourceTypes/User", "User"],
    ["/ResourceTypes/User/", "User"],
    ["/ResourceTypes/user", "User"],
    ["/ResourceTypes/USER", "User"],
    ["/ResourceTypes/%55ser", "User"],
    ["/resourcetypes/group", "Group"],
    ["/RESOURCETYPES/Group/", "Group"],
    ...ALL_SCHEMA_IDS.flatMap((id): [string, string][] => [
      [`/Schemas/${id}`, id],
      [`/Schemas/${id}/`, id],
      [`/Schemas/${encode(id)}`, id],
      [`/Schemas/${id.replace(/:/g, "%3a")}`, id],
      [`/Schemas/${encodeURIComponent(id)}`, id],
      [`/Schemas/${id.toUpperCase()}`, id],
      [`/schemas/${id.toLowerCase()}`, id],
    ]),
  ];
  it.each(single)("GET %s → %s", async (path, id) => {
    const response = await call(path);
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body["id"]).toBe(id);
    const kind = RESOURCE_TYPE_IDS.includes(id) ? "ResourceTypes" : "Schemas";
    expect(body["meta"]).toEqual({ resourceType: kind === "Schemas" ? "Schema" : "ResourceType", location: `${BASE}/${kind}/${id}` });
  });

  it.each(["/ServiceProviderConfig", "/ServiceProviderConfig/", "/serviceproviderconfig", "/SERVICEPROVIDERCONFIG/"])(
    "GET %s → the ServiceProviderConfig (RFC 7643 §5)",
    async (path) => {
      const response = await call(path);
      expect(response.status).toBe(200);
      expect(json(response)).toEqual(absolute(documents.serviceProviderConfig));
    },
  );

  it("serves each document exactly, with only meta.location made absolute", async () => {
    for (const document of documents.resourceTypes) {
      expect(json(await call(`/ResourceTypes/${document.id}`))).toEqual(absolute(document));
    }
    for (const document of [...documents.schemas, ...documents.serviceProviderSchemas]) {
      expect(json(await call(`/Schemas/${document.id}`))).toEqual(absolute(document));
    }
  });

  it("serves meta.location URLs that lead back to the same object (checkers fetch and compare)", async () => {
    for (const path of ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]) {
      const body = json(await call(path));
      const objects = path === "/ServiceProviderConfig" ? [body] : (body["Resources"] as Record<string, unknown>[]);
      for (const object of objects) {
        const location = (object["meta"] as { location: string }).location;
        expect(location.startsWith(`${BASE}/`)).toBe(true);
        expect(json(await call(location.slice(BASE.length)))).toEqual(object);
      }
    }
  });

  it("answers synchronously when no authenticate hook is set", () => {
    expect(handler(request("/Schemas"))).not.toBeInstanceOf(Promise);
  });

  it("keeps User and Group reachable by name (SailPoint pre-flight)", async () => {
    for (const id of ["User", "Group"]) expect((await call(`/ResourceTypes/${id}`)).status).toBe(200);
  });
});

describe("lists (RFC 7644 §3.4.2 ListResponse)", () => {
  it.each<[string, readonly string[]]>([
    ["/ResourceTypes", RESOURCE_TYPE_IDS],
    ["/ResourceTypes/", RESOURCE_TYPE_IDS],
    ["/Schemas", ALL_SCHEMA_IDS],
    ["/schemas/", ALL_SCHEMA_IDS],
  ])("GET %s lists %j in canonical order with exact counts", async (path, ids) => {
    const body = json(await call(path));
    expect(Object.keys(body)).toEqual(["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"]);
    expect(body["schemas"]).toEqual([LIST_RESPONSE_SCHEMA]);
    expect(body["totalResults"]).toBe(ids.length);
    expect(body["itemsPerPage"]).toBe(ids.length);
    expect(body["startIndex"]).toBe(1);
    expect((body["Resources"] as { id: string }[]).map((resource) => resource.id)).toEqual(ids);
  });

  it("lists the same objects the single endpoints serve", async () => {
    const resources = json(await call("/Schemas"))["Resources"] as Record<string, unknown>[];
    for (const resource of resources) expect(json(await call(`/Schemas/${String(resource["id"])}`))).toEqual(resource);
  });

  it("never lists message schemas", async () => {
    const ids = (json(await call("/Schemas"))["Resources"] as { id: string }[]).map((resource) => resource.id);
    expect(ids.some((id) => id.startsWith("urn:ietf:params:scim:api:messages:"))).toBe(false);
  });

  it("leaves out the service-provider schemas with listServiceProviderSchemas: false", async () => {
    const h = handlerWith({ listServiceProviderSchemas: false });
    const body = json(await call("/Schemas", {}, h));
    expect(body["totalResults"]).toBe(3);
    expect((body["Resources"] as { id: string }[]).map((resource) => resource.id)).toEqual(RESOURCE_SCHEMA_IDS);
    expectScimError(await call(`/Schemas/${SCHEMA_SCHEMA}`, {}, h), 404);
    expect((await call(`/Schemas/${USER}`, {}, h)).status).toBe(200);
  });

  it.each([
    "startIndex=2&count=1",
    "count=0",
    "sortBy=name&sortOrder=descending",
    "attributes=id",
    "excludedAttributes=attributes,meta",
    "unknown=1&%zz",
  ])("ignores ?%s (RFC 7644 §4 SHALL be ignored): same bytes as without", async (query) => {
    for (const path of ["/Schemas", "/ResourceTypes", "/ServiceProviderConfig", `/Schemas/${USER}`]) {
      expect(text(await call(path, { query }))).toBe(text(await call(path)));
    }
  });
});

describe("headers on every response", () => {
  const cases: [string, Partial<DiscoveryRequest>, Partial<DiscoveryHandlerOptions>, number][] = [
    ["/Schemas", {}, {}, 200],
    ["/Schemas", { method: "HEAD" }, {}, 200],
    ["/Nope", {}, {}, 404],
    ["/Schemas", { method: "POST" }, {}, 405],
    ["/Schemas", { query: "filter=x" }, {}, 403],
    ["/Schemas", {}, { authenticate: () => false }, 401],
    ["/Schemas", { method: "OPTIONS" }, {}, 204],
    ["/Schemas", { headers: { "if-none-match": "*" } }, {}, 304],
  ];
  it.each(cases)("%s %j → %i: scim+json, exact Content-Length, no header it was not asked for", async (path, overrides, options, status) => {
    const response = await call(path, overrides, handlerWith(options));
    expect(response.status).toBe(status);
    expect(response.headers["content-type"]).toBe("application/scim+json");
    expect(response.headers["cache-control"]).toBeUndefined();
    expect(response.headers["x-content-type-options"]).toBeUndefined();
    if (response.body !== null) expect(response.headers["content-length"]).toBe(String(response.body.byteLength));
    if (status === 204 || status === 304) {
      expect(response.body).toBeNull();
      expect(response.headers["content-length"]).toBeUndefined();
    }
    // Lower-case names only: no adapter has to guess the spelling.
    for (const name of Object.keys(response.headers)) expect(name).toBe(name.toLowerCase());
  });

  it.each([
    { accept: "application/json" },
    { accept: "application/scim+json" },
    { accept: "*/*" },
    { accept: "text/html" },
    { accept: "application/json", "accept-charset": "utf-8" },
  ])("serves Accept %j, never 406", async (headers) => {
    const response = await call("/ServiceProviderConfig", { headers });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/scim+json");
  });

  it("returns frozen responses that requests cannot alter for each other", async () => {
    const response = await call("/Schemas");
    expect(Object.isFrozen(response)).toBe(true);
    expect(Object.isFrozen(response.headers)).toBe(true);
  });
});

describe("404 with a SCIM Error for anything unknown under the base", () => {
  it.each([
    "",
    "/",
    "/Nope",
    "/Users",
    "/ServiceProviderConfigs",
    "/ServiceProviderConfig/x",
    "/ResourceTypes/Nope",
    "/ResourceTypes/User/extra",
    "/ResourceTypes//",
    "/Schemas/urn:nope",
    "/Schemas//",
    `/Schemas/${USER}/extra`,
    `/Schemas/${USER}x`,
    "/Schemas/urn:ietf:params:scim:api:messages:2.0:ListResponse",
    "/Schemas/urn:ietf:params:scim:api:messages:2.0:Error",
    "/Schemas/%zz",
    "/Schemas/urn%3",
    "/Schemas/urn%2Fietf",
    "/Schemas/%ED%A0%80",
    "/%zz",
    "/%zz/User",
    "Schemas",
    "//Schemas",
    "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User%00",
  ])("GET %j → 404", async (path) => {
    expectScimError(await call(path), 404);
  });

  it("answers HEAD on an unknown path with the same headers and no body", async () => {
    const get = await call("/Nope");
    const head = await call("/Nope", { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(head.headers).toEqual(get.headers);
    expect(head.body).toBeNull();
  });

  it("never throws on hostile paths", () => {
    for (const path of ["/Schemas/%", "/Schemas/%%%", "/%E0%A4%A", "/Schemas/\u0000", "/Schemas/" + "%3A".repeat(10000)]) {
      expect(() => handler(request(path))).not.toThrow();
    }
  });
});

describe("405 on non-read methods, decided from method and path only", () => {
  const paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/ResourceTypes/Nope", "/Schemas", `/Schemas/${encode(USER)}`, "/Schemas/urn:nope/"];
  const methods = ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "get", "PROPFIND"];
  it.each(methods.flatMap((method) => paths.map((path): [string, string] => [method, path])))("%s %s → 405", async (method, path) => {
    const response = await call(path, { method });
    expectScimError(response, 405);
    expect(response.headers["allow"]).toBe("GET, HEAD");
  });

  it("never reads a body and answers before authentication (Okta posts `test`)", async () => {
    let authenticated = 0;
    const h = handlerWith({
      authenticate: () => {
        authenticated++;
        return false;
      },
    });
    const hostile = Object.defineProperty(request("/Schemas", { method: "POST" }), "body", {
      get() {
        throw new Error("the runtime read the body");
      },
    });
    const response = await h(hostile);
    expectScimError(response, 405);
    expect(authenticated).toBe(0);
  });

  it("authenticates, then answers 404, for a non-read method on an unknown path", async () => {
    expectScimError(await call("/Users", { method: "POST" }, handlerWith({ authenticate: () => false })), 401);
    expectScimError(await call("/Users", { method: "POST" }), 404);
  });

  it("answers OPTIONS with 204 and Allow, without authentication", async () => {
    const response = await call("/Schemas", { method: "OPTIONS" }, handlerWith({ authenticate: () => false }));
    expect(response.status).toBe(204);
    expect(response.headers["allow"]).toBe("GET, HEAD, OPTIONS");
    expect(response.body).toBeNull();
  });
});

describe("HEAD = GET without a body", () => {
  it.each(["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/Group", "/Schemas", `/Schemas/${ENTERPRISE}`, "/Schemas/"])(
    "HEAD %s",
    async (path) => {
      const get = await call(path);
      const head = await call(path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers).toEqual(get.headers);
      expect(head.headers["content-length"]).toBe(String(get.body?.byteLength));
      expect(head.body).toBeNull();
    },
  );
});

describe("conditional requests (RFC 9110 §13.1.2, §15.4.5)", () => {
  it("sends a strong ETag that differs per document and is stable across handlers", async () => {
    const paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/ResourceTypes/Group", "/Schemas", `/Schemas/${USER}`, `/Schemas/${GROUP}`];
    const etags = await Promise.all(paths.map(async (path) => (await call(path)).headers["etag"]));
    for (const etag of etags) expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(new Set(etags).size).toBe(paths.length);
    const again = handlerWith();
    expect((await call("/Schemas", {}, again)).headers["etag"]).toBe(etags[4]);
  });

  it("changes the ETag with the base URL (the bytes differ)", async () => {
    const other = handlerWith({ baseUrl: "https://other.example/scim/v2" });
    expect((await call("/Schemas", {}, other)).headers["etag"]).not.toBe((await call("/Schemas")).headers["etag"]);
  });

  const match = (etag: string): [string, string | ((etag: string) => string), number][] => [
    ["GET", (e) => e, 304],
    ["HEAD", (e) => e, 304],
    ["GET", "*", 304],
    ["GET", (e) => `W/${e}`, 304],
    ["GET", (e) => `"other", ${e}`, 304],
    ["GET", (e) => `"other",W/${e} , "x"`, 304],
    ["GET", '"other"', 200],
    ["GET", (e) => e.slice(0, -2) + '"', 200],
    ["HEAD", '"other"', 200],
    ["GET", etag, 304],
  ];
  it.each(["/ServiceProviderConfig", "/ResourceTypes", "/Schemas/", `/Schemas/${encode(GROUP)}`])("If-None-Match on %s", async (path) => {
    const first = await call(path);
    const etag = first.headers["etag"] as string;
    for (const [method, value, status] of match(etag)) {
      const header = typeof value === "function" ? value(etag) : value;
      const response = await call(path, { method, headers: { "if-none-match": header } });
      expect({ method, header, status: response.status }).toEqual({ method, header, status });
      if (status === 304) {
        expect(response.body).toBeNull();
        expect(response.headers["etag"]).toBe(etag);
        expect(response.headers["content-type"]).toBe("application/scim+json");
        expect(response.headers["content-length"]).toBeUndefined();
      }
    }
  });

  it("reads If-None-Match from Fetch Headers and from repeated Node headers", async () => {
    const etag = (await call("/Schemas")).headers["etag"] as string;
    expect((await call("/Schemas", { headers: new Headers({ "If-None-Match": etag }) })).status).toBe(304);
    expect((await call("/Schemas", { headers: { "if-none-match": ['"a"', etag] } })).status).toBe(304);
  });

  it("authenticates before answering 304", async () => {
    const h = handlerWith({ authenticate: () => false });
    expectScimError(await call("/Schemas", { headers: { "if-none-match": "*" } }, h), 401);
  });

  it("does not answer 304 for errors", async () => {
    expectScimError(await call("/Nope", { headers: { "if-none-match": "*" } }), 404);
  });
});

describe("filter (RFC 7644 §4)", () => {
  it.each([
    ["/ResourceTypes", "filter=name%20eq%20%22User%22"],
    ["/ResourceTypes/", "filter="],
    ["/Schemas", "filter=id%20pr"],
    ["/schemas/", "startIndex=1&Filter=x"],
    ["/Schemas", "%66ilter=x"],
  ])("GET %s?%s → 403", async (path, query) => {
    expectScimError(await call(path, { query }), 403);
  });

  it("answers HEAD with a filter 403 without a body", async () => {
    const response = await call("/Schemas", { method: "HEAD", query: "filter=x" });
    expect(response.status).toBe(403);
    expect(response.body).toBeNull();
  });

  it("ignores a filter on /ServiceProviderConfig by default (scim2/test-suite expects 200)", async () => {
    expect((await call("/ServiceProviderConfig", { query: "filter=x" })).status).toBe(200);
  });

  it("rejects it with serviceProviderConfigFilter: reject", async () => {
    const h = handlerWith({ serviceProviderConfigFilter: "reject" });
    expectScimError(await call("/ServiceProviderConfig", { query: "filter=x" }, h), 403);
    expect((await call("/ServiceProviderConfig", { query: "count=1" }, h)).status).toBe(200);
  });

  it("ignores a filter on a single resource, like every other parameter", async () => {
    expect((await call("/ResourceTypes/User", { query: "filter=x" })).status).toBe(200);
    expect((await call(`/Schemas/${USER}`, { query: "filter=x" })).status).toBe(200);
  });
});

describe("caseExact: true", () => {
  const exact = handlerWith({ caseExact: true });
  it.each([
    ["/ResourceTypes/User", 200],
    ["/ResourceTypes/%55ser", 200],
    [`/Schemas/${encode(USER)}`, 200],
    [`/Schemas/${USER}/`, 200],
    ["/ResourceTypes/user", 404],
    ["/resourcetypes/User", 404],
    ["/schemas", 404],
    ["/serviceproviderconfig", 404],
    [`/Schemas/${USER.toUpperCase()}`, 404],
  ])("GET %s → %i", async (path, status) => {
    expect((await call(path, {}, exact)).status).toBe(status);
  });
});

describe("authentication", () => {
  it("answers 401 with a SCIM Error and WWW-Authenticate (default Bearer realm=\"SCIM\")", async () => {
    const response = await call("/Schemas", {}, handlerWith({ authenticate: () => false }));
    expectScimError(response, 401);
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="SCIM"');
  });

  it("uses the configured challenge", async () => {
    const h = handlerWith({ authenticate: () => false, wwwAuthenticate: 'Basic realm="scim", charset="UTF-8"' });
    expect((await call("/Schemas", {}, h)).headers["www-authenticate"]).toBe('Basic realm="scim", charset="UTF-8"');
  });

  it("passes the request to the hook and serves when it returns true", async () => {
    const seen: DiscoveryRequest[] = [];
    const h = handlerWith({
      authenticate: (r) => {
        seen.push(r);
        return getHeader(r.headers, "authorization") === "Bearer ok";
      },
    });
    // As the adapters pass it (params included): the hook gets that very object, no copy.
    const ok = { ...request("/Schemas", { headers: { authorization: "Bearer ok" } }), params: {} };
    expect((await h(ok)).status).toBe(200);
    expect(seen[0]).toBe(ok);
    // Without params: a copy with an empty record, so that a hook can always read `request.params`.
    const bare = request("/Schemas", { headers: { authorization: "Bearer ok" } });
    expect((await h(bare)).status).toBe(200);
    expect(seen[1]).toEqual({ ...bare, params: {} });
    expect((await call("/Schemas", { headers: { authorization: "Bearer bad" } }, h)).status).toBe(401);
  });

  it.each<[string, number, () => unknown]>([
    ["async true", 200, async () => true],
    ["async false", 401, async () => false],
    ["a thenable", 200, () => ({ then: (resolve: (value: boolean) => void) => resolve(true) })],
    ["undefined (a JS caller forgot to return)", 401, () => undefined],
    ["a truthy non-boolean", 401, () => "yes"],
    ["async truthy non-boolean", 401, async () => 1],
    ["null", 401, () => null],
  ])("fails closed: %s → %i", async (_, status, authenticate) => {
    const h = handlerWith({ authenticate: authenticate as () => boolean });
    expect((await call("/Schemas", {}, h)).status).toBe(status);
  });

  it("returns a Promise only when the hook does", () => {
    expect(handlerWith({ authenticate: () => true })(request("/Schemas"))).not.toBeInstanceOf(Promise);
    expect(handlerWith({ authenticate: async () => true })(request("/Schemas"))).toBeInstanceOf(Promise);
  });

  it.each<[string, unknown]>([
    ["false", false],
    ["null", null],
    ["an object that is no promise", { verdict: true }],
    ["an object whose then is not a function", { then: true }],
  ])("answers a synchronous refusal (%s) synchronously: 401, no Promise to wait for", (_, verdict) => {
    const response = handlerWith({ authenticate: (() => verdict) as () => boolean })(request("/Schemas"));
    expect(response).not.toBeInstanceOf(Promise);
    expectScimError(response as DiscoveryResponse, 401);
  });

  it.each(["/Nope", "/ResourceTypes/Nope", "/Schemas/urn:nope", "/Schemas/%zz"])(
    "authenticates unknown paths and ids too (%s): no existence oracle",
    async (path) => {
      expectScimError(await call(path, {}, handlerWith({ authenticate: () => false })), 401);
    },
  );

  it("answers HEAD 401 without a body", async () => {
    const response = await call("/Schemas", { method: "HEAD" }, handlerWith({ authenticate: () => false }));
    expect(response.status).toBe(401);
    expect(response.body).toBeNull();
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="SCIM"');
  });

  it("serves /ServiceProviderConfig unauthenticated with publicServiceProviderConfig (RFC 7643 §5), nothing else", async () => {
    let calls = 0;
    const h = handlerWith({
      publicServiceProviderConfig: true,
      authenticate: () => {
        calls++;
        return false;
      },
    });
    expect((await call("/ServiceProviderConfig", {}, h)).status).toBe(200);
    expect((await call("/serviceproviderconfig/", { method: "HEAD" }, h)).status).toBe(200);
    expect(calls).toBe(0);
    expectScimError(await call("/ResourceTypes", {}, h), 401);
    expectScimError(await call("/ServiceProviderConfig/x", {}, h), 401);
    expect(calls).toBe(2);
  });

  it("keeps /ServiceProviderConfig behind authentication by default", async () => {
    expectScimError(await call("/ServiceProviderConfig", {}, handlerWith({ authenticate: () => false })), 401);
  });
});

describe("base URL (RFC 7643 §3.1 meta.location)", () => {
  const locationOf = async (h: DiscoveryHandler, overrides: Partial<DiscoveryRequest> = {}, path = "/ResourceTypes/User"): Promise<unknown> =>
    (json(await h(request(path, overrides)))["meta"] as { location: string }).location;

  it("uses a fixed baseUrl, trailing slash or not", async () => {
    expect(await locationOf(handlerWith({ baseUrl: `${BASE}/` }))).toBe(`${BASE}/ResourceTypes/User`);
  });

  it("uses a baseUrl function of the request (tenant mounts)", async () => {
    const h = handlerWith({ baseUrl: (r) => `https://scim.example${r.basePath}` });
    expect(await locationOf(h, { basePath: "/api/0/organizations/acme/scim/v2" })).toBe(
      "https://scim.example/api/0/organizations/acme/scim/v2/ResourceTypes/User",
    );
  });

  it.each([
    ["/scim/v2", "https://api.example.com/scim/v2/ResourceTypes/User"],
    ["/scim/v2/", "https://api.example.com/scim/v2/ResourceTypes/User"],
    ["", "https://api.example.com/ResourceTypes/User"],
    ["/orgs/a%20b/scim/v2", "https://api.example.com/orgs/a%20b/scim/v2/ResourceTypes/User"],
  ])("origin + basePath %j", async (basePath, want) => {
    const h = handlerWith({ baseUrl: undefined, origin: "https://api.example.com/" });
    expect(await locationOf(h, { basePath })).toBe(want);
  });

  it("percent-encodes what a URI path may not hold raw (RFC 3986 §3.3), so the base is a valid URI", async () => {
    const h = handlerWith({ baseUrl: undefined, origin: "https://api.example.com" });
    expect(await locationOf(h, { basePath: '/t/"é"' })).toBe("https://api.example.com/t/%22%C3%A9%22/ResourceTypes/User");
    expect(await locationOf(h, { basePath: "/t/a b" })).toBe("https://api.example.com/t/a%20b/ResourceTypes/User");
    expect(await locationOf(h, { basePath: "/t/a\\b" })).toBe("https://api.example.com/t/a%5Cb/ResourceTypes/User");
    expect(await locationOf(h, { basePath: "/t/<x>`{|}^[y]" })).toBe("https://api.example.com/t/%3Cx%3E%60%7B%7C%7D%5E%5By%5D/ResourceTypes/User");
  });

  it.each(["/t/./v2", "/t/../v2", "/t/%2e%2E/v2", "/t/.%2e/v2", "/t/%2E/v2", "/t/a%zz/v2", "/t/%/v2", "/t/%C0%AE%C0%AE/v2", "/t/%ff/v2", "/t/\ud800/v2"])(
    "answers a SCIM 404 for the base path %j: no tenant, before the method and authentication",
    async (basePath) => {
      let calls = 0;
      const authenticate = (): boolean => (calls++, true);
      for (const baseUrl of [{ origin: "https://api.example.com" }, { baseUrl: BASE }, { baseUrl: () => BASE }, { trustHost: true }] as const) {
        const h = handlerWith({ baseUrl: undefined, ...baseUrl, authenticate });
        expectScimError(await call("/ServiceProviderConfig", { basePath, headers: { host: "api.example.com" } }, h), 404);
        expectScimError(await call("/Schemas", { basePath, method: "POST" }, h), 404);
        const head = await call("/Schemas", { basePath, method: "HEAD" }, h);
        expect([head.status, head.body]).toEqual([404, null]);
      }
      expect(calls).toBe(0);
    },
  );

  it("gives the hooks the encoded base path, the one that goes into URLs", async () => {
    const seen: string[] = [];
    const h = handlerWith({
      baseUrl: (r) => (seen.push(r.basePath), `https://scim.example${r.basePath}`),
      authenticate: (r) => (seen.push(r.basePath), true),
    });
    expect(await locationOf(h, { basePath: "/orgs/a|b" })).toBe("https://scim.example/orgs/a%7Cb/ResourceTypes/User");
    expect(seen).toEqual(["/orgs/a%7Cb", "/orgs/a%7Cb"]);
  });

  it("gives the hooks the encoded base path when the caller passes params too, the params as passed", async () => {
    const seen: DiscoveryRequest[] = [];
    const h = handlerWith({
      baseUrl: (r) => (seen.push(r), `https://scim.example${r.basePath}`),
      authenticate: (r) => (seen.push(r), true),
    });
    const given = { ...request("/ResourceTypes/User", { basePath: "/orgs/a|b" }), params: { org: "a|b" } };
    expect(await locationOf(h, given)).toBe("https://scim.example/orgs/a%7Cb/ResourceTypes/User");
    const want = { ...given, basePath: "/orgs/a%7Cb" };
    expect(seen).toEqual([want, want]);
  });

  it("never reads Host or X-Forwarded-* without trustHost", async () => {
    const headers = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
    expect(await locationOf(handler, { headers })).toBe(`${BASE}/ResourceTypes/User`);
    const h = handlerWith({ baseUrl: undefined, origin: "https://api.example.com" });
    expect(await locationOf(h, { headers })).toBe(`${BASE}/ResourceTypes/User`);
  });

  describe("trustHost: true", () => {
    const h = handlerWith({ baseUrl: undefined, trustHost: true });
    it("builds the base from the forwarded headers and says so in Vary", async () => {
      const headers = { host: "10.0.0.1:8080", "x-forwarded-host": "api.example.com", "x-forwarded-proto": "https" };
      expect(await locationOf(h, { headers })).toBe(`${BASE}/ResourceTypes/User`);
      const response = await call("/Schemas", { headers }, h);
      expect(response.headers["vary"]).toBe("Host, X-Forwarded-Host, X-Forwarded-Proto");
      const notModified = await call("/Schemas", { headers: { ...headers, "if-none-match": response.headers["etag"] as string } }, h);
      expect(notModified.status).toBe(304);
      expect(notModified.headers["vary"]).toBe("Host, X-Forwarded-Host, X-Forwarded-Proto");
    });

    it("uses Host and the connection's protocol without proxy headers", async () => {
      expect(await locationOf(h, { headers: new Headers({ Host: "localhost:3000" }), protocol: "http" })).toBe(
        "http://localhost:3000/scim/v2/ResourceTypes/User",
      );
    });

    it.each([{ host: "evil.example/x" }, { host: 'evil"' }, { host: "a b" }, {}])("answers 400 for Host %j", async (headers) => {
      expectScimError(await call("/Schemas", { headers }, h), 400);
    });

    it("still answers errors that need no base without looking at Host", async () => {
      expectScimError(await call("/Nope", { headers: {} }, h), 404);
    });
  });

  it.each<[string, Partial<DiscoveryHandlerOptions>]>([
    ["a fixed baseUrl", {}],
    ["an origin", { baseUrl: undefined, origin: "https://api.example.com" }],
    ["a baseUrl function", { baseUrl: () => BASE }],
  ])("sends no Vary with %s: the representation does not depend on Host", async (_, options) => {
    const response = await call("/Schemas", { headers: { host: "api.example.com" } }, handlerWith(options));
    expect(response.status).toBe(200);
    expect(Object.keys(response.headers).sort()).toEqual(["content-length", "content-type", "etag"]);
  });

  it("throws a DiscoveryConfigurationError when a baseUrl function returns a non-URL", () => {
    const h = handlerWith({ baseUrl: () => "not a url" });
    expect(() => h(request("/Schemas"))).toThrow(DiscoveryConfigurationError);
    expect(thrownBy(() => h(request("/Schemas")))).toEqual({
      name: "DiscoveryConfigurationError",
      message: 'baseUrl function returned "not a url"; want an absolute http(s) URL without query or fragment.',
    });
    expect(() => handlerWith({ baseUrl: (() => 42) as unknown as () => string })(request("/Schemas"))).toThrow(/returned number/);
  });
});

describe("responses computed once per base URL", () => {
  it("returns the very same response object for repeated requests (no per-request work)", async () => {
    expect(await call("/Schemas")).toBe(await call("/Schemas/"));
    const h = handlerWith({ baseUrl: undefined, origin: "https://api.example.com" });
    expect(await call(`/Schemas/${USER}`, {}, h)).toBe(await call(`/schemas/${encode(USER)}`, {}, h));
  });

  it("stays correct when the LRU evicts (cacheSize 2, 5 tenants, twice round)", async () => {
    const h = handlerWith({ baseUrl: undefined, origin: "https://api.example.com", cacheSize: 2 });
    for (let round = 0; round < 2; round++) {
      for (let tenant = 0; tenant < 5; tenant++) {
        const basePath = `/t/${tenant}/scim/v2`;
        const body = json(await call("/ServiceProviderConfig", { basePath }, h));
        expect((body["meta"] as { location: string }).location).toBe(`https://api.example.com${basePath}/ServiceProviderConfig`);
      }
    }
  });

  it("does not mutate the input documents", async () => {
    const input = rfcDocuments();
    const snapshot = structuredClone(input);
    const h = createDiscoveryHandler(input, { baseUrl: BASE });
    await h(request("/Schemas"));
    await h(request("/ServiceProviderConfig"));
    expect(input).toEqual(snapshot);
  });
});

describe("configuration errors are thrown at creation", () => {
  const cases: [string, unknown, RegExp][] = [
    ["no base URL option", {}, /No base URL configured/],
    ["trustHost: false alone", { trustHost: false }, /No base URL configured/],
    ["baseUrl and origin", { baseUrl: BASE, origin: "https://a.example" }, /Conflicting base URL options baseUrl and origin/],
    ["origin and trustHost", { origin: "https://a.example", trustHost: true }, /origin and trustHost/],
    ["relative baseUrl", { baseUrl: "/scim/v2" }, /not an absolute http\(s\) URL/],
    ["baseUrl with query", { baseUrl: "https://a.example/scim?x" }, /without query/],
    ["baseUrl of another scheme", { baseUrl: "ftp://a.example/scim" }, /http\(s\)/],
    ["origin with a path", { origin: "https://a.example/scim" }, /scheme and host only/],
    ["origin with an unsafe host", { origin: "https://a b" }, /scheme and host only/],
    ["trustHost: 'yes'", { trustHost: "yes" }, /trustHost must be true/],
    ["a numeric baseUrl", { baseUrl: 1 }, /string or a function/],
    ["caseExact: 'no'", { baseUrl: BASE, caseExact: "no" }, /caseExact must be a boolean/],
    ["serviceProviderConfigFilter: 'drop'", { baseUrl: BASE, serviceProviderConfigFilter: "drop" }, /serviceProviderConfigFilter/],
    ["authenticate: true", { baseUrl: BASE, authenticate: true }, /authenticate must be a function/],
    ["wwwAuthenticate with CRLF", { baseUrl: BASE, wwwAuthenticate: "Bearer\r\nSet-Cookie: x" }, /line breaks/],
    ["cacheSize 0", { baseUrl: BASE, cacheSize: 0 }, /cacheSize/],
    ["no options", undefined, /options are required/],
  ];
  it.each(cases)("%s", (_, options, message) => {
    expect(() => createDiscoveryHandler(documents, options as DiscoveryHandlerOptions)).toThrow(DiscoveryConfigurationError);
    expect(() => createDiscoveryHandler(documents, options as DiscoveryHandlerOptions)).toThrow(message);
  });

  const withDocuments = (change: (documents: { -readonly [K in keyof DiscoveryDocuments]: DiscoveryDocuments[K] }) => void, caseExact = false): (() => void) => () => {
    const copy = structuredClone(rfcDocuments()) as { -readonly [K in keyof DiscoveryDocuments]: DiscoveryDocuments[K] };
    change(copy);
    createDiscoveryHandler(copy, { baseUrl: BASE, caseExact });
  };
  const setMeta = (document: ScimDocument | undefined, meta: Record<string, unknown>): void => {
    Object.assign((document as { meta: object }).meta, meta);
  };

  it.each<[string, (documents: { -readonly [K in keyof DiscoveryDocuments]: DiscoveryDocuments[K] }) => void, RegExp]>([
    ["an absolute meta.location", (d) => setMeta(d.resourceTypes[0], { location: `${BASE}/ResourceTypes/User` }), /relative to the SCIM base/],
    ["a location serving another object", (d) => setMeta(d.resourceTypes[0], { location: "/ResourceTypes/Group" }), /does not serve it/],
    ["a lower-case location (not canonical)", (d) => setMeta(d.schemas[0], { location: `/schemas/${USER}` }), /does not serve it/],
    ["a wrong SPC location", (d) => setMeta(d.serviceProviderConfig, { location: "/ServiceProviderConfigs" }), /does not serve it/],
    ["a wrong meta.resourceType", (d) => setMeta(d.schemas[1], { resourceType: "ResourceType" }), /meta.resourceType "ResourceType"; want "Schema"/],
    ["no meta", (d) => { delete (d.schemas[1] as { meta?: unknown }).meta; }, /no "meta" object/],
    ["a schema without id", (d) => { delete (d.schemas[1] as { id?: unknown }).id; }, /no string "id"/],
    ["duplicate ids ignoring case", (d) => { d.resourceTypes = [...d.resourceTypes, { ...(d.resourceTypes[0] as ScimDocument), id: "user", meta: { resourceType: "ResourceType", location: "/ResourceTypes/user" } }]; }, /same id ignoring case/],
    ["a message schema", (d) => { d.schemas = [...d.schemas, { id: "urn:ietf:params:scim:api:messages:2.0:Error", meta: { resourceType: "Schema", location: "/Schemas/urn:ietf:params:scim:api:messages:2.0:Error" } }]; }, /message schema/],
    ["a list that is not an array", (d) => { (d as { schemas: unknown }).schemas = {}; }, /documents.schemas must be an array/],
  ])("refuses documents with %s", (_, change, message) => {
    expect(withDocuments(change)).toThrow(DiscoveryConfigurationError);
    expect(withDocuments(change)).toThrow(message);
  });

  it("accepts ids that differ only in case with caseExact: true", () => {
    const change = (d: { -readonly [K in keyof DiscoveryDocuments]: DiscoveryDocuments[K] }): void => {
      d.resourceTypes = [...d.resourceTypes, { ...(d.resourceTypes[0] as ScimDocument), id: "user", meta: { resourceType: "ResourceType", location: "/ResourceTypes/user" } }];
    };
    expect(withDocuments(change, true)).not.toThrow();
  });

  it("accepts a percent-encoded meta.location", () => {
    expect(withDocuments((d) => setMeta(d.schemas[0], { location: `/Schemas/${encode(USER)}` }))).not.toThrow();
  });
});

describe("an authentication hook that fails", () => {
  const throwing = (): boolean => {
    throw new Error("token service down");
  };
  const rejecting = (): Promise<boolean> => Promise.reject(new Error("token service down"));
  it.each([
    ["throws", throwing],
    ["rejects", rejecting],
  ] as const)("%s: 500 SCIM Error, never the framework's page and never a 200", async (_label, authenticate) => {
    const h = handlerWith({ authenticate });
    expectScimError(await call("/Schemas", {}, h), 500);
    const head = await h(request("/Schemas", { method: "HEAD" }));
    expect([head.status, head.body]).toEqual([500, null]);
  });
});

describe("responseHeaders: the operator's extra headers on every response", () => {
  const extra = { "cache-control": "no-cache", "x-content-type-options": "nosniff" };
  it.each([
    ["/Schemas", {}, 200],
    ["/Schemas", { headers: { "if-none-match": "*" } }, 304],
    ["/Nope", {}, 404],
    ["/Schemas", { method: "POST" }, 405],
    ["/Schemas", { method: "OPTIONS" }, 204],
    ["/Schemas", { query: "filter=x" }, 403],
  ] as const)("%s %j → %i carries them", async (path, overrides, status) => {
    const response = await call(path, overrides, handlerWith({ responseHeaders: extra }));
    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject(extra);
  });

  it("401 carries them next to WWW-Authenticate", async () => {
    const response = await call("/Schemas", {}, handlerWith({ responseHeaders: extra, authenticate: () => false }));
    expect(response.headers).toMatchObject({ ...extra, "www-authenticate": 'Bearer realm="SCIM"' });
  });

  it.each([
    [{ "Cache-Control": "no-cache" }, /lower-case/],
    [{ etag: '"x"' }, /set by the runtime/],
    [{ "content-type": "text/plain" }, /set by the runtime/],
    [{ "x-a": "1\r\nx-b: 2" }, /line breaks/],
  ])("rejects %j at creation", (responseHeaders, message) => {
    expect(() => handlerWith({ responseHeaders })).toThrow(message);
  });
});

describe("the SCIM Error of each refusal (RFC 7644 §3.12): exact status, body and headers", () => {
  const refusals: [string, string, number, string, Partial<DiscoveryRequest>, Partial<DiscoveryHandlerOptions>, Record<string, string>][] = [
    ["an unknown path", "/Nope", 404, "No SCIM discovery endpoint at this path (RFC 7644 §4).", {}, {}, {}],
    ["an unknown resource type", "/ResourceTypes/Nope", 404, "Resource type not found.", {}, {}, {}],
    ["an unknown schema", "/Schemas/urn:nope", 404, "Schema not found.", {}, {}, {}],
    ["a write", "/Schemas", 405, "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).", { method: "POST" }, {}, { allow: "GET, HEAD" }],
    ["a filter on a list", "/Schemas", 403, "Filtering is not supported on discovery endpoints (RFC 7644 §4).", { query: "filter=x" }, {}, {}],
    ["a refused token", "/Schemas", 401, "Authentication required.", {}, { authenticate: () => false }, { "www-authenticate": 'Bearer realm="SCIM"' }],
    ["no Host with trustHost", "/Schemas", 400, "Missing or invalid Host header; cannot build the resource URLs.", {}, { baseUrl: undefined, trustHost: true }, {}],
    [
      "a hook that throws",
      "/Schemas",
      500,
      "The authentication check failed on the server.",
      {},
      {
        authenticate: () => {
          throw new Error("down");
        },
      },
      {},
    ],
  ];
  it.each(refusals)("%s (%s) → %i %j", async (_, path, status, detail, overrides, options, extra) => {
    const h = handlerWith(options);
    const want = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"${status}","detail":"${detail}"}`;
    const headers = {
      "content-type": "application/scim+json",
      "content-length": String(new TextEncoder().encode(want).byteLength),
      ...extra,
    };
    const get = await call(path, overrides, h);
    expect({ status: get.status, headers: get.headers, body: text(get) }).toEqual({ status, headers, body: want });
    if (overrides.method === undefined) {
      const head = await call(path, { ...overrides, method: "HEAD" }, h);
      expect({ status: head.status, headers: head.headers, body: head.body }).toEqual({ status, headers, body: null });
    }
  });
});
