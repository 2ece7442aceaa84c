// The operations side of the OpenAPI emitter, piece by piece: paths and operations (RFC 7644 §3, §4),
// the message schemas (RFC 7644 §3.4.2 ListResponse, §3.5.2 PatchOp, §3.12 Error), the reusable
// responses, parameters and headers, the security schemes (RFC 7643 §5), the README and redocly.yaml.
// Each test calls the smallest function that makes its piece, on models built once, and compares the
// result with whole objects and exact strings written here by hand from the RFCs and definitions/*.yaml
// (emitted-openapi-paths-helpers.ts); the message schemas are also run, with ajv, on messages shaped
// like RFC 7644's examples. Nothing is formatted, compiled or read from generated/, so mutation testing
// (StrykerJS, per-test coverage) runs only the tests that reach a mutant, in milliseconds.

import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { componentNames, schemaRef } from "../../generator/emit/openapi/component-names.js";
import { headerComponents } from "../../generator/emit/openapi/headers.js";
import { errorSchema, listResponseSchema, patchOpSchema, patchOpUrn, scimTypes } from "../../generator/emit/openapi/messages.js";
import type { SchemaObject } from "../../generator/emit/openapi/openapi-types.js";
import { parameterComponents } from "../../generator/emit/openapi/parameters.js";
import { buildPaths } from "../../generator/emit/openapi/paths.js";
import { openApiReadme } from "../../generator/emit/openapi/readme.js";
import { redoclyConfig, redoclyRulesOff } from "../../generator/emit/openapi/redocly-config.js";
import { errorContent, responseComponents, scimContent } from "../../generator/emit/openapi/responses.js";
import { placeholderTokenUrl, securityRequirements, securityScheme, securitySchemes } from "../../generator/emit/openapi/security-schemes.js";
import type { AuthenticationScheme, Model, ServiceProviderConfig } from "../../generator/model/model.js";
import { errorContentTruth, discoveryPathsTruth, refTo, resourcePathsTruth, scim, type EndpointGiven } from "./emitted-openapi-paths-helpers.js";
import { modelOf, repositorySources, resourceTypesYaml, serviceProviderConfigYaml, urn, type Json } from "./emitted-output-helpers.js";

const base = "https://scim.example.com/tenant-1/v2";

/** The five RFC 7644 §4 discovery paths. */
const discoveryPaths = ["/ResourceTypes", "/ResourceTypes/{id}", "/Schemas", "/Schemas/{uri}", "/ServiceProviderConfig"];

/** The repository's definitions: all six operations on both, filter on (operators [eq], 100 results), sort and ETags off. */
let defaults: Model;
/** ETags and sort on, filter off; Group reads only, User writes only; scope @acme. */
let etagged: Model;
/** Filter on with three operators and 200 results; Group [get] only (no collection path), User [list] only (no item path). */
let partial: Model;
/** Filter on but no operators listed; neither resource type declares an operation. */
let noOperations: Model;
/** No resource type at all. */
let noResourceTypes: Model;

beforeAll(async () => {
  const sources = await repositorySources();
  defaults = modelOf(sources);
  etagged = modelOf(sources, {
    "definitions/scim-codegen.yaml": 'packageScope: "@acme"\nadapters: [node]\n',
    "definitions/service-provider-config.yaml": serviceProviderConfigYaml({ filter: false, maxResults: 50, sort: true, etag: true, operators: ["eq"] }),
    ...resourceTypesYaml(["get", "list"], ["create", "replace", "patch", "delete"]),
  });
  partial = modelOf(sources, {
    "definitions/service-provider-config.yaml": serviceProviderConfigYaml({ filter: true, maxResults: 200, sort: false, etag: false, operators: ["eq", "sw", "pr"] }),
    ...resourceTypesYaml(["get"], ["list"]),
  });
  noOperations = modelOf(sources, {
    "definitions/service-provider-config.yaml": serviceProviderConfigYaml({ filter: true, maxResults: 10, sort: false, etag: false }),
    ...resourceTypesYaml([], []),
  });
  noResourceTypes = modelOf(sources.filter((s) => s.kind !== "resource-type"));
});

