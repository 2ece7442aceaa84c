// SCIM attributes (RFC 7643 §2, §7) as JSON Schema 2020-12 schema objects, the dialect of OpenAPI 3.1
// Schema Objects (OAS 3.1 §4.8.24). One attribute becomes one property schema; every RFC 7643 §7
// characteristic also stays on it as an `x-scim-*` key, so /Schemas can be rebuilt from the document.

import type { Attribute, Schema } from "../../model/model.js";
import type { JsonValue, SchemaObject, ScimCharacteristicKeys } from "./openapi-types.js";

/**
 * Which representation a schema object describes:
 * - `full`: every attribute, as /Schemas lists it (readOnly/writeOnly marked, required from the definitions);
 * - `create`/`replace`: a POST or PUT body (RFC 7644 §3.3, §3.5.1), without readOnly attributes;
 * - `response`: what the service returns, without writeOnly and `returned: never` attributes.
 */
export type Representation = "full" | "create" | "replace" | "response";

/** Every `x-scim-*` annotation keyword the schemas carry (JSON Schema validators must be told of them in strict mode). */
export const scimAnnotationKeywords: readonly (keyof ScimCharacteristicKeys)[] = [
  "x-scim-type",
  "x-scim-multiValued",
  "x-scim-required",
  "x-scim-caseExact",
  "x-scim-canonicalValues",
  "x-scim-referenceTypes",
  "x-scim-mutability",
  "x-scim-returned",
  "x-scim-uniqueness",
  "x-scim-schema",
  "x-scim-resourceType",
  "x-scim-common",
];

/** The URN of the JSON Schema dialect of OpenAPI 3.1 and of the stand-alone files. */
export const jsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

/** Whether an attribute appears in a representation at all. */
export function appearsIn(attr: Attribute, representation: Representation): boolean {
  switch (representation) {
    case "full":
      return true;
    case "create":
    case "replace":
      // RFC 7644 §3.3, §3.5.1: readOnly values in a request SHALL be ignored, so they are not part of the body.
      return attr.mutability !== "readOnly";
    case "response":
      // RFC 7643 §2.2: writeOnly values "SHALL NOT be returned"; `returned: never` ones are never returned.
      return attr.mutability !== "writeOnly" && attr.returned !== "never";
  }
}

/** Whether an attribute that appears in a representation must be present in it. */
export function isRequiredIn(attr: Attribute, representation: Representation): boolean {
  if (!attr.required) return false;
  // RFC 7643 §2.2 `returned: request`: only there when the client asked for it (RFC 7644 §3.9).
  if (representation === "response") return attr.returned === "always" || attr.returned === "default";
  return true;
}

/** The RFC 7643 §7 characteristics of an attribute, as `x-scim-*` keys in /Schemas key order. */
export function characteristicKeys(attr: Attribute): ScimCharacteristicKeys {
  return {
    "x-scim-type": attr.type,
    "x-scim-multiValued": attr.multiValued,
    "x-scim-required": attr.required,
    ...(attr.caseExact !== undefined ? { "x-scim-caseExact": attr.caseExact } : {}),
    ...(attr.canonicalValues !== undefined ? { "x-scim-canonicalValues": attr.canonicalValues } : {}),
    ...(attr.referenceTypes !== undefined ? { "x-scim-referenceTypes": attr.referenceTypes } : {}),
    "x-scim-mutability": attr.mutability,
    "x-scim-returned": attr.returned,
    ...(attr.uniqueness !== undefined ? { "x-scim-uniqueness": attr.uniqueness } : {}),
  };
}

