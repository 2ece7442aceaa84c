import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, firstDifference, isJsonArray, isJsonObject, type JsonObject } from "../json.js";
import { asObject, get, idOf, resourceTypes, schemaIds, schemaPath, schemas, urns } from "../probes.js";
import { isUrn } from "./resource-types.js";

const schemaKeys = new Set(["schemas", "id", "name", "description", "attributes", "meta"]);
const serviceProviderSchemaIds = [urns.serviceProviderConfig, urns.resourceType, urns.schema] as const;
const messagePrefix = "urn:ietf:params:scim:api:messages:";

/** Schema documents (RFC 7643 §7) and what /Schemas must and must not list (RFC 7644 §4). */
export const schemaChecks: readonly Check[] = [
  defineCheck("schemas.schemas", "required", "RFC 7643 §7", `every schema's "schemas" is exactly ["${urns.schema}"]`, async (context) =>
    eachSchema(context, (schema) => {
      const value = schema["schemas"];
      return isJsonArray(value) && value.length === 1 && value[0] === urns.schema ? [] : [`schemas ${describeJson(value)}`];
    }),
  ),
  defineCheck("schemas.id", "required", "RFC 7643 §7", "every schema id is a URN (any namespace, e.g. a vendor's)", async (context) =>
    eachSchema(context, (schema) => {
      const value = schema["id"];
      return typeof value === "string" && isUrn(value) ? [] : [`id ${describeJson(value)}`];
    }),
  ),
  defineCheck("schemas.name", "required", "RFC 7643 §7", "every schema has a non-empty name", async (context) =>
    eachSchema(context, (schema) => {
      const value = schema["name"];
      return typeof value === "string" && value.trim() !== "" ? [] : [`name ${describeJson(value)}`];
    }),
  ),
  defineCheck("schemas.description", "recommended", "RFC 7643 §7", "every schema has a description string", async (context) =>
    eachSchema(context, (schema) => (typeof schema["description"] === "string" ? [] : [`description ${describeJson(schema["description"])}`])),
  ),
  defineCheck("schemas.attributes", "required", "RFC 7643 §7", "every schema has an attributes array", async (context) =>
    eachSchema(context, (schema) => (isJsonArray(schema["attributes"]) ? [] : [`attributes ${describeJson(schema["attributes"])}`])),
  ),
  defineCheck("schemas.by-uri-matches-list", "required", "RFC 7644 §4", "/Schemas/{uri}, raw and %3A-encoded, serves the same object as the list entry", async (context) =>
    eachSchemaAsync(context, async (schema) => {
      const id = idOf(schema);
      if (id === undefined) return [];
      const problems: string[] = [];
      for (const encoded of [false, true]) {
        const target = schemaPath(id, encoded);
        const fetched = asObject(`GET ${target}`, await get(context, target));
        if (!fetched.ok) continue; // routes.schema-by-uri / routes.schema-by-encoded-uri report it
        const difference = firstDifference(schema, fetched.value.body);
        if (difference !== undefined) problems.push(`GET ${target} differs from the list entry (${difference})`);
      }
      return problems;
    }),
  ),
  defineCheck("schemas.unique-ids", "recommended", "RFC 7643 §7", "/Schemas lists each schema id once", async (context) => {
    const listed = await schemas(context);
    if (!listed.ok) return skip(listed.reason);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const schema of listed.value) {
      const id = idOf(schema);
      if (id === undefined) continue;
      if (seen.has(id.toLowerCase())) problems.push(`${JSON.stringify(id)} appears twice`);
      seen.add(id.toLowerCase());
    }
    return fromProblems(problems);
  }),
  defineCheck(
    "schemas.service-provider-schemas",
    "recommended",
    "RFC 7644 §4",
    "/Schemas lists the ServiceProviderConfig, ResourceType and Schema schemas (\"all supported schemas\")",
    async (context) => {
      if (!context.options.serviceProviderSchemas) return skip("not expected (--no-service-provider-schemas)");
      const ids = await schemaIds(context);
      if (!ids.ok) return skip(ids.reason);
      return fromProblems(serviceProviderSchemaIds.filter((id) => !ids.value.has(id)).map((id) => `${id} is not listed`));
    },
  ),
  defineCheck("schemas.no-message-schemas", "required", "RFC 7644 §4", `/Schemas never lists message schemas (${messagePrefix}*)`, async (context) => {
    const ids = await schemaIds(context);
    if (!ids.ok) return skip(ids.reason);
    return fromProblems([...ids.value].filter((id) => id.toLowerCase().startsWith(messagePrefix)).map((id) => `${id} is listed`));
  }),
  defineCheck("schemas.extensions-referenced", "recommended", "RFC 7643 §6", "every listed resource schema is some resource type's schema or schemaExtensions entry", async (context) => {
    const [ids, listed] = await Promise.all([schemaIds(context), resourceTypes(context)]);
    if (!ids.ok) return skip(ids.reason);
    if (!listed.ok) return skip(listed.reason);
    const referenced = new Set<string>(serviceProviderSchemaIds);
    for (const item of listed.value) {
      if (typeof item["schema"] === "string") referenced.add(item["schema"]);
      const extensions = item["schemaExtensions"];
      if (!isJsonArray(extensions)) continue;
      for (const extension of extensions) if (isJsonObject(extension) && typeof extension["schema"] === "string") referenced.add(extension["schema"]);
    }
    // Okta discovers extension attributes only through a resource type's schemaExtensions.
    return fromProblems(
      [...ids.value]
        .filter((id) => !referenced.has(id) && !id.toLowerCase().startsWith(messagePrefix))
        .map((id) => `${id} is listed but no resource type references it`),
    );
  }),
  defineCheck("schemas.allowed-keys", "recommended", "RFC 7643 §7", "schemas have no top-level attributes RFC 7643 §7 does not define", async (context) =>
    eachSchema(context, (schema) =>
      Object.keys(schema)
        .filter((key) => !schemaKeys.has(key))
        .map((key) => `unexpected ${JSON.stringify(key)}`),
    ),
  ),
];

async function eachSchema(context: CheckContext, problemsOf: (schema: JsonObject) => string[]): Promise<CheckOutcome> {
  return eachSchemaAsync(context, async (schema) => problemsOf(schema));
}

async function eachSchemaAsync(context: CheckContext, problemsOf: (schema: JsonObject) => Promise<string[]>): Promise<CheckOutcome> {
  const listed = await schemas(context);
  if (!listed.ok) return skip(listed.reason);
  if (listed.value.length === 0) return skip("/Schemas lists no schema");
  const problems: string[] = [];
  for (const [index, schema] of listed.value.entries()) {
    const id = idOf(schema);
    const label = id === undefined ? `Schemas[${index}]` : id;
    problems.push(...(await problemsOf(schema)).map((problem) => `${label}: ${problem}`));
  }
  return fromProblems(problems);
}