const everyOperation = ["list", "get", "create", "replace", "patch", "delete"] as const;

// ---------------------------------------------------------------------------------------------------

describe("buildPaths (OAS 3.1 Paths: RFC 7644 §4 discovery, §3 resource operations)", () => {
  it("the default definitions: the five discovery paths with the RFC 7643 figures as examples, and all six operations of /Groups and /Users", () => {
    const got = buildPaths(defaults, componentNames(defaults), base);
    const given = { filter: true, sort: false, etag: false, operations: everyOperation };
    expect(got).toStrictEqual({
      ...discoveryPathsTruth(base),
      ...resourcePathsTruth({ ...given, name: "Group", endpoint: "/Groups" }),
      ...resourcePathsTruth({ ...given, name: "User", endpoint: "/Users" }),
    });
    // Code-unit order of the paths (HOUSE-STYLE: maps sorted by code unit).
    expect(Object.keys(got)).toEqual(["/Groups", "/Groups/{id}", "/ResourceTypes", "/ResourceTypes/{id}", "/Schemas", "/Schemas/{uri}", "/ServiceProviderConfig", "/Users", "/Users/{id}"]);
  });

  it("with ETags (RFC 7644 §3.14): ETag on every resource answer, If-None-Match and 304 on get, If-Match and 412 on put, patch and delete", () => {
    const got = buildPaths(etagged, componentNames(etagged), base);
    const given = { filter: false, sort: true, etag: true };
    const group: EndpointGiven = { ...given, name: "Group", endpoint: "/Groups", operations: ["get", "list"] };
    const user: EndpointGiven = { ...given, name: "User", endpoint: "/Users", operations: ["create", "replace", "patch", "delete"] };
    const want = { ...resourcePathsTruth(group), ...resourcePathsTruth(user) };
    expect(Object.keys(got).sort()).toEqual([...discoveryPaths, ...Object.keys(want)].sort());
    for (const path of Object.keys(want)) expect(got[path], path).toStrictEqual(want[path]);
    // Spelled out, the two answers RFC 7644 §3.3 and §3.14 fix: 201 carries Location and ETag.
    expect(at201(got)).toStrictEqual({
      description: "The created User, with its Location.",
      headers: { Location: refTo("headers", "Location"), ETag: refTo("headers", "ETag") },
      content: { [scim]: { schema: refTo("schemas", "User") } },
    });
  });

  it("leaves out a path none of whose operations is declared; without filtering (RFC 7644 §3.4.2.2) a list takes no filter", () => {
    const got = buildPaths(partial, componentNames(partial), base);
    const given = { filter: true, sort: false, etag: false };
    const want = {
      ...resourcePathsTruth({ ...given, name: "Group", endpoint: "/Groups", operations: ["get"] }),
      ...resourcePathsTruth({ ...given, name: "User", endpoint: "/Users", operations: ["list"] }),
    };
    expect(Object.keys(want)).toEqual(["/Groups/{id}", "/Users"]);
    expect(Object.keys(got).sort()).toEqual([...discoveryPaths, ...Object.keys(want)].sort());
    for (const path of Object.keys(want)) expect(got[path], path).toStrictEqual(want[path]);

    const none = buildPaths(noOperations, componentNames(noOperations), base);
    expect(Object.keys(none).sort()).toEqual(discoveryPaths);
    const filterOff = buildPaths(etagged, componentNames(etagged), base);
    expect(at(filterOff, "/Groups", "get", "description")).toBe("Lists Group resources in a ListResponse (RFC 7644 §3.4.2), paged with startIndex and count.");
  });

  it("a resource type without component names is a generator bug, and the error names it", () => {
    const names = { ...componentNames(defaults), resourceTypes: new Map() };
    expect(() => buildPaths(defaults, names, base)).toThrow(new Error("scim-codegen: no component names for resource type Group"));
  });
});

function at(value: unknown, ...keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Json)[k] : undefined), value);
}
const at201 = (paths: unknown): unknown => at(paths, "/Users", "post", "responses", "201");

// ---------------------------------------------------------------------------------------------------

