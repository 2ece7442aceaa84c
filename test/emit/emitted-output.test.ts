// The emitters' own output, held to truths the generator did not make: the RFC 7643 §8.5–§8.7 figures
// with errata, RFC 7644's operations and messages, and lists and values written here by hand from
// definitions/*.yaml. Every test calls the emitter itself, on a model built once, and nothing is
// formatted, compiled or read from generated/: so that mutation testing of generator/emit/ (StrykerJS,
// per-test coverage) runs for each mutant only the tests that reach it, each in milliseconds (the OpenAPI
// ones in about half a second, so they are few).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { emitAdapterPackages } from "../../generator/emit/adapters/emit-adapters.js";
import { emitCorePackage } from "../../generator/emit/core-package/emit-core-package.js";
import { emitAll } from "../../generator/emit/emit-all.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { emitOpenApi } from "../../generator/emit/openapi/emit-openapi.js";
import { emitPythonPackage } from "../../generator/emit/python-package/emit-python-package.js";
import { emitStaticJson } from "../../generator/emit/static-json/emit-static-json.js";
import type { Model } from "../../generator/model/model.js";
import { repoRoot } from "../helpers/repo.js";
import { rfc7643Fixture, rfc7643SchemaFigures } from "../helpers/rfc7643.js";
import {
  arrayAt,
  at,
  bearerSchemeYaml,
  canonicalSchemaOrder,
  discoveryTruth,
  fileAt,
  jsonAt,
  listResponseTruth,
  modelOf,
  objectAt,
  parsePythonData,
  repositorySources,
  resourceTypesYaml,
  resourceTypeTruth,
  schemaContentFromComponent,
  schemaContentTruth,
  schemaTruth,
  serviceProviderConfigTruth,
  serviceProviderConfigYaml,
  urn,
  type Json,
} from "./emitted-output-helpers.js";

const placeholder = "{{SCIM_BASE_URL}}";
const variantBaseUrl = "https://scim.example.com/tenant-1/v2";
/** An id with `(` `)`: RFC 3986 pchar, so served raw, but left as it is by encodeURIComponent and not by file names. */
const parenthesisedId = "urn:example:acme:Group(v1)";

/** The repository's definitions. */
let defaults: Model;
/**
 * Another scope, one Node and one Python adapter, a baked base URL, ETags and sorting on and filtering
 * off, a second authentication scheme that is not primary, fewer operations, and an unused schema whose
 * id needs more than encodeURIComponent in a file name.
 */
let variant: Model;
/** One Node adapter only, so no Python package. */
let nodeOnly: Model;

beforeAll(async () => {
  const sources = await repositorySources();
  defaults = modelOf(sources);
  variant = modelOf(
    sources,
    {
      "definitions/scim-codegen.yaml": `packageScope: "@acme"\nadapters: [express, django]\nstaticJson:\n  baseUrl: ${variantBaseUrl}\n`,
      "definitions/service-provider-config.yaml": serviceProviderConfigYaml({
        patch: false,
        filter: false,
        maxResults: 50,
        sort: true,
        etag: true,
        schemes: `  - type: httpbasic
    name: HTTP Basic
    description: Authentication scheme using the HTTP Basic Standard
${bearerSchemeYaml(true)}`,
      }),
      ...resourceTypesYaml(["get", "list"], ["create", "delete"]),
    },
    {
      "definitions/schemas/acme-group.yaml": `id: ${parenthesisedId}
name: AcmeGroup
description: Acme's Group extension
attributes:
  - name: costCode
    description: The cost code.
`,
    },
  );
  nodeOnly = modelOf(sources, { "definitions/scim-codegen.yaml": "adapters: [node]\n" });
});

const pathsOf = (files: readonly GeneratedFile[]): string[] => files.map((f) => f.path);
const firstLine = (text: string): string => text.slice(0, text.indexOf("\n"));
/** The percent-encoded file name of a schema document: every `:` is `%3A` in these ids (RFC 3986 §2.1). */
const schemaFile = (id: string): string => `${id.replaceAll(":", "%3A")}.json`;

// ---------------------------------------------------------------------------------------------------

