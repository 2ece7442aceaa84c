import { defineCheck, fromProblems, pass, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import type { BaseUrl, HttpOutcome } from "../http-client.js";
import { describeJson, firstDifference, isJsonObject, type JsonObject } from "../json.js";
import { asObject, get, idOf, paths, resourceTypes, sampleSchemaId, schemaPath, schemas, serviceProviderConfig } from "../probes.js";

/** An object that must carry `meta` (RFC 7643 §3.1) and where it is served. */
interface MetaSubject {
  readonly label: string;
  readonly object: JsonObject;
  /** Decoded path below the base that serves the object, e.g. `/Schemas/urn:…:User`. */
  readonly path: string;
  readonly resourceType: "ServiceProviderConfig" | "ResourceType" | "Schema";
}

/** Hosts the header-injection probes claim; `.invalid` never resolves (RFC 6761 §6.4). */
export const injectedHost = "injected.scim-codegen-check.invalid";
const tenantCount = 6;

/** meta (RFC 7643 §3.1): resourceType and an absolute meta.location that serves exactly the object, from configuration only. */
export const metaChecks: readonly Check[] = [
  defineCheck("meta.resource-type", "required", "RFC 7643 §3.1", "every ServiceProviderConfig, ResourceType and Schema object has the right meta.resourceType", async (context) =>
    eachSubject(context, async ({ object, resourceType }) => {
      const meta = object["meta"];
      if (!isJsonObject(meta)) return [`meta ${describeJson(meta)}`];
      return meta["resourceType"] === resourceType ? [] : [`meta.resourceType ${describeJson(meta["resourceType"])}, want "${resourceType}"`];
    }),
  ),
  defineCheck("meta.location-absolute", "required", "RFC 7643 §3.1", "every meta.location is an absolute http(s) URL", async (context) =>
    eachSubject(context, async ({ object }) => {
      const location = locationOf(object);
      return typeof location === "string" && absoluteHttpUrl(location) !== undefined ? [] : [`meta.location ${describeJson(location)}`];
    }),
  ),
  defineCheck("meta.location-canonical", "required", "RFC 7643 §3.1", "every meta.location is the URL under the base that serves that object", async (context) =>
    eachSubject(context, async ({ object, path }) => {
      const location = locationOf(object);
      if (typeof location !== "string") return [];
      const url = absoluteHttpUrl(location);
      if (url === undefined) return []; // meta.location-absolute reports it
      const want = `${context.http.base.href}${path}`;
      // Both sides decoded: a base holding an encoded octet (a tenant `a%20b`, `a%2Fb`) is the same URL either way.
      return url.origin === context.http.base.origin && decodePath(url.pathname) === decodePath(`${context.http.base.pathname}${path}`) && url.search === ""
        ? []
        : [`meta.location ${JSON.stringify(location)}, want ${JSON.stringify(want)}`];
    }),
  ),
  defineCheck("meta.location-serves-object", "required", "RFC 7643 §3.1", "fetching each meta.location returns exactly that object", async (context) =>
    eachSubject(context, async ({ object }) => {
      const location = locationOf(object);
      if (typeof location !== "string") return [];
      const target = pathBelowBase(context.http.base, location);
      // Credentials go to the base only: a location elsewhere is a finding, never a request.
      if (target === undefined) return [`meta.location ${JSON.stringify(location)} is outside ${context.http.base.href}; not fetched`];
      const fetched = asObject(`GET ${location}`, await get(context, target));
      if (!fetched.ok) return [fetched.reason];
      const difference = firstDifference(object, fetched.value.body);
      return difference === undefined ? [] : [`GET ${location} serves a different object (${difference})`];
    }),
  ),
  defineCheck("meta.forwarded-headers", "required", "RFC 7643 §3.1", "X-Forwarded-Host/-Proto/-Port/-Prefix and Forwarded do not change meta.location", async (context) => {
    if (context.options.trustForwardedHeaders) return skip("the operator trusts forwarded headers (--trust-forwarded-headers)");
    return injectionProbe(context, {
      "x-forwarded-host": injectedHost,
      "x-forwarded-proto": context.http.base.url.protocol === "https:" ? "http" : "https",
      "x-forwarded-port": "8443",
      "x-forwarded-prefix": "/injected",
      forwarded: `host=${injectedHost};proto=https`,
    });
  }),
  defineCheck("meta.host-header", "required", "RFC 7643 §3.1", "a foreign Host header does not change meta.location", async (context) => {
    if (context.options.trustForwardedHeaders) return skip("the operator trusts request headers for the base (--trust-forwarded-headers)");
    return injectionProbe(context, { host: injectedHost });
  }),
  defineCheck("meta.no-shared-base", "required", "RFC 7643 §3.1", "concurrent requests never see another request's base in meta.location", async (context) => {
    const plain = await serviceProviderConfig(context);
    if (!plain.ok) return skip(plain.reason);
    const hosts = Array.from({ length: tenantCount }, (_, index) => `tenant-${index + 1}.scim-codegen-check.invalid`);
    // All at once, so a base kept in shared mutable state between requests shows up as cross-talk.
    const outcomes = await Promise.all(hosts.map((host) => get(context, paths.serviceProviderConfig, { "x-forwarded-host": host })));
    const problems: string[] = [];
    outcomes.forEach((outcome, index) => {
      const location = locationFromOutcome(outcome);
      if (location === undefined) return;
      const leaked = hosts.find((host, other) => other !== index && location.includes(host));
      if (leaked !== undefined) problems.push(`the request claiming ${hosts[index]} got meta.location ${JSON.stringify(location)}`);
    });
    return fromProblems(problems);
  }),
];

function locationOf(object: JsonObject): JsonObject[string] | undefined {
  const meta = object["meta"];
  return isJsonObject(meta) ? meta["location"] : undefined;
}

function locationFromOutcome(outcome: HttpOutcome): string | undefined {
  if (!outcome.ok || outcome.response.status !== 200 || !outcome.response.json.ok) return undefined;
  const body = outcome.response.json.value;
  if (!isJsonObject(body)) return undefined;
  const location = locationOf(body);
  return typeof location === "string" ? location : undefined;
}

function absoluteHttpUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** The request path below the base for a URL inside it (relative locations resolve against the base), else undefined. */
export function pathBelowBase(base: BaseUrl, location: string): string | undefined {
  let url: URL;
  try {
    url = new URL(location, `${base.href}/`);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/`)) return undefined;
  return `${url.pathname.slice(base.pathname.length)}${url.search}`;
}

async function collectSubjects(context: CheckContext): Promise<{ subjects: MetaSubject[]; reasons: string[] }> {
  const subjects: MetaSubject[] = [];
  const reasons: string[] = [];
  const config = await serviceProviderConfig(context);
  if (config.ok) {
    subjects.push({ label: "ServiceProviderConfig", object: config.value.body, path: paths.serviceProviderConfig, resourceType: "ServiceProviderConfig" });
  } else reasons.push(config.reason);
  const listedTypes = await resourceTypes(context);
  if (listedTypes.ok) {
    for (const object of listedTypes.value) {
      const id = idOf(object);
      if (id !== undefined) subjects.push({ label: `ResourceType ${JSON.stringify(id)}`, object, path: `${paths.resourceTypes}/${id}`, resourceType: "ResourceType" });
    }
  } else reasons.push(listedTypes.reason);
  const listedSchemas = await schemas(context);
  if (listedSchemas.ok) {
    for (const object of listedSchemas.value) {
      const id = idOf(object);
      if (id !== undefined) subjects.push({ label: id, object, path: `${paths.schemas}/${id}`, resourceType: "Schema" });
    }
  } else reasons.push(listedSchemas.reason);
  return { subjects, reasons };
}

async function eachSubject(context: CheckContext, problemsOf: (subject: MetaSubject) => Promise<string[]>): Promise<CheckOutcome> {
  const { subjects, reasons } = await collectSubjects(context);
  if (subjects.length === 0) return skip(reasons.join("; ") || "no discovery object to inspect");
  const problems: string[] = [];
  for (const subject of subjects) {
    problems.push(...(await problemsOf(subject)).map((problem) => `${subject.label}: ${problem}`));
  }
  return fromProblems(problems);
}

async function injectionProbe(context: CheckContext, headers: Readonly<Record<string, string>>): Promise<CheckOutcome> {
  const targets: string[] = [paths.serviceProviderConfig];
  const schemaId = await sampleSchemaId(context);
  if (schemaId !== undefined) targets.push(schemaPath(schemaId, false));
  const problems: string[] = [];
  let compared = 0;
  for (const target of targets) {
    const plainLocation = locationFromOutcome(await get(context, target));
    if (plainLocation === undefined) continue;
    compared += 1;
    const location = locationFromOutcome(await get(context, target, headers));
    // A refusal (e.g. 400 or 421 for a foreign Host) shows the headers are not trusted either.
    if (location === undefined) continue;
    if (location !== plainLocation) problems.push(`GET ${target} with ${Object.keys(headers).join(", ")} answered meta.location ${JSON.stringify(location)}, not ${JSON.stringify(plainLocation)}`);
  }
  if (problems.length > 0) return fromProblems(problems);
  return compared === 0 ? skip("no meta.location to compare") : pass();
}