describe("responseComponents and errorContent (RFC 7644 §3.12 errors, RFC 9110 §15.4.5 304)", () => {
  it("every reusable response: the Error body with status as a string and a Table 9 scimType where one applies", () => {
    // Another component name for the Error schema, so that the name is seen to be the one passed.
    const got = responseComponents("ScimError");
    const error = (description: string, status: number, detail: string, scimType?: string, headers?: Json): Json => ({
      description,
      ...(headers === undefined ? {} : { headers }),
      content: errorContentTruth("ScimError", status, detail, scimType),
    });
    expect(got).toStrictEqual({
      NotModified: {
        description: "Not Modified (RFC 9110 §15.4.5): If-None-Match matched the current entity tag. No body.",
        headers: { ETag: refTo("headers", "ETag") },
      },
      // RFC 7644 §3.12 Table 9: invalidValue for a missing required attribute.
      BadRequest: error(
        "Bad Request (RFC 7644 §3.12): the request is malformed or a value is invalid; `scimType` says which rule failed (RFC 7644 Table 9).",
        400,
        "Attribute 'userName' is required.",
        "invalidValue",
      ),
      // RFC 7644 §2, RFC 9110 §11.6.1: a 401 carries the challenge.
      Unauthorized: error("Unauthorized: the request carries no valid credentials (RFC 7644 §2).", 401, "Authentication required.", undefined, {
        "WWW-Authenticate": refTo("headers", "WWW-Authenticate"),
      }),
      Forbidden: error("Forbidden: the client may not perform this operation.", 403, "Operation not permitted."),
      NotFound: error("Not Found: no resource with this id or URI (RFC 7644 §3.12).", 404, "Resource not found."),
      // RFC 9110 §15.5.6: a 405 carries Allow.
      MethodNotAllowed: error(
        "Method Not Allowed: discovery endpoints are read-only (RFC 7644 §4). Every method but GET, HEAD and OPTIONS gets this answer, decided before authentication and without reading the body. OpenAPI has no path-level responses, so it is listed on the GET operation.",
        405,
        "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).",
        undefined,
        { Allow: refTo("headers", "Allow") },
      ),
      // RFC 7644 §3.3: 409 with scimType uniqueness.
      Conflict: error("Conflict: a value that must be unique is already taken (RFC 7644 §3.3, scimType `uniqueness`).", 409, "userName is already in use.", "uniqueness"),
      // RFC 7644 §3.14: 412 when If-Match fails.
      PreconditionFailed: error("Precondition Failed: If-Match did not match the current version (RFC 7644 §3.14).", 412, "The resource has changed."),
    });
    // Table 9's keywords only.
    for (const [name, response] of Object.entries(got)) {
      const scimType = at(response, "content", scim, "examples", "error", "value", "scimType");
      if (scimType !== undefined) expect(scimTypes, name).toContain(scimType);
    }
  });

  it("errorContent: one example, scimType only when given; scimContent leaves out an empty or missing examples map", () => {
    expect(errorContent("Error", 400, "Bad filter.", "invalidFilter")).toStrictEqual(errorContentTruth("Error", 400, "Bad filter.", "invalidFilter"));
    expect(errorContent("Error", 500, "Oops.")).toStrictEqual({
      [scim]: {
        schema: { allOf: [{ $ref: "#/components/schemas/Error" }], type: "object", properties: { status: { const: "500" } } },
        examples: { error: { value: { schemas: [urn.error], status: "500", detail: "Oops." } } },
      },
    });
    const schema = schemaRef("User");
    expect(scimContent(schema)).toStrictEqual({ [scim]: { schema: { $ref: "#/components/schemas/User" } } });
    expect(scimContent(schema, {})).toStrictEqual({ [scim]: { schema: { $ref: "#/components/schemas/User" } } });
    expect(scimContent(schema, { one: { value: 1 } })).toStrictEqual({ [scim]: { schema: { $ref: "#/components/schemas/User" }, examples: { one: { value: 1 } } } });
  });
});

// ---------------------------------------------------------------------------------------------------