describe("emitStaticJson (RFC 7644 §4 responses as files)", () => {
  it("writes exactly these files for the default definitions", () => {
    expect(pathsOf(emitStaticJson(defaults)).sort()).toEqual([
      "json/README.md",
      "json/ResourceTypes.json",
      "json/ResourceTypes/Group.json",
      "json/ResourceTypes/User.json",
      "json/Schemas.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AGroup.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AResourceType.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3ASchema.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AServiceProviderConfig.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser.json",
      "json/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Aextension%3Aenterprise%3A2.0%3AUser.json",
      "json/ServiceProviderConfig.json",
    ]);
  });

  it("each json/Schemas file is its RFC 7643 §8.7 figure (errata applied, §2.2 defaults spelled out) with schemas and meta", () => {
    const files = emitStaticJson(defaults);
    for (const [label, , id] of rfc7643SchemaFigures) {
      const got = jsonAt(files, `json/Schemas/${schemaFile(id)}`);
      expect(got, label).toStrictEqual(schemaTruth(id, placeholder));
      // Attribute order is the figure's too (toStrictEqual does not look at it).
      expect(arrayAt(got, "attributes").map((a) => at(a, "name")), label).toEqual(arrayAt(schemaContentTruth(id), "attributes").map((a) => at(a, "name")));
    }
  });

  it("each json/ResourceTypes file is its RFC 7643 §8.6 figure, as the definitions declare it, at its meta.location", () => {
    const files = emitStaticJson(defaults);
    for (const id of ["Group", "User"] as const) {
      expect(jsonAt(files, `json/ResourceTypes/${id}.json`)).toStrictEqual(resourceTypeTruth(id, placeholder));
    }
    expect(at(jsonAt(files, "json/ResourceTypes/User.json"), "meta", "location")).toBe("{{SCIM_BASE_URL}}/ResourceTypes/User");
  });

  it("json/ServiceProviderConfig.json states definitions/service-provider-config.yaml (RFC 7643 §5), in the §8.5 figure's key order", () => {
    const spc = jsonAt(emitStaticJson(defaults), "json/ServiceProviderConfig.json");
    expect(spc).toStrictEqual(serviceProviderConfigTruth(placeholder));
    expect(Object.keys(spc)).toEqual(Object.keys(rfc7643Fixture("rfc7643-8.5-service-provider-config.json")));
  });

  it("the two ListResponses hold every document in one page starting at 1 (RFC 7644 §3.4.2), in canonical order", () => {
    const files = emitStaticJson(defaults);
    const truth = discoveryTruth(placeholder);
    expect(jsonAt(files, "json/ResourceTypes.json")).toStrictEqual(listResponseTruth(truth.resourceTypes));
    const schemas = jsonAt(files, "json/Schemas.json");
    expect(schemas).toStrictEqual(listResponseTruth([...truth.schemas, ...truth.serviceProviderSchemas]));
    expect(arrayAt(schemas, "Resources").map((r) => at(r, "id"))).toEqual(canonicalSchemaOrder);
    expect([at(schemas, "totalResults"), at(schemas, "itemsPerPage"), at(schemas, "startIndex")]).toEqual([6, 6, 1]);
  });

  it("the README maps each request to its file and tells how to replace the placeholder", () => {
    const readme = fileAt(emitStaticJson(defaults), "json/README.md").contents;
    expect(firstLine(readme)).toBe("<!-- Code generated by scim-codegen from definitions/. DO NOT EDIT. -->");
    const rows = readme.split("\n").filter((line) => line.startsWith("| `GET"));
    expect(rows).toEqual([
      "| `GET {base}/ServiceProviderConfig` | `ServiceProviderConfig.json` |",
      "| `GET {base}/ResourceTypes` | `ResourceTypes.json` |",
      "| `GET {base}/ResourceTypes/Group` | `ResourceTypes/Group.json` |",
      "| `GET {base}/ResourceTypes/User` | `ResourceTypes/User.json` |",
      "| `GET {base}/Schemas` | `Schemas.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AGroup.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Aextension%3Aenterprise%3A2.0%3AUser.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:ResourceType` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AResourceType.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Schema` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3ASchema.json` |",
      "| `GET {base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig` | `Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AServiceProviderConfig.json` |",
    ]);
    expect(readme).toContain("| request | file |\n| --- | --- |\n| `GET {base}/ServiceProviderConfig`");
    expect(readme).toContain("map `/Schemas/{uri}` to `Schemas/${encodeURIComponent(uri)}.json`, and\naccept the URI both raw and percent-encoded.");
    expect(readme).toContain("These files carry the placeholder `{{SCIM_BASE_URL}}` where the base URL goes.");
    expect(readme).toContain("find . -name '*.json' -exec sed -i 's#{{SCIM_BASE_URL}}#https://api.example.com/scim/v2#g' {} +");
    expect(readme).toContain("or set `staticJson.baseUrl` in `definitions/scim-codegen.yaml` and regenerate");
    // What the runtime answers (RFC 7644 §4, RFC 9110 §9.3.2): a static host must answer the same.
    expect(readme).toContain("HEAD like GET without a body, other methods with 405 and `Allow: GET, HEAD`");
    expect(readme).not.toContain("These files were generated with");
  });

  it("with staticJson.baseUrl, every meta.location is that base + the document's path, and no placeholder is left", () => {
    const files = emitStaticJson(variant);
    const locations: [string, string][] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === "object" && value !== null) {
        const doc = value as Json;
        const meta = doc["meta"] as Json | undefined;
        if (meta !== undefined) {
          // RFC 7644 §4 / RFC 7643 §3.1: the absolute URL that serves the document.
          const path = { Schema: `/Schemas/${String(doc["id"])}`, ResourceType: `/ResourceTypes/${String(doc["id"])}`, ServiceProviderConfig: "/ServiceProviderConfig" }[String(meta["resourceType"])];
          locations.push([String(meta["location"]), `${variantBaseUrl}${path ?? "?"}`]);
        }
        Object.values(doc).forEach(collect);
      }
    };
    for (const file of files.filter((f) => f.path.endsWith(".json"))) collect(JSON.parse(file.contents));
    // 1 ServiceProviderConfig + 2 resource types + 7 schemas, each in its own file and in a list.
    expect(locations).toHaveLength(1 + 2 * 2 + 2 * 7);
    for (const [got, want] of locations) expect(got).toBe(want);
    expect(at(jsonAt(files, "json/Schemas/urn%3Aexample%3Aacme%3AGroup%28v1%29.json"), "meta", "location")).toBe(`${variantBaseUrl}/Schemas/${parenthesisedId}`);
    for (const file of files) expect(file.contents, file.path).not.toContain(placeholder);
    expect(arrayAt(jsonAt(files, "json/Schemas.json"), "Resources").map((r) => at(r, "id"))).toEqual([parenthesisedId, ...canonicalSchemaOrder]);

    const readme = fileAt(files, "json/README.md").contents;
    expect(readme).toContain(
      `These files were generated with \`staticJson.baseUrl: ${variantBaseUrl}\` from \`definitions/scim-codegen.yaml\`, so each\n\`meta.location\` already starts with \`${variantBaseUrl}\`.`,
    );
    expect(readme).not.toContain("Replace it when you");
    // `(` and `)` are pchar, served raw; a file name percent-encodes them, which encodeURIComponent does not.
    expect(readme).toContain("| `GET {base}/Schemas/urn:example:acme:Group%28v1%29` | `Schemas/urn%3Aexample%3Aacme%3AGroup%28v1%29.json` |");
    expect(readme).not.toContain("${encodeURIComponent(uri)}.json`, and");
    expect(readme).toContain("(in JavaScript, `encodeURIComponent` and then `!'()*` as `%21 %27 %28 %29 %2A`)");
  });
});

// ---------------------------------------------------------------------------------------------------

