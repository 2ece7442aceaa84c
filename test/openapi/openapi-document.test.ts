// The generated OpenAPI document: real validators accept it, and it says what the issue asks for.

import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaUrns } from "../../generator/emit/discovery-documents.js";
import { emitOpenApi } from "../../generator/emit/openapi/emit-openapi.js";
import { scimTypes } from "../../generator/emit/openapi/messages.js";
import { buildOpenApiDocument, placeholderBaseUrl } from "../../generator/emit/openapi/openapi-document.js";
import { placeholderTokenUrl, securityScheme } from "../../generator/emit/openapi/security-schemes.js";
import type { AuthenticationScheme, Model } from "../../generator/model/model.js";
import { loadModel } from "../helpers/load-model.js";
import { repoRoot } from "../helpers/repo.js";
import { compileDocumentSchema, newOpenApiAjv, openApiDocument } from "./openapi-response-validator.js";
import { readJsonFileSync } from "../helpers/json.js";

type Json = { readonly [key: string]: unknown };
const jsonPath = `${repoRoot}generated/openapi/openapi.json`;
const yamlPath = `${repoRoot}generated/openapi/openapi.yaml`;
const doc = (): Json => openApiDocument();
const get = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v as Json | undefined)?.[k], value);
const schema = (name: string): Json => get(doc(), "components", "schemas", name) as Json;
const deref = (value: unknown): Json => {
  const ref = (value as Json)["$ref"];
  if (typeof ref !== "string") return value as Json;
  return get(doc(), ...ref.slice(2).split("/")) as Json;
};

// Redocly lint and openapi-typescript, as users run them: openapi-tools.test.ts.
describe("real OpenAPI validators accept the document", () => {
  it.each([["openapi.json", jsonPath], ["openapi.yaml", yamlPath]])("SwaggerParser.validate() accepts %s", async (_name, file) => {
    const api = await SwaggerParser.validate(file);
    expect((api as { openapi?: unknown }).openapi).toBe("3.1.0");
  });

  it("openapi.yaml holds exactly the content of openapi.json", () => {
    expect(parseYaml(readFileSync(yamlPath, "utf8"))).toStrictEqual(readJsonFileSync(jsonPath));
  });

  it("every component schema is a valid JSON Schema 2020-12 (strict ajv compiles it, references resolved)", () => {
    for (const name of Object.keys(get(doc(), "components", "schemas") as Json)) {
      expect(() => compileDocumentSchema(`component ${name}`, { $ref: `#/components/schemas/${name}` }), name).not.toThrow();
    }
  });

  // Whether generated/ is the emitter's output is the one drift test's question (output.test.ts), not this one's.
  it("is the same on a second run of the emitter", async () => {
    const model = await loadModel();
    const first = emitOpenApi(model).find((f) => f.path === "openapi/openapi.json");
    const second = emitOpenApi(model).find((f) => f.path === "openapi/openapi.json");
    expect(first?.contents.length).toBeGreaterThan(1000);
    expect(second?.contents).toBe(first?.contents);
  });
});

describe("stand-alone JSON Schemas (generated/json-schema)", () => {
  const files = ["group", "user"].flatMap((stem) => ["create", "replace", "response"].map((r) => `${stem}.${r}.schema.json`));
  const component: Record<string, string> = {
    "group.create": "GroupCreateRequest",
    "group.replace": "GroupReplaceRequest",
    "group.response": "Group",
    "user.create": "UserCreateRequest",
    "user.replace": "UserReplaceRequest",
    "user.response": "User",
  };

  it.each(files)("%s is JSON Schema 2020-12 that strict ajv compiles, and the OpenAPI component of the same name", (file) => {
    const { $schema, $id, ...rest } = readJsonFileSync(`${repoRoot}generated/json-schema/${file}`) as Json;
    expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect($id).toBe(file);
    expect(rest).toStrictEqual(schema(component[file.replace(/\.schema\.json$/, "")]!));
    const ajv = newOpenApiAjv();
    expect(() => ajv.compile({ $schema, $id, ...rest } as object)).not.toThrow();
  });
});

