// Helpers of emitted-output.test.ts: the models it emits from, and the truths it compares the emitters'
// output with. The truths come from outside the generator: the RFC 7643 §8.5–§8.7 figures with errata
// (test/fixtures/rfc7643/with-errata/), which the default definitions follow, and values written here by
// hand from definitions/*.yaml.

import { join } from "node:path";
import { DiagnosticSink, formatDiagnostic, hasErrors } from "../../generator/diagnostics/diagnostic.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { readDefinitionSources, type DefinitionKind, type DefinitionSource } from "../../generator/load/definition-files.js";
import type { Model } from "../../generator/model/model.js";
import { compileModel } from "../../generator/compile.js";
import { repoRoot } from "../helpers/repo.js";
import { normaliseRfcAttribute, rfc7643Fixture, rfc7643SchemaFigures } from "../helpers/rfc7643.js";

/** A JSON object as the tests read it. */
export type Json = { readonly [key: string]: unknown };

/** The definition files of the repository, as the loader reads them (user files, then the built-in schemas). */
export async function repositorySources(): Promise<DefinitionSource[]> {
  return readDefinitionSources(join(repoRoot, "definitions"), repoRoot, new DiagnosticSink());
}

const kindOfFolder: Readonly<Record<string, DefinitionKind>> = {
  "definitions/schemas/": "schema",
  "definitions/resource-types/": "resource-type",
};

/**
 * The model of `sources` with some files' texts replaced and some files added (by `sourceName`), built
 * by the generator's load → validate → model steps. Throws on an error diagnostic (warnings pass).
 */
export function modelOf(sources: readonly DefinitionSource[], replace: Readonly<Record<string, string>> = {}, add: Readonly<Record<string, string>> = {}): Model {
  for (const name of Object.keys(replace)) {
    if (!sources.some((s) => s.sourceName === name)) throw new Error(`no definition file ${name}`);
  }
  const added = Object.entries(add).map(([sourceName, text]): DefinitionSource => {
    const kind = kindOfFolder[sourceName.slice(0, sourceName.lastIndexOf("/") + 1)];
    if (kind === undefined) throw new Error(`cannot add ${sourceName}: only schemas and resource types`);
    return { kind, displayPath: sourceName, sourceName, text, builtin: false };
  });
  const edited = sources.map((s) => (replace[s.sourceName] === undefined ? s : { ...s, text: replace[s.sourceName] ?? s.text }));
  const result = compileModel([...edited, ...added]);
  if (result.model === undefined || hasErrors(result.diagnostics)) throw new Error(result.diagnostics.map(formatDiagnostic).join("\n"));
  return result.model;
}

/** The file at `path` among `files`; throws when there is none. */
export function fileAt(files: readonly GeneratedFile[], path: string): GeneratedFile {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`not emitted: ${path}`);
  return file;
}

/** The JSON file at `path` among `files`, parsed. */
export function jsonAt(files: readonly GeneratedFile[], path: string): Json {
  return JSON.parse(fileAt(files, path).contents) as Json;
}

/** The value at a chain of keys (undefined where one is missing). */
export function at(value: unknown, ...keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Json)[k] : undefined), value);
}

/** `at` for a value that must be an object. */
export function objectAt(value: unknown, ...keys: readonly string[]): Json {
  const found = at(value, ...keys);
  if (typeof found !== "object" || found === null || Array.isArray(found)) throw new Error(`not an object at ${keys.join(".")}`);
  return found as Json;
}

