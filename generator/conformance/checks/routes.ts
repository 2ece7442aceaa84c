import { defineCheck, fail, fromProblems, pass, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { isJsonObject, type JsonObject } from "../json.js";
import {
  asObject,
  discoveryGetTargets,
  fetchObject,
  get,
  idOf,
  paths,
  resourceTypePath,
  resourceTypes,
  sampleResourceTypeId,
  sampleSchemaId,
  schemaPath,
  schemas,
  scimErrorProblems,
  unknownProbes,
  type Probe,
} from "../probes.js";

/** Routes (RFC 7644 §4): every discovery URL answers 200, without redirects, and unknowns answer 404. */
export const routeChecks: readonly Check[] = [
  defineCheck("routes.service-provider-config", "required", "RFC 7644 §4", "GET /ServiceProviderConfig answers 200 with a JSON object", async (context) =>
    endpointAnswers(context, paths.serviceProviderConfig),
  ),
  defineCheck("routes.resource-types", "required", "RFC 7644 §4", "GET /ResourceTypes answers 200 with a JSON object", async (context) =>
    endpointAnswers(context, paths.resourceTypes),
  ),
  defineCheck("routes.schemas", "required", "RFC 7644 §4", "GET /Schemas answers 200 with a JSON object", async (context) =>
    endpointAnswers(context, paths.schemas),
  ),
  defineCheck("routes.resource-type-by-id", "required", "RFC 7644 §4", "GET /ResourceTypes/{id} answers 200 for every listed resource type", async (context) => {
    const listed = await resourceTypes(context);
    if (!listed.ok) return skip(listed.reason);
    return itemsAnswer(context, listed.value, (id) => resourceTypePath(id));
  }),
  defineCheck("routes.schema-by-uri", "required", "RFC 7644 §4", "GET /Schemas/{uri} with raw colons answers 200 for every listed schema", async (context) => {
    const listed = await schemas(context);
    if (!listed.ok) return skip(listed.reason);
    return itemsAnswer(context, listed.value, (id) => schemaPath(id, false));
  }),
  defineCheck("routes.schema-by-encoded-uri", "required", "RFC 7644 §4", "GET /Schemas/{uri} with %3A-encoded colons answers 200 for every listed schema", async (context) => {
    const listed = await schemas(context);
    if (!listed.ok) return skip(listed.reason);
    // RFC 3986 §2.2: ":" and "%3A" in a path segment are equivalent for a SCIM URI lookup.
    return itemsAnswer(context, listed.value, (id) => schemaPath(id, true));
  }),
  defineCheck("routes.user-resource-type", "required", "RFC 7643 §6", 'a resource type named exactly "User" is listed and served at /ResourceTypes/User', async (context) =>
    namedResourceType(context, "User"),
  ),
  defineCheck("routes.group-resource-type", "required", "RFC 7643 §6", 'a resource type named exactly "Group" is listed and served at /ResourceTypes/Group', async (context) =>
    namedResourceType(context, "Group"),
  ),
  defineCheck("routes.no-redirects", "required", "RFC 7644 §4", "discovery URLs answer directly, never with a 3xx redirect", async (context) => {
    const targets = await discoveryGetTargets(context);
    const problems: string[] = [];
    for (const target of targets) {
      const outcome = await get(context, target);
      if (outcome.ok && isRedirect(outcome.response.status)) problems.push(redirectProblem(`GET ${target}`, outcome.response.status, outcome.response.headers["location"]));
    }
    return fromProblems(problems);
  }),
  defineCheck("routes.trailing-slash", "required", "RFC 7644 §4", "a trailing slash on a discovery path is not redirected", async (context) => {
    const problems: string[] = [];
    for (const path of [paths.serviceProviderConfig, paths.resourceTypes, paths.schemas]) {
      const target = `${path}/`;
      const outcome = await get(context, target);
      if (!outcome.ok) problems.push(`GET ${target} failed: ${outcome.error}`);
      else if (isRedirect(outcome.response.status)) problems.push(redirectProblem(`GET ${target}`, outcome.response.status, outcome.response.headers["location"]));
    }
    return fromProblems(problems);
  }),
  defineCheck("routes.unknown-resource-type", "required", "RFC 7644 §3.12", "an unknown resource type id answers 404 with a SCIM Error", async (context) => {
    const { resourceType } = await unknownProbes(context);
    return notFound(resourceType);
  }),
  defineCheck("routes.unknown-schema", "required", "RFC 7644 §3.12", "an unknown schema URI answers 404 with a SCIM Error", async (context) => {
    const { schema } = await unknownProbes(context);
    return notFound(schema);
  }),
  defineCheck("routes.unknown-path", "required", "RFC 7644 §3.12", "an unknown path under the base answers 404 with a SCIM Error, not a framework page", async (context) => {
    const { path } = await unknownProbes(context);
    return notFound(path);
  }),
  defineCheck("routes.resource-type-case-insensitive", "recommended", "RFC 7644 §3.10", "/ResourceTypes/{id} in another letter case answers with the canonical resource type", async (context) => {
    const id = await sampleResourceTypeId(context);
    if (id === undefined) return skip("no resource type with an id is listed");
    const listed = await resourceTypes(context);
    const canonical = listed.ok ? listed.value.find((item) => idOf(item) === id) : undefined;
    return caseVariantLookup(context, id, canonical, (variant) => resourceTypePath(variant));
  }),
  defineCheck("routes.schema-case-insensitive", "recommended", "RFC 7644 §3.10", "/Schemas/{uri} in another letter case answers with the canonical schema", async (context) => {
    const id = await sampleSchemaId(context);
    if (id === undefined) return skip("no schema with an id is listed");
    const listed = await schemas(context);
    const canonical = listed.ok ? listed.value.find((item) => idOf(item) === id) : undefined;
    return caseVariantLookup(context, id, canonical, (variant) => schemaPath(variant, false));
  }),
];

async function endpointAnswers(context: CheckContext, path: string): Promise<CheckOutcome> {
  const fetched = await fetchObject(context, path);
  return fetched.ok ? pass() : fail(fetched.reason);
}

function ids(items: readonly JsonObject[]): string[] {
  return items.map(idOf).filter((id): id is string => id !== undefined);
}

async function itemsAnswer(context: CheckContext, items: readonly JsonObject[], pathOf: (id: string) => string): Promise<CheckOutcome> {
  const found = ids(items);
  if (found.length === 0) return skip("the list has no item with a string id");
  const problems: string[] = [];
  for (const id of found) {
    const target = pathOf(id);
    const fetched = asObject(`GET ${target}`, await get(context, target));
    if (!fetched.ok) problems.push(fetched.reason);
  }
  return fromProblems(problems);
}

async function namedResourceType(context: CheckContext, name: string): Promise<CheckOutcome> {
  const listed = await resourceTypes(context);
  if (!listed.ok) return skip(listed.reason);
  if (!listed.value.some((item) => item["name"] === name)) {
    const names = listed.value.map((item) => JSON.stringify(item["name"] ?? null)).join(", ");
    return fail(`no resource type is named exactly "${name}" (names: ${names || "none"})`);
  }
  const target = resourceTypePath(name);
  const fetched = asObject(`GET ${target}`, await get(context, target));
  if (!fetched.ok) return fail(fetched.reason);
  if (fetched.value.body["name"] !== name) return fail(`GET ${target} served name ${JSON.stringify(fetched.value.body["name"] ?? null)}`);
  return pass();
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function redirectProblem(label: string, status: number, location: string | undefined): string {
  return `${label} redirects with ${status}${location === undefined ? "" : ` to ${location}`}`;
}

function notFound(probe: Probe): CheckOutcome {
  return fromProblems(scimErrorProblems(probe.label, probe.outcome, 404));
}

/** The same text in another letter case, or undefined when it has no cased letters. */
export function caseVariant(text: string): string | undefined {
  const lower = text.toLowerCase();
  if (lower !== text) return lower;
  const upper = text.toUpperCase();
  return upper !== text ? upper : undefined;
}

async function caseVariantLookup(
  context: CheckContext,
  id: string,
  canonical: JsonObject | undefined,
  pathOf: (variant: string) => string,
): Promise<CheckOutcome> {
  const variant = caseVariant(id);
  if (variant === undefined) return skip(`${id} has no letters to change case`);
  const target = pathOf(variant);
  const outcome = await get(context, target);
  if (context.options.exactCase) {
    // --exact-case: the operator chose exact matching, so the variant must be an ordinary unknown.
    return fromProblems(scimErrorProblems(`GET ${target}`, outcome, 404));
  }
  const fetched = asObject(`GET ${target}`, outcome);
  if (!fetched.ok) return fail(`${fetched.reason} (pass --exact-case if exact matching is intended)`);
  const problems: string[] = [];
  const body = fetched.value.body;
  if (body["id"] !== id) problems.push(`GET ${target} answered id ${JSON.stringify(body["id"] ?? null)}, want the canonical ${JSON.stringify(id)}`);
  const wantMeta = canonical?.["meta"];
  const gotMeta = body["meta"];
  const wantLocation = isJsonObject(wantMeta) ? wantMeta["location"] : undefined;
  const gotLocation = isJsonObject(gotMeta) ? gotMeta["location"] : undefined;
  if (wantLocation !== undefined && gotLocation !== wantLocation) {
    problems.push(`GET ${target} answered meta.location ${JSON.stringify(gotLocation ?? null)}, want ${JSON.stringify(wantLocation)}`);
  }
  return fromProblems(problems);
}
