// The core package's resource validators as generator/emit/validators/ makes them, held to truths the
// generator did not make: the RFC 7643 §8.7.1 schema figures (with errata) and §3.1 common attributes for
// the attribute rules, RFC 3339 §5.6 and RFC 3986 §4 for the formats, RFC 7643 §8.4's Group for the
// compiled validators, and hand-written module texts. Every test calls the code under test itself, on
// models built once; nothing is formatted, compiled by TypeScript or read from generated/, so that mutation
// testing (StrykerJS, per-test coverage) runs each mutant against the few tests that reach it. The ajv
// standalone code is evaluated in-process (`new Function`): it is plain JavaScript whose only ESM syntax is
// `export const`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { resourceRules } from "../../generator/emit/validators/attribute-rules.js";
import { compileResourceSchemas, emitValidationRuntime, emitValidators, withoutAnnotations } from "../../generator/emit/validators/emit-validators.js";
import { regExpFormats } from "../../generator/emit/validators/formats.js";
import type { DefinitionSource } from "../../generator/load/definition-files.js";
import type { Model, ResourceType } from "../../generator/model/model.js";
import { readJsonFileSync } from "../helpers/json.js";
import { repoRoot } from "../helpers/repo.js";
import { normaliseRfcAttribute, rfc7643Fixture } from "../helpers/rfc7643.js";
import { fileAt, modelOf, repositorySources, urn, type Json } from "./emitted-output-helpers.js";

const groupSchemaFile = "definitions/schemas/group.yaml";
const userResourceTypeFile = "definitions/resource-types/user.yaml";

/** The repository's definitions. */
let defaults: Model;
/** The repository's definitions without the User resource type: emitValidators compiles one small resource type. */
let groupOnly: Model;
/**
 * Group with `members.type` a closed list (`codegen.closedCanonicalValues`), a closed flag on an attribute
 * without canonical values and one on an empty list, a decimal attribute, and `externalId` declared by the schema itself, spelled
 * `ExternalID` (RFC 7643 §2.1: attribute names are case-insensitive).
 */
let variant: Model;
/** Group with `members.type` closed over 200 values. */
let longEnum: Model;

/** `definitions/schemas/group.yaml` with `members.type`'s canonical values replaced by `lines`. */
function withTypeValues(groupYaml: string, lines: string): string {
  const canonical = "        canonicalValues:\n          - User\n          - Group\n";
  if (!groupYaml.includes(canonical)) throw new Error("definitions/schemas/group.yaml no longer lists members.type's canonical values as expected");
  return groupYaml.replace(canonical, lines);
}

beforeAll(async () => {
  const sources = await repositorySources();
  defaults = modelOf(sources);
  groupOnly = modelOf(sources.filter((s: DefinitionSource) => s.sourceName !== userResourceTypeFile));
  const groupYaml = sources.find((s) => s.sourceName === groupSchemaFile)?.text ?? "";
  variant = modelOf(sources, {
    [groupSchemaFile]:
      withTypeValues(groupYaml, "        canonicalValues:\n          - User\n          - Group\n        codegen:\n          closedCanonicalValues: true\n") +
      [
        "  - name: ExternalID",
        "    description: Declared by the schema itself.",
        "    caseExact: true",
        "  - name: weight",
        "    type: decimal",
        "    description: A real number (RFC 7643 §2.3.3).",
        "    codegen:",
        "      closedCanonicalValues: true",
        "  - name: label",
        "    description: An empty closed list.",
        "    canonicalValues: []",
        "    codegen:",
        "      closedCanonicalValues: true",
        "",
      ].join("\n"),
  });
  // Hostile values among them: a quote, a backslash, U+2028 (a line end in older JavaScript), a comment end
  // and a template, and a character outside the BMP; each must be compared as the text it is.
  const hostile = ['"q\\"uote"', '"back\\\\slash"', '"line\\u2028end"', '"x */ ${y}"', '"\\U0001F600"'];
  const manyValues = [...Array.from({ length: 200 }, (_, i) => `kind${i}`), ...hostile].map((v) => `          - ${v}`).join("\n");
  longEnum = modelOf(sources, {
    [groupSchemaFile]: withTypeValues(groupYaml, `        canonicalValues:\n${manyValues}\n        codegen:\n          closedCanonicalValues: true\n`),
  });
});