/** `at` for a value that must be an array. */
export function arrayAt(value: unknown, ...keys: readonly string[]): readonly unknown[] {
  const found = at(value, ...keys);
  if (!Array.isArray(found)) throw new Error(`not an array at ${keys.join(".")}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Definition texts for the variant models

/** A bearer-token scheme (RFC 7643 §5 authenticationSchemes), as a YAML list item. */
export function bearerSchemeYaml(primary: boolean): string {
  return `  - type: oauthbearertoken
    name: OAuth Bearer Token
    description: Authentication scheme using the OAuth Bearer Token Standard
${primary ? "    primary: true\n" : ""}`;
}

/** The features of a service-provider-config.yaml (RFC 7643 §5) that the variant models change. */
export interface ServiceProviderFeatures {
  readonly patch?: boolean;
  readonly filter?: boolean;
  readonly maxResults?: number;
  readonly sort?: boolean;
  readonly etag?: boolean;
  /** `codegen.filterOperators`, left out when undefined. */
  readonly operators?: readonly string[];
  /** The `authenticationSchemes` list items (default: one primary bearer-token scheme). */
  readonly schemes?: string;
}

/** A service-provider-config.yaml with these features; bulk and changePassword off. */
export function serviceProviderConfigYaml(f: ServiceProviderFeatures = {}): string {
  return `patch:
  supported: ${f.patch ?? true}
bulk:
  supported: false
  maxOperations: 0
  maxPayloadSize: 0
filter:
  supported: ${f.filter ?? true}
  maxResults: ${f.maxResults ?? 100}
changePassword:
  supported: false
sort:
  supported: ${f.sort ?? false}
etag:
  supported: ${f.etag ?? false}
authenticationSchemes:
${f.schemes ?? bearerSchemeYaml(true)}${f.operators === undefined ? "" : `codegen:\n  filterOperators: [${f.operators.join(", ")}]\n`}`;
}

/** definitions/resource-types/group.yaml and user.yaml (the enterprise extension optional) with these `codegen.operations`. */
export function resourceTypesYaml(group: readonly string[], user: readonly string[]): Record<string, string> {
  return {
    "definitions/resource-types/group.yaml": `name: Group\nendpoint: /Groups\ndescription: Group\nschema: ${urn.group}\ncodegen:\n  operations: [${group.join(", ")}]\n`,
    "definitions/resource-types/user.yaml": `name: User
endpoint: /Users
description: User Account
schema: ${urn.user}
schemaExtensions:
  - schema: ${urn.enterpriseUser}
    required: false
codegen:
  operations: [${user.join(", ")}]
`,
  };
}

// ---------------------------------------------------------------------------------------------------
// The discovery documents the default definitions must serve

/** The URNs of RFC 7643 §7–§8.7 and RFC 7644 §3. */
export const urn = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
} as const;

/**
 * The one /Schemas order (RFC 7644 §4 fixes none; schema-order.test.ts): the resource schemas by id in
 * code-unit order, then the three RFC 7643 §8.7.2 service-provider schemas by id.
 */
export const canonicalSchemaOrder: readonly string[] = [urn.group, urn.user, urn.enterpriseUser, urn.resourceType, urn.schema, urn.serviceProviderConfig];

/** The resource type ids (RFC 7643 §6: the name) in code-unit order. */
export const canonicalResourceTypeOrder: readonly ("Group" | "User")[] = ["Group", "User"];

function figureFileOf(id: string): string {
  const figure = rfc7643SchemaFigures.find(([, , figureId]) => figureId === id);
  if (figure === undefined) throw new Error(`no RFC 7643 §8.7 figure of ${id}`);
  return figure[1];
}

/** The RFC 7643 §7 content of a schema: the §8.7 figure, every characteristic spelled out (§2.2 defaults). */
export function schemaContentTruth(id: string): Json {
  const figure = rfc7643Fixture(figureFileOf(id));
  return {
    id: figure["id"],
    name: figure["name"],
    description: figure["description"],
    attributes: (figure["attributes"] as Json[]).map(normaliseRfcAttribute),
  };
}

/** A Schema document (RFC 7643 §7) as served under `base` ("" for a location relative to the SCIM base). */
export function schemaTruth(id: string, base: string): Json {
  return { schemas: [urn.schema], ...schemaContentTruth(id), meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` } };
}

