import type { Available, CheckContext } from "./check.js";
import type { HttpOutcome, HttpResponse } from "./http-client.js";
import { isJsonArray, isJsonObject, snippet, type Json, type JsonObject } from "./json.js";

/** Discovery paths below the base (RFC 7644 §4). */
export const paths = {
  serviceProviderConfig: "/ServiceProviderConfig",
  resourceTypes: "/ResourceTypes",
  schemas: "/Schemas",
} as const;

/** Schema URNs the discovery documents use (RFC 7643 §5–§7, RFC 7644 §3.4.2, §3.12). */
export const urns = {
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
} as const;

/** Names the checker makes up for lookups that must not exist (RFC 7644 §3.12: 404). */
export const unknown = {
  resourceTypeId: "ScimCodegenCheckUnknown",
  schemaUri: "urn:ietf:params:scim:schemas:core:2.0:ScimCodegenCheckUnknown",
  path: "/ScimCodegenCheckUnknownPath",
} as const;

/** A labelled probe result, e.g. `POST /Schemas` and what it answered. */
export interface Probe {
  readonly label: string;
  readonly outcome: HttpOutcome;
}

/** A 200 response with a JSON object body. */
export interface FetchedObject {
  readonly response: HttpResponse;
  readonly body: JsonObject;
}

/** GET below the base with the default headers (cached by the client). */
export function get(context: CheckContext, path: string, headers?: Readonly<Record<string, string>>): Promise<HttpOutcome> {
  return context.http.send(headers === undefined ? { path } : { path, headers });
}

/** Percent-encodes a path segment but keeps `:` raw, as SCIM URIs usually arrive (RFC 3986 §3.3 allows it). */
export function encodeKeepingColons(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ":");
}

/** `/ResourceTypes/{id}`, percent-encoded. */
export function resourceTypePath(id: string): string {
  return `${paths.resourceTypes}/${encodeURIComponent(id)}`;
}

/** `/Schemas/{uri}` with raw colons, or with `%3A` when `encoded`. */
export function schemaPath(uri: string, encoded: boolean): string {
  return `${paths.schemas}/${encoded ? encodeURIComponent(uri) : encodeKeepingColons(uri)}`;
}

/** Lower-cased media type of a Content-Type header, without parameters. */
export function mediaTypeOf(response: HttpResponse): string | undefined {
  const header = response.headers["content-type"];
  if (header === undefined) return undefined;
  return header.split(";")[0]?.trim().toLowerCase();
}

/** One-line description of what a probe answered, for failure details. */
export function describeOutcome(outcome: HttpOutcome): string {
  if (!outcome.ok) return `failed: ${outcome.error}`;
  const { response } = outcome;
  const type = response.headers["content-type"] ?? "no Content-Type";
  const location = response.status >= 300 && response.status < 400 ? response.headers["location"] : undefined;
  return `answered ${response.status}${location === undefined ? "" : ` to ${location}`} (${type})`;
}

/** Requires a probe to have answered 200 with a JSON object body. */
export function asObject(label: string, outcome: HttpOutcome): Available<FetchedObject> {
  if (!outcome.ok) return { ok: false, reason: `${label} failed: ${outcome.error}` };
  const { response } = outcome;
  if (response.status !== 200) return { ok: false, reason: `${label} ${describeOutcome(outcome)}` };
  if (!response.json.ok) return { ok: false, reason: `${label} body is not JSON (${response.json.error}): ${snippet(response.bodyText)}` };
  const body = response.json.value;
  if (!isJsonObject(body)) return { ok: false, reason: `${label} body is not a JSON object` };
  return { ok: true, value: { response, body } };
}

/** GET `path` and require 200 with a JSON object body. */
export async function fetchObject(context: CheckContext, path: string): Promise<Available<FetchedObject>> {
  return asObject(`GET ${path}`, await get(context, path));
}

/** The ServiceProviderConfig document (RFC 7643 §5). */
export function serviceProviderConfig(context: CheckContext): Promise<Available<FetchedObject>> {
  return fetchObject(context, paths.serviceProviderConfig);
}

/** A list endpoint's body: a ListResponse object, or (tolerated, so item checks still run) a bare array. */
export async function listBody(context: CheckContext, path: string): Promise<Available<{ readonly response: HttpResponse; readonly body: Json }>> {
  const outcome = await get(context, path);
  if (!outcome.ok) return { ok: false, reason: `GET ${path} failed: ${outcome.error}` };
  const { response } = outcome;
  if (response.status !== 200) return { ok: false, reason: `GET ${path} ${describeOutcome(outcome)}` };
  if (!response.json.ok) return { ok: false, reason: `GET ${path} body is not JSON (${response.json.error})` };
  return { ok: true, value: { response, body: response.json.value } };
}