describe("headerComponents and parameterComponents (RFC 9110 headers, RFC 7644 §3.4.2 and §3.14 parameters)", () => {
  it("the four reusable headers, each required where the response carries it", () => {
    expect(headerComponents()).toStrictEqual({
      Allow: {
        description: "The methods the path supports (RFC 9110 §10.2.1): discovery endpoints are read-only, so `GET, HEAD`.",
        required: true,
        schema: { type: "string", examples: ["GET, HEAD"] },
      },
      ETag: {
        description: "The entity tag of the representation (RFC 9110 §8.8.3; RFC 7644 §3.14), for If-None-Match and If-Match.",
        required: true,
        // RFC 9110 §8.8.3: a strong and a weak entity tag.
        schema: { type: "string", examples: ['"3694e05e9dff592"', 'W/"a330bc54f0671c9"'] },
      },
      Location: {
        description: "The URL of the created resource, the same as its `meta.location` (RFC 7644 §3.3).",
        required: true,
        schema: { type: "string", format: "uri" },
      },
      "WWW-Authenticate": {
        description: "The authentication challenge (RFC 9110 §11.6.1), e.g. `Bearer realm=\"SCIM\"` (RFC 6750 §3).",
        required: true,
        schema: { type: "string", examples: ['Bearer realm="SCIM"'] },
      },
    });
  });

  /** The parameters every configuration has: paging (RFC 7644 §3.4.2.4), If-None-Match and the path id. */
  const always = (maxResults: number): Json => ({
    startIndex: {
      name: "startIndex",
      in: "query",
      description: "The 1-based index of the first result (RFC 7644 §3.4.2.4). A value below 1 is taken as 1.",
      schema: { type: "integer", default: 1 },
    },
    count: {
      name: "count",
      in: "query",
      description: `The maximum number of results per page (RFC 7644 §3.4.2.4). A negative value is taken as 0; the service returns at most ${maxResults}.`,
      schema: { type: "integer", minimum: 0 },
    },
    "If-None-Match": {
      name: "If-None-Match",
      in: "header",
      description: "Entity tags the client holds (RFC 9110 §13.1.2); a match answers 304 without a body.",
      schema: { type: "string" },
    },
    id: {
      name: "id",
      in: "path",
      required: true,
      description: "The resource's `id`, assigned by the service provider (RFC 7643 §3.1).",
      schema: { type: "string" },
    },
  });
  const filter = (description: string): Json => ({ filter: { name: "filter", in: "query", description, schema: { type: "string" } } });
  const filterIntro = 'A filter expression (RFC 7644 §3.4.2.2), e.g. `userName eq "bjensen"`.';
  const tooMany = (n: number): string => `At most ${n} resources are returned (ServiceProviderConfig \`filter.maxResults\`); more matches give 400 with scimType \`tooMany\`.`;

  it("the default definitions: filter with the one operator `eq` and at most 100 results; no sort, no If-Match", () => {
    expect(parameterComponents(defaults.serviceProviderConfig)).toStrictEqual({
      ...filter(`${filterIntro} This service evaluates the operators \`eq\`; any other gets 400 with scimType \`invalidFilter\`. ${tooMany(100)}`),
      ...always(100),
    });
  });

  it("several operators are listed in their order; none listed is said so", () => {
    expect(parameterComponents(partial.serviceProviderConfig)).toStrictEqual({
      ...filter(`${filterIntro} This service evaluates the operators \`eq\`, \`sw\`, \`pr\`; any other gets 400 with scimType \`invalidFilter\`. ${tooMany(200)}`),
      ...always(200),
    });
    expect(parameterComponents(noOperations.serviceProviderConfig)).toStrictEqual({
      ...filter(`${filterIntro} The definitions list no filter operators. ${tooMany(10)}`),
      ...always(10),
    });
  });

  it("filter off, sort and ETags on: no filter; sortBy and sortOrder (RFC 7644 §3.4.2.3); If-Match (RFC 7644 §3.14)", () => {
    expect(parameterComponents(etagged.serviceProviderConfig)).toStrictEqual({
      ...always(50),
      sortBy: { name: "sortBy", in: "query", description: "The attribute to sort by (RFC 7644 §3.4.2.3).", schema: { type: "string" } },
      sortOrder: {
        name: "sortOrder",
        in: "query",
        description: "The order of the sort (RFC 7644 §3.4.2.3); default `ascending`.",
        schema: { type: "string", enum: ["ascending", "descending"] },
      },
      "If-Match": {
        name: "If-Match",
        in: "header",
        description: "Apply the change only if the resource still has this version (RFC 7644 §3.14); otherwise 412.",
        schema: { type: "string" },
      },
    });
  });
});

