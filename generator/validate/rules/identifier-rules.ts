// No two definitions may derive the same name in one namespace of the output: a TypeScript export (a
// star re-export silently drops a name two modules export), an OpenAPI component or operationId, an
// example or lookup key, or an output file (compared case-insensitively, as macOS and Windows do).
// Each definition claims the names the emitters derive from it (generator/names.ts); a name claimed
// twice is reported at the later claimant, naming the first.

import type { DiagnosticSink, SourcePosition } from "../../diagnostics/diagnostic.js";
import type { DefinitionFile } from "../../load/definition-files.js";
import type { ResourceTypeDefinition, SchemaDefinition } from "../../model/definition-types.js";
import {
  attributesInterfaceName,
  complexInterfaceName,
  fileStem,
  reservedComponentNames,
  reservedCoreExports,
  reservedEndpoints,
  reservedOperationIds,
  reservedOutputPaths,
  reservedPythonNames,
  reservedValidatorNames,
  resourceComponentNames,
  resourceOperationIds,
  resourceTypeConstantName,
  resourceTypeIdKey,
  resourceTypeInterfaceName,
  resourceTypeOutputPaths,
  schemaKey,
  schemaModuleNames,
  schemaOutputPath,
  validatorExportNames,
} from "../../names.js";
import type { Typed } from "./cross-file-rules.js";

/** The namespaces, in the order collisions are looked for (the first one found is reported). */
const namespaces = {
  file: { label: "the output file", caseInsensitive: true },
  core: { label: "the core package export", caseInsensitive: false },
  validators: { label: "the validators module name", caseInsensitive: false },
  component: { label: "the OpenAPI component schema", caseInsensitive: false },
  operationId: { label: "the OpenAPI operationId", caseInsensitive: false },
  schemaKey: { label: "the SchemaUrn key and OpenAPI example name", caseInsensitive: false },
  resourceTypeIdKey: { label: "the OpenAPI example name", caseInsensitive: false },
} as const;
/** A namespace of the output in which no name may be derived twice. */
export type Namespace = keyof typeof namespaces;

/** Who claims a name: a place in a definition, a built-in schema, or scim-codegen itself. */
export interface Owner {
  readonly id: string;
  /** `the resource type name "User"`. */
  readonly what: string;
  /**
   * Where the claim is written; undefined for the generator's own names and the built-in schemas. A getter
   * where it comes from the definition file: a position costs a full parse of the file, which only a
   * collision needs (the plain values come from the parse cache).
   */
  readonly at?: SourcePosition;
  /**
   * The same value, compared case-insensitively, is already reported by a duplicate rule
   * (duplicate-resource-type, duplicate-endpoint); owners with equal keys are not reported again.
   */
  readonly duplicateKey?: string;
}

interface Claims {
  add(namespace: Namespace, name: string, owner: Owner): void;
}

/** One name derived in one namespace, and who derives it. */
export interface NameClaim {
  readonly namespace: Namespace;
  readonly name: string;
  readonly owner: Owner;
}

const quote = (s: string): string => JSON.stringify(s);
const fileName = (file: DefinitionFile): string => file.sourceName.slice(file.sourceName.lastIndexOf("/") + 1);
const fileOwner = (file: DefinitionFile): Owner => ({ id: `${file.sourceName}#file`, what: `the file name ${quote(fileName(file))}`, at: { file: file.displayPath, line: 1, col: 1 } });
/** The owner of the generator's own names (the reserved lists of generator/names.ts). */
export const generator: Owner = { id: "scim-codegen", what: "scim-codegen itself" };

/**
 * Every name the emitters derive from these definitions, and the generator's own, each with its owner,
 * in claim order. The emitters make these names with the same functions of generator/names.ts;
 * test/generator/names.test.ts holds the claims to the generated output.
 */
