import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, isJsonArray, isJsonObject, type Json, type JsonObject } from "../json.js";
import { idOf, resourceTypes, schemas, urns } from "../probes.js";

/** RFC 7643 §2.3 data types, exact case. */
export const attributeTypes = ["string", "boolean", "decimal", "integer", "dateTime", "reference", "binary", "complex"] as const;
/** RFC 7643 §2.2 / §7 mutability keywords, exact case. */
export const mutabilities = ["readOnly", "readWrite", "immutable", "writeOnly"] as const;
/** RFC 7643 §7 returned keywords, exact case. */
export const returnedValues = ["always", "never", "default", "request"] as const;
/** RFC 7643 §7 uniqueness keywords, exact case. */
export const uniquenessValues = ["none", "server", "global"] as const;

// RFC 7643 §7: caseExact applies to string-like types (string, reference, binary).
const stringLike = new Set(["string", "reference", "binary"]);

/** One attribute or sub-attribute of a schema, with its RFC 7644 §3.10 path (`urn:…:User:emails.value`). */
export interface AttributeVisit {
  readonly schemaId: string;
  readonly path: string;
  readonly attribute: JsonObject;
  /** 0 for a top-level attribute, 1 for a sub-attribute, … */
  readonly depth: number;
  /** The enclosing attribute, if any. */
  readonly parent?: JsonObject;
}

/** Every attribute and sub-attribute of a schema, depth first, plus entries that are not objects. */
export function visitAttributes(schema: JsonObject): { readonly visits: AttributeVisit[]; readonly malformed: string[] } {
  const schemaId = idOf(schema) ?? "(schema without id)";
  const visits: AttributeVisit[] = [];
  const malformed: string[] = [];
  const walk = (list: Json | undefined, prefix: string, depth: number, parent: JsonObject | undefined): void => {
    if (!isJsonArray(list)) return;
    list.forEach((attribute, index) => {
      if (!isJsonObject(attribute)) {
        malformed.push(`${prefix}[${index}] is ${describeJson(attribute)}`);
        return;
      }
      const name = typeof attribute["name"] === "string" ? attribute["name"] : `[${index}]`;
      const path = depth === 0 ? `${schemaId}:${name}` : `${prefix}.${name}`;
      visits.push(parent === undefined ? { schemaId, path, attribute, depth } : { schemaId, path, attribute, depth, parent });
      walk(attribute["subAttributes"], path, depth + 1, attribute);
    });
  };
  walk(schema["attributes"], `${schemaId}:attributes`, 0, undefined);
  return { visits, malformed };
}

// RFC 7643 §7 defines the Schema resource with "attributes.subAttributes" nested in "attributes",
// against its own §2.3.8 rule; strict clients accept that one RFC-defined exception.
const nestedComplexExemptions = new Set([`${urns.schema}:attributes.subAttributes`]);

