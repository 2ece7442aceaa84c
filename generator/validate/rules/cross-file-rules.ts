import type { DiagnosticSink } from "../../diagnostics/diagnostic.js";
import type { DefinitionFile } from "../../load/definition-files.js";
import type {
  ResourceTypeDefinition,
  SchemaDefinition,
  ServiceProviderConfigDefinition,
} from "../../model/definition-types.js";
import { checkAttributes } from "./attribute-rules.js";
import { checkIdentifiers } from "./identifier-rules.js";
import { checkNames } from "./name-rules.js";

// The format check has already held schema ids to RFC 8141 and endpoints to one path segment
// (generator/names.ts); these rules see only ids and endpoints of that shape.
const messagePrefix = "urn:ietf:params:scim:api:messages:";
const absoluteUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/]+/;

/** A file paired with its value, typed after the format check passed. */
export interface Typed<T> {
  readonly file: DefinitionFile;
  readonly value: T;
}

/** The format-valid files, grouped by kind. */
export interface ValidFiles {
  readonly schemas: readonly Typed<SchemaDefinition>[];
  readonly builtinSchemas: readonly Typed<SchemaDefinition>[];
  readonly resourceTypes: readonly Typed<ResourceTypeDefinition>[];
  readonly serviceProviderConfig?: Typed<ServiceProviderConfigDefinition>;
  /** What files that failed the format check still tell, to avoid follow-on errors. */
  readonly incomplete: {
    /** Ids of schema files that failed the format check. */
    readonly schemaIds: readonly string[];
    /** A schema file failed without a readable id: any schema reference may be to it. */
    readonly schemas: boolean;
    /** A resource type file failed: uses and names are not all known. */
    readonly resourceTypes: boolean;
  };
}

/** Runs every rule that the JSON Schema cannot express: within one file and across files. */
export function checkRules(files: ValidFiles, sink: DiagnosticSink): void {
  checkSchemas(files, sink);
  checkResourceTypes(files, sink);
  checkNames(files.schemas, files.resourceTypes, sink);
  checkIdentifiers(files.schemas, files.builtinSchemas, files.resourceTypes, sink);
  if (files.serviceProviderConfig) checkServiceProviderConfig(files.serviceProviderConfig, sink);
}

function checkSchemas(files: ValidFiles, sink: DiagnosticSink): void {
  const reserved = new Map(files.builtinSchemas.map((s) => [s.value.id.toLowerCase(), s.value.id]));
  const seen = new Map<string, Typed<SchemaDefinition>>();
  for (const entry of files.schemas) {
    const { file, value } = entry;
    const id = value.id;
    const lower = id.toLowerCase();
    if (reserved.has(lower) || lower.startsWith(messagePrefix)) {
      sink.error(file.locate(["id"]), "reserved-schema-id",
        `Schema id "${id}" is ${reserved.has(lower) ? "a service-provider schema that scim-codegen already serves (RFC 7643 §8.7.2)" : "in the SCIM message namespace (RFC 7644 §3.1)"}; choose another id.`);
    }
    const first = seen.get(lower);
    if (first) {
      sink.error(file.locate(["id"]), "duplicate-schema-id",
        `Schema id "${id}" is also defined in ${first.file.displayPath} (ids compare case-insensitively); keep one.`);
    } else {
      seen.set(lower, entry);
    }
    checkAttributes(file, value.attributes, ["attributes"], sink);
  }
}

