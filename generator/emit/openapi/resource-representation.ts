// Whole SCIM resources as JSON Schema: the RFC 7643 §3.1 common attributes, the base schema's
// attributes at the top level, and each extension's attributes in an object under the extension's URN
// (RFC 7643 §3.3). Used for the OpenAPI components and for the stand-alone JSON Schema files.

import { toAttribute } from "../../model/build-model.js";
import type { Attribute, ResourceType, Schema } from "../../model/model.js";
import { markdownText } from "../escape.js";
import type { SchemaObject } from "./openapi-types.js";
import { attributeProperties, attributeSchema, schemaAttributesObject, sentence, type Representation } from "./schema-object.js";

/** A request or response representation of a resource (the `full` one only exists per schema). */
export type ResourceRepresentation = Exclude<Representation, "full">;

/** RFC 7643 §3.1 `id`: assigned by the service provider, readOnly, returned always, case-exact. */
export const idAttribute: Attribute = toAttribute({
  name: "id",
  description:
    "A unique identifier for a SCIM resource as defined by the service provider. Assigned by the service provider; never set by the client (RFC 7643 §3.1).",
  required: true,
  caseExact: true,
  mutability: "readOnly",
  returned: "always",
  uniqueness: "server",
});

/** RFC 7643 §3.1 `externalId`: the provisioning client's identifier, case-exact, readWrite. */
export const externalIdAttribute: Attribute = toAttribute({
  name: "externalId",
  description: "A String that is an identifier for the resource as defined by the provisioning client (RFC 7643 §3.1).",
  caseExact: true,
});

/** RFC 7643 §3.1 `meta`: complex, readOnly, every sub-attribute assigned by the service provider. */
export const metaAttribute: Attribute = toAttribute({
  name: "meta",
  type: "complex",
  description: "A complex attribute containing resource metadata (RFC 7643 §3.1). All sub-attributes are assigned by the service provider.",
  mutability: "readOnly",
  subAttributes: [
    { name: "resourceType", description: "The name of the resource type of the resource.", caseExact: true, mutability: "readOnly" },
    { name: "created", type: "dateTime", description: "The DateTime that the resource was added to the service provider.", mutability: "readOnly" },
    {
      name: "lastModified",
      type: "dateTime",
      description: "The most recent DateTime that the details of this resource were updated at the service provider.",
      mutability: "readOnly",
    },
    {
      name: "location",
      type: "reference",
      referenceTypes: ["uri"],
      description: "The URI of the resource being returned; the same as the Content-Location HTTP response header.",
      mutability: "readOnly",
    },
    {
      name: "version",
      description: "The version of the resource being returned; the same as the ETag HTTP response header (RFC 7644 §3.14).",
      caseExact: true,
      mutability: "readOnly",
    },
  ],
});

/** Marks a common attribute's schema, since no /Schemas document lists it (RFC 7643 §3.1). */
function common(schema: SchemaObject): SchemaObject {
  return { ...schema, "x-scim-common": true };
}

/** `meta` with `resourceType` fixed to the resource type's name, and the listed sub-attributes required. */
function metaSchema(resourceType: string, representation: ResourceRepresentation, required: readonly string[], location: SchemaObject): SchemaObject {
  const meta = attributeSchema(metaAttribute, representation);
  const props = meta.properties ?? {};
  return common({
    ...meta,
    properties: {
      ...props,
      resourceType: { ...props["resourceType"], const: resourceType },
      location: { ...props["location"], ...location },
    },
    ...(required.length > 0 ? { required } : {}),
  });
}

/** The order of keys in a representation object, fixed once: RFC 7643 §3.1 common attributes first. */
function representationObject(parts: {
  readonly title: string;
  readonly description: string;
  readonly properties: { readonly [name: string]: SchemaObject };
  readonly required: readonly string[];
  readonly dependentSchemas?: { readonly [name: string]: SchemaObject };
  readonly schema: string;
  readonly resourceType: string;
}): SchemaObject {
  return {
    title: parts.title,
    description: parts.description,
    type: "object",
    properties: parts.properties,
    required: parts.required,
    additionalProperties: false,
    ...(parts.dependentSchemas !== undefined && Object.keys(parts.dependentSchemas).length > 0 ? { dependentSchemas: parts.dependentSchemas } : {}),
    "x-scim-schema": parts.schema,
    "x-scim-resourceType": parts.resourceType,
  };
}

const titles: Record<ResourceRepresentation, string> = {
  create: "create request",
  replace: "replace request",
  response: "",
};

function describe(rt: ResourceType, representation: ResourceRepresentation): string {
  const names = "Attribute names are case-insensitive (RFC 7643 §2.1); they are spelled here as /Schemas spells them.";
  switch (representation) {
    case "create":
      return `The body of POST ${rt.endpoint} (RFC 7644 §3.3): a ${rt.name} without its readOnly attributes, which a service provider ignores when a client sends them. ${names}`;
    case "replace":
      return `The body of PUT ${rt.endpoint}/{id} (RFC 7644 §3.5.1): it replaces the readWrite attributes; readOnly attributes are ignored, and immutable ones must equal their current value. ${names}`;
    case "response":
      return `A ${rt.name} as the service provider returns it (RFC 7643 §3, RFC 7644 §3.4.1). writeOnly and \`returned: never\` attributes never appear. ${names}`;
  }
}

/**
 * A resource type's resource in one representation: `schemas`, the common attributes that appear in it,
 * the base schema's attributes, and each extension under its URN (RFC 7643 §3.3).
 */
