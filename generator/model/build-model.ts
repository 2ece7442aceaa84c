import type { ValidatedDefinitions } from "../validate/validate-definitions.js";
import type { AttributeDefinition, SchemaDefinition } from "./definition-types.js";
import {
  adapterNames,
  allAdapters,
  allOperations,
  defaultPackageScope,
  type Attribute,
  type Model,
  type ResourceType,
  type Schema,
  type ServiceProviderConfig,
} from "./model.js";

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds the model from definitions that passed validation without errors. A failure here is a
 * generator bug (validation must have caught the input), so it throws.
 */
export function buildModel(defs: ValidatedDefinitions): Model {
  const spc = defs.serviceProviderConfig;
  if (!spc) throw new Error("buildModel: no valid ServiceProviderConfig; validation should have stopped the run");

  const schemaMap = new Map<string, Schema>();
  const schemas = defs.schemas.map(({ file, value }) => {
    const schema = toSchema(value, file.sourceName);
    schemaMap.set(schema.id, schema);
    return schema;
  });
  const lookup = (id: string): Schema => {
    const schema = schemaMap.get(id);
    if (!schema) throw new Error(`buildModel: schema ${id} is not defined; validation should have caught it`);
    return schema;
  };

  const resourceTypes: ResourceType[] = defs.resourceTypes.map(({ file, value }) => {
    const declared = new Set(value.codegen?.operations ?? allOperations);
    return {
      id: value.id ?? value.name,
      name: value.name,
      endpoint: value.endpoint,
      ...(value.description !== undefined ? { description: value.description } : {}),
      schema: lookup(value.schema),
      schemaExtensions: (value.schemaExtensions ?? []).map((e) => ({ schema: lookup(e.schema), required: e.required ?? false })),
      operations: allOperations.filter((op) => declared.has(op)),
      sourceName: file.sourceName,
    };
  });

  const v = spc.value;
  const serviceProviderConfig: ServiceProviderConfig = {
    ...(v.documentationUri !== undefined ? { documentationUri: v.documentationUri } : {}),
    patch: { supported: v.patch.supported },
    bulk: { supported: v.bulk.supported, maxOperations: v.bulk.maxOperations, maxPayloadSize: v.bulk.maxPayloadSize },
    filter: { supported: v.filter.supported, maxResults: v.filter.maxResults },
    changePassword: { supported: v.changePassword.supported },
    sort: { supported: v.sort.supported },
    etag: { supported: v.etag.supported },
    authenticationSchemes: v.authenticationSchemes.map((s) => ({
      type: s.type,
      name: s.name,
      description: s.description,
      ...(s.specUri !== undefined ? { specUri: s.specUri } : {}),
      ...(s.documentationUri !== undefined ? { documentationUri: s.documentationUri } : {}),
      ...(s.primary !== undefined ? { primary: s.primary } : {}),
    })),
    filterOperators: [...(v.codegen?.filterOperators ?? [])],
    sourceName: spc.file.sourceName,
  };

  const p = defs.project?.value;
  const adapters = new Set(p?.adapters ?? allAdapters);
  return {
    project: {
      packageScope: p?.packageScope ?? defaultPackageScope,
      adapters: adapterNames.filter((a) => adapters.has(a)),
      ...(p?.staticJson?.baseUrl !== undefined ? { staticJsonBaseUrl: p.staticJson.baseUrl.replace(/\/+$/, "") } : {}),
    },
    serviceProviderConfig,
    resourceTypes: resourceTypes.sort(byId),
    schemas: schemas.sort(byId),
    serviceProviderSchemas: defs.builtinSchemas.map(({ file, value }) => toSchema(value, file.sourceName)).sort(byId),
  };
}

function toSchema(def: SchemaDefinition, sourceName: string): Schema {
  return {
    id: def.id,
    name: def.name,
    description: def.description ?? "",
    attributes: def.attributes.map(toAttribute),
    sourceName,
  };
}

/** Applies the RFC 7643 §2.2 defaults and keeps each characteristic only where it has meaning. */
export function toAttribute(def: AttributeDefinition): Attribute {
  const type = def.type ?? "string";
  const hasCase = type === "string" || type === "reference" || type === "binary";
  return {
    name: def.name,
    type,
    multiValued: def.multiValued ?? false,
    description: def.description,
    required: def.required ?? false,
    ...(hasCase ? { caseExact: def.caseExact ?? false } : {}),
    ...(def.canonicalValues ? { canonicalValues: [...def.canonicalValues] } : {}),
    ...(type === "reference" ? { referenceTypes: [...(def.referenceTypes ?? [])] } : {}),
    mutability: def.mutability ?? "readWrite",
    returned: def.returned ?? "default",
    ...(type !== "complex" ? { uniqueness: def.uniqueness ?? "none" } : {}),
    ...(type === "complex" ? { subAttributes: (def.subAttributes ?? []).map(toAttribute) } : {}),
    closedCanonicalValues: def.codegen?.closedCanonicalValues ?? false,
  };
}