describe("discovery paths (RFC 7644 §4)", () => {
  it.each([
    ["/ServiceProviderConfig", "getServiceProviderConfig", ["200", "304", "400", "401", "403", "405"]],
    ["/ResourceTypes", "listResourceTypes", ["200", "304", "400", "401", "403", "405"]],
    ["/ResourceTypes/{id}", "getResourceType", ["200", "304", "400", "401", "404", "405"]],
    ["/Schemas", "listSchemas", ["200", "304", "400", "401", "403", "405"]],
    ["/Schemas/{uri}", "getSchema", ["200", "304", "400", "401", "404", "405"]],
  ])("%s: GET only (%s), with every answer the runtime gives", (path, operationId, statuses) => {
    const item = get(doc(), "paths", path) as Json;
    expect(Object.keys(item).filter((k) => k !== "parameters")).toEqual(["get"]);
    expect(get(item, "get", "operationId")).toBe(operationId);
    expect(Object.keys(get(item, "get", "responses") as Json)).toEqual(statuses);
    expect(deref(get(item, "get", "responses", "304"))["content"]).toBeUndefined();
    expect(Object.keys(deref(get(item, "get", "responses", "405"))["headers"] as Json)).toEqual(["Allow"]);
    expect(Object.keys(deref(get(item, "get", "responses", "401"))["headers"] as Json)).toEqual(["WWW-Authenticate"]);
  });

  it("200 examples are the generated discovery documents, with the example base URL", () => {
    const staticJson = (file: string): unknown =>
      JSON.parse(readFileSync(`${repoRoot}generated/json/${file}`, "utf8").replaceAll("{{SCIM_BASE_URL}}", placeholderBaseUrl));
    const example = (path: string, name: string): unknown =>
      get(doc(), "paths", path, "get", "responses", "200", "content", "application/scim+json", "examples", name, "value");
    expect(example("/ServiceProviderConfig", "serviceProviderConfig")).toStrictEqual(staticJson("ServiceProviderConfig.json"));
    expect(example("/ResourceTypes", "resourceTypes")).toStrictEqual(staticJson("ResourceTypes.json"));
    expect(example("/ResourceTypes/{id}", "User")).toStrictEqual(staticJson("ResourceTypes/User.json"));
    expect(example("/Schemas", "schemas")).toStrictEqual(staticJson("Schemas.json"));
    expect(example("/Schemas/{uri}", "EnterpriseUser")).toStrictEqual(
      staticJson(`Schemas/${encodeURIComponent("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")}.json`),
    );
  });
});

describe("responses", () => {
  const everyResponse = (): [string, string, string, Json][] =>
    Object.entries(get(doc(), "paths") as Json).flatMap(([path, item]) =>
      Object.entries(item as Json)
        .filter(([method]) => method !== "parameters")
        .flatMap(([method, op]) => Object.entries(get(op, "responses") as Json).map(([status, r]): [string, string, string, Json] => [path, method, status, deref(r)])),
    );

  it("every response body is application/scim+json (RFC 7644 §3.1)", () => {
    for (const [path, method, status, response] of everyResponse()) {
      if (response["content"] !== undefined) expect(Object.keys(response["content"] as Json), `${method} ${path} ${status}`).toEqual(["application/scim+json"]);
    }
  });

  it("every error is a SCIM Error whose status is the HTTP status as a string (RFC 7644 §3.12)", () => {
    const errors = everyResponse().filter(([, , status]) => Number(status) >= 400);
    expect(errors.length).toBeGreaterThan(20);
    for (const [path, method, status, response] of errors) {
      const body = get(response, "content", "application/scim+json", "schema") as Json;
      expect(body, `${method} ${path} ${status}`).toStrictEqual({ allOf: [{ $ref: "#/components/schemas/Error" }], type: "object", properties: { status: { const: status } } });
    }
  });

  it("the Error schema: status a string of three digits, scimType from RFC 7644 Table 9, no other keys", () => {
    const error = schema("Error");
    expect(get(error, "properties", "status", "type")).toBe("string");
    expect(get(error, "properties", "scimType", "enum")).toEqual([...scimTypes]);
    expect(scimTypes).toEqual(["invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive"]);
    expect(error["required"]).toEqual(["schemas", "status"]);
    expect(error["additionalProperties"]).toBe(false);
    const validate = compileDocumentSchema("Error test", { $ref: "#/components/schemas/Error" });
    expect(validate({ schemas: [schemaUrns.error], status: "404", detail: "x" })).toBe(true);
    expect(validate({ schemas: [schemaUrns.error], status: 404 })).toBe(false);
    expect(validate({ schemas: [schemaUrns.error], status: "400", scimType: "notAType" })).toBe(false);
  });
});

