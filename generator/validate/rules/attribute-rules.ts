import type { DiagnosticSink } from "../../diagnostics/diagnostic.js";
import type { DefinitionFile } from "../../load/definition-files.js";
import type { ValuePath } from "../../load/yaml-file.js";
import type { AttributeDefinition, CanonicalValue } from "../../model/definition-types.js";

// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA.
// "$ref" is the one reserved sub-attribute name outside the grammar (RFC 7643 §2.4, §7).
const attributeName = /^[A-Za-z][A-Za-z0-9_-]*$/;
const caseTypes = new Set(["string", "reference", "binary"]);

/** Checks one level of attributes (and, recursively, sub-attributes) of a user schema file. */
export function checkAttributes(
  file: DefinitionFile,
  attributes: readonly AttributeDefinition[],
  path: ValuePath,
  sink: DiagnosticSink,
  parent?: AttributeDefinition,
): void {
  const seen = new Map<string, string>();
  attributes.forEach((attr, index) => {
    const at = [...path, index];
    const where = parent ? `${parent.name}.${attr.name}` : attr.name;
    const type = attr.type ?? "string";

    if (!(attributeName.test(attr.name) || (parent && attr.name === "$ref"))) {
      sink.error(file.locate([...at, "name"]), "invalid-attribute-name",
        `"${attr.name}" is not a valid attribute name: RFC 7643 §2.1 allows a letter followed by letters, digits, "-" or "_"${parent ? ' (and "$ref" for sub-attributes)' : ""}.`);
    }
    // RFC 7644 §3.10: attribute names are case-insensitive, so "Emails" and "emails" collide.
    const key = attr.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      sink.error(file.locate([...at, "name"]), "duplicate-attribute",
        `Attribute "${attr.name}" repeats "${first}" on the same level (names compare case-insensitively); rename or remove one.`);
    } else {
      seen.set(key, attr.name);
    }

    if (type === "complex") {
      if (!attr.subAttributes) {
        sink.error(file.locate([...at, "type"]), "complex-without-sub-attributes",
          `Complex attribute "${where}" has no subAttributes; add them, or use a simple type.`);
      }
      if (parent) {
        sink.error(file.locate([...at, "type"]), "nested-complex",
          `Sub-attribute "${where}" is complex, but RFC 7643 §2.3.8 forbids complex attributes inside complex ones; flatten it into "${parent.name}".`);
      }
    } else if (attr.subAttributes) {
      sink.error(file.locate([...at, "subAttributes"], "key"), "sub-attributes-not-complex",
        `"${where}" has subAttributes but its type is ${type}; set type: complex or remove subAttributes.`);
    }

    if (attr.referenceTypes && type !== "reference") {
      sink.error(file.locate([...at, "referenceTypes"], "key"), "reference-types-not-reference",
        `"${where}" has referenceTypes but its type is ${type}; referenceTypes only apply to type: reference.`);
    }
    if (type === "reference" && !attr.referenceTypes) {
      sink.error(file.locate([...at, "type"]), "reference-without-types",
        `Reference attribute "${where}" needs referenceTypes (RFC 7643 §7), e.g. [external], [uri] or resource type names such as [User, Group].`);
    }
    if (attr.caseExact !== undefined && !caseTypes.has(type)) {
      sink.error(file.locate([...at, "caseExact"], "key"), "case-exact-not-meaningful",
        `"${where}" is ${type}, which has no case; caseExact applies to string, reference and binary only. Remove it.`);
    }
    if (attr.uniqueness !== undefined && type === "complex") {
      sink.error(file.locate([...at, "uniqueness"], "key"), "uniqueness-not-meaningful",
        `Complex attribute "${where}" cannot have uniqueness (RFC 7643 errata 6004); set it on a sub-attribute instead.`);
    }
    if (attr.canonicalValues) checkCanonicalValues(file, attr.canonicalValues, type, [...at, "canonicalValues"], where, sink);

    // Entra and other IdPs drop readOnly attributes from create requests, so a required readOnly
    // attribute can never be sent (SCIM-RULES: userName is readWrite or immutable).
    if (attr.required && attr.mutability === "readOnly") {
      sink.warning(file.locate([...at, "mutability"]), "required-read-only",
        `"${where}" is required but readOnly: clients drop readOnly attributes from create requests, so none can send it. Use immutable or readWrite.`);
    }
    // Top level only: RFC 7643 §8.7.1 itself writes REQUIRED on sub-attributes (manager.value) to
    // mean "required within the complex value", with required: false.
    const saysRequired = /\bREQUIRED\b/.test(attr.description);
    if (saysRequired && !attr.required && !parent) {
      sink.warning(file.locate([...at, "description"]), "required-mismatch",
        `The description of "${where}" says REQUIRED, but required is false; set required: true or fix the description.`);
    }

    if (attr.subAttributes) checkAttributes(file, attr.subAttributes, [...at, "subAttributes"], sink, attr);
  });
}

function checkCanonicalValues(
  file: DefinitionFile,
  values: readonly CanonicalValue[],
  type: string,
  path: ValuePath,
  where: string,
  sink: DiagnosticSink,
): void {
  const expected =
    type === "boolean" ? "boolean" : type === "integer" || type === "decimal" ? "number" : type === "complex" ? undefined : "string";
  const seen = new Set<CanonicalValue>();
  values.forEach((value, i) => {
    const ok =
      expected !== undefined &&
      typeof value === expected &&
      (type !== "integer" || Number.isInteger(value));
    if (!ok) {
      sink.error(file.locate([...path, i]), "canonical-value-type",
        expected === undefined
          ? `Complex attribute "${where}" cannot have canonicalValues; put them on a sub-attribute such as "type".`
          : `Canonical value ${JSON.stringify(value)} of "${where}" does not match its type ${type}; write ${type === "integer" ? "an integer" : `a ${expected}`}${expected === "string" ? " (quote it in YAML)" : ""}.`);
    }
    if (seen.has(value)) {
      sink.error(file.locate([...path, i]), "duplicate-canonical-value", `Canonical value ${JSON.stringify(value)} of "${where}" is listed twice; remove one.`);
    }
    seen.add(value);
  });
}