export function nameClaims(
  schemas: readonly Typed<SchemaDefinition>[],
  builtinSchemas: readonly Typed<SchemaDefinition>[],
  resourceTypes: readonly Typed<ResourceTypeDefinition>[],
): NameClaim[] {
  const list: NameClaim[] = [];
  const claims: Claims = { add: (namespace, name, owner) => void list.push({ namespace, name, owner }) };
  for (const [namespace, names] of [
    ["core", reservedCoreExports],
    ["validators", reservedValidatorNames],
    ["component", reservedComponentNames],
    ["operationId", reservedOperationIds],
    ["file", reservedOutputPaths],
    // The Python package declares the same names (TypedDicts, ResourceTypeName and SchemaUrn keys), where
    // Python's capitalised keywords cannot be names.
    ["core", reservedPythonNames],
    ["schemaKey", reservedPythonNames],
  ] as const) {
    for (const name of names) claims.add(namespace, name, generator);
  }
  for (const { value } of builtinSchemas) claimBuiltinSchema(claims, value, builtinStem(builtinSchemas, value));
  for (const schema of schemas) claimSchema(claims, schema);
  for (const resourceType of resourceTypes) claimResourceType(claims, resourceType);
  return list;
}

/** Reports every name that two definitions (or a definition and the generator) derive alike. */
export function checkIdentifiers(
  schemas: readonly Typed<SchemaDefinition>[],
  builtinSchemas: readonly Typed<SchemaDefinition>[],
  resourceTypes: readonly Typed<ResourceTypeDefinition>[],
  sink: DiagnosticSink,
): void {
  const table = new Map<string, { namespace: Namespace; owners: Map<string, { owner: Owner; name: string }> }>();
  for (const { namespace, name, owner } of nameClaims(schemas, builtinSchemas, resourceTypes)) {
    const key = `${namespace}\u0000${namespaces[namespace].caseInsensitive ? name.toLowerCase() : name}`;
    let entry = table.get(key);
    if (!entry) table.set(key, (entry = { namespace, owners: new Map() }));
    if (!entry.owners.has(owner.id)) entry.owners.set(owner.id, { owner, name });
  }

  const reported = new Set<string>();
  for (const namespace of Object.keys(namespaces) as Namespace[]) {
    for (const entry of table.values()) {
      if (entry.namespace !== namespace || entry.owners.size < 2) continue;
      const owners = [...entry.owners.values()].sort((a, b) => compareOwners(a.owner, b.owner));
      const first = owners[0]!;
      for (const other of owners.slice(1)) {
        const at = other.owner.at;
        if (!at) continue;
        const pair = [first.owner.id, other.owner.id].sort().join("\u0000");
        if (reported.has(pair)) continue;
        reported.add(pair);
        if (first.owner.duplicateKey !== undefined && first.owner.duplicateKey === other.owner.duplicateKey) continue;
        sink.error(at, "name-collision", message(namespace, other, first));
      }
    }
  }
}

function message(namespace: Namespace, claim: { owner: Owner; name: string }, first: { owner: Owner; name: string }): string {
  const { label } = namespaces[namespace];
  const what = claim.owner.what[0]!.toUpperCase() + claim.owner.what.slice(1);
  const gives = `${what} gives ${label} ${quote(claim.name)}`;
  if (!first.owner.at) {
    return first.owner === generator
      ? `${gives}, which scim-codegen itself uses; choose another name.`
      : `${gives}, which ${first.owner.what} already gives; choose another name.`;
  }
  const where = `${first.owner.what} (${first.owner.at.file}:${first.owner.at.line}:${first.owner.at.col})`;
  if (first.name !== claim.name) {
    return `${gives}, and ${where} gives ${quote(first.name)}: they differ only in case, so a case-insensitive file system (macOS, Windows) holds one of them. Rename one.`;
  }
  return `${gives}, as does ${where}; one would silently replace the other, so rename one of them.`;
}

