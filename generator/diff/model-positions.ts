// Where each part of a model is written. The model (model/model.ts) is the emitters' input and carries no
// source positions; rather than widen it for one consumer, the diff keeps the validated definitions it was
// built from beside it and finds a part's position there, by the same identity the comparison uses (a
// schema's id, an attribute's name path, a resource type's id). The YAML paths below mirror the definition
// format (generator/definition-format/*.schema.json).

import type { SourcePosition } from "../diagnostics/diagnostic.js";
import type { DefinitionFile } from "../load/definition-files.js";
import type { ValuePath } from "../load/yaml-file.js";
import type { Model } from "../model/model.js";
import type { AttributeDefinition } from "../model/definition-types.js";
import type { ValidatedDefinitions } from "../validate/validate-definitions.js";

/** A model with a way back to where each of its parts is written. */
export interface ModelVersion {
  readonly model: Model;
  readonly where: ModelPositions;
}

/**
 * Positions of a model's parts. `key` names a key of the part as written (`mutability`, `endpoint`,
 * `codegen.operations`); where the key is not written (a default applies), the part's own position.
 */
export interface ModelPositions {
  schema(schemaId: string, key?: string): SourcePosition;
  /** `path`: attribute names from the top level down (`["name", "givenName"]`). */
  attribute(schemaId: string, path: readonly string[], key?: string): SourcePosition;
  resourceType(resourceTypeId: string, key?: string): SourcePosition;
  extension(resourceTypeId: string, schemaId: string, key?: "schema" | "required"): SourcePosition;
  /** `key`: a dotted path in service-provider-config.yaml (`patch.supported`, `filter.maxResults`). */
  serviceProviderConfig(key: string): SourcePosition;
  /** The scheme at `index` of `authenticationSchemes` (the model keeps the declared order). */
  authenticationScheme(index: number, key?: string): SourcePosition;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const keyPath = (key: string): ValuePath => key.split(".");

/** True when `value` holds something at `path`. */
function has(value: unknown, path: ValuePath): boolean {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** `file` at `path` when written there, else at `fallback` (the part's name: where a reader looks for it). */
function locateOr(file: DefinitionFile, path: ValuePath, fallback: ValuePath): SourcePosition {
  return file.locate(has(file.value, path) ? path : fallback);
}

/** Positions in the definitions a model was built from. */
export function modelPositions(defs: ValidatedDefinitions): ModelPositions {
  // The parts asked about come from the model built from these very definitions: one not found is a bug.
  const missing = (what: string): never => {
    throw new Error(`diff: ${what} is in the model but not in its definitions (a bug)`);
  };
  const schemaOf = (id: string) => defs.schemas.find((s) => same(s.value.id, id));
  const resourceTypeOf = (id: string) => defs.resourceTypes.find((r) => same(r.value.id ?? r.value.name, id));
  const spc = defs.serviceProviderConfig;
  return {
    schema(schemaId, key = "id") {
      const s = schemaOf(schemaId);
      return s ? locateOr(s.file, keyPath(key), ["id"]) : missing(`schema ${schemaId}`);
    },
    attribute(schemaId, path, key = "name") {
      const s = schemaOf(schemaId);
      if (!s) return missing(`schema ${schemaId}`);
      const yamlPath: (string | number)[] = [];
      let level: readonly AttributeDefinition[] | undefined = s.value.attributes;
      for (const [depth, name] of path.entries()) {
        const index: number = level?.findIndex((a) => same(a.name, name)) ?? -1;
        if (index < 0) break;
        yamlPath.push(depth === 0 ? "attributes" : "subAttributes", index);
        level = level?.[index]?.subAttributes;
      }
      return locateOr(s.file, [...yamlPath, ...keyPath(key)], [...yamlPath, "name"]);
    },
    resourceType(resourceTypeId, key = "name") {
      const r = resourceTypeOf(resourceTypeId);
      return r ? locateOr(r.file, keyPath(key), ["name"]) : missing(`resource type ${resourceTypeId}`);
    },
    extension(resourceTypeId, schemaId, key = "schema") {
      const r = resourceTypeOf(resourceTypeId);
      if (!r) return missing(`resource type ${resourceTypeId}`);
      const index = (r.value.schemaExtensions ?? []).findIndex((e) => same(e.schema, schemaId));
      return index < 0 ? locateOr(r.file, ["schemaExtensions"], ["name"]) : locateOr(r.file, ["schemaExtensions", index, key], ["schemaExtensions", index, "schema"]);
    },
    serviceProviderConfig(key) {
      return spc ? spc.file.locate(keyPath(key)) : missing("the ServiceProviderConfig");
    },
    authenticationScheme(index, key = "type") {
      return spc ? locateOr(spc.file, ["authenticationSchemes", index, ...keyPath(key)], ["authenticationSchemes", index, "type"]) : missing("the ServiceProviderConfig");
    },
  };
}