function checkResourceTypes(files: ValidFiles, sink: DiagnosticSink): void {
  const schemaIds = new Map(files.schemas.map((s) => [s.value.id, s]));
  const schemaIdsLower = new Map(files.schemas.map((s) => [s.value.id.toLowerCase(), s.value.id]));
  const names = new Map<string, DefinitionFile>();
  const endpoints = new Map<string, DefinitionFile>();
  const bases = new Map<string, DefinitionFile>();
  const extensions = new Map<string, DefinitionFile>();
  const used = new Set<string>();

  const brokenIds = new Set(files.incomplete.schemaIds);
  const resolve = (file: DefinitionFile, ref: string, path: (string | number)[], what: string): boolean => {
    if (schemaIds.has(ref)) {
      used.add(ref);
      return true;
    }
    if (brokenIds.has(ref) || files.incomplete.schemas) return false; // that file's own error says it all
    const caseVariant = schemaIdsLower.get(ref.toLowerCase());
    // RFC 7643 §6: clients compare schema ids as exact strings (scim2-tester crashes on a dangling one).
    sink.error(file.locate(path), "unknown-schema",
      caseVariant
        ? `${what} "${ref}" differs in case from the defined schema "${caseVariant}"; clients compare exactly, so write "${caseVariant}".`
        : `${what} "${ref}" is not defined; add a file under definitions/schemas/ with id: ${ref}, or fix the URN${known(schemaIds)}.`);
    return false;
  };

  for (const { file, value } of files.resourceTypes) {
    const id = value.id ?? value.name;
    for (const key of new Set([id.toLowerCase(), value.name.toLowerCase()])) {
      const first = names.get(key);
      if (first) {
        sink.error(file.locate([value.id !== undefined && id.toLowerCase() === key ? "id" : "name"]), "duplicate-resource-type",
          `Resource type "${key === id.toLowerCase() ? id : value.name}" is also defined in ${first.displayPath} (names compare case-insensitively); keep one.`);
      } else {
        names.set(key, file);
      }
    }
    if (value.id !== undefined && value.id !== value.name) {
      sink.warning(file.locate(["id"]), "resource-type-id-mismatch",
        `Resource type id "${value.id}" differs from its name "${value.name}"; clients fetch /ResourceTypes/${value.name}, so leave id out or make them equal.`);
    }
    const endpointKey = value.endpoint.toLowerCase();
    const firstEndpoint = endpoints.get(endpointKey);
    if (firstEndpoint) {
      sink.error(file.locate(["endpoint"]), "duplicate-endpoint", `Endpoint "${value.endpoint}" is also used in ${firstEndpoint.displayPath}; each resource type needs its own.`);
    } else {
      endpoints.set(endpointKey, file);
    }

    if (resolve(file, value.schema, ["schema"], "Schema")) bases.set(value.schema, file);
    const seenExt = new Set<string>();
    (value.schemaExtensions ?? []).forEach((ext, i) => {
      const path = ["schemaExtensions", i, "schema"];
      if (ext.schema === value.schema) {
        sink.error(file.locate(path), "extension-is-base-schema",
          `"${ext.schema}" is the base schema of ${value.name}; it cannot also be its extension. Remove it from schemaExtensions.`);
        return;
      }
      if (seenExt.has(ext.schema)) {
        sink.error(file.locate(path), "duplicate-extension", `Extension "${ext.schema}" is listed twice on ${value.name}; remove one.`);
        return;
      }
      seenExt.add(ext.schema);
      if (resolve(file, ext.schema, path, "Extension schema")) extensions.set(ext.schema, file);
    });
  }

  for (const [schema, file] of extensions) {
    const baseFile = bases.get(schema);
    if (baseFile) {
      const extFile = files.resourceTypes.find((r) => r.file === file);
      const index = extFile?.value.schemaExtensions?.findIndex((e) => e.schema === schema) ?? 0;
      sink.error(file.locate(["schemaExtensions", index, "schema"]), "extension-used-as-base",
        `"${schema}" is the base schema of the resource type in ${baseFile.displayPath}; an extension schema extends a base, it cannot be one. Define a separate extension schema.`);
    }
  }
  if (files.incomplete.resourceTypes) return; // uses and names are not all known
  for (const { file, value } of files.schemas) {
    if (!used.has(value.id) && files.resourceTypes.length > 0) {
      sink.warning(file.locate(["id"]), "unused-schema",
        `No resource type uses schema "${value.id}"; add it to a resource type's schema or schemaExtensions, or remove the file.`);
    }
  }

  // SailPoint-class pre-flights fail with "User is not present in ResourceTypes" (SCIM-RULES).
  const first = files.resourceTypes[0];
  if (first) {
    for (const required of ["User", "Group"]) {
      if (!files.resourceTypes.some((r) => r.value.name === required)) {
        sink.warning({ file: first.file.displayPath, line: 1, col: 1 }, "missing-core-resource-type",
          `No resource type is named exactly "${required}"; SailPoint-class pre-flights reject services without /ResourceTypes/${required}.`);
      }
    }
  }
}

function known(ids: Map<string, unknown>): string {
  const list = [...ids.keys()].sort();
  return list.length ? ` (defined: ${list.join(", ")})` : "";
}

function checkServiceProviderConfig({ file, value }: Typed<ServiceProviderConfigDefinition>, sink: DiagnosticSink): void {
  if (value.filter.supported && value.filter.maxResults <= 0) {
    sink.error(file.locate(["filter", "maxResults"]), "inconsistent-feature",
      "filter is supported, so maxResults must be greater than 0 (RFC 7643 §5: the most resources one filter returns).");
  }
  if (value.bulk.supported && (value.bulk.maxOperations <= 0 || value.bulk.maxPayloadSize <= 0)) {
    const key = value.bulk.maxOperations <= 0 ? "maxOperations" : "maxPayloadSize";
    sink.error(file.locate(["bulk", key]), "inconsistent-feature",
      `bulk is supported, so ${key} must be greater than 0; set it to the real limit, or set supported: false.`);
  }
  if (!value.bulk.supported && (value.bulk.maxOperations !== 0 || value.bulk.maxPayloadSize !== 0)) {
    const key = value.bulk.maxOperations !== 0 ? "maxOperations" : "maxPayloadSize";
    sink.warning(file.locate(["bulk", key]), "inconsistent-feature",
      `bulk is not supported, but ${key} is not 0; clients read the maxima as a promise, so set them to 0.`);
  }
  const uris: [(string | number)[], string | undefined][] = [[["documentationUri"], value.documentationUri]];
  value.authenticationSchemes.forEach((s, i) => {
    uris.push([["authenticationSchemes", i, "specUri"], s.specUri], [["authenticationSchemes", i, "documentationUri"], s.documentationUri]);
  });
  for (const [path, uri] of uris) {
    if (uri !== undefined && !absoluteUrl.test(uri)) {
      sink.error(file.locate(path), "relative-uri", `"${uri}" must be an absolute URL (RFC 7643 §5), e.g. https://docs.example.com/scim.`);
    }
  }
  const primaries = value.authenticationSchemes.map((s, i) => [s, i] as const).filter(([s]) => s.primary);
  for (const [, i] of primaries.slice(1)) {
    sink.error(file.locate(["authenticationSchemes", i, "primary"]), "multiple-primary-schemes",
      "Only one authentication scheme can be primary (RFC 7643 §5); set primary: false on the others.");
  }
  if (!value.filter.supported && (value.codegen?.filterOperators?.length ?? 0) > 0) {
    sink.warning(file.locate(["codegen", "filterOperators"]), "unused-filter-operators",
      "filterOperators are listed, but filter.supported is false; remove them or support filtering.");
  }
}