/** The schema of one value of an attribute (one array item when multi-valued), by RFC 7643 §2.3 data type. */
function valueSchema(attr: Attribute, representation: Representation): SchemaObject {
  switch (attr.type) {
    case "string":
      return { type: "string", ...canonicalValues(attr) };
    case "boolean":
      return { type: "boolean", ...canonicalValues(attr) };
    case "decimal":
      // RFC 7643 §2.3.3: a real number with at least one digit; JSON Schema `number` also takes integers,
      // which is what a JSON parser gives for `1.0` anyway.
      return { type: "number", ...canonicalValues(attr) };
    case "integer":
      return { type: "integer", ...canonicalValues(attr) };
    case "dateTime":
      // RFC 7643 §2.3.5 asks for xsd:dateTime, whose time zone is optional; `date-time` (RFC 3339) requires
      // one. Every RFC 7643/7644 example carries one, and a timestamp without zone is ambiguous, so the
      // stricter format is kept.
      return { type: "string", format: "date-time", ...canonicalValues(attr) };
    case "reference":
      // RFC 7643 §2.3.7: "the absolute or relative URI of the target resource" (`/Users` as a ResourceType
      // endpoint, `../Groups/e9e3…`, `urn:…` schema ids). `uri` (RFC 3986 §4.3) rejects the relative ones,
      // `uri-reference` (RFC 3986 §4.1) takes all of them.
      return { type: "string", format: "uri-reference", ...canonicalValues(attr) };
    case "binary":
      // RFC 7643 §2.3.6: base64 (RFC 4648 §4). `contentEncoding` is an annotation in 2020-12, not an assertion.
      return { type: "string", contentEncoding: "base64", ...canonicalValues(attr) };
    case "complex":
      return complexValueSchema(attr.subAttributes ?? [], representation);
  }
}

/**
 * RFC 7643 §2.2 canonicalValues: suggestions, so `examples`, unless the definitions close the list
 * (`codegen.closedCanonicalValues`), which makes it an `enum`.
 */
function canonicalValues(attr: Attribute): Pick<SchemaObject, "enum" | "examples"> {
  const values = attr.canonicalValues ?? [];
  if (values.length === 0) return {};
  return attr.closedCanonicalValues ? { enum: values } : { examples: values };
}

/** The object schema of a complex value: its sub-attributes that appear in the representation. */
function complexValueSchema(subAttributes: readonly Attribute[], representation: Representation): SchemaObject {
  return { type: "object", ...attributeProperties(subAttributes, representation), additionalProperties: false };
}

/** `properties` and `required` for a list of attributes (declared order, which is the order /Schemas lists). */
export function attributeProperties(
  attributes: readonly Attribute[],
  representation: Representation,
): { readonly properties: { readonly [name: string]: SchemaObject }; readonly required?: readonly string[] } {
  const shown = attributes.filter((a) => appearsIn(a, representation));
  const properties = Object.fromEntries(shown.map((a) => [a.name, attributeSchema(a, representation)]));
  const required = shown.filter((a) => isRequiredIn(a, representation)).map((a) => a.name);
  return { properties, ...(required.length > 0 ? { required } : {}) };
}

/** The property schema of one attribute: its value schema (in an array when multi-valued) plus its characteristics. */
export function attributeSchema(attr: Attribute, representation: Representation): SchemaObject {
  const value = valueSchema(attr, representation);
  const shape: SchemaObject = attr.multiValued ? { type: "array", items: value } : value;
  return {
    description: attr.description,
    ...shape,
    // OAS 3.1 §4.8.24 / JSON Schema validation §9.4: readOnly and writeOnly from RFC 7643 §2.2 mutability.
    ...(attr.mutability === "readOnly" ? { readOnly: true } : {}),
    ...(attr.mutability === "writeOnly" ? { writeOnly: true } : {}),
    ...characteristicKeys(attr),
  };
}

/** A whole SCIM schema's attributes as one object schema: `title` is its name, `x-scim-schema` its URN. */
export function schemaAttributesObject(schema: Schema, representation: Representation): SchemaObject {
  return {
    title: schema.name,
    description: schema.description,
    type: "object",
    ...attributeProperties(schema.attributes, representation),
    additionalProperties: false,
    "x-scim-schema": schema.id,
  };
}

/** Text ending in a full stop, so that another sentence can follow it. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A literal JSON value as a schema `const`. */
export function constant(value: JsonValue, description?: string): SchemaObject {
  return { ...(description !== undefined ? { description } : {}), const: value };
}
