import { defineCheck, fail, fromProblems, pass, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, firstDifference, isJsonArray, isJsonInteger, isJsonObject, nonIntegerLiteral, type Json, type JsonObject } from "../json.js";
import { asObject, filterProbe, get, idOf, paths, resourceTypes, scimErrorProblems, serviceProviderConfig, urns, type FetchedObject } from "../probes.js";

/** RFC 7643 §5 authentication scheme types. */
export const authenticationSchemeTypes = ["oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest"] as const;

interface Feature {
  readonly id: string;
  readonly key: string;
  readonly integers: readonly string[];
  readonly title: string;
}

// RFC 7643 §5: all six features are REQUIRED complex attributes, with every sub-attribute, even when
// the feature is unsupported (authentik silently turns PATCH and filtering off when parsing fails).
const features: readonly Feature[] = [
  { id: "patch", key: "patch", integers: [], title: "patch states supported" },
  { id: "bulk", key: "bulk", integers: ["maxOperations", "maxPayloadSize"], title: "bulk states supported, maxOperations and maxPayloadSize" },
  { id: "filter", key: "filter", integers: ["maxResults"], title: "filter states supported and maxResults" },
  { id: "change-password", key: "changePassword", integers: [], title: "changePassword states supported" },
  { id: "sort", key: "sort", integers: [], title: "sort states supported" },
  { id: "etag", key: "etag", integers: [], title: "etag states supported" },
];

const topLevelKeys = new Set(["schemas", "id", "documentationUri", "authenticationSchemes", "meta", ...features.map((feature) => feature.key)]);
const schemeKeys = new Set(["type", "name", "description", "specUri", "documentationUri", "primary"]);