/** Attribute characteristics (RFC 7643 §2, §7): all explicit, exact-case, and only where they apply. */
export const attributeChecks: readonly Check[] = [
  defineCheck(
    "schemas.attribute.characteristics",
    "required",
    "RFC 7643 §7",
    "every attribute and sub-attribute states name, type, multiValued, description, required, mutability and returned",
    async (context) =>
      eachAttribute(context, ({ attribute }) => {
        const problems: string[] = [];
        for (const key of ["name", "type", "description", "mutability", "returned"]) {
          if (typeof attribute[key] !== "string" || (key === "name" && attribute[key] === "")) problems.push(characteristic(attribute, key));
        }
        for (const key of ["multiValued", "required"]) {
          if (typeof attribute[key] !== "boolean") problems.push(characteristic(attribute, key));
        }
        return problems;
      }, true),
  ),
  defineCheck("schemas.attribute.type", "required", "RFC 7643 §2.3", `every type is one of ${attributeTypes.join(", ")} (exact case)`, async (context) =>
    eachAttribute(context, ({ attribute }) => keyword(attribute, "type", attributeTypes)),
  ),
  defineCheck("schemas.attribute.mutability", "required", "RFC 7643 §7", `every mutability is one of ${mutabilities.join(", ")} (exact case)`, async (context) =>
    eachAttribute(context, ({ attribute }) => keyword(attribute, "mutability", mutabilities)),
  ),
  defineCheck("schemas.attribute.returned", "required", "RFC 7643 §7", `every returned is one of ${returnedValues.join(", ")} (exact case)`, async (context) =>
    eachAttribute(context, ({ attribute }) => keyword(attribute, "returned", returnedValues)),
  ),
  defineCheck("schemas.attribute.uniqueness", "required", "RFC 7643 §7", `every non-complex attribute states uniqueness: ${uniquenessValues.join(", ")} (exact case)`, async (context) =>
    eachAttribute(context, ({ attribute }) => {
      if (!Object.hasOwn(attribute, "uniqueness")) return attribute["type"] === "complex" ? [] : ["no uniqueness"];
      return keyword(attribute, "uniqueness", uniquenessValues);
    }),
  ),
  defineCheck("schemas.attribute.case-exact", "required", "RFC 7643 §7", "every string, reference and binary attribute states caseExact as a boolean", async (context) =>
    eachAttribute(context, ({ attribute }) => {
      const type = attribute["type"];
      if (Object.hasOwn(attribute, "caseExact")) return typeof attribute["caseExact"] === "boolean" ? [] : [characteristic(attribute, "caseExact")];
      return typeof type === "string" && stringLike.has(type) ? [`${type} without caseExact`] : [];
    }),
  ),
  defineCheck("schemas.attribute.reference-types", "required", "RFC 7643 §7", "every reference attribute lists referenceTypes (non-empty strings)", async (context) =>
    eachAttribute(context, ({ attribute }) => {
      if (attribute["type"] !== "reference") return [];
      const value = attribute["referenceTypes"];
      const valid = isJsonArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && item !== "");
      return valid ? [] : [`referenceTypes ${describeJson(value)}`];
    }),
  ),
  defineCheck("schemas.attribute.sub-attributes", "required", "RFC 7643 §7", "subAttributes appear on complex attributes only, and every complex attribute has them", async (context) =>
    eachAttribute(context, ({ attribute }) => {
      const has = Object.hasOwn(attribute, "subAttributes");
      if (attribute["type"] !== "complex") return has ? [`${describeJson(attribute["type"])} attribute has subAttributes`] : [];
      const value = attribute["subAttributes"];
      return isJsonArray(value) && value.length > 0 ? [] : [`complex attribute with subAttributes ${describeJson(value)}`];
    }),
  ),
  defineCheck("schemas.attribute.no-nested-complex", "required", "RFC 7643 §2.3.8", "no complex attribute is nested in a complex attribute", async (context) =>
    eachAttribute(context, ({ attribute, depth, path }) =>
      depth > 0 && attribute["type"] === "complex" && !nestedComplexExemptions.has(path) ? ["complex sub-attribute"] : [],
    ),
  ),
  defineCheck(
    "schemas.attribute.client-settable-required",
    "required",
    "RFC 7643 §7",
    "required resource attributes (userName, …) are readWrite, immutable or writeOnly, never readOnly",
    async (context) => {
      // Entra drops readOnly attributes from create requests, so a required readOnly attribute can
      // never be provisioned. Only resource schemas count: the discovery schemas are all readOnly.
      const listed = await resourceTypes(context);
      if (!listed.ok) return skip(listed.reason);
      const resourceSchemaIds = new Set<string>();
      for (const item of listed.value) {
        if (typeof item["schema"] === "string") resourceSchemaIds.add(item["schema"]);
        const extensions = item["schemaExtensions"];
        if (isJsonArray(extensions)) {
          for (const extension of extensions) if (isJsonObject(extension) && typeof extension["schema"] === "string") resourceSchemaIds.add(extension["schema"]);
        }
      }
      return eachAttribute(context, ({ schemaId, attribute, parent }) => {
        if (!resourceSchemaIds.has(schemaId)) return [];
        if (parent !== undefined && parent["mutability"] === "readOnly") return [];
        return attribute["required"] === true && attribute["mutability"] === "readOnly" ? ["required but readOnly"] : [];
      });
    },
  ),
  defineCheck("schemas.attribute.canonical-values", "recommended", "RFC 7643 §7", "canonicalValues, when present, is an array of strings", async (context) =>
    eachAttribute(context, ({ attribute }) => {
      if (!Object.hasOwn(attribute, "canonicalValues")) return [];
      const value = attribute["canonicalValues"];
      return isJsonArray(value) && value.every((item) => typeof item === "string") ? [] : [`canonicalValues ${describeJson(value)}`];
    }),
  ),
  defineCheck(
    "schemas.attribute.inapplicable",
    "recommended",
    "RFC 7643 §7",
    "no caseExact on non-string types, referenceTypes on non-references or uniqueness on complex attributes",
    async (context) =>
      eachAttribute(context, ({ attribute }) => {
        const type = attribute["type"];
        // An unknown type is schemas.attribute.type's finding; what applies to it is unknowable.
        if (typeof type !== "string" || !(attributeTypes as readonly string[]).includes(type)) return [];
        const problems: string[] = [];
        if (Object.hasOwn(attribute, "caseExact") && !stringLike.has(type)) problems.push(`caseExact on a ${type} attribute`);
        if (Object.hasOwn(attribute, "referenceTypes") && type !== "reference") problems.push(`referenceTypes on a ${type} attribute`);
        // RFC 7643 erratum 6004 removed uniqueness from complex attributes.
        if (Object.hasOwn(attribute, "uniqueness") && type === "complex") problems.push("uniqueness on a complex attribute");
        return problems;
      }),
  ),
  defineCheck("schemas.attribute.names", "recommended", "RFC 7643 §2.1", "attribute names are valid ATTRNAMEs, unique (case-insensitively) among siblings", async (context) => {
    const listed = await schemas(context);
    if (!listed.ok) return skip(listed.reason);
    const problems: string[] = [];
    for (const schema of listed.value) {
      const { visits } = visitAttributes(schema);
      const siblings = new Map<string, Set<string>>();
      for (const { path, attribute } of visits) {
        const name = attribute["name"];
        if (typeof name !== "string") continue;
        // ATTRNAME = ALPHA *(nameChar); "$ref" is the one RFC-defined exception (RFC 7643 §2.1).
        if (name !== "$ref" && !/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) problems.push(`${path}: name is not an ATTRNAME`);
        const parentPath = path.slice(0, path.length - name.length);
        const names = siblings.get(parentPath) ?? new Set<string>();
        if (names.has(name.toLowerCase())) problems.push(`${path}: duplicate name`);
        names.add(name.toLowerCase());
        siblings.set(parentPath, names);
      }
    }
    return fromProblems(problems);
  }),
];