// The generator's own names first, then the built-in schemas, then by position in the definitions.
function compareOwners(a: Owner, b: Owner): number {
  const rank = (o: Owner): number => (o === generator ? 0 : o.at ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (!a.at || !b.at) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : a.at.line - b.at.line || a.at.col - b.at.col;
}

function builtinStem(builtins: readonly Typed<SchemaDefinition>[], value: SchemaDefinition): string {
  const entry = builtins.find((b) => b.value === value)!;
  return fileStem(entry.file.sourceName);
}

function claimBuiltinSchema(claims: Claims, value: SchemaDefinition, stem: string): void {
  const owner: Owner = { id: `builtin:${value.id}`, what: `the built-in ${value.name} schema (RFC 7643 §8.7.2)` };
  const names = schemaModuleNames(stem);
  claims.add("core", names.constant, owner);
  claims.add("core", names.idConstant, owner);
  claims.add("component", attributesInterfaceName(stem), owner);
  claims.add("schemaKey", schemaKey(value.name), owner);
}

function claimSchema(claims: Claims, { file, value }: Typed<SchemaDefinition>): void {
  const stem = fileStem(file.sourceName);
  const owner = fileOwner(file);
  const names = schemaModuleNames(stem);
  claims.add("file", schemaOutputPath(stem), owner);
  claims.add("core", names.constant, owner);
  claims.add("core", names.idConstant, owner);
  claims.add("core", names.attributesInterface, owner);
  claims.add("component", attributesInterfaceName(stem), owner);
  claims.add("schemaKey", schemaKey(value.name), {
    id: `${file.sourceName}#name`,
    what: `the schema name ${quote(value.name)}`,
    get at() { return file.locate(["name"]); },
  });
  value.attributes.forEach((attribute, index) => {
    if (attribute.type !== "complex") return;
    claims.add("core", complexInterfaceName(stem, attribute.name), {
      id: `${file.sourceName}#attributes.${index}`,
      what: `the complex attribute ${quote(attribute.name)} of ${fileName(file)}`,
      get at() { return file.locate(["attributes", index, "name"]); },
    });
  });
}

function claimResourceType(claims: Claims, { file, value }: Typed<ResourceTypeDefinition>): void {
  const stem = fileStem(file.sourceName);
  const owner = fileOwner(file);
  for (const path of resourceTypeOutputPaths(stem)) claims.add("file", path, owner);
  claims.add("core", resourceTypeConstantName(stem), owner);

  const name: Owner = {
    id: `${file.sourceName}#name`,
    what: `the resource type name ${quote(value.name)}`,
    get at() { return file.locate(["name"]); },
    duplicateKey: `resource type ${value.name.toLowerCase()}`,
  };
  claims.add("core", resourceTypeInterfaceName(value.name), name);
  claims.add("validators", resourceTypeInterfaceName(value.name), name);
  for (const n of Object.values(validatorExportNames(value.name))) claims.add("validators", n, name);
  for (const n of Object.values(resourceComponentNames(value.name))) claims.add("component", n, name);
  const id = value.id ?? value.name;
  claims.add("resourceTypeIdKey", resourceTypeIdKey(id), value.id === undefined ? name : {
    id: `${file.sourceName}#id`,
    what: `the resource type id ${quote(id)}`,
    get at() { return file.locate(["id"]); },
    duplicateKey: `resource type ${id.toLowerCase()}`,
  });
  const { list, ...single } = resourceOperationIds(value.name, value.endpoint);
  for (const n of Object.values(single)) claims.add("operationId", n, name);
  // A reserved endpoint is reported as such (reserved-endpoint); its operationId would only repeat it.
  if (reservedEndpoints.some((r) => r.toLowerCase() === value.endpoint.toLowerCase())) return;
  claims.add("operationId", list, {
    id: `${file.sourceName}#endpoint`,
    what: `the endpoint ${quote(value.endpoint)}`,
    get at() { return file.locate(["endpoint"]); },
    duplicateKey: `endpoint ${value.endpoint.toLowerCase()}`,
  });
}