/** ServiceProviderConfig (RFC 7643 §5): exact schemas, no id, every feature and sub-attribute, valid auth schemes. */
export const serviceProviderConfigChecks: readonly Check[] = [
  defineCheck("spc.schemas", "required", "RFC 7643 §5", `"schemas" is exactly ["${urns.serviceProviderConfig}"]`, async (context) =>
    withConfig(context, ({ body }) => {
      const value = body["schemas"];
      return isJsonArray(value) && value.length === 1 && value[0] === urns.serviceProviderConfig ? [] : [`schemas ${describeJson(value)}`];
    }),
  ),
  defineCheck("spc.no-id", "required", "RFC 7643 §5", 'the ServiceProviderConfig has no "id"', async (context) =>
    withConfig(context, ({ body }) => (Object.hasOwn(body, "id") ? [`id ${describeJson(body["id"])} is present`] : [])),
  ),
  ...features.map((feature) =>
    defineCheck(`spc.features.${feature.id}`, "required", "RFC 7643 §5", feature.title, async (context) =>
      withConfig(context, ({ body, response }) => featureProblems(body, response.bodyText, feature)),
    ),
  ),
  defineCheck("spc.authentication-schemes", "required", "RFC 7643 §5", "authenticationSchemes is a non-empty array of objects", async (context) =>
    withConfig(context, ({ body }) => {
      const value = body["authenticationSchemes"];
      if (!isJsonArray(value) || value.length === 0) return [`authenticationSchemes ${describeJson(value)}`];
      return value.flatMap((scheme, index) => (isJsonObject(scheme) ? [] : [`authenticationSchemes[${index}] is ${describeJson(scheme)}`]));
    }),
  ),
  defineCheck("spc.authentication-schemes.type", "required", "RFC 7643 §5", `every authentication scheme's type is one of ${authenticationSchemeTypes.join(", ")}`, async (context) =>
    withSchemes(context, (scheme, index) => {
      const type = scheme["type"];
      return typeof type === "string" && (authenticationSchemeTypes as readonly string[]).includes(type) ? [] : [`authenticationSchemes[${index}].type ${describeJson(type)}`];
    }),
  ),
  defineCheck("spc.authentication-schemes.fields", "required", "RFC 7643 §5", "every authentication scheme has a non-empty name and description", async (context) =>
    withSchemes(context, (scheme, index) =>
      ["name", "description"].flatMap((key) => {
        const value = scheme[key];
        return typeof value === "string" && value.trim() !== "" ? [] : [`authenticationSchemes[${index}].${key} ${describeJson(value)}`];
      }),
    ),
  ),
  defineCheck("spc.authentication-schemes.primary", "recommended", "RFC 7643 §2.4", 'at most one authentication scheme is "primary", and primary is a boolean', async (context) =>
    withConfig(context, ({ body }) => {
      const value = body["authenticationSchemes"];
      if (!isJsonArray(value)) return [];
      const problems: string[] = [];
      let primaries = 0;
      value.forEach((scheme, index) => {
        if (!isJsonObject(scheme) || !Object.hasOwn(scheme, "primary")) return;
        if (typeof scheme["primary"] !== "boolean") problems.push(`authenticationSchemes[${index}].primary ${describeJson(scheme["primary"])}`);
        if (scheme["primary"] === true) primaries += 1;
      });
      if (primaries > 1) problems.push(`${primaries} schemes are primary`);
      return problems;
    }),
  ),
  defineCheck("spc.uris", "required", "RFC 7643 §5", "documentationUri and every specUri/documentationUri, when given, are absolute URIs", async (context) =>
    withConfig(context, ({ body }) => {
      const problems: string[] = [];
      const checkUri = (path: string, value: Json | undefined): void => {
        if (value === undefined) return;
        if (typeof value !== "string" || !isAbsoluteUri(value)) problems.push(`${path} ${describeJson(value)} is not an absolute URI`);
      };
      checkUri("documentationUri", body["documentationUri"]);
      const schemes = body["authenticationSchemes"];
      if (isJsonArray(schemes)) {
        schemes.forEach((scheme, index) => {
          if (!isJsonObject(scheme)) return;
          checkUri(`authenticationSchemes[${index}].specUri`, scheme["specUri"]);
          checkUri(`authenticationSchemes[${index}].documentationUri`, scheme["documentationUri"]);
        });
      }
      return problems;
    }),
  ),
  defineCheck("spc.allowed-keys", "recommended", "RFC 7643 §5", "the ServiceProviderConfig and its features have no attributes RFC 7643 §5 does not define", async (context) =>
    withConfig(context, ({ body }) => {
      const problems = Object.keys(body)
        .filter((key) => !topLevelKeys.has(key))
        .map((key) => `unexpected ${JSON.stringify(key)}`);
      for (const feature of features) {
        const value = body[feature.key];
        if (!isJsonObject(value)) continue;
        const allowed = new Set(["supported", ...feature.integers]);
        for (const key of Object.keys(value)) if (!allowed.has(key)) problems.push(`unexpected ${feature.key}.${key}`);
      }
      const schemes = body["authenticationSchemes"];
      if (isJsonArray(schemes)) {
        schemes.forEach((scheme, index) => {
          if (!isJsonObject(scheme)) return;
          for (const key of Object.keys(scheme)) if (!schemeKeys.has(key)) problems.push(`unexpected authenticationSchemes[${index}].${key}`);
        });
      }
      return problems;
    }),
  ),
  defineCheck("spc.filter-ignored", "recommended", "RFC 7644 §4", "a filter on /ServiceProviderConfig is ignored (200, same document; 403 with --spc-filter-forbidden)", async (context) => {
    const plain = await serviceProviderConfig(context);
    const probe = await filterProbe(context, paths.serviceProviderConfig);
    if (context.options.spcFilter === "forbidden") return fromProblems(scimErrorProblems(probe.label, probe.outcome, 403));
    if (!plain.ok) return skip(plain.reason);
    const fetched = asObject(probe.label, probe.outcome);
    if (!fetched.ok) return fail(`${fetched.reason} (pass --spc-filter-forbidden if 403 is intended)`);
    const difference = firstDifference(plain.value.body, fetched.value.body);
    return difference === undefined ? pass() : fail(`${probe.label} served a different document (${difference})`);
  }),
  defineCheck("spc.capabilities.filter", "recommended", "RFC 7643 §5", "filter.supported true is real: a filter on a resource endpoint answers a ListResponse", async (context) => {
    const config = await serviceProviderConfig(context);
    if (!config.ok) return skip(config.reason);
    const filter = config.value.body["filter"];
    if (!isJsonObject(filter) || filter["supported"] !== true) return skip("filter.supported is not true; nothing to verify");
    if (context.options.discoveryOnly) return skip("--discovery-only: no resource endpoint is served to verify filter.supported against");
    const listed = await resourceTypes(context);
    if (!listed.ok) return skip(listed.reason);
    const preferred = listed.value.find((item) => idOf(item) === "User") ?? listed.value[0];
    const endpoint = preferred?.["endpoint"];
    if (typeof endpoint !== "string" || !endpoint.startsWith("/")) return skip("no resource type with an endpoint path to probe");
    // A filter no resource can match: read-only, and returns no personal data.
    const target = `${endpoint}?filter=${encodeURIComponent('id eq "scim-codegen-check-nonexistent"')}`;
    const outcome = await get(context, target);
    if (outcome.ok && (outcome.response.status === 401 || outcome.response.status === 403) && context.options.token === undefined) {
      return skip(`GET ${target} answered ${outcome.response.status}; pass --token to verify`);
    }
    const fetched = asObject(`GET ${target}`, outcome);
    if (!fetched.ok) return fail(fetched.reason);
    const { body } = fetched.value;
    const schemas = body["schemas"];
    if (!isJsonArray(schemas) || !schemas.includes(urns.listResponse)) return fail(`GET ${target} did not answer a ListResponse`);
    return body["totalResults"] === 0 ? pass() : fail(`GET ${target} answered totalResults ${describeJson(body["totalResults"])}, want 0`);
  }),
];