async function listItems(context: CheckContext, path: string): Promise<Available<readonly JsonObject[]>> {
  const list = await listBody(context, path);
  if (!list.ok) return list;
  const { body } = list.value;
  const resources = isJsonArray(body) ? body : isJsonObject(body) ? body["Resources"] : undefined;
  if (!isJsonArray(resources)) return { ok: false, reason: `GET ${path} has no Resources array` };
  return { ok: true, value: resources.filter(isJsonObject) };
}

/** The resource types listed by GET /ResourceTypes (RFC 7643 §6). */
export function resourceTypes(context: CheckContext): Promise<Available<readonly JsonObject[]>> {
  return listItems(context, paths.resourceTypes);
}

/** The schemas listed by GET /Schemas (RFC 7643 §7). */
export function schemas(context: CheckContext): Promise<Available<readonly JsonObject[]>> {
  return listItems(context, paths.schemas);
}

/** The string `id` of a listed object, if it has one. */
export function idOf(item: JsonObject): string | undefined {
  const id = item["id"];
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The ids of the schemas /Schemas lists. */
export async function schemaIds(context: CheckContext): Promise<Available<ReadonlySet<string>>> {
  const listed = await schemas(context);
  if (!listed.ok) return listed;
  return { ok: true, value: new Set(listed.value.map(idOf).filter((id): id is string => id !== undefined)) };
}

/** The resource type probed for per-item behaviour: `User` when listed, else the first with an id. */
export async function sampleResourceTypeId(context: CheckContext): Promise<string | undefined> {
  const listed = await resourceTypes(context);
  if (!listed.ok) return undefined;
  const ids = listed.value.map(idOf).filter((id): id is string => id !== undefined);
  return ids.includes("User") ? "User" : ids[0];
}

/** The schema probed for per-item behaviour: the core User schema when listed, else the first. */
export async function sampleSchemaId(context: CheckContext): Promise<string | undefined> {
  const ids = await schemaIds(context);
  if (!ids.ok) return undefined;
  return ids.value.has(urns.user) ? urns.user : [...ids.value][0];
}

/** The parts of a SCIM Error (RFC 7644 §3.12) a probe must show: status, media type, Error schema. */
export function scimErrorProblems(label: string, outcome: HttpOutcome, expectedStatus: number): string[] {
  if (!outcome.ok) return [`${label} failed: ${outcome.error}`];
  const { response } = outcome;
  const problems: string[] = [];
  if (response.status !== expectedStatus) problems.push(`${label} answered ${response.status}, want ${expectedStatus}`);
  const type = mediaTypeOf(response);
  if (type !== "application/scim+json") problems.push(`${label} Content-Type ${response.headers["content-type"] ?? "absent"}`);
  if (!response.json.ok) {
    problems.push(`${label} body is not a SCIM Error but ${snippet(response.bodyText)}`);
  } else {
    const body = response.json.value;
    const schemasValue = isJsonObject(body) ? body["schemas"] : undefined;
    if (!isJsonArray(schemasValue) || !schemasValue.includes(urns.error)) {
      problems.push(`${label} body does not declare ${urns.error}`);
    }
  }
  return problems;
}

/** GET of an unknown resource type id, an unknown schema URI and an unknown path (RFC 7644 §3.12: 404). */
export async function unknownProbes(context: CheckContext): Promise<{ resourceType: Probe; schema: Probe; path: Probe }> {
  const resourceTypeTarget = resourceTypePath(unknown.resourceTypeId);
  const schemaTarget = schemaPath(unknown.schemaUri, false);
  const [resourceType, schema, path] = await Promise.all([
    get(context, resourceTypeTarget),
    get(context, schemaTarget),
    get(context, unknown.path),
  ]);
  return {
    resourceType: { label: `GET ${resourceTypeTarget}`, outcome: resourceType },
    schema: { label: `GET ${schemaTarget}`, outcome: schema },
    path: { label: `GET ${unknown.path}`, outcome: path },
  };
}

/** The discovery paths the method probes target: the three endpoints and one item of each list. */
export async function discoveryTargets(context: CheckContext): Promise<string[]> {
  const targets: string[] = [paths.serviceProviderConfig, paths.resourceTypes, paths.schemas];
  const resourceTypeId = await sampleResourceTypeId(context);
  if (resourceTypeId !== undefined) targets.push(resourceTypePath(resourceTypeId));
  const schemaId = await sampleSchemaId(context);
  if (schemaId !== undefined) targets.push(schemaPath(schemaId, false));
  return targets;
}

/** Methods a discovery endpoint does not allow (RFC 7644 §4: discovery is read-only). */
export const writeMethods = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** POST/PUT/PATCH/DELETE with the non-JSON body `test` as text/plain (Okta's probe) on every target. */
export function methodProbes(context: CheckContext): Promise<readonly Probe[]> {
  return context.memo("probes:methods", async () => {
    const targets = await discoveryTargets(context);
    const probes: Probe[] = [];
    for (const target of targets) {
      for (const method of writeMethods) {
        const outcome = await context.http.send({ method, path: target, body: "test", headers: { "content-type": "text/plain" } });
        probes.push({ label: `${method} ${target}`, outcome });
      }
    }
    return probes;
  });
}

/** POST /Schemas declaring application/scim+json with the non-JSON body `test`: 405 must win over a parse error. */
export async function mislabelledBodyProbe(context: CheckContext): Promise<Probe> {
  const outcome = await context.http.send({
    method: "POST",
    path: paths.schemas,
    body: "test",
    headers: { "content-type": "application/scim+json" },
  });
  return { label: `POST ${paths.schemas} (Content-Type: application/scim+json, body "test")`, outcome };
}

/** A filter expression that matches the first listed object by name. */
export const sampleFilter = 'name eq "User"';

/** GET `path?filter=…` (RFC 7644 §4: SHOULD be 403 on /ResourceTypes and /Schemas). */
export async function filterProbe(context: CheckContext, path: string): Promise<Probe> {
  const target = `${path}?filter=${encodeURIComponent(sampleFilter)}`;
  return { label: `GET ${target}`, outcome: await get(context, target) };
}

/** Unauthenticated GETs of every discovery target; empty when no token was given. */
export async function unauthenticatedProbes(context: CheckContext): Promise<readonly Probe[]> {
  if (context.options.token === undefined) return [];
  const targets = await discoveryTargets(context);
  return Promise.all(
    targets.map(async (target) => ({
      label: `GET ${target} without credentials`,
      outcome: await context.http.send({ path: target, authenticate: false }),
    })),
  );
}

/** A token the service cannot have issued. */
export const invalidToken = "scim-codegen-check-invalid-token";

/** GETs of the two list endpoints with a wrong bearer token; empty when no token was given. */
export async function badTokenProbes(context: CheckContext): Promise<readonly Probe[]> {
  if (context.options.token === undefined) return [];
  return Promise.all(
    [paths.resourceTypes, paths.schemas].map(async (target) => ({
      label: `GET ${target} with a wrong bearer token`,
      outcome: await context.http.send({ path: target, headers: { authorization: `Bearer ${invalidToken}` } }),
    })),
  );
}

/** Every probe whose answer is expected to be an error, with the status each should have. */
export async function expectedErrorProbes(context: CheckContext): Promise<readonly Probe[]> {
  const found = await unknownProbes(context);
  const probes: Probe[] = [found.resourceType, found.schema, found.path];
  probes.push(...(await methodProbes(context)));
  probes.push(await mislabelledBodyProbe(context));
  probes.push(await filterProbe(context, paths.resourceTypes), await filterProbe(context, paths.schemas));
  if (context.options.spcFilter === "forbidden") probes.push(await filterProbe(context, paths.serviceProviderConfig));
  // An unauthenticated ServiceProviderConfig may be served (RFC 7643 §5); only answers ≥ 400 are inspected.
  probes.push(...(await unauthenticatedProbes(context)));
  probes.push(...(await badTokenProbes(context)));
  return probes;
}

/** The probes among `probes` that answered an HTTP error status (≥ 400). */
export function errorResponses(probes: readonly Probe[]): Array<{ readonly label: string; readonly response: HttpResponse }> {
  const found: Array<{ label: string; response: HttpResponse }> = [];
  for (const probe of probes) {
    if (probe.outcome.ok && probe.outcome.response.status >= 400) found.push({ label: probe.label, response: probe.outcome.response });
  }
  return found;
}

/** Every discovery URL a client GETs: the three endpoints, each listed resource type and each listed schema. */
export async function discoveryGetTargets(context: CheckContext): Promise<string[]> {
  const targets: string[] = [paths.serviceProviderConfig, paths.resourceTypes, paths.schemas];
  const listedTypes = await resourceTypes(context);
  if (listedTypes.ok) {
    for (const item of listedTypes.value) {
      const id = idOf(item);
      if (id !== undefined) targets.push(resourceTypePath(id));
    }
  }
  const listedSchemas = await schemas(context);
  if (listedSchemas.ok) {
    for (const item of listedSchemas.value) {
      const id = idOf(item);
      if (id !== undefined) targets.push(schemaPath(id, false));
    }
  }
  return targets;
}