function resourceType(model: Model, name: string): ResourceType {
  const rt = model.resourceTypes.find((r) => r.name === name);
  if (rt === undefined) throw new Error(`no resource type ${name}`);
  return rt;
}

// ---------------------------------------------------------------------------------------------------
// Truths

/** An attribute rule (generator/validation-runtime/types.ts AttributeRule) of an RFC 7643 §7 attribute with every §2.2 default spelled out. */
function ruleOf(attr: Json): Json {
  return {
    name: attr["name"],
    type: attr["type"],
    multiValued: attr["multiValued"],
    mutability: attr["mutability"],
    returned: attr["returned"],
    ...(attr["caseExact"] !== undefined ? { caseExact: attr["caseExact"] } : {}),
    ...(attr["subAttributes"] !== undefined ? { subAttributes: (attr["subAttributes"] as Json[]).map(ruleOf) } : {}),
  };
}

/** The rules of an RFC 7643 §8.7.1 figure's attributes. */
function figureRules(file: string): Json[] {
  return (rfc7643Fixture(file)["attributes"] as Json[]).map((a) => ruleOf(normaliseRfcAttribute(a)));
}

/**
 * RFC 7643 §3.1 common attributes: `id` (case-exact, readOnly, returned always), `externalId` (case-exact,
 * readWrite) and `meta` (complex, readOnly; `resourceType` and `version` case-exact, `created` and
 * `lastModified` DateTime, `location` a URI).
 */
const idRule: Json = { name: "id", type: "string", multiValued: false, mutability: "readOnly", returned: "always", caseExact: true };
const externalIdRule: Json = { name: "externalId", type: "string", multiValued: false, mutability: "readWrite", returned: "default", caseExact: true };
const metaRule: Json = {
  name: "meta",
  type: "complex",
  multiValued: false,
  mutability: "readOnly",
  returned: "default",
  subAttributes: [
    { name: "resourceType", type: "string", multiValued: false, mutability: "readOnly", returned: "default", caseExact: true },
    { name: "created", type: "dateTime", multiValued: false, mutability: "readOnly", returned: "default" },
    { name: "lastModified", type: "dateTime", multiValued: false, mutability: "readOnly", returned: "default" },
    { name: "location", type: "reference", multiValued: false, mutability: "readOnly", returned: "default", caseExact: false },
    { name: "version", type: "string", multiValued: false, mutability: "readOnly", returned: "default", caseExact: true },
  ],
};

const groupFigure = "rfc7643-8.7.1-schema-group.json";

/** The three compiled validators of an ajv standalone ES module, evaluated in-process. */
interface Compiled {
  readonly create: CompiledFunction;
  readonly replace: CompiledFunction;
  readonly response: CompiledFunction;
}
interface CompiledFunction {
  (data: unknown): boolean;
  errors?: readonly { readonly instancePath: string; readonly keyword: string }[] | null;
}

/** Evaluates the module: `export const` is its only ESM syntax, so as a function body it is plain script. */
function evaluate(code: string): Compiled {
  const body = new Function(`${code.replace(/\bexport const /g, "const ")}\nreturn { create, replace, response };`) as () => Compiled;
  return body();
}