export function resourceRepresentation(rt: ResourceType, representation: ResourceRepresentation): SchemaObject {
  const base = rt.schema;
  const extensions = rt.schemaExtensions;
  const declared = new Set(base.attributes.map((a) => a.name.toLowerCase()));
  const baseAttributes = attributeProperties(base.attributes, representation);
  const commonAttributes: { [name: string]: SchemaObject } = {};
  // A base schema may declare a common attribute itself; its own declaration wins.
  if (!declared.has("id") && representation === "response") commonAttributes["id"] = common(attributeSchema(idAttribute, representation));
  if (!declared.has("externalid")) commonAttributes["externalId"] = common(attributeSchema(externalIdAttribute, representation));
  if (!declared.has("meta") && representation === "response") {
    commonAttributes["meta"] = metaSchema(rt.name, representation, [], {});
  }
  const urns = [base.id, ...extensions.map((e) => e.schema.id)];
  const properties: { [name: string]: SchemaObject } = {
    schemas: common({
      description: "The URIs of the schemas this resource uses: its base schema, and each extension it carries (RFC 7643 §3).",
      type: "array",
      items: { type: "string", enum: urns },
      minItems: 1,
      uniqueItems: true,
      contains: { const: base.id },
    }),
    ...commonAttributes,
    ...baseAttributes.properties,
  };
  for (const e of extensions) {
    properties[e.schema.id] = {
      ...schemaAttributesObject(e.schema, representation),
      description: `${sentence(e.schema.description)} The ${e.schema.name} extension (RFC 7643 §3.3), ${e.required ? "required" : "optional"} for ${rt.name}; when present, \`schemas\` lists its URN.`,
    };
  }
  const required = [
    "schemas",
    ...(commonAttributes["id"] !== undefined ? ["id"] : []),
    ...(baseAttributes.required ?? []),
    ...extensions.filter((e) => e.required).map((e) => e.schema.id),
  ];
  // RFC 7643 §3: `schemas` names every extension whose attributes the resource carries.
  const dependentSchemas = Object.fromEntries(
    extensions.map((e) => [e.schema.id, { properties: { schemas: { type: "array", contains: { const: e.schema.id } } } } satisfies SchemaObject]),
  );
  return representationObject({
    title: `${rt.name}${titles[representation] ? ` ${titles[representation]}` : ""}`,
    description: describe(rt, representation),
    properties,
    required,
    dependentSchemas,
    schema: base.id,
    resourceType: rt.name,
  });
}

/**
 * A discovery document (RFC 7643 §5–§7) as served: exactly its schema URN in `schemas`, its schema's
 * attributes, and `meta` with `resourceType` and an absolute `location` (strict clients fetch it).
 */
export function discoveryRepresentation(schema: Schema, resourceType: string, description: string): SchemaObject {
  const attributes = attributeProperties(schema.attributes, "response");
  return representationObject({
    title: schema.name,
    description,
    properties: {
      schemas: common({
        // Only the OpenAPI document uses this (a CommonMark description); the JSON Schema files do not.
        description: `Exactly the ${markdownText(schema.name)} schema URI (RFC 7643 §3).`,
        type: "array",
        items: { type: "string", const: schema.id },
        minItems: 1,
        maxItems: 1,
      }),
      ...attributes.properties,
      // RFC 7643 §3.1; `location` must be the absolute URL serving this document (RFC 7644 §3.1).
      meta: metaSchema(resourceType, "response", ["resourceType", "location"], { format: "uri" }),
    },
    required: ["schemas", ...(attributes.required ?? []), "meta"],
    schema: schema.id,
    resourceType,
  });
}

/**
 * The `Attribute` component and the Schema document that refers to it. RFC 7643 §8.7.2 spells an
 * attribute's `subAttributes` out only two levels deep, so the Schema schema cannot describe its own
 * document, where `attributes.subAttributes` has sub-attributes of its own. RFC 7643 §7 gives
 * sub-attributes the same characteristics as attributes, so one named shape, `Attribute` (the items of
 * `attributes`), serves every level: its `subAttributes` items refer to `Attribute` itself. Naming it
 * keeps references to whole components: a pointer into another component's internals is one that
 * openapi-typescript cannot type (`Property 'items' does not exist`) and other tools resolve each their
 * own way.
 */
export function attributeComponentOf(schemaDocument: SchemaObject, attributeRef: SchemaObject): { readonly attribute: SchemaObject; readonly schema: SchemaObject } {
  const attributes = schemaDocument.properties?.["attributes"];
  const item = attributes?.items;
  const subAttributes = item?.properties?.["subAttributes"];
  if (!attributes || !item?.properties || !subAttributes?.items) {
    throw new Error("scim-codegen: the Schema schema has no attributes.subAttributes (RFC 7643 §8.7.2)");
  }
  const attribute: SchemaObject = {
    title: "Attribute",
    description:
      "An attribute of a SCIM schema with its RFC 7643 §7 characteristics, as a Schema document lists it; a complex attribute's `subAttributes` have the same characteristics (RFC 7643 §7), to any depth.",
    ...item,
    properties: { ...item.properties, subAttributes: { ...subAttributes, items: attributeRef } },
  };
  const schema: SchemaObject = {
    ...schemaDocument,
    properties: { ...schemaDocument.properties, attributes: { ...attributes, items: attributeRef } },
  };
  return { attribute, schema };
}
