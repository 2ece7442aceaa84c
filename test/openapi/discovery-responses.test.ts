// Discovery responses against the OpenAPI document: the static JSON documents, and every answer the
// generated discovery runtime gives, validate against the response schema of their path and status.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { placeholderBaseUrl } from "../../generator/emit/openapi/openapi-document.js";
import { discoveryDocuments } from "../../generated/packages/core/index.js";
import { createDiscoveryHandler, type DiscoveryHandlerOptions, type DiscoveryResponse } from "../../generated/packages/core/runtime/index.js";
import { repoRoot } from "../helpers/repo.js";
import { matchPathTemplate, validateResponseAgainstOpenApi } from "./openapi-response-validator.js";

const jsonRoot = `${repoRoot}generated/json`;

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith(".json") ? [join(dir, e.name)] : [],
  );
}

/** `ResourceTypes/User.json` → `/ResourceTypes/User`; schema files are named by their URN percent-encoded. */
function servedPath(file: string): string {
  return `/${decodeURIComponent(relative(jsonRoot, file).replace(/\.json$/, ""))}`;
}

const staticDocuments = jsonFiles(jsonRoot)
  .sort()
  .map((file) => [servedPath(file), file] as const);

describe("every discovery document in generated/json/ validates against the OpenAPI response for its path", () => {
  it("there is one per discovery path and object", () => {
    expect(staticDocuments.map(([path]) => matchPathTemplate(path))).toEqual([
      "/ResourceTypes",
      "/ResourceTypes/{id}",
      "/ResourceTypes/{id}",
      "/Schemas",
      "/Schemas/{uri}",
      "/Schemas/{uri}",
      "/Schemas/{uri}",
      "/Schemas/{uri}",
      "/Schemas/{uri}",
      "/Schemas/{uri}",
      "/ServiceProviderConfig",
    ]);
  });

  it.each(staticDocuments)("%s", (path, file) => {
    const body = JSON.parse(readFileSync(file, "utf8").replaceAll("{{SCIM_BASE_URL}}", "https://api.example.com/scim/v2")) as unknown;
    const result = validateResponseAgainstOpenApi(path, 200, body);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe("every answer of the generated discovery runtime validates against the OpenAPI (path, status, headers)", () => {
  const token = "Bearer good";
  const options: DiscoveryHandlerOptions = { baseUrl: placeholderBaseUrl, authenticate: (r) => header(r.headers, "authorization") === token };
  const handler = createDiscoveryHandler(discoveryDocuments, options);
  const rejecting = createDiscoveryHandler(discoveryDocuments, { ...options, serviceProviderConfigFilter: "reject" });
  const fromHost = createDiscoveryHandler(discoveryDocuments, { trustHost: true });

  function header(headers: unknown, name: string): string | undefined {
    const value = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? value[0] : value;
  }

  async function call(h: typeof handler, method: string, target: string, headers: Record<string, string> = { authorization: token }): Promise<DiscoveryResponse> {
    const [path = "", query = ""] = target.split("?");
    return h({ method, basePath: "", path, query, headers });
  }

  const body = (r: DiscoveryResponse): unknown => (r.body === null ? null : JSON.parse(new TextDecoder().decode(r.body)));
  const schemaIds = discoveryDocuments.schemas.concat(discoveryDocuments.serviceProviderSchemas).map((s) => String(s.id));
  const paths = ["/ServiceProviderConfig", "/ResourceTypes", "/ResourceTypes/User", "/ResourceTypes/Group", "/Schemas", ...schemaIds.map((id) => `/Schemas/${id}`)];

  const cases: [string, () => Promise<DiscoveryResponse>, string, string, number][] = [
    ...paths.map((p): [string, () => Promise<DiscoveryResponse>, string, string, number] => [`GET ${p}`, () => call(handler, "GET", p), "GET", p, 200]),
    ...paths.map((p): [string, () => Promise<DiscoveryResponse>, string, string, number] => [`HEAD ${p}`, () => call(handler, "HEAD", p), "HEAD", p, 200]),
    ...paths.map((p): [string, () => Promise<DiscoveryResponse>, string, string, number] => [`GET ${p} unauthenticated`, () => call(handler, "GET", p, {}), "GET", p, 401]),
    ...paths.map((p): [string, () => Promise<DiscoveryResponse>, string, string, number] => [`DELETE ${p}`, () => call(handler, "DELETE", p), "DELETE", p, 405]),
    ["GET /Schemas/%3A-encoded", () => call(handler, "GET", `/Schemas/${encodeURIComponent(schemaIds[0]!)}`), "GET", `/Schemas/${encodeURIComponent(schemaIds[0]!)}`, 200],
    ["GET /ResourceTypes/Robot", () => call(handler, "GET", "/ResourceTypes/Robot"), "GET", "/ResourceTypes/Robot", 404],
    ["GET /Schemas/urn:unknown", () => call(handler, "GET", "/Schemas/urn:example:unknown"), "GET", "/Schemas/urn:example:unknown", 404],
    ["GET /ResourceTypes?filter", () => call(handler, "GET", '/ResourceTypes?filter=name eq "User"'), "GET", "/ResourceTypes", 403],
    ["GET /Schemas?filter", () => call(handler, "GET", "/Schemas?filter=id pr"), "GET", "/Schemas", 403],
    ["GET /ServiceProviderConfig?filter, rejected", () => call(rejecting, "GET", "/ServiceProviderConfig?filter=x"), "GET", "/ServiceProviderConfig", 403],
    ["GET /Schemas, Host missing with trustHost", () => call(fromHost, "GET", "/Schemas", {}), "GET", "/Schemas", 400],
  ];

  it.each(cases)("%s", async (_name, send, method, path, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    const result = validateResponseAgainstOpenApi(path, response.status, body(response), { method, headers: response.headers });
    expect(result.errors).toEqual([]);
  });

  it.each(paths)("GET %s with a matching If-None-Match: 304", async (p) => {
    const first = await call(handler, "GET", p);
    const etag = String(first.headers["etag"]);
    const response = await call(handler, "GET", p, { authorization: token, "if-none-match": etag });
    expect(response.status).toBe(304);
    expect(validateResponseAgainstOpenApi(p, 304, body(response), { headers: response.headers }).errors).toEqual([]);
  });
});

describe("validateResponseAgainstOpenApi", () => {
  const error = (status: string): unknown => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status, detail: "x" });

  it.each([
    ["an undocumented path", "/Nowhere", 200, {}, "no path of the document matches /Nowhere"],
    ["an undocumented status", "/Schemas", 418, error("418"), "does not document status 418"],
    ["an Error whose status is a number (RFC 7644 §3.12 wants a string)", "/Schemas/urn:x", 404, { ...(error("404") as object), status: 404 }, "body/status must be string"],
    ["an Error whose status differs from the HTTP status", "/Schemas/urn:x", 404, error("400"), "body/status must be equal to constant"],
    ["a body on 304", "/Schemas", 304, {}, "documented without a body"],
    ["a 200 without a body", "/Schemas", 200, null, "documents a body, but none was given"],
  ])("rejects %s", (_what, path, status, body, message) => {
    const result = validateResponseAgainstOpenApi(path, status, body);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toContain(message);
  });

  it("checks the media type and required headers when given", () => {
    expect(validateResponseAgainstOpenApi("/Schemas/urn:x", 200, {}, { method: "POST" }).errors).toEqual(["/Schemas/{uri} documents no POST operation"]);
    expect(validateResponseAgainstOpenApi("/Schemas/urn:x", 405, error("405"), { method: "POST" }).errors).toEqual([]);
    const headers = { "content-type": "application/json" };
    expect(validateResponseAgainstOpenApi("/Schemas/urn:x", 405, error("405"), { headers }).errors).toEqual([
      'GET /Schemas/{uri} 405: Content-Type is "application/json", want application/scim+json',
      "GET /Schemas/{uri} 405: header Allow is missing",
    ]);
    expect(validateResponseAgainstOpenApi("/Schemas/urn:x", 405, error("405"), { headers: { "Content-Type": "application/scim+json; charset=utf-8", allow: "GET, HEAD" } }).valid).toBe(true);
  });
});