/** The errors of the last call, as `instancePath keyword`. */
function errorsOf(validate: CompiledFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

// ---------------------------------------------------------------------------------------------------

describe("resourceRules (RFC 7643 §2.2 characteristics the validation runtime needs)", () => {
  it("Group: the §3.1 common attributes, then the §8.7.1 Group attributes; canonical values stay open", () => {
    expect(resourceRules(resourceType(defaults, "Group"))).toStrictEqual({
      resourceType: "Group",
      schema: urn.group,
      attributes: [idRule, externalIdRule, metaRule, ...figureRules(groupFigure)],
      extensions: [],
    });
  });

  it("User: the §8.7.1 User attributes after the common ones, and the enterprise extension's", () => {
    expect(resourceRules(resourceType(defaults, "User"))).toStrictEqual({
      resourceType: "User",
      schema: urn.user,
      attributes: [idRule, externalIdRule, metaRule, ...figureRules("rfc7643-8.7.1-schema-user.json")],
      extensions: [{ schema: urn.enterpriseUser, attributes: figureRules("rfc7643-8.7.1-schema-enterprise-user.json") }],
    });
  });

  it("a closed list becomes closedValues; a closed flag without values or with an empty list does not; a declared ExternalID replaces the common one", () => {
    const [displayName, members] = figureRules(groupFigure) as [Json, Json];
    const [value, ref, type, display] = members["subAttributes"] as [Json, Json, Json, Json];
    expect(resourceRules(resourceType(variant, "Group"))).toStrictEqual({
      resourceType: "Group",
      schema: urn.group,
      // RFC 7643 §2.1: `ExternalID` is `externalId`, so the §3.1 one is not added a second time.
      attributes: [
        idRule,
        metaRule,
        displayName,
        { ...members, subAttributes: [value, ref, { ...type, closedValues: ["User", "Group"] }, display] },
        { name: "ExternalID", type: "string", multiValued: false, mutability: "readWrite", returned: "default", caseExact: true },
        // RFC 7643 §2.2: caseExact has no meaning for a decimal, and there are no values to close.
        { name: "weight", type: "decimal", multiValued: false, mutability: "readWrite", returned: "default" },
        // An empty list closes nothing: the JSON Schemas have no `enum` for it either.
        { name: "label", type: "string", multiValued: false, mutability: "readWrite", returned: "default", caseExact: false },
      ],
      extensions: [],
    });
  });
});

describe("regExpFormats (the JSON Schema formats inlined into the compiled validators)", () => {
  // RFC 3339 §5.6 date-time; the first two are RFC 7643 §8.4's meta.created and meta.lastModified.
  const validDateTimes = [
    "2010-01-23T04:56:22Z",
    "2011-05-13T04:42:34Z",
    "2010-01-05T19:20:30+01:00",
    "2010-10-31T23:59:60Z",
    "2010-12-30T00:00:00.5-05:30",
    "2010-12-15T10:10:10.123456+23:59",
    "1985-04-12t23:20:50.52z",
  ];
  const invalidDateTimes = [
    "x2010-01-23T04:56:22Z",
    "2010-01-23T04:56:22Zx",
    "10-01-23T04:56:22Z",
    "2010-00-23T04:56:22Z",
    "2010-13-23T04:56:22Z",
    "2010-01-00T04:56:22Z",
    "2010-01-32T04:56:22Z",
    "2010-01-23T24:56:22Z",
    "2010-01-23T04:60:22Z",
    "2010-01-23T04:56:61Z",
    "2010-01-23T04:56:22",
    "2010-01-23T04:56:22.Z",
    "2010-01-23T04:56:22+24:00",
    "2010-01-23T04:56:22+01:60",
    "2010-01-23T04:56:22 01:00",
    "2010-01-23",
  ];

  it("date-time takes RFC 3339 §5.6 timestamps and nothing else", () => {
    const dateTime = regExpFormats()["date-time"];
    expect(validDateTimes.filter((s) => dateTime?.test(s) !== true)).toEqual([]);
    expect(invalidDateTimes.filter((s) => dateTime?.test(s) !== false)).toEqual([]);
  });

  it("uri takes only absolute URIs (RFC 3986 §4.3); uri-reference takes relative references too (§4.1)", () => {
    const formats = regExpFormats();
    expect(Object.keys(formats).sort()).toEqual(["date-time", "uri", "uri-reference"]);
    const absolute = ["https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "urn:ietf:params:scim:schemas:core:2.0:User", "mailto:bjensen@example.com"];
    const relative = ["/Users", "../Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "Users/2819c223"];
    const neither = ["https://example.com/a b", "http://[::1"];
    const takes = (name: string, values: readonly string[]): boolean[] => values.map((v) => formats[name]?.test(v) ?? false);
    expect(takes("uri", [...absolute, ...relative, ...neither])).toEqual([true, true, true, false, false, false, false, false]);
    expect(takes("uri-reference", [...absolute, ...relative, ...neither])).toEqual([true, true, true, true, true, true, false, false]);
  });
});

describe("withoutAnnotations (the schema ajv compiles)", () => {
  it("drops the JSON Schema 2020-12 annotations and SCIM's, at every depth, and keeps the assertions", () => {
    const schema = {
      $id: "group.create.schema.json",
      title: "Group",
      description: "A group.",
      examples: [{}],
      "x-scim-schema": urn.group,
      type: "object",
      items: [{ title: "t", writeOnly: true, type: "string" }],
      additionalProperties: { readOnly: true, contentEncoding: "base64", "x-scim-type": "binary", type: "string", format: "uri" },
    };
    expect(withoutAnnotations(schema)).toEqual({
      $id: "group.create.schema.json",
      type: "object",
      items: [{ type: "string" }],
      additionalProperties: { type: "string", format: "uri" },
    });
  });

  it("keeps attributes named like keywords in properties and dependentSchemas, and strips their schemas", () => {
    const annotated = { description: "d", title: "t", "x-scim-mutability": "readWrite", type: "string" };
    const schema = {
      properties: { title: annotated, description: annotated, examples: { type: "array", items: annotated } },
      dependentSchemas: { readOnly: { required: ["schemas"], description: "d" } },
    };
    expect(withoutAnnotations(schema)).toEqual({
      properties: { title: { type: "string" }, description: { type: "string" }, examples: { type: "array", items: { type: "string" } } },
      dependentSchemas: { readOnly: { required: ["schemas"] } },
    });
  });

  it("leaves enum and const values alone: they are data, not schemas", () => {
    const schema = { enum: [{ title: "x", description: "y" }, "title"], const: { description: "d", examples: [1] }, not: { const: { title: "t" } } };
    expect(withoutAnnotations(schema)).toEqual(schema);
  });
});

describe("compileResourceSchemas (ajv standalone code, evaluated in-process)", () => {
  it("is one ES module line exporting create and response, with replace an alias of create (RFC 7644 §3.5.1: same shape)", () => {
    const lines = compileResourceSchemas(resourceType(defaults, "Group")).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^"use strict";export const create = validate\d+;/);
    expect(lines[0]?.match(/export const (\w+) = /g)).toEqual(["export const create = ", "export const response = "]);
    expect(lines[0]).not.toContain("require(");
    expect(lines[1]).toBe("export const replace = create;");
  });

  it("validates RFC 7643 §8.4's Group as a response and a create body, reporting every error (allErrors)", () => {
    const compiled = evaluate(compileResourceSchemas(resourceType(defaults, "Group")));
    expect(compiled.replace).toBe(compiled.create);
    const group = readJsonFileSync(join(repoRoot, "test/openapi/fixtures/rfc7643-8.4-group-full.json")) as Json;
    expect([compiled.response(group), errorsOf(compiled.response)]).toEqual([true, []]);
    // The create schema has no readOnly attributes (the wrapper drops them first, RFC 7644 §3.3).
    expect(compiled.create({ schemas: [urn.group], displayName: "Tour Guides", members: [{ value: "2819c223", type: "User" }] })).toBe(true);
    expect(compiled.create({ schemas: [urn.group], displayName: 1, members: "Babs" })).toBe(false);
    expect(errorsOf(compiled.create)).toEqual(["/displayName type", "/members type"]);
    // The date-time format is compiled in: RFC 3339 needs the "T" and a time zone.
    const created = { ...group, meta: { ...(group["meta"] as Json), created: "2010-01-23 04:56:22" } };
    expect([compiled.response(created), errorsOf(compiled.response)]).toEqual([false, ["/meta/created format"]]);
  });

  it("rejects a decimal that is not finite (RFC 7643 §2.3.3: a real number), and an open value outside a closed list", () => {
    const compiled = evaluate(compileResourceSchemas(resourceType(variant, "Group")));
    const body = { schemas: [urn.group], displayName: "Tour Guides", weight: 1.5, members: [{ value: "2819c223", type: "Group" }] };
    expect(compiled.create(body)).toBe(true);
    expect([compiled.create({ ...body, weight: Number.POSITIVE_INFINITY }), errorsOf(compiled.create)]).toEqual([false, ["/weight type"]]);
    expect([compiled.create({ ...body, members: [{ type: "Robot" }] }), errorsOf(compiled.create)]).toEqual([false, ["/members/0/type enum"]]);
  });

  // A closed list of 200 or more canonical values: past ajv's default `loopEnum` its standalone code would
  // `require("ajv/dist/runtime/equal")` at run time, and the generate run threw on definitions validation
  // accepted (found by this suite; newAjv now compares every value inline).
  it("compiles a closed list of 205 canonical values, hostile ones among them, to stand-alone code that compares each as its text", () => {
    const compiled = evaluate(compileResourceSchemas(resourceType(longEnum, "Group")));
    expect(compiled.create({ schemas: [urn.group], displayName: "x", members: [{ type: "kind199" }] })).toBe(true);
    expect(compiled.create({ schemas: [urn.group], displayName: "x", members: [{ type: "User" }] })).toBe(false);
    for (const value of ['q"uote', "back\\slash", "line\u2028end", "x */ ${y}", "\u{1F600}"]) {
      expect([value, compiled.create({ schemas: [urn.group], displayName: "x", members: [{ type: value }] })]).toEqual([value, true]);
    }
    for (const value of ["q\\\"uote", "backslash", "line\nend", "x */ undefined", "\uD83D"]) {
      expect([value, compiled.create({ schemas: [urn.group], displayName: "x", members: [{ type: value }] })]).toEqual([value, false]);
    }
  });
});

describe("emitValidators (packages/core/validators/)", () => {
  const header = (source: string): string => `// Code generated by scim-codegen from ${source}. DO NOT EDIT.\n`;
  const runtimeModules = ["index", "issues", "normalise", "types", "validate"];

  it("emits the compiled module, its declarations, the wrapper, the index and the runtime, as these kinds of file", () => {
    const files = emitValidators(groupOnly);
    expect(files.map(({ path, language, skipFormat }) => ({ path, language, skipFormat }))).toEqual([
      // ajv's code is shipped as ajv printed it: formatting 20 kB of one-line code would only cost time.
      { path: "packages/core/validators/compiled/group.js", language: "javascript", skipFormat: true },
      { path: "packages/core/validators/compiled/group.d.ts", language: "typescript", skipFormat: undefined },
      { path: "packages/core/validators/group.ts", language: "typescript-module", skipFormat: undefined },
      { path: "packages/core/validators/index.ts", language: "typescript-module", skipFormat: undefined },
      ...runtimeModules.map((m) => ({ path: `packages/core/validators/runtime/${m}.ts`, language: "typescript-module", skipFormat: undefined })),
    ]);
  });

  it("the compiled module: header, a comment naming the three JSON Schema files, then ajv's code", () => {
    const contents = fileAt(emitValidators(groupOnly), "packages/core/validators/compiled/group.js").contents;
    const lines = contents.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "// Code generated by scim-codegen from definitions/resource-types/group.yaml. DO NOT EDIT.",
      "// ajv standalone code of json-schema/group.{create,replace,response}.schema.json, compiled at generate time.",
    ]);
    expect(lines[2]).toMatch(/^"use strict";export const create = validate\d+;/);
    expect(lines.slice(3)).toEqual(["export const replace = create;", ""]);
  });

  it("the compiled module's declarations: three CompiledValidator constants", () => {
    expect(fileAt(emitValidators(groupOnly), "packages/core/validators/compiled/group.d.ts").contents).toBe(
      header("definitions/resource-types/group.yaml") +
        'import type { CompiledValidator } from "../runtime/types.js";\n' +
        ["create", "replace", "response"]
          .map(
            (r) =>
              `/** ajv standalone validation of json-schema/group.${r}.schema.json; no normalisation, see the wrapper in ../group.js. */\n` +
              `export declare const ${r}: CompiledValidator;\n`,
          )
          .join(""),
    );
  });

  it("the wrapper: the Group rules, two request validators (RFC 7644 §3.3, §3.5.1) and a response validator", () => {
    const contents = fileAt(emitValidators(groupOnly), "packages/core/validators/group.ts").contents;
    const rules = /^export const groupResourceRules: ResourceRules = (\{[\s\S]*?\n {4}\});$/m.exec(contents);
    expect(JSON.parse(rules?.[1] ?? "null")).toEqual({
      resourceType: "Group",
      schema: urn.group,
      attributes: [idRule, externalIdRule, metaRule, ...figureRules(groupFigure)],
      extensions: [],
    });
    const request =
      "readOnly attributes are ignored (RFC 7644 §3.3), attribute names match case-insensitively (RFC 7643 §2.1), and every problem is named by attribute path with a ready SCIM 400 Error body.";
    expect(contents.replace(rules?.[1] ?? "", "RULES")).toBe(
      header("definitions/resource-types/group.yaml") +
        'import type { Group } from "../resource-types/group.js";\n' +
        'import { create, replace, response } from "./compiled/group.js";\n' +
        'import { createRequestValidator, createResponseValidator } from "./runtime/validate.js";\n' +
        'import type { RequestValidator, ResourceRules, ResponseValidator } from "./runtime/types.js";\n' +
        "/** The attribute rules of the Group resource type (RFC 7643 §2.2): names as /Schemas spells them, mutability, closed value lists. */\n" +
        "export const groupResourceRules: ResourceRules = RULES;\n" +
        `/** Validates a POST /Groups body (RFC 7644 §3.3) against json-schema/group.create.schema.json. ${request} */\n` +
        "export const validateGroupCreateRequest: RequestValidator<Group> = createRequestValidator(groupResourceRules, create);\n" +
        `/** Validates a PUT /Groups/{id} body (RFC 7644 §3.5.1) against json-schema/group.replace.schema.json. ${request} */\n` +
        "export const validateGroupReplaceRequest: RequestValidator<Group> = createRequestValidator(groupResourceRules, replace);\n" +
        "/** Validates a Group as the service returns it (RFC 7643 §3) against json-schema/group.response.schema.json. Attribute names match case-insensitively; writeOnly and returned:never attributes are reported. */\n" +
        "export const validateGroupResponse: ResponseValidator<Group> = createResponseValidator(groupResourceRules, response);\n",
    );
  });

  it("the index re-exports each wrapper and the runtime", () => {
    expect(fileAt(emitValidators(groupOnly), "packages/core/validators/index.ts").contents).toBe(
      header("definitions/") + 'export * from "./group.js";\nexport * from "./runtime/index.js";\n',
    );
  });
});

describe("emitValidationRuntime (the hand-written runtime, shipped verbatim)", () => {
  it("ships each module of generator/validation-runtime/ under its own name, with a header naming its source", () => {
    const files: GeneratedFile[] = emitValidationRuntime();
    const runtimeModules = ["index", "issues", "normalise", "types", "validate"];
    expect(files.map((f) => f.path)).toEqual(runtimeModules.map((m) => `packages/core/validators/runtime/${m}.ts`));
    for (const [i, m] of runtimeModules.entries()) {
      const source = `generator/validation-runtime/${m}.ts`;
      expect(files[i]?.contents).toBe(`// Code generated by scim-codegen from ${source}. DO NOT EDIT.\n${readFileSync(join(repoRoot, source), "utf8")}`);
    }
  });
});