describe("resource endpoints (RFC 7644 §3)", () => {
  it.each([
    ["/Users", { get: "listUsers", post: "createUser" }],
    ["/Users/{id}", { get: "getUser", put: "replaceUser", patch: "patchUser", delete: "deleteUser" }],
    ["/Groups", { get: "listGroups", post: "createGroup" }],
    ["/Groups/{id}", { get: "getGroup", put: "replaceGroup", patch: "patchGroup", delete: "deleteGroup" }],
  ])("%s has the declared operations", (path, operations) => {
    const item = get(doc(), "paths", path) as Json;
    const found = Object.fromEntries(Object.entries(item).filter(([k]) => k !== "parameters").map(([m, op]) => [m, get(op, "operationId")]));
    expect(found).toEqual(operations);
  });

  it("list takes filter, startIndex and count; the filter text names the operators and maxResults", () => {
    const params = (get(doc(), "paths", "/Users", "get", "parameters") as Json[]).map((p) => deref(p));
    expect(params.map((p) => p["name"])).toEqual(["filter", "startIndex", "count"]);
    expect(params[0]?.["description"]).toContain("`eq`");
    expect(params[0]?.["description"]).toContain("At most 100 resources");
  });

  it("create, replace and patch bodies; PatchOp per RFC 7644 §3.5.2; ListResponse envelope", () => {
    expect(get(doc(), "paths", "/Users", "post", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/UserCreateRequest" });
    expect(get(doc(), "paths", "/Users/{id}", "put", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/UserReplaceRequest" });
    expect(get(doc(), "paths", "/Users/{id}", "patch", "requestBody", "content", "application/scim+json", "schema")).toEqual({ $ref: "#/components/schemas/PatchOp" });
    const patch = compileDocumentSchema("PatchOp test", { $ref: "#/components/schemas/PatchOp" });
    const patchOp = (ops: unknown[]): unknown => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: ops });
    expect(patch(patchOp([{ op: "add", path: "members", value: [{ value: "2819c223" }] }]))).toBe(true);
    expect(patch(patchOp([{ op: "remove", path: 'members[value eq "2819c223"]' }]))).toBe(true);
    expect(patch(patchOp([{ op: "remove" }]))).toBe(false); // §3.5.2.2: noTarget
    expect(patch(patchOp([{ op: "replace", path: "active" }]))).toBe(false); // no value
    expect(patch(patchOp([]))).toBe(false);
    const list = compileDocumentSchema("UserListResponse test", { $ref: "#/components/schemas/UserListResponse" });
    expect(list({ schemas: [schemaUrns.listResponse], totalResults: 0 })).toBe(true);
    expect(list({ schemas: [schemaUrns.listResponse], totalResults: 1 })).toBe(false); // §3.4.2: Resources required
  });

  it("only declared operations are documented, and filter only when the ServiceProviderConfig supports it", async () => {
    const model = await loadModel({
      "definitions/resource-types/group.yaml": (t) => t.replace("operations: [list, get, create, replace, patch, delete]", "operations: [get]"),
      "definitions/service-provider-config.yaml": (t) => t.replace("filter:\n  supported: true", "filter:\n  supported: false"),
    });
    const document = buildOpenApiDocument(model) as unknown as Json;
    expect(get(document, "paths", "/Groups")).toBeUndefined();
    expect(Object.keys(get(document, "paths", "/Groups/{id}") as Json)).toEqual(["parameters", "get"]);
    expect(get(document, "components", "parameters", "filter")).toBeUndefined();
    expect(JSON.stringify(get(document, "paths"))).not.toContain("#/components/parameters/filter");
  });
});

describe("component schemas per SCIM schema, attribute by attribute (RFC 7643 §2.3)", () => {
  const property = (component: string, ...path: string[]): Json => {
    let node = schema(component);
    for (const name of path) node = (get(node, "properties", name) ?? get(node, "items", "properties", name)) as Json;
    return node;
  };

  it.each([
    ["string", ["UserAttributes", "userName"], { type: "string" }],
    ["boolean", ["UserAttributes", "active"], { type: "boolean" }],
    ["dateTime → date-time", ["User", "meta", "created"], { type: "string", format: "date-time" }],
    ["reference → uri-reference (relative and urn: values are valid)", ["UserAttributes", "profileUrl"], { type: "string", format: "uri-reference" }],
    ["reference in a discovery document", ["ResourceType", "endpoint"], { type: "string", format: "uri-reference" }],
    ["binary → base64", ["UserAttributes", "x509Certificates", "value"], { type: "string", contentEncoding: "base64" }],
    ["integer", ["ServiceProviderConfig", "bulk", "maxOperations"], { type: "integer" }],
    ["complex → object", ["UserAttributes", "name"], { type: "object", additionalProperties: false }],
    ["multi-valued → array", ["UserAttributes", "emails"], { type: "array" }],
    ["open canonicalValues → examples", ["UserAttributes", "emails", "type"], { type: "string", examples: ["work", "home", "other"] }],
    ["readOnly from mutability", ["UserAttributes", "groups"], { readOnly: true, "x-scim-mutability": "readOnly" }],
    ["writeOnly from mutability", ["UserAttributes", "password"], { writeOnly: true, "x-scim-mutability": "writeOnly", "x-scim-returned": "never" }],
  ])("%s", (_what, [component, ...path], want) => {
    expect(property(component!, ...path)).toMatchObject(want);
  });

  it("decimal → number, and a closed canonical list → enum", async () => {
    const model = await loadModel({
      "definitions/schemas/group.yaml": (t) =>
        t.replace("        canonicalValues:\n          - User\n          - Group\n", "        canonicalValues:\n          - User\n          - Group\n        codegen:\n          closedCanonicalValues: true\n")
          .replace("  - name: members\n", "  - name: weight\n    type: decimal\n    description: A number.\n  - name: members\n"),
    });
    const document = buildOpenApiDocument(model) as unknown as Json;
    const group = get(document, "components", "schemas", "GroupAttributes");
    expect(get(group, "properties", "weight")).toMatchObject({ type: "number", "x-scim-type": "decimal" });
    expect(get(group, "properties", "members", "items", "properties", "type")).toMatchObject({ type: "string", enum: ["User", "Group"] });
    expect(get(group, "properties", "members", "items", "properties", "type", "examples")).toBeUndefined();
  });

  it("required comes from the definitions", () => {
    expect(schema("UserAttributes")["required"]).toEqual(["userName"]);
    expect(schema("GroupAttributes")["required"]).toEqual(["displayName"]);
    expect(schema("UserCreateRequest")["required"]).toEqual(["schemas", "userName"]);
    expect(schema("User")["required"]).toEqual(["schemas", "id", "userName"]);
  });

  it("extension attributes are an object under the extension URN, with schemas naming it when present", () => {
    const urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    for (const name of ["User", "UserCreateRequest", "UserReplaceRequest"]) {
      expect(get(schema(name), "properties", urn)).toMatchObject({ type: "object", "x-scim-schema": urn, properties: { employeeNumber: { type: "string" } } });
      expect(get(schema(name), "dependentSchemas", urn)).toEqual({ properties: { schemas: { type: "array", contains: { const: urn } } } });
    }
  });

  it("readOnly attributes never appear in a create or replace body; writeOnly and returned:never never in a response", () => {
    const readOnlyPaths = (node: unknown, at: string): string[] => {
      const n = node as Json;
      const here = n["readOnly"] === true ? [at] : [];
      const props = (get(n, "properties") ?? get(n, "items", "properties")) as Json | undefined;
      return [...here, ...Object.entries(props ?? {}).flatMap(([k, v]) => readOnlyPaths(v, `${at}.${k}`))];
    };
    for (const name of ["UserCreateRequest", "UserReplaceRequest", "GroupCreateRequest", "GroupReplaceRequest"]) {
      expect(readOnlyPaths(schema(name), name)).toEqual([]);
    }
    expect(Object.keys(get(schema("UserCreateRequest"), "properties") as Json)).not.toContain("id");
    expect(Object.keys(get(schema("UserCreateRequest"), "properties") as Json)).not.toContain("groups");
    expect(Object.keys(get(schema("GroupCreateRequest"), "properties", "members", "items", "properties") as Json)).toEqual(["value", "$ref", "type"]);
    expect(get(schema("UserCreateRequest"), "properties", "password")).toMatchObject({ writeOnly: true });
    expect(get(schema("User"), "properties", "password")).toBeUndefined();
    expect(get(schema("User"), "properties", "id")).toMatchObject({ readOnly: true });
  });
});

describe("security and servers", () => {
  const scheme = (type: AuthenticationScheme["type"]): AuthenticationScheme => ({ type, name: type, description: `The ${type} scheme.` });

  it.each([
    ["oauthbearertoken", { type: "http", scheme: "bearer" }],
    ["httpbasic", { type: "http", scheme: "basic" }],
    ["httpdigest", { type: "http", scheme: "digest" }],
    ["oauth", { type: "http", scheme: "OAuth" }],
    ["oauth2", { type: "oauth2", flows: { clientCredentials: { tokenUrl: placeholderTokenUrl, scopes: {} } } }],
  ] as const)("authenticationSchemes type %s → %j", (type, want) => {
    expect(securityScheme(scheme(type))).toMatchObject(want);
  });

  it("the document's schemes come from the ServiceProviderConfig, and every operation requires one", () => {
    expect(get(doc(), "components", "securitySchemes")).toEqual({
      oauthbearertoken: {
        type: "http",
        scheme: "bearer",
        description: "OAuth Bearer Token: Authentication scheme using the OAuth Bearer Token Standard Specification: https://www.rfc-editor.org/info/rfc6750.",
      },
    });
    expect(doc()["security"]).toEqual([{ oauthbearertoken: [] }]);
  });

  it("the server URL is the templated {baseUrl}", () => {
    expect(doc()["servers"]).toEqual([expect.objectContaining({ url: "{baseUrl}", variables: { baseUrl: { default: placeholderBaseUrl } } })]);
  });
});

describe("determinism", () => {
  let model: Model;
  beforeAll(async () => {
    model = await loadModel();
  });

  it("maps are in code-unit order; attributes keep their declared order", () => {
    const sorted = (o: unknown): boolean => {
      const keys = Object.keys(o as Json);
      return keys.every((k, i) => i === 0 || keys[i - 1]! < k);
    };
    const document = buildOpenApiDocument(model) as unknown as Json;
    expect(sorted(get(document, "paths"))).toBe(true);
    for (const kind of ["schemas", "responses", "parameters", "headers", "securitySchemes"]) expect(sorted(get(document, "components", kind)), kind).toBe(true);
    const user = model.schemas.find((s) => s.name === "User");
    expect(Object.keys(get(document, "components", "schemas", "UserAttributes", "properties") as Json)).toEqual(user?.attributes.map((a) => a.name));
  });
});