function characteristic(attribute: JsonObject, key: string): string {
  return Object.hasOwn(attribute, key) ? `${key} ${describeJson(attribute[key])}` : `no ${key}`;
}

function keyword(attribute: JsonObject, key: string, allowed: readonly string[]): string[] {
  if (!Object.hasOwn(attribute, key)) return [];
  const value = attribute[key];
  if (typeof value === "string" && allowed.includes(value)) return [];
  const nearly = typeof value === "string" ? allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) : undefined;
  return [`${key} ${describeJson(value)}${nearly === undefined ? "" : ` (want ${JSON.stringify(nearly)})`}`];
}

async function eachAttribute(
  context: CheckContext,
  problemsOf: (visit: AttributeVisit) => string[],
  includeMalformed = false,
): Promise<CheckOutcome> {
  const listed = await schemas(context);
  if (!listed.ok) return skip(listed.reason);
  const problems: string[] = [];
  let count = 0;
  for (const schema of listed.value) {
    const { visits, malformed } = visitAttributes(schema);
    if (includeMalformed) problems.push(...malformed);
    for (const visit of visits) {
      count += 1;
      problems.push(...problemsOf(visit).map((problem) => `${visit.path}: ${problem}`));
    }
  }
  if (count === 0 && problems.length === 0) return skip("no schema lists attributes");
  return fromProblems(problems);
}