/** RFC 7644 §3: where each resource operation is, below the resource type's endpoint, and its method. */
const rfc7644Operations: Readonly<Record<string, readonly [suffix: "" | "/{id}", method: string]>> = {
  list: ["", "get"], // §3.4.2
  create: ["", "post"], // §3.3
  get: ["/{id}", "get"], // §3.4.1
  replace: ["/{id}", "put"], // §3.5.1
  patch: ["/{id}", "patch"], // §3.5.2
  delete: ["/{id}", "delete"], // §3.6
};

/** Each path's operations: method → `<operationId> <status codes in document order>`. */
type OperationSummary = { readonly [path: string]: { readonly [method: string]: string } };

/** The RFC 7644 §4 discovery endpoints: GET only. */
const discoveryPaths = ["/ResourceTypes", "/ResourceTypes/{id}", "/Schemas", "/Schemas/{uri}", "/ServiceProviderConfig"];

/** The methods of each path by RFC 7644 §3 and §4, for the operations each endpoint declares (codegen.operations). */
function rfcMethods(declared: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const methods: Record<string, string[]> = Object.fromEntries(discoveryPaths.map((p) => [p, ["get"]]));
  for (const [endpoint, ops] of Object.entries(declared)) {
    for (const op of ops) {
      const [suffix, method] = rfc7644Operations[op] ?? ["", `unknown operation ${op}`];
      (methods[`${endpoint}${suffix}`] ??= []).push(method);
    }
  }
  return Object.fromEntries(Object.entries(methods).map(([path, list]) => [path, list.sort()]));
}

/** Each path's methods of a document, sorted. */
const methodsOf = (summary: OperationSummary): Record<string, string[]> =>
  Object.fromEntries(Object.entries(summary).map(([path, ops]) => [path, Object.keys(ops).sort()]));

const httpMethods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The OperationSummary of an OpenAPI document. */
function operationSummary(document: Json): OperationSummary {
  return Object.fromEntries(
    Object.entries(objectAt(document, "paths")).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item as Json)
          .filter(([key]) => httpMethods.has(key))
          .map(([method, op]) => [method, `${String(at(op, "operationId"))} ${Object.keys(objectAt(op, "responses")).join(" ")}`]),
      ),
    ]),
  );
}

/** Every operation of a document with its path and method. */
function operations(document: Json): [string, string, Json][] {
  return Object.entries(objectAt(document, "paths")).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([key]) => httpMethods.has(key))
      .map(([method, op]): [string, string, Json] => [path, method, op as Json]),
  );
}

/** A `$ref` (`#/components/...`) resolved in the document; anything else as it is. */
function deref(document: Json, value: unknown): Json {
  const ref = at(value, "$ref");
  return (typeof ref === "string" ? objectAt(document, ...ref.slice(2).split("/")) : value) as Json;
}

const openApiDocument = (files: readonly GeneratedFile[]): Json => jsonAt(files, "openapi/openapi.json");

