import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, firstDifference, isJsonArray, isJsonObject, type JsonObject } from "../json.js";
import { asObject, get, idOf, resourceTypePath, resourceTypes, schemaIds, urns } from "../probes.js";

const resourceTypeKeys = new Set(["schemas", "id", "externalId", "name", "description", "endpoint", "schema", "schemaExtensions", "meta"]);

/** A URN (RFC 8141 §2): `urn:`, a namespace identifier, `:`, and a namespace-specific string. */
export function isUrn(value: string): boolean {
  return /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$/i.test(value);
}

/** ResourceType documents (RFC 7643 §6) and their references into /Schemas. */
export const resourceTypeChecks: readonly Check[] = [
  defineCheck("rt.schemas", "required", "RFC 7643 §6", `every resource type's "schemas" is exactly ["${urns.resourceType}"]`, async (context) =>
    eachResourceType(context, (item) => {
      const value = item["schemas"];
      return isJsonArray(value) && value.length === 1 && value[0] === urns.resourceType ? [] : [`schemas ${describeJson(value)}`];
    }),
  ),
  defineCheck("rt.id-name", "required", "RFC 7643 §6", "every resource type has an id equal to its name", async (context) =>
    eachResourceType(context, (item) => {
      const { id, name } = item;
      if (typeof name !== "string" || name === "") return [`name ${describeJson(name)}`];
      if (typeof id !== "string" || id === "") return [`id ${describeJson(id)}`];
      return id === name ? [] : [`id ${JSON.stringify(id)} differs from name ${JSON.stringify(name)}`];
    }),
  ),
  defineCheck("rt.endpoint", "required", "RFC 7643 §6", 'every resource type\'s endpoint is a path starting with "/", e.g. "/Users"', async (context) =>
    eachResourceType(context, (item) => {
      const value = item["endpoint"];
      return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && value.length > 1 ? [] : [`endpoint ${describeJson(value)}`];
    }),
  ),
  defineCheck("rt.description", "recommended", "RFC 7643 §6", "a resource type's description, when present, is a string", async (context) =>
    eachResourceType(context, (item) =>
      !Object.hasOwn(item, "description") || typeof item["description"] === "string" ? [] : [`description ${describeJson(item["description"])}`],
    ),
  ),
  defineCheck("rt.schema", "required", "RFC 7643 §6", "every resource type's schema is a URN", async (context) =>
    eachResourceType(context, (item) => {
      const value = item["schema"];
      return typeof value === "string" && isUrn(value) ? [] : [`schema ${describeJson(value)}`];
    }),
  ),
  defineCheck("rt.schema-listed", "required", "RFC 7643 §6", "every resource type's schema is, exactly, the id of a schema /Schemas lists", async (context) => {
    const ids = await schemaIds(context);
    if (!ids.ok) return skip(ids.reason);
    return eachResourceType(context, (item) => {
      const value = item["schema"];
      return typeof value !== "string" ? [] : danglingReference("schema", value, ids.value);
    });
  }),
  defineCheck("rt.extensions-shape", "required", "RFC 7643 §6", "schemaExtensions, when present, is an array of {schema, required} objects", async (context) =>
    eachResourceType(context, (item) => {
      if (!Object.hasOwn(item, "schemaExtensions")) return [];
      const value = item["schemaExtensions"];
      if (!isJsonArray(value)) return [`schemaExtensions ${describeJson(value)}`];
      return value.flatMap((extension, index) => {
        if (!isJsonObject(extension)) return [`schemaExtensions[${index}] is ${describeJson(extension)}`];
        const problems: string[] = [];
        if (typeof extension["schema"] !== "string" || !isUrn(extension["schema"])) problems.push(`schemaExtensions[${index}].schema ${describeJson(extension["schema"])}`);
        if (typeof extension["required"] !== "boolean") problems.push(`schemaExtensions[${index}].required ${describeJson(extension["required"])}`);
        return problems;
      });
    }),
  ),
  defineCheck("rt.extensions-listed", "required", "RFC 7643 §6", "every schemaExtensions[].schema is, exactly, the id of a schema /Schemas lists", async (context) => {
    const ids = await schemaIds(context);
    if (!ids.ok) return skip(ids.reason);
    // A dangling extension crashes scim2-tester; Okta discovers extension attributes only this way.
    return eachResourceType(context, (item) => {
      const value = item["schemaExtensions"];
      if (!isJsonArray(value)) return [];
      return value.flatMap((extension, index) => {
        const schema = isJsonObject(extension) ? extension["schema"] : undefined;
        return typeof schema === "string" ? danglingReference(`schemaExtensions[${index}].schema`, schema, ids.value) : [];
      });
    });
  }),
  defineCheck("rt.by-id-matches-list", "required", "RFC 7644 §4", "/ResourceTypes/{id} serves the same object as the list entry", async (context) =>
    eachResourceTypeAsync(context, async (item) => {
      const id = idOf(item);
      if (id === undefined) return [];
      const target = resourceTypePath(id);
      const fetched = asObject(`GET ${target}`, await get(context, target));
      if (!fetched.ok) return [fetched.reason];
      const difference = firstDifference(item, fetched.value.body);
      return difference === undefined ? [] : [`GET ${target} differs from the list entry (${difference})`];
    }),
  ),
  defineCheck("rt.unique", "recommended", "RFC 7643 §6", "resource type ids, names and endpoints are unique", async (context) => {
    const listed = await resourceTypes(context);
    if (!listed.ok) return skip(listed.reason);
    const problems: string[] = [];
    for (const key of ["id", "name", "endpoint"]) {
      const seen = new Set<string>();
      for (const item of listed.value) {
        const value = item[key];
        if (typeof value !== "string") continue;
        if (seen.has(value)) problems.push(`${key} ${JSON.stringify(value)} appears twice`);
        seen.add(value);
      }
    }
    return fromProblems(problems);
  }),
  defineCheck("rt.allowed-keys", "recommended", "RFC 7643 §6", "resource types have no attributes RFC 7643 §6 does not define", async (context) =>
    eachResourceType(context, (item) => {
      const problems = Object.keys(item)
        .filter((key) => !resourceTypeKeys.has(key))
        .map((key) => `unexpected ${JSON.stringify(key)}`);
      const extensions = item["schemaExtensions"];
      if (isJsonArray(extensions)) {
        extensions.forEach((extension, index) => {
          if (!isJsonObject(extension)) return;
          for (const key of Object.keys(extension)) if (key !== "schema" && key !== "required") problems.push(`unexpected schemaExtensions[${index}].${key}`);
        });
      }
      return problems;
    }),
  ),
];