// ---------------------------------------------------------------------------------------------------

/** A JSON Schema 2020-12 validator that knows the OpenAPI keywords the message schemas use. */
let ajv: InstanceType<typeof Ajv2020.default>;
beforeAll(() => {
  ajv = new Ajv2020.default({ allErrors: true, strict: true });
  // ajv's first compilation is slow (about 0.3 s); paid here, not by the first test that validates.
  ajv.compile({ type: "object", properties: { a: { type: "string", pattern: "^a$", enum: ["a"] } }, required: ["a"], if: { required: ["a"] }, then: {}, else: {} });
});
const accepts = (schema: SchemaObject, message: unknown): boolean => ajv.validate(schema as object, message);

describe("the RFC 7644 message schemas", () => {
  it("Error (§3.12): schemas, status as a three-digit string, a Table 9 scimType, detail; nothing else", () => {
    const schema = errorSchema();
    expect(schema).toStrictEqual({
      title: "Error",
      description:
        "A SCIM error (RFC 7644 §3.12), served as `application/scim+json` like every other response. `status` repeats the HTTP status code as a string; `scimType` is present only where RFC 7644 Table 9 defines one.",
      type: "object",
      properties: {
        schemas: { description: `Exactly \`${urn.error}\`.`, type: "array", items: { type: "string", const: urn.error }, minItems: 1, maxItems: 1 },
        status: { description: "The HTTP status code, expressed as a JSON string (RFC 7644 §3.12).", type: "string", pattern: "^[1-5][0-9][0-9]$", examples: ["404"] },
        scimType: {
          description: "A SCIM detail error keyword (RFC 7644 §3.12, Table 9).",
          type: "string",
          // RFC 7644 §3.12 Table 9, in the table's order.
          enum: ["invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive"],
        },
        detail: { description: "A detailed human-readable message.", type: "string" },
      },
      required: ["schemas", "status"],
      additionalProperties: false,
    });
    // Messages shaped like RFC 7644 §3.12's examples, and what the section rules out.
    expect(accepts(schema, { schemas: [urn.error], detail: "Resource 2819c223 not found", status: "404" })).toBe(true);
    expect(accepts(schema, { schemas: [urn.error], scimType: "mutability", detail: "Attribute 'id' is readOnly", status: "400" })).toBe(true);
    expect(accepts(schema, { schemas: [urn.error], status: 404 }), "status is a string").toBe(false);
    expect(accepts(schema, { schemas: [urn.error], status: "4040" })).toBe(false);
    expect(accepts(schema, { schemas: [urn.error], status: "400", scimType: "badThing" }), "not in Table 9").toBe(false);
    expect(accepts(schema, { schemas: [urn.error] }), "status is REQUIRED").toBe(false);
    expect(accepts(schema, { schemas: [urn.listResponse], status: "400" })).toBe(false);
  });

  it("ListResponse (§3.4.2) of a resource page: schemas and totalResults required, Resources when totalResults > 0", () => {
    const item = schemaRef("User");
    const page = listResponseSchema(item, "User list", "A page of User resources.", false);
    const fields = {
      schemas: { description: `Exactly \`${urn.listResponse}\`.`, type: "array", items: { type: "string", const: urn.listResponse }, minItems: 1, maxItems: 1 },
      totalResults: { description: "The total number of results returned by the list or query operation.", type: "integer", minimum: 0 },
      itemsPerPage: { description: "The number of resources returned in this list response page.", type: "integer", minimum: 0 },
      startIndex: { description: "The 1-based index of the first result in this page.", type: "integer", minimum: 1 },
      Resources: { description: "The resources of this page.", type: "array", items: { $ref: "#/components/schemas/User" } },
    };
    expect(page).toStrictEqual({
      title: "User list",
      description: "A page of User resources.",
      type: "object",
      properties: fields,
      required: ["schemas", "totalResults"],
      additionalProperties: false,
      if: { properties: { totalResults: { type: "integer", minimum: 1 } }, required: ["totalResults"] },
      then: { properties: { Resources: { type: "array" } }, required: ["Resources"] },
    });
    // A whole discovery list: every field present, no condition needed.
    expect(listResponseSchema(item, "All", "Every one.", true)).toStrictEqual({
      title: "All",
      description: "Every one.",
      type: "object",
      properties: fields,
      required: ["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"],
      additionalProperties: false,
    });

    const objects: SchemaObject = { type: "object" };
    const paged = listResponseSchema(objects, "t", "d", false);
    const whole = listResponseSchema(objects, "t", "d", true);
    const bjensen = { id: "2819c223-7f76-453a-919d-413861904646", userName: "bjensen" };
    // RFC 7644 §3.4.2's example answer: totalResults and Resources only.
    expect(accepts(paged, { schemas: [urn.listResponse], totalResults: 1, Resources: [bjensen] })).toBe(true);
    // §3.4.2.4's paged answer.
    expect(accepts(paged, { totalResults: 100, itemsPerPage: 10, startIndex: 1, schemas: [urn.listResponse], Resources: [bjensen] })).toBe(true);
    // "Resources" is REQUIRED if "totalResults" is non-zero, and only then.
    expect(accepts(paged, { schemas: [urn.listResponse], totalResults: 0 })).toBe(true);
    expect(accepts(paged, { schemas: [urn.listResponse], totalResults: 2 })).toBe(false);
    expect(accepts(paged, { schemas: [urn.listResponse], totalResults: 1, Resources: [bjensen], startIndex: 0 }), "startIndex is 1-based").toBe(false);
    expect(accepts(paged, { schemas: [urn.listResponse], Resources: [] }), "totalResults is REQUIRED").toBe(false);
    expect(accepts(paged, { schemas: [urn.listResponse], totalResults: 0, extra: true })).toBe(false);
    expect(accepts(whole, { schemas: [urn.listResponse], totalResults: 1, Resources: [bjensen] }), "a discovery list is whole").toBe(false);
    expect(accepts(whole, { schemas: [urn.listResponse], totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [bjensen] })).toBe(true);
  });

  it("PatchOp (§3.5.2): Operations of add, remove and replace; remove needs a path, add and replace a value", () => {
    const schema = patchOpSchema();
    expect(patchOpUrn).toBe(urn.patchOp);
    expect(schema).toStrictEqual({
      title: "PatchOp",
      description:
        "A PATCH request (RFC 7644 §3.5.2): operations applied in order, all or none. `path` is an attribute path (RFC 7644 §3.10) and may hold a value filter.",
      type: "object",
      properties: {
        schemas: { description: `Exactly \`${urn.patchOp}\`.`, type: "array", items: { type: "string", const: urn.patchOp }, minItems: 1, maxItems: 1 },
        Operations: {
          description: "The operations, applied in sequence.",
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            properties: {
              op: { description: "The operation (RFC 7644 §3.5.2.1–§3.5.2.3).", type: "string", enum: ["add", "remove", "replace"] },
              path: { description: "The attribute path the operation targets (RFC 7644 §3.5.2, §3.10).", type: "string" },
              value: { description: "The value(s) to add or to replace with; an object of attributes when `path` is absent." },
            },
            required: ["op"],
            additionalProperties: false,
            if: { properties: { op: { const: "remove" } } },
            then: { properties: { path: { type: "string" } }, required: ["path"] },
            else: { properties: { value: {} }, required: ["value"] },
          },
        },
      },
      required: ["schemas", "Operations"],
      additionalProperties: false,
    });
    const patch = (...operations: unknown[]): Json => ({ schemas: [urn.patchOp], Operations: operations });
    const member = { value: "2819c223-7f76-453a-919d-413861904646", display: "Babs Jensen" };
    // Shaped like RFC 7644 §3.5.2.1–§3.5.2.3's examples.
    expect(accepts(schema, patch({ op: "add", path: "members", value: [member] }))).toBe(true);
    expect(accepts(schema, patch({ op: "add", value: { nickName: "Babs" } })), "add without a path: value is an object of attributes").toBe(true);
    expect(accepts(schema, patch({ op: "remove", path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' }))).toBe(true);
    expect(accepts(schema, patch({ op: "replace", path: "members", value: [member] }, { op: "remove", path: "title" }))).toBe(true);
    // §3.5.2.2: remove without a path is noTarget; §3.5.2.1/.3: add and replace carry a value.
    expect(accepts(schema, patch({ op: "remove" }))).toBe(false);
    expect(accepts(schema, patch({ op: "add", path: "members" }))).toBe(false);
    expect(accepts(schema, patch({ op: "replace", path: "title" }))).toBe(false);
    expect(accepts(schema, patch({ op: "move", path: "title", value: 1 }))).toBe(false);
    expect(accepts(schema, patch({ path: "title", value: 1 })), "op is REQUIRED").toBe(false);
    expect(accepts(schema, patch({ op: "remove", path: "title", from: "x" }))).toBe(false);
    expect(accepts(schema, patch()), "at least one operation").toBe(false);
    expect(accepts(schema, { schemas: [urn.patchOp] })).toBe(false);
    expect(accepts(schema, { Operations: [{ op: "remove", path: "title" }] })).toBe(false);
    expect(accepts(schema, { ...patch({ op: "remove", path: "title" }), extra: 1 })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("securitySchemes (RFC 7643 §5 authenticationSchemes as OAS 3.1 Security Scheme Objects)", () => {
  const scheme = (type: AuthenticationScheme["type"], extra: Partial<AuthenticationScheme> = {}): AuthenticationScheme => ({
    type,
    name: `${type} name`,
    description: `About ${type}`,
    ...extra,
  });

  it("maps each scheme type to the HTTP scheme a client sends; oauth2 gets a placeholder token URL", () => {
    // RFC 6750 Bearer, RFC 7617 Basic, RFC 7616 Digest, RFC 5849 OAuth 1.0.
    expect(securityScheme(scheme("oauthbearertoken"))).toStrictEqual({ type: "http", scheme: "bearer", description: "oauthbearertoken name: About oauthbearertoken" });
    expect(securityScheme(scheme("httpbasic"))).toStrictEqual({ type: "http", scheme: "basic", description: "httpbasic name: About httpbasic" });
    expect(securityScheme(scheme("httpdigest"))).toStrictEqual({ type: "http", scheme: "digest", description: "httpdigest name: About httpdigest" });
    expect(securityScheme(scheme("oauth"))).toStrictEqual({ type: "http", scheme: "OAuth", description: "oauth name: About oauth" });
    // RFC 2606 §2: .invalid never resolves.
    expect(placeholderTokenUrl).toBe("https://authorization-server.invalid/oauth2/token");
    expect(securityScheme(scheme("oauth2"))).toStrictEqual({
      type: "oauth2",
      description:
        "oauth2 name: About oauth2 The token URL is a placeholder: SCIM's authenticationSchemes (RFC 7643 §5) do not carry the authorization server's endpoints; replace it with yours.",
      flows: { clientCredentials: { tokenUrl: "https://authorization-server.invalid/oauth2/token", scopes: {} } },
    });
  });

  it("the description names the scheme and links its specUri and documentationUri, as Markdown text", () => {
    const specUri = "https://www.rfc-editor.org/info/rfc6750";
    const documentationUri = "https://docs.example.com/scim/auth";
    expect(securityScheme(scheme("oauthbearertoken", { specUri, documentationUri })).description).toBe(
      `oauthbearertoken name: About oauthbearertoken Specification: ${specUri}. Documentation: ${documentationUri}.`,
    );
    expect(securityScheme(scheme("httpbasic", { documentationUri })).description).toBe(`httpbasic name: About httpbasic Documentation: ${documentationUri}.`);
    expect(securityScheme(scheme("httpbasic", { specUri })).description).toBe(`httpbasic name: About httpbasic Specification: ${specUri}.`);
    // CommonMark (OAS 3.1): `_` and `*` would be emphasis.
    expect(securityScheme({ type: "httpbasic", name: "Basic_Auth", description: "*the* basic one" }).description).toBe("Basic\\_Auth: \\*the\\* basic one");
  });

  it("keys the schemes by type in declared order, a repeated type as -2, -3; the primary one comes first in the requirement", () => {
    const spc = {
      authenticationSchemes: [scheme("httpbasic"), scheme("oauthbearertoken", { primary: true }), scheme("httpbasic"), scheme("httpbasic")],
    } as unknown as ServiceProviderConfig;
    const named = securitySchemes(spc);
    expect(named.map((n) => n.key)).toEqual(["httpbasic", "oauthbearertoken", "httpbasic-2", "httpbasic-3"]);
    expect(named.map((n) => n.scheme)).toStrictEqual(spc.authenticationSchemes.map((s) => securitySchemeTruth(s.type)));
    // OAS 3.1 §4.8.30: a list of alternatives.
    expect(securityRequirements(spc, named)).toStrictEqual([{ oauthbearertoken: [] }, { httpbasic: [] }, { "httpbasic-2": [] }, { "httpbasic-3": [] }]);
  });
});

function securitySchemeTruth(type: string): Json {
  const scheme: Readonly<Record<string, string>> = { httpbasic: "basic", oauthbearertoken: "bearer" };
  return { type: "http", scheme: scheme[type], description: `${type} name: About ${type}` };
}

// ---------------------------------------------------------------------------------------------------

describe("openApiReadme and redocly.yaml", () => {
  const header = "<!-- Code generated by scim-codegen from definitions/. DO NOT EDIT. -->\n\n# OpenAPI 3.1 document and JSON Schemas\n";
  /** The README's closing example: validating a create request with the core package's validators. */
  const example = (pkg: string, validate: string, stem: string, endpoint: string, next = `POST ${endpoint} continues here`): string =>
    [
      "```ts",
      `import { ${validate} } from "${pkg}/validators";`,
      "",
      `const result = ${validate}(body);`,
      'if (!result.valid) return new Response(JSON.stringify(result.error), { status: 400, headers: { "content-type": "application/scim+json" } });',
      `// result.value: the ${stem} with canonical attribute names, readOnly attributes removed; ${next}`,
      "```",
      "",
    ].join("\n");

  it("opens with the generated-file header and ends with an example for the first resource type that declares create, under the project's scope", () => {
    const readme = openApiReadme(defaults);
    expect(readme.startsWith(header)).toBe(true);
    // Resource types are in code-unit order: Group is the first.
    expect(readme.endsWith(`\n\n${example("@scim-discovery/core", "validateGroupCreateRequest", "group", "/Groups")}`)).toBe(true);
    // Group declares only get and list here: the POST the example names must be one the document describes.
    expect(openApiReadme(etagged).endsWith(`\n\n${example("@acme/core", "validateUserCreateRequest", "user", "/Users")}`)).toBe(true);
    // No resource type declares create: the first one's validator, and no POST promised.
    const none = example("@scim-discovery/core", "validateGroupCreateRequest", "group", "/Groups", "no resource type declares create (codegen.operations)");
    expect(openApiReadme(noOperations).endsWith(`\n\n${none}`)).toBe(true);
  });

  it("without a resource type, there is no validator and so no example: the README ends with the paragraph", () => {
    const readme = openApiReadme(noResourceTypes);
    expect(readme.startsWith(header)).toBe(true);
    expect(readme.endsWith("\ntime (no ajv needed at run time), with errors named by attribute path and a ready SCIM 400 body.\n")).toBe(true);
    expect(readme).not.toContain("```ts");
  });

  it("redocly.yaml: Redocly's recommended ruleset with exactly the two rules off", () => {
    expect(redoclyRulesOff).toEqual(["no-unused-components", "info-license"]);
    const text = redoclyConfig("definitions/");
    expect(text.startsWith("# Code generated by scim-codegen from definitions/. DO NOT EDIT.\n")).toBe(true);
    const config = parseYaml(text) as Json;
    expect(config).toStrictEqual({ extends: ["recommended"], rules: { "no-unused-components": "off", "info-license": "off" } });
    // The exported list is the one the file turns off (openapi-tools.test.ts lints with each rule back on).
    expect(Object.keys(config["rules"] as Json)).toEqual(redoclyRulesOff);
  });
});