async function withConfig(context: CheckContext, problemsOf: (config: FetchedObject) => string[]): Promise<CheckOutcome> {
  const config = await serviceProviderConfig(context);
  if (!config.ok) return skip(config.reason);
  return fromProblems(problemsOf(config.value));
}

async function withSchemes(context: CheckContext, problemsOf: (scheme: JsonObject, index: number) => string[]): Promise<CheckOutcome> {
  const config = await serviceProviderConfig(context);
  if (!config.ok) return skip(config.reason);
  const schemes = config.value.body["authenticationSchemes"];
  if (!isJsonArray(schemes) || schemes.length === 0) return skip("authenticationSchemes is not a non-empty array");
  return fromProblems(schemes.flatMap((scheme, index) => (isJsonObject(scheme) ? problemsOf(scheme, index) : [])));
}

function featureProblems(body: JsonObject, rawBody: string, feature: Feature): string[] {
  const value = body[feature.key];
  if (!isJsonObject(value)) return [`${feature.key} ${describeJson(value)}`];
  const problems: string[] = [];
  if (typeof value["supported"] !== "boolean") problems.push(`${feature.key}.supported ${describeJson(value["supported"])}`);
  for (const key of feature.integers) {
    const number = value[key];
    // "Integers stay integers (0 when unsupported)": a string, null or absent value fails the parse.
    if (!isJsonInteger(number) || number < 0) {
      problems.push(`${feature.key}.${key} ${describeJson(number)}`);
      continue;
    }
    const literal = nonIntegerLiteral(rawBody, key);
    if (literal !== undefined) problems.push(`${feature.key}.${key} written as ${literal}`);
  }
  return problems;
}

/** True for an absolute URI (RFC 3986 §4.3): a scheme, then a parseable remainder. */
export function isAbsoluteUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