function labelOf(item: JsonObject, index: number): string {
  const id = idOf(item);
  return id === undefined ? `ResourceTypes[${index}]` : `ResourceType ${JSON.stringify(id)}`;
}

async function eachResourceType(context: CheckContext, problemsOf: (item: JsonObject) => string[]): Promise<CheckOutcome> {
  return eachResourceTypeAsync(context, async (item) => problemsOf(item));
}

async function eachResourceTypeAsync(context: CheckContext, problemsOf: (item: JsonObject) => Promise<string[]>): Promise<CheckOutcome> {
  const listed = await resourceTypes(context);
  if (!listed.ok) return skip(listed.reason);
  if (listed.value.length === 0) return skip("/ResourceTypes lists no resource type");
  const problems: string[] = [];
  for (const [index, item] of listed.value.entries()) {
    problems.push(...(await problemsOf(item)).map((problem) => `${labelOf(item, index)}: ${problem}`));
  }
  return fromProblems(problems);
}

function danglingReference(path: string, uri: string, ids: ReadonlySet<string>): string[] {
  if (ids.has(uri)) return [];
  const nearly = [...ids].find((id) => id.toLowerCase() === uri.toLowerCase());
  return [`${path} ${JSON.stringify(uri)} is not listed in /Schemas${nearly === undefined ? "" : ` (only ${JSON.stringify(nearly)}, which differs in case)`}`];
}