describe("emitOpenApi", () => {
  it("writes these files, an OpenAPI 3.1 document whose paths are the RFC 7644 §4 endpoints and the declared §3 operations", () => {
    const files = emitOpenApi(defaults);
    expect(pathsOf(files).sort()).toEqual([
      "json-schema/group.create.schema.json",
      "json-schema/group.replace.schema.json",
      "json-schema/group.response.schema.json",
      "json-schema/user.create.schema.json",
      "json-schema/user.replace.schema.json",
      "json-schema/user.response.schema.json",
      "openapi/README.md",
      "openapi/openapi.json",
      "openapi/openapi.yaml",
      "openapi/redocly.yaml",
      "packages/core/validators/compiled/group.d.ts",
      "packages/core/validators/compiled/group.js",
      "packages/core/validators/compiled/user.d.ts",
      "packages/core/validators/compiled/user.js",
      "packages/core/validators/group.ts",
      "packages/core/validators/index.ts",
      "packages/core/validators/runtime/index.ts",
      "packages/core/validators/runtime/issues.ts",
      "packages/core/validators/runtime/normalise.ts",
      "packages/core/validators/runtime/types.ts",
      "packages/core/validators/runtime/validate.ts",
      "packages/core/validators/user.ts",
    ]);
    const document = openApiDocument(files);
    expect(document["openapi"]).toMatch(/^3\.1\.\d+$/);
    // Both resource types declare all six operations (definitions/resource-types/*.yaml, codegen.operations).
    const want: OperationSummary = {
      "/Groups": { get: "listGroups 200 400 401 403", post: "createGroup 201 400 401 403 409" },
      "/Groups/{id}": {
        get: "getGroup 200 401 403 404",
        put: "replaceGroup 200 400 401 403 404 409",
        patch: "patchGroup 200 204 400 401 403 404 409",
        delete: "deleteGroup 204 401 403 404",
      },
      "/ResourceTypes": { get: "listResourceTypes 200 304 400 401 403 405" },
      "/ResourceTypes/{id}": { get: "getResourceType 200 304 400 401 404 405" },
      "/Schemas": { get: "listSchemas 200 304 400 401 403 405" },
      "/Schemas/{uri}": { get: "getSchema 200 304 400 401 404 405" },
      "/ServiceProviderConfig": { get: "getServiceProviderConfig 200 304 400 401 403 405" },
      "/Users": { get: "listUsers 200 400 401 403", post: "createUser 201 400 401 403 409" },
      "/Users/{id}": {
        get: "getUser 200 401 403 404",
        put: "replaceUser 200 400 401 403 404 409",
        patch: "patchUser 200 204 400 401 403 404 409",
        delete: "deleteUser 204 401 403 404",
      },
    };
    expect(operationSummary(document)).toEqual(want);
    // Maps in code-unit order (Prisma's canonicalisation, HOUSE-STYLE), so the literal above is in that order.
    expect(Object.keys(objectAt(document, "paths"))).toEqual(Object.keys(want));
    const allSix = ["list", "get", "create", "replace", "patch", "delete"];
    expect(methodsOf(want)).toEqual(rfcMethods({ "/Groups": allSix, "/Users": allSix }));

    // RFC 7644 §3.4.2.4: startIndex is 1-based; §3.4.2.2 filter only because the definitions support it.
    expect(arrayAt(document, "paths", "/Users", "get", "parameters")).toEqual([
      { $ref: "#/components/parameters/filter" },
      { $ref: "#/components/parameters/startIndex" },
      { $ref: "#/components/parameters/count" },
    ]);
    expect(at(document, "components", "parameters", "startIndex", "schema")).toEqual({ type: "integer", default: 1 });
    expect(Object.keys(objectAt(document, "components", "parameters"))).toEqual(["If-None-Match", "count", "filter", "id", "startIndex"]);
    expect(Object.keys(objectAt(document, "components", "responses"))).toEqual(["BadRequest", "Conflict", "Forbidden", "MethodNotAllowed", "NotFound", "NotModified", "Unauthorized"]);
    expect(at(document, "externalDocs", "url")).toBe("https://docs.example.com/scim");
    expect(arrayAt(document, "tags").map((t) => at(t, "name"))).toEqual(["Discovery", "Group", "User"]);

    for (const file of ["group.create", "group.replace", "group.response", "user.create", "user.replace", "user.response"]) {
      const schema = jsonAt(files, `json-schema/${file}.schema.json`);
      expect([schema["$schema"], schema["$id"]]).toEqual(["https://json-schema.org/draft/2020-12/schema", `${file}.schema.json`]);
    }
    const redocly = fileAt(files, "openapi/redocly.yaml").contents;
    expect(firstLine(redocly)).toBe("# Code generated by scim-codegen from definitions/. DO NOT EDIT.");
    expect(parseYaml(redocly)).toEqual({ extends: ["recommended"], rules: { "no-unused-components": "off", "info-license": "off" } });
  });

  it("answers in application/scim+json, errors as the SCIM Error with status as a string (RFC 7644 §3.12), examples the RFC documents", () => {
    const document = openApiDocument(emitOpenApi(defaults));
    const ops = operations(document);
    expect(ops).toHaveLength(17);
    for (const [path, method, op] of ops) {
      for (const [status, response] of Object.entries(objectAt(op, "responses"))) {
        const where = `${method} ${path} ${status}`;
        const resolved = deref(document, response);
        const content = resolved["content"] as Json | undefined;
        if (status === "204" || status === "304") {
          expect(content, where).toBeUndefined();
          continue;
        }
        // RFC 7644 §3.1, §8.1: every SCIM body, errors included.
        expect(Object.keys(content ?? {}), where).toEqual(["application/scim+json"]);
        if (Number(status) < 400) continue;
        const body = objectAt(content, "application/scim+json");
        expect(body["schema"], where).toEqual({ allOf: [{ $ref: "#/components/schemas/Error" }], type: "object", properties: { status: { const: status } } });
        expect(at(body, "examples", "error", "value", "schemas"), where).toEqual([urn.error]);
        expect(at(body, "examples", "error", "value", "status"), where).toBe(status);
      }
      const requestBody = at(op, "requestBody");
      if (requestBody !== undefined) expect(Object.keys(objectAt(requestBody, "content")), `${method} ${path}`).toContain("application/scim+json");
    }
    const error = objectAt(document, "components", "schemas", "Error");
    expect(at(error, "properties", "status", "type")).toBe("string");
    expect(at(error, "properties", "schemas", "items", "const")).toBe(urn.error);
    expect(error["required"]).toEqual(["schemas", "status"]);
    expect(at(document, "paths", "/Users/{id}", "patch", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/PatchOp" });
    expect(at(document, "components", "schemas", "PatchOp", "properties", "schemas", "items", "const")).toBe(urn.patchOp);
    expect(at(document, "paths", "/Users", "post", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/UserCreateRequest" });
    expect(at(document, "paths", "/Groups/{id}", "put", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/GroupReplaceRequest" });

    // RFC 7643 §5 oauthbearertoken is RFC 6750's bearer token: HTTP `Bearer` (OAS 3.1 §4.8.27).
    expect(objectAt(document, "components", "securitySchemes")).toEqual({ oauthbearertoken: expect.objectContaining({ type: "http", scheme: "bearer" }) });
    expect(document["security"]).toEqual([{ oauthbearertoken: [] }]);

    // The documented default of the `{baseUrl}` server variable (openapi/README.md), and so the examples' base.
    const base = "https://scim.example.org/scim/v2";
    expect(at(document, "servers", "0", "variables", "baseUrl", "default")).toBe(base);
    const truth = discoveryTruth(base);
    const example = (path: string, name: string): unknown => at(document, "paths", path, "get", "responses", "200", "content", "application/scim+json", "examples", name, "value");
    expect(example("/ServiceProviderConfig", "serviceProviderConfig")).toStrictEqual(truth.serviceProviderConfig);
    expect(example("/ResourceTypes", "resourceTypes")).toStrictEqual(listResponseTruth(truth.resourceTypes));
    expect(example("/Schemas", "schemas")).toStrictEqual(listResponseTruth([...truth.schemas, ...truth.serviceProviderSchemas]));
    expect(example("/ResourceTypes/{id}", "User")).toStrictEqual(resourceTypeTruth("User", base));
    expect(example("/Schemas/{uri}", "EnterpriseUser")).toStrictEqual(schemaTruth(urn.enterpriseUser, base));
  });

  it("its <Schema>Attributes components rebuild the RFC 7643 §8.7 figures, attribute by attribute and in order", () => {
    const schemas = objectAt(openApiDocument(emitOpenApi(defaults)), "components", "schemas");
    const names: Readonly<Record<string, string>> = {
      [urn.user]: "UserAttributes",
      [urn.group]: "GroupAttributes",
      [urn.enterpriseUser]: "EnterpriseUserAttributes",
      [urn.serviceProviderConfig]: "ServiceProviderConfigAttributes",
      [urn.resourceType]: "ResourceTypeAttributes",
      [urn.schema]: "SchemaAttributes",
    };
    for (const [label, , id] of rfc7643SchemaFigures) {
      const rebuilt = schemaContentFromComponent(objectAt(schemas, names[id] ?? "?"));
      const want = schemaContentTruth(id);
      expect(rebuilt, label).toStrictEqual(want);
      expect(JSON.stringify(arrayAt(rebuilt, "attributes").map((a) => at(a, "name"))), label).toBe(JSON.stringify(arrayAt(want, "attributes").map((a) => at(a, "name"))));
    }
  });

  it("openapi.yaml holds the same document as openapi.json, under a generated-file header", () => {
    const files = emitOpenApi(defaults);
    const yaml = fileAt(files, "openapi/openapi.yaml").contents;
    expect(firstLine(yaml)).toBe("# Code generated by scim-codegen from definitions/. DO NOT EDIT.");
    expect(parseYaml(yaml)).toStrictEqual(openApiDocument(files));
  });

  it("documents only the declared operations, with the ETag, sort and security the ServiceProviderConfig states", () => {
    const document = openApiDocument(emitOpenApi(variant));
    // Group declares [get, list], User [create, delete]; with ETags on, reads may answer 304 and writes 412.
    const got = operationSummary(document);
    expect(methodsOf(got)).toEqual(rfcMethods({ "/Groups": ["get", "list"], "/Users": ["create", "delete"] }));
    expect(got).toEqual({
      "/Groups": { get: "listGroups 200 400 401 403" },
      "/Groups/{id}": { get: "getGroup 200 304 401 403 404" },
      "/ResourceTypes": { get: "listResourceTypes 200 304 400 401 403 405" },
      "/ResourceTypes/{id}": { get: "getResourceType 200 304 400 401 404 405" },
      "/Schemas": { get: "listSchemas 200 304 400 401 403 405" },
      "/Schemas/{uri}": { get: "getSchema 200 304 400 401 404 405" },
      "/ServiceProviderConfig": { get: "getServiceProviderConfig 200 304 400 401 403 405" },
      "/Users": { post: "createUser 201 400 401 403 409" },
      "/Users/{id}": { delete: "deleteUser 204 401 403 404 412" },
    });
    expect(arrayAt(document, "paths", "/Groups", "get", "parameters")).toEqual(
      ["startIndex", "count", "sortBy", "sortOrder"].map((name) => ({ $ref: `#/components/parameters/${name}` })),
    );
    expect(at(document, "paths", "/Groups/{id}", "get", "parameters")).toEqual([{ $ref: "#/components/parameters/If-None-Match" }]);
    expect(at(document, "paths", "/Users/{id}", "delete", "parameters")).toEqual([{ $ref: "#/components/parameters/If-Match" }]);
    // RFC 7644 §3.3: 201 with Location; RFC 7644 §3.14: the version as ETag.
    expect(Object.keys(objectAt(document, "paths", "/Users", "post", "responses", "201", "headers"))).toEqual(["Location", "ETag"]);
    expect(Object.keys(objectAt(document, "components", "parameters"))).toEqual(["If-Match", "If-None-Match", "count", "id", "sortBy", "sortOrder", "startIndex"]);
    expect(Object.keys(objectAt(document, "components", "responses"))).toContain("PreconditionFailed");
    expect(at(document, "components", "parameters", "sortOrder", "schema", "enum")).toEqual(["ascending", "descending"]);

    // RFC 7617 Basic and RFC 6750 Bearer are alternatives (OAS 3.1 §4.8.30), the primary one first.
    expect(objectAt(document, "components", "securitySchemes")).toEqual({
      httpbasic: expect.objectContaining({ type: "http", scheme: "basic" }),
      oauthbearertoken: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    expect(document["security"]).toEqual([{ oauthbearertoken: [] }, { httpbasic: [] }]);
    expect(document).not.toHaveProperty("externalDocs");

    expect(at(document, "servers", "0", "variables", "baseUrl", "default")).toBe(variantBaseUrl);
    const example = at(document, "paths", "/Schemas", "get", "responses", "200", "content", "application/scim+json", "examples", "schemas", "value");
    expect(arrayAt(example, "Resources").map((r) => at(r, "meta", "location"))).toEqual([parenthesisedId, ...canonicalSchemaOrder].map((id) => `${variantBaseUrl}/Schemas/${id}`));
  });
});

// ---------------------------------------------------------------------------------------------------

const coreRuntime = [
  "base-path", "base-url", "body-view", "configuration-error", "discovery-handler", "documents", "etag", "fetch-handler", "headers",
  "index", "lookup", "lru-cache", "query", "route", "scim-documents", "scim-error", "target-handler", "types",
];

/** The core package's document modules: path, the definition file its header names, its constant, that constant's type, the document. */
const coreDocumentModules: readonly (readonly [path: string, source: string, constant: string, type: string, truth: () => Json])[] = [
  ["packages/core/schemas/group.ts", "definitions/schemas/group.yaml", "groupSchema", "SchemaDocument", () => schemaTruth(urn.group, "")],
  ["packages/core/schemas/user.ts", "definitions/schemas/user.yaml", "userSchema", "SchemaDocument", () => schemaTruth(urn.user, "")],
  ["packages/core/schemas/enterprise-user.ts", "definitions/schemas/enterprise-user.yaml", "enterpriseUserSchema", "SchemaDocument", () => schemaTruth(urn.enterpriseUser, "")],
  ["packages/core/schemas/service-provider/resource-type.ts", "scim-codegen/builtin-definitions/resource-type.schema.yaml", "resourceTypeSchema", "SchemaDocument", () => schemaTruth(urn.resourceType, "")],
  ["packages/core/schemas/service-provider/schema.ts", "scim-codegen/builtin-definitions/schema.schema.yaml", "schemaSchema", "SchemaDocument", () => schemaTruth(urn.schema, "")],
  ["packages/core/schemas/service-provider/service-provider-config.ts", "scim-codegen/builtin-definitions/service-provider-config.schema.yaml", "serviceProviderConfigSchema", "SchemaDocument", () => schemaTruth(urn.serviceProviderConfig, "")],
  ["packages/core/resource-types/group.ts", "definitions/resource-types/group.yaml", "groupResourceType", "ResourceTypeDocument", () => resourceTypeTruth("Group", "")],
  ["packages/core/resource-types/user.ts", "definitions/resource-types/user.yaml", "userResourceType", "ResourceTypeDocument", () => resourceTypeTruth("User", "")],
  ["packages/core/service-provider-config.ts", "definitions/service-provider-config.yaml", "serviceProviderConfig", "ServiceProviderConfigDocument", () => serviceProviderConfigTruth("")],
];

const coreFiles = [
  ...coreDocumentModules.map(([path]) => path),
  "packages/core/index.ts",
  ...coreRuntime.map((name) => `packages/core/runtime/${name}.ts`),
  "packages/core/package.json",
  "packages/core/README.md",
];

describe("emitCorePackage", () => {
  it("writes exactly these files", () => {
    expect(pathsOf(emitCorePackage(defaults)).sort()).toEqual([
      "packages/core/README.md",
      "packages/core/index.ts",
      "packages/core/package.json",
      "packages/core/resource-types/group.ts",
      "packages/core/resource-types/user.ts",
      "packages/core/runtime/base-path.ts",
      "packages/core/runtime/base-url.ts",
      "packages/core/runtime/body-view.ts",
      "packages/core/runtime/configuration-error.ts",
      "packages/core/runtime/discovery-handler.ts",
      "packages/core/runtime/documents.ts",
      "packages/core/runtime/etag.ts",
      "packages/core/runtime/fetch-handler.ts",
      "packages/core/runtime/headers.ts",
      "packages/core/runtime/index.ts",
      "packages/core/runtime/lookup.ts",
      "packages/core/runtime/lru-cache.ts",
      "packages/core/runtime/query.ts",
      "packages/core/runtime/route.ts",
      "packages/core/runtime/scim-documents.ts",
      "packages/core/runtime/scim-error.ts",
      "packages/core/runtime/target-handler.ts",
      "packages/core/runtime/types.ts",
      "packages/core/schemas/enterprise-user.ts",
      "packages/core/schemas/group.ts",
      "packages/core/schemas/service-provider/resource-type.ts",
      "packages/core/schemas/service-provider/schema.ts",
      "packages/core/schemas/service-provider/service-provider-config.ts",
      "packages/core/schemas/user.ts",
      "packages/core/service-provider-config.ts",
    ]);
  });

  it("embeds each discovery document as data, meta.location relative to the SCIM base, in a constant the module declares", () => {
    const files = emitCorePackage(defaults);
    for (const [path, source, constant, type, truth] of coreDocumentModules) {
      const file = fileAt(files, path);
      expect(file.language, path).toBe("typescript-module");
      expect(firstLine(file.contents), path).toBe(`// Code generated by scim-codegen from ${source}. DO NOT EDIT.`);
      // The format step puts the data in place of this `null` (GeneratedFile.dataConstants).
      expect(file.contents, path).toContain(`export const ${constant}: ${type} = null;`);
      expect(Object.keys(file.dataConstants ?? {}), path).toEqual([constant]);
      expect(JSON.parse(file.dataConstants?.[constant] ?? "null"), path).toStrictEqual(truth());
    }
    for (const [module, constant, id] of [
      ["group", "groupSchemaId", urn.group],
      ["user", "userSchemaId", urn.user],
      ["enterprise-user", "enterpriseUserSchemaId", urn.enterpriseUser],
    ] as const) {
      expect(fileAt(files, `packages/core/schemas/${module}.ts`).contents).toContain(`export const ${constant} = ${JSON.stringify(id)};`);
    }
    expect(fileAt(files, "packages/core/resource-types/user.ts").contents).toContain(`${JSON.stringify(urn.enterpriseUser)}?: EnterpriseUserAttributes;`);
  });

  it("exports the URNs and names as literal maps, and the lists in the /Schemas order", () => {
    const index = fileAt(emitCorePackage(defaults), "packages/core/index.ts").contents;
    expect(firstLine(index)).toBe("// Code generated by scim-codegen from definitions/. DO NOT EDIT.");
    const literalMap = (name: string): unknown => JSON.parse(new RegExp(`export const ${name} = (\\{.*\\}) as const;`).exec(index)?.[1] ?? "null");
    expect(literalMap("SchemaUrn")).toEqual({ Group: urn.group, User: urn.user, EnterpriseUser: urn.enterpriseUser });
    expect(literalMap("ResourceTypeName")).toEqual({ Group: "Group", User: "User" });
    const idOf = new Map(coreDocumentModules.map(([, , constant, , truth]) => [constant, truth()["id"]]));
    const list = (name: string): unknown[] =>
      (new RegExp(`export const ${name}: [^=]+ = \\[([^\\]]*)\\];`).exec(index)?.[1] ?? "").split(", ").map((constant) => idOf.get(constant));
    expect(list("schemas")).toEqual(canonicalSchemaOrder.slice(0, 3));
    expect(list("serviceProviderSchemas")).toEqual(canonicalSchemaOrder.slice(3));
    expect(list("resourceTypes")).toEqual(["Group", "User"]);
    for (const [path, , constant] of coreDocumentModules) {
      const module = path.slice("packages/core/".length, -".ts".length);
      expect(index).toContain(`import { ${constant} } from "./${module}.js";`);
      expect(index).toContain(`export * from "./${module}.js";`);
    }
    expect(index).toContain("export const discoveryDocuments: DiscoveryDocuments = { serviceProviderConfig: serviceProviderConfig, resourceTypes, schemas, serviceProviderSchemas };");
  });

  it("ships the hand-written runtime verbatim, and a package.json with the entry points", () => {
    const files = emitCorePackage(defaults);
    for (const name of coreRuntime) {
      const source = readFileSync(join(repoRoot, "generator/runtime", `${name}.ts`), "utf8");
      expect(fileAt(files, `packages/core/runtime/${name}.ts`).contents, name).toBe(`// Code generated by scim-codegen from generator/runtime/${name}.ts. DO NOT EDIT.\n${source}`);
    }
    const pkg = jsonAt(files, "packages/core/package.json");
    expect(pkg).toMatchObject({ name: "@scim-discovery/core", version: "0.0.0", private: true, type: "module", types: "./index.d.ts" });
    expect(pkg["exports"]).toEqual({
      ".": { types: "./index.d.ts", default: "./index.js" },
      "./runtime": { types: "./runtime/index.d.ts", default: "./runtime/index.js" },
      "./validators": { types: "./validators/index.d.ts", default: "./validators/index.js" },
      "./package.json": "./package.json",
    });
    expect(pkg["engines"]).toEqual({ node: "^20.19.0 || >=22.12.0" });
    const readme = fileAt(files, "packages/core/README.md").contents;
    expect(firstLine(readme)).toBe("<!-- Code generated by scim-codegen from definitions/. DO NOT EDIT. -->");
    expect(readme).toContain("\n# @scim-discovery/core\n");
    expect(readme).toContain("| `Group`, `User` | resource types, with extensions under their URN keys |");
  });
});

// ---------------------------------------------------------------------------------------------------

const pythonRuntime = [
  "__init__.py", "base_path.py", "base_url.py", "configuration_error.py", "discovery_handler.py", "documents.py", "etag.py", "headers.py",
  "json_text.py", "lookup.py", "lru_cache.py", "query.py", "route.py", "scim_documents.py", "scim_error.py", "target_handler.py", "types.py",
  "uri_component.py",
];

/** The Python project's files for a scope's import name and the listed Python adapters, sorted. */
function pythonFiles(name: string, adapters: readonly string[]): string[] {
  const pkg = `python/${name}/${name}`;
  return [
    `python/${name}/README.md`,
    `python/${name}/pyproject.toml`,
    `${pkg}/__init__.py`,
    ...adapters.map((a) => `${pkg}/${a}.py`),
    `${pkg}/discovery_documents.py`,
    `${pkg}/py.typed`,
    `${pkg}/resources.py`,
    ...pythonRuntime.map((file) => `${pkg}/runtime/${file}`),
  ].sort();
}

describe("emitPythonPackage", () => {
  it("writes the Python project for [django, fastapi], one adapter module for [django], nothing without a Python adapter", () => {
    expect(pathsOf(emitPythonPackage(defaults)).sort()).toEqual(pythonFiles("scim_discovery", ["django", "fastapi"]));
    expect(pythonFiles("scim_discovery", ["django", "fastapi"])).toHaveLength(26);
    expect(pathsOf(emitPythonPackage(variant)).sort()).toEqual(pythonFiles("acme", ["django"]));
    expect(emitPythonPackage(nodeOnly)).toEqual([]);
  });

  it("pyproject.toml names the distribution after the scope, version 0.0.0, one extra per listed adapter", () => {
    const pyproject = (model: Model, name: string): string => fileAt(emitPythonPackage(model), `python/${name}/pyproject.toml`).contents;
    const lines = pyproject(defaults, "scim_discovery").split("\n");
    expect(lines[0]).toBe("# Code generated by scim-codegen from definitions/. DO NOT EDIT.");
    expect(lines).toContain('name = "scim-discovery"');
    expect(lines).toContain('version = "0.0.0"');
    expect(lines).toContain('packages = ["scim_discovery"]');
    const extras = (text: string): string[] => {
      const section = text.slice(text.indexOf("[project.optional-dependencies]\n"));
      return section.slice(section.indexOf("\n") + 1, section.indexOf("\n\n")).split("\n");
    };
    expect(extras(lines.join("\n"))).toEqual(['django = ["Django>=5.2.17,<5.3"]', 'fastapi = ["fastapi>=0.142.2,<0.143"]']);
    const acme = pyproject(variant, "acme");
    expect(acme.split("\n")).toContain('name = "acme"');
    expect(extras(acme)).toEqual(['django = ["Django>=5.2.17,<5.3"]']);
  });

  it("every .py file starts with a # generated header naming its source; the runtime is shipped verbatim", () => {
    const files = emitPythonPackage(defaults);
    const pkg = "python/scim_discovery/scim_discovery";
    const want: Record<string, string> = {
      [`${pkg}/__init__.py`]: "definitions/",
      [`${pkg}/discovery_documents.py`]: "definitions/",
      [`${pkg}/resources.py`]: "definitions/",
      [`${pkg}/django.py`]: "templates/python/django.py.hbs",
      [`${pkg}/fastapi.py`]: "templates/python/fastapi.py.hbs",
      ...Object.fromEntries(pythonRuntime.map((file) => [`${pkg}/runtime/${file}`, `generator/runtime-python/${file}`])),
    };
    expect(files.filter((f) => f.path.endsWith(".py")).map((f) => f.path).sort()).toEqual(Object.keys(want).sort());
    for (const [path, source] of Object.entries(want)) {
      const file = fileAt(files, path);
      expect(file.language, path).toBe("python");
      expect(firstLine(file.contents), path).toBe(`# Code generated by scim-codegen from ${source}. DO NOT EDIT.`);
    }
    for (const file of pythonRuntime) {
      const source = readFileSync(join(repoRoot, "generator/runtime-python", file), "utf8");
      expect(fileAt(files, `${pkg}/runtime/${file}`).contents, file).toBe(`# Code generated by scim-codegen from generator/runtime-python/${file}. DO NOT EDIT.\n${source}`);
    }
    expect(fileAt(files, `${pkg}/py.typed`).contents).toBe("");
  });

  it("DISCOVERY_DOCUMENTS are the RFC 7643 documents, relative meta.location; SchemaUrn and ResourceTypeName the literal names", () => {
    const files = emitPythonPackage(defaults);
    const pkg = "python/scim_discovery/scim_discovery";
    const module = fileAt(files, `${pkg}/discovery_documents.py`).contents;
    const assignment = "\nDISCOVERY_DOCUMENTS: DiscoveryDocuments = ";
    expect(module).toContain(assignment);
    const truth = discoveryTruth("");
    expect(parsePythonData(module.slice(module.indexOf(assignment) + assignment.length))).toStrictEqual({
      service_provider_config: truth.serviceProviderConfig,
      resource_types: truth.resourceTypes,
      schemas: truth.schemas,
      service_provider_schemas: truth.serviceProviderSchemas,
    });
    const init = fileAt(files, `${pkg}/__init__.py`).contents;
    const finals = (className: string): Record<string, unknown> => {
      const body = init.slice(init.indexOf(`\nclass ${className}:\n`) + 1).split("\n\n\n")[0] ?? "";
      return Object.fromEntries([...body.matchAll(/^ {4}(\w+): typing\.Final = (".*")$/gm)].map((m) => [m[1], JSON.parse(m[2] ?? "null")]));
    };
    expect(finals("SchemaUrn")).toEqual({ Group: urn.group, User: urn.user, EnterpriseUser: urn.enterpriseUser });
    expect(finals("ResourceTypeName")).toEqual({ Group: "Group", User: "User" });
  });
});

// ---------------------------------------------------------------------------------------------------

const nodeAdapters = ["express", "fastify", "hono", "koa", "next", "node"];
const adapterFiles = (adapters: readonly string[]): string[] => adapters.flatMap((a) => ["README.md", "index.ts", "package.json"].map((f) => `packages/${a}/${f}`)).sort();

describe("emitAdapterPackages", () => {
  it("emits one package per listed Node adapter, each depending on the sibling core as file:../core", () => {
    const files = emitAdapterPackages(defaults);
    expect(pathsOf(files).sort()).toEqual(adapterFiles(nodeAdapters));
    // The majors each adapter's templates target, as peers (type packages optional).
    const peers: Readonly<Record<string, Json>> = {
      express: { express: "^5", "@types/express": "^5" },
      fastify: { fastify: "^5" },
      hono: { hono: "^4" },
      koa: { koa: "^3", "@types/koa": "^3" },
      next: { next: "^16" },
      node: { "@types/node": ">=20" },
    };
    for (const adapter of nodeAdapters) {
      const pkg = jsonAt(files, `packages/${adapter}/package.json`);
      expect(pkg["name"], adapter).toBe(`@scim-discovery/${adapter}`);
      expect(pkg["dependencies"], adapter).toEqual({ "@scim-discovery/core": "file:../core" });
      expect(pkg["peerDependencies"], adapter).toEqual(peers[adapter]);
      expect(Object.keys(objectAt(pkg, "peerDependencies")), adapter).toEqual(Object.keys(objectAt(pkg, "peerDependencies")).sort());
      const types = Object.keys(peers[adapter] ?? {}).filter((name) => name.startsWith("@types/"));
      if (types.length > 0) expect(pkg["peerDependenciesMeta"], adapter).toEqual(Object.fromEntries(types.map((t) => [t, { optional: true }])));
      else expect(pkg, adapter).not.toHaveProperty("peerDependenciesMeta");
      expect(pkg["exports"], adapter).toEqual({ ".": { types: "./index.d.ts", default: "./index.js" }, "./package.json": "./package.json" });
      const index = fileAt(files, `packages/${adapter}/index.ts`);
      expect(index.language, adapter).toBe("typescript-module");
      expect(firstLine(index.contents), adapter).toBe(`// Code generated by scim-codegen from templates/adapters/${adapter}/index.ts.hbs. DO NOT EDIT.`);
      expect(index.contents, adapter).toContain('from "@scim-discovery/core/runtime"');
      expect(firstLine(fileAt(files, `packages/${adapter}/README.md`).contents), adapter).toBe(
        `<!-- Code generated by scim-codegen from templates/adapters/${adapter}/README.md.hbs. DO NOT EDIT. -->`,
      );
    }
  });

  it("emits only the listed adapters, Python ones aside, under the project's scope", () => {
    const files = emitAdapterPackages(variant);
    expect(pathsOf(files).sort()).toEqual(adapterFiles(["express"]));
    const pkg = jsonAt(files, "packages/express/package.json");
    expect([pkg["name"], pkg["dependencies"]]).toEqual(["@acme/express", { "@acme/core": "file:../core" }]);
    expect(pathsOf(emitAdapterPackages(nodeOnly)).sort()).toEqual(adapterFiles(["node"]));
  });
});

// ---------------------------------------------------------------------------------------------------

describe("emitAll", () => {
  it("returns every emitter's files once, sorted by path in code-unit order", () => {
    const paths = pathsOf(emitAll(defaults));
    const openApiFiles = [
      "openapi/README.md", "openapi/openapi.json", "openapi/openapi.yaml", "openapi/redocly.yaml",
      ...["group", "user"].flatMap((stem) => ["create", "replace", "response"].map((r) => `json-schema/${stem}.${r}.schema.json`)),
      ...["group", "user"].flatMap((stem) => [`packages/core/validators/${stem}.ts`, `packages/core/validators/compiled/${stem}.js`, `packages/core/validators/compiled/${stem}.d.ts`]),
      "packages/core/validators/index.ts",
      ...["index", "issues", "normalise", "types", "validate"].map((m) => `packages/core/validators/runtime/${m}.ts`),
    ];
    const staticJson = [
      "json/README.md", "json/ServiceProviderConfig.json", "json/ResourceTypes.json", "json/Schemas.json",
      ...["Group", "User"].map((id) => `json/ResourceTypes/${id}.json`),
      ...canonicalSchemaOrder.map((id) => `json/Schemas/${schemaFile(id)}`),
    ];
    const all = [...coreFiles, ...adapterFiles(nodeAdapters), ...openApiFiles, ...staticJson, ...pythonFiles("scim_discovery", ["django", "fastapi"])];
    // Array.prototype.sort without a comparator compares UTF-16 code units: `README.md` before `index.ts`.
    expect(paths).toEqual([...all].sort());
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.indexOf("packages/core/README.md")).toBeLessThan(paths.indexOf("packages/core/index.ts"));
  });
});