/** A ResourceType document (RFC 7643 §6): the §8.6 figure, with what definitions/resource-types/*.yaml say otherwise. */
export function resourceTypeTruth(id: "Group" | "User", base: string): Json {
  const figure = rfc7643Fixture(`rfc7643-8.6-resource-type-${id.toLowerCase()}.json`);
  const location = String(at(figure, "meta", "location")).replace("https://example.com/v2", base);
  return {
    ...figure,
    // definitions/resource-types/user.yaml makes the enterprise extension optional (the figure: required);
    // schemaExtensions is always written, empty for Group, whose figure leaves it out.
    schemaExtensions: id === "User" ? [{ schema: urn.enterpriseUser, required: false }] : [],
    meta: { resourceType: "ResourceType", location },
  };
}

/** The ServiceProviderConfig (RFC 7643 §5) of definitions/service-provider-config.yaml, written out by hand. */
export function serviceProviderConfigTruth(base: string): Json {
  return {
    schemas: [urn.serviceProviderConfig],
    documentationUri: "https://docs.example.com/scim",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 100 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authentication scheme using the OAuth Bearer Token Standard",
        specUri: "https://www.rfc-editor.org/info/rfc6750",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

/** RFC 7644 §3.4.2: a ListResponse holding every resource in one page, which starts at index 1. */
export function listResponseTruth(resources: readonly Json[]): Json {
  return { schemas: [urn.listResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

/** Every discovery document of the default definitions, in canonical order, under `base`. */
export function discoveryTruth(base: string): {
  readonly serviceProviderConfig: Json;
  readonly resourceTypes: readonly Json[];
  readonly schemas: readonly Json[];
  readonly serviceProviderSchemas: readonly Json[];
} {
  return {
    serviceProviderConfig: serviceProviderConfigTruth(base),
    resourceTypes: canonicalResourceTypeOrder.map((id) => resourceTypeTruth(id, base)),
    schemas: canonicalSchemaOrder.slice(0, 3).map((id) => schemaTruth(id, base)),
    serviceProviderSchemas: canonicalSchemaOrder.slice(3).map((id) => schemaTruth(id, base)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading emitted forms back

/** An RFC 7643 §7 attribute rebuilt from its OpenAPI property schema (`x-scim-*`, `description`, property order). */
function attributeFrom(name: string, node: Json): Json {
  const value = (node["x-scim-multiValued"] === true ? node["items"] : node) as Json;
  const optional = (key: string, from: string): Json => (node[from] !== undefined ? { [key]: node[from] } : {});
  return {
    name,
    type: node["x-scim-type"],
    multiValued: node["x-scim-multiValued"],
    description: node["description"],
    required: node["x-scim-required"],
    ...optional("caseExact", "x-scim-caseExact"),
    ...optional("canonicalValues", "x-scim-canonicalValues"),
    ...optional("referenceTypes", "x-scim-referenceTypes"),
    mutability: node["x-scim-mutability"],
    returned: node["x-scim-returned"],
    ...optional("uniqueness", "x-scim-uniqueness"),
    ...(node["x-scim-type"] === "complex" ? { subAttributes: attributesFrom(value) } : {}),
  };
}

function attributesFrom(object: Json): Json[] {
  return Object.entries((object["properties"] ?? {}) as Json).map(([name, node]) => attributeFrom(name, node as Json));
}

/** A schema's RFC 7643 §7 content rebuilt from its `<Schema>Attributes` component (as round-trip.test.ts does). */
export function schemaContentFromComponent(component: Json): Json {
  return { id: component["x-scim-schema"], name: component["title"], description: component["description"], attributes: attributesFrom(component) };
}

/**
 * Python data as `pyData` writes it, read as JSON: it is JSON but for `True`, `False` and `None`, which
 * are turned back outside string literals only. Anything else Python-only fails the parse.
 */
export function parsePythonData(text: string): unknown {
  const constants: Readonly<Record<string, string>> = { True: "true", False: "false", None: "null" };
  return JSON.parse(text.replace(/"(?:[^"\\]|\\.)*"|\b(?:True|False|None)\b/g, (token) => constants[token] ?? token));
}
