import { StructureKind, type InterfaceDeclarationStructure, type PropertySignatureStructure } from "ts-morph";
import type { Attribute, Schema } from "../../model/model.js";
import { docComment, jsString } from "../escape.js";
import { attributesInterfaceName, complexInterfaceName } from "../../names.js";

/** The TypeScript type of one attribute's value (RFC 7643 §2.3), without the array for multiValued. */
function valueType(attr: Attribute, complexName: string): string {
  switch (attr.type) {
    case "complex":
      return complexName;
    case "boolean":
      return "boolean";
    case "integer":
    case "decimal":
      return "number";
    default: {
      // Canonical values are suggestions (RFC 7643 §2.2) unless the definition closes the list; an open
      // list still gives editors completion through `(string & {})`.
      const values = (attr.canonicalValues ?? []).filter((v): v is string => typeof v === "string");
      if (values.length === 0) return "string";
      const union = values.map(jsString).join(" | ");
      return attr.closedCanonicalValues ? union : `${union} | (string & {})`;
    }
  }
}

function property(attr: Attribute, complexName: string): PropertySignatureStructure {
  const value = valueType(attr, complexName);
  const type = attr.multiValued ? (value.includes("|") ? `(${value})[]` : `${value}[]`) : value;
  return {
    kind: StructureKind.PropertySignature,
    name: /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(attr.name) ? attr.name : jsString(attr.name),
    type,
    hasQuestionToken: !attr.required,
    // RFC 7643 §2.2: readOnly attributes are set by the service provider only.
    isReadonly: attr.mutability === "readOnly",
    docs: [docComment(`${attr.description}${characteristics(attr)}`)],
  };
}

function characteristics(attr: Attribute): string {
  const notes = [`mutability: ${attr.mutability}`, `returned: ${attr.returned}`];
  if (attr.uniqueness && attr.uniqueness !== "none") notes.push(`uniqueness: ${attr.uniqueness}`);
  if (attr.caseExact) notes.push("caseExact");
  return `\n\nSCIM: ${notes.join(", ")}.`;
}

/**
 * One interface for the schema's attributes, and one per complex attribute (`UserEmails` for the
 * items of `emails`), in declared order.
 */
export function schemaInterfaces(schema: Schema, schemaStem: string): InterfaceDeclarationStructure[] {
  const complex = schema.attributes.filter((a) => a.type === "complex");
  return [
    {
      kind: StructureKind.Interface,
      name: attributesInterfaceName(schemaStem),
      isExported: true,
      docs: [docComment(`The attributes of the ${schema.name} schema (${schema.id}).`)],
      properties: schema.attributes.map((a) => property(a, complexInterfaceName(schemaStem, a.name))),
    },
    ...complex.map((a) => ({
      kind: StructureKind.Interface as const,
      name: complexInterfaceName(schemaStem, a.name),
      isExported: true,
      docs: [docComment(`${a.multiValued ? "One value" : "The value"} of ${schema.name}.${a.name}: ${a.description}`)],
      properties: (a.subAttributes ?? []).map((s) => property(s, "never")),
    })),
  ];
}
