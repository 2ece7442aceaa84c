import type { Attribute, Model, ResourceType, Schema, ServiceProviderConfig } from "../model/model.js";

/** RFC 7643 §7/§6/§5 and RFC 7644 §3.4.2 schema URNs of the discovery documents themselves. */
export const schemaUrns = {
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

/** A discovery document as plain JSON data. */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * The discovery documents, with `meta.location` relative to the SCIM base (`/Schemas/urn:…`). The
 * runtime, the static JSON and the OpenAPI examples each make it absolute in their own way.
 */
export interface DiscoveryDocumentSet {
  readonly serviceProviderConfig: JsonObject;
  readonly resourceTypes: readonly JsonObject[];
  readonly schemas: readonly JsonObject[];
  readonly serviceProviderSchemas: readonly JsonObject[];
}

/** Builds every discovery document from the model, in the model's canonical order. */
export function buildDiscoveryDocuments(model: Model): DiscoveryDocumentSet {
  return {
    serviceProviderConfig: serviceProviderConfigDocument(model.serviceProviderConfig),
    resourceTypes: model.resourceTypes.map(resourceTypeDocument),
    schemas: model.schemas.map(schemaDocument),
    serviceProviderSchemas: model.serviceProviderSchemas.map(schemaDocument),
  };
}

/** The path, relative to the SCIM base, that serves a schema (RFC 7644 §4: /Schemas/{uri}). */
export function schemaPath(id: string): string {
  return `/Schemas/${id}`;
}

/** The path, relative to the SCIM base, that serves a resource type (RFC 7644 §4). */
export function resourceTypePath(id: string): string {
  return `/ResourceTypes/${id}`;
}

/** RFC 7643 §7: a Schema document; every characteristic is spelled out (Entra and scim2-models require it). */
export function schemaDocument(schema: Schema): JsonObject {
  return {
    schemas: [schemaUrns.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
    meta: { resourceType: "Schema", location: schemaPath(schema.id) },
  };
}

/** One attribute in RFC 7643 §7 form; the key order is fixed here, once. */
export function attributeDocument(a: Attribute): JsonObject {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    ...(a.caseExact !== undefined ? { caseExact: a.caseExact } : {}),
    ...(a.canonicalValues !== undefined ? { canonicalValues: a.canonicalValues } : {}),
    ...(a.referenceTypes !== undefined ? { referenceTypes: a.referenceTypes } : {}),
    mutability: a.mutability,
    returned: a.returned,
    ...(a.uniqueness !== undefined ? { uniqueness: a.uniqueness } : {}),
    ...(a.subAttributes !== undefined ? { subAttributes: a.subAttributes.map(attributeDocument) } : {}),
  };
}

/** RFC 7643 §6: a ResourceType document; `id` equals the name clients look it up by. */
export function resourceTypeDocument(rt: ResourceType): JsonObject {
  return {
    schemas: [schemaUrns.resourceType],
    id: rt.id,
    name: rt.name,
    endpoint: rt.endpoint,
    ...(rt.description !== undefined ? { description: rt.description } : {}),
    schema: rt.schema.id,
    schemaExtensions: rt.schemaExtensions.map((e) => ({ schema: e.schema.id, required: e.required })),
    meta: { resourceType: "ResourceType", location: resourceTypePath(rt.id) },
  };
}

/** RFC 7643 §5: the ServiceProviderConfig; no `id`, all six features with every sub-attribute. */
export function serviceProviderConfigDocument(spc: ServiceProviderConfig): JsonObject {
  return {
    schemas: [schemaUrns.serviceProviderConfig],
    ...(spc.documentationUri !== undefined ? { documentationUri: spc.documentationUri } : {}),
    patch: spc.patch,
    bulk: spc.bulk,
    filter: spc.filter,
    changePassword: spc.changePassword,
    sort: spc.sort,
    etag: spc.etag,
    authenticationSchemes: spc.authenticationSchemes,
    meta: { resourceType: "ServiceProviderConfig", location: "/ServiceProviderConfig" },
  };
}

/** RFC 7644 §3.4.2: a complete, single-page ListResponse (authentik checks itemsPerPage == count). */
export function listResponse(resources: readonly JsonObject[]): JsonObject {
  return {
    schemas: [schemaUrns.listResponse],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}

/** Returns a copy of a discovery document whose `meta.location` is absolute under `baseUrl`. */
export function withBaseUrl(doc: JsonObject, baseUrl: string): JsonObject {
  const meta = doc["meta"] as { resourceType: string; location: string };
  return { ...doc, meta: { ...meta, location: `${baseUrl}${meta.location}` } };
}
