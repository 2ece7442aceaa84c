// The names of the component schemas, decided once so paths, components and tests agree. Names follow
// the core package's TypeScript names (`User`, `UserAttributes`, `EnterpriseUserAttributes`).

import type { Model, ResourceType, Schema } from "../../model/model.js";
import { schemaUrns } from "../discovery-documents.js";
import { fileStem, pascalCase } from "../../names.js";
import type { ReferenceObject, SchemaObject } from "./openapi-types.js";

/** The component names of one resource type's representations. */
export interface ResourceTypeNames {
  readonly response: string;
  readonly create: string;
  readonly replace: string;
  readonly list: string;
}

/** Every component schema name of a document. */
export interface ComponentNames {
  readonly resourceTypes: ReadonlyMap<ResourceType, ResourceTypeNames>;
  /** `<Stem>Attributes`: a schema's attributes as /Schemas lists them (the round-trippable form). */
  readonly schemaAttributes: ReadonlyMap<Schema, string>;
  readonly serviceProviderConfig: string;
  readonly resourceType: string;
  readonly schema: string;
  readonly resourceTypeList: string;
  readonly schemaList: string;
  readonly error: string;
  readonly patchOp: string;
}

/** A Reference Object to a component schema (OAS 3.1 §4.8.23), as a schema. */
export function schemaRef(name: string): SchemaObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** A reference to a component of the given kind. */
export function componentRef(kind: "responses" | "parameters" | "headers", name: string): ReferenceObject {
  return { $ref: `#/components/${kind}/${name}` };
}

/** Decides every component name; two names that collide are a generator error (rename a definition file). */
export function componentNames(model: Model): ComponentNames {
  const schemaAttributes = new Map<Schema, string>();
  for (const schema of [...model.schemas, ...model.serviceProviderSchemas]) {
    schemaAttributes.set(schema, `${pascalCase(fileStem(schema.sourceName))}Attributes`);
  }
  const resourceTypes = new Map<ResourceType, ResourceTypeNames>();
  for (const rt of model.resourceTypes) {
    const name = pascalCase(rt.name);
    resourceTypes.set(rt, { response: name, create: `${name}CreateRequest`, replace: `${name}ReplaceRequest`, list: `${name}ListResponse` });
  }
  const names: ComponentNames = {
    resourceTypes,
    schemaAttributes,
    serviceProviderConfig: "ServiceProviderConfig",
    resourceType: "ResourceType",
    schema: "Schema",
    resourceTypeList: "ResourceTypeListResponse",
    schemaList: "SchemaListResponse",
    error: "Error",
    patchOp: "PatchOp",
  };
  const all = [
    ...[...resourceTypes.values()].flatMap((n) => [n.response, n.create, n.replace, n.list]),
    ...schemaAttributes.values(),
    names.serviceProviderConfig,
    names.resourceType,
    names.schema,
    names.resourceTypeList,
    names.schemaList,
    names.error,
    names.patchOp,
  ];
  const seen = new Set<string>();
  for (const n of all) {
    if (seen.has(n)) throw new Error(`scim-codegen: two OpenAPI component schemas are named ${n}; rename a resource type or schema file`);
    seen.add(n);
  }
  return names;
}

/** The RFC 7643 §8.7.2 service-provider schema with the given URN. */
export function serviceProviderSchema(model: Model, urn: string): Schema {
  const schema = model.serviceProviderSchemas.find((s) => s.id === urn);
  if (!schema) throw new Error(`scim-codegen: the model has no ${urn} schema`);
  return schema;
}

/** The URNs of the three discovery documents' schemas. */
export const discoverySchemaUrns = {
  serviceProviderConfig: schemaUrns.serviceProviderConfig,
  resourceType: schemaUrns.resourceType,
  schema: schemaUrns.schema,
} as const;
