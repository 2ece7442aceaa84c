// The names of the component schemas, decided once so paths, components and tests agree. Names follow
// the core package's TypeScript names (`User`, `UserAttributes`, `EnterpriseUserAttributes`), made by
// the same functions of generator/names.ts.

import type { Model, ResourceType, Schema } from "../../model/model.js";
import { schemaUrns } from "../discovery-documents.js";
import { attributesInterfaceName, discoveryComponentNames, fileStem, resourceComponentNames } from "../../names.js";
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
  /** An attribute of a Schema document, at any depth (RFC 7643 §7). */
  readonly attribute: string;
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

/**
 * Decides every component name, with generator/names.ts. Validation claims each of them, so no two
 * are alike (name-collision); `sortedMap` still refuses a duplicate key as a generator bug.
 */
export function componentNames(model: Model): ComponentNames {
  const schemaAttributes = new Map<Schema, string>();
  for (const schema of [...model.schemas, ...model.serviceProviderSchemas]) {
    schemaAttributes.set(schema, attributesInterfaceName(fileStem(schema.sourceName)));
  }
  const resourceTypes = new Map<ResourceType, ResourceTypeNames>();
  for (const rt of model.resourceTypes) resourceTypes.set(rt, resourceComponentNames(rt.name));
  return { resourceTypes, schemaAttributes, ...discoveryComponentNames };
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
