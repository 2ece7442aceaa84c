import { defineCheck, fail, fromProblems, pass, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { firstDifference, isJsonArray, isJsonObject } from "../json.js";
import {
  asObject,
  badTokenProbes,
  describeOutcome,
  paths,
  scimErrorProblems,
  serviceProviderConfig,
  unauthenticatedProbes,
  type Probe,
} from "../probes.js";

const noToken = "no --token given: authenticated and unauthenticated requests cannot be told apart";

// RFC 7235 §2.1 auth-scheme names (case-insensitive) and the RFC 7643 §5 types they implement.
const schemeTypes: Readonly<Record<string, readonly string[]>> = {
  bearer: ["oauthbearertoken", "oauth2", "oauth"],
  basic: ["httpbasic"],
  digest: ["httpdigest"],
};

/** Authentication (RFC 7644 §2): discovery behind the token, 401 with a SCIM Error and WWW-Authenticate. */
export const authenticationChecks: readonly Check[] = [
  defineCheck("auth.unauthenticated-rejected", "required", "RFC 7644 §2", "without credentials, /ResourceTypes, /Schemas and their items answer 401", async (context) => {
    const probes = await protectedUnauthenticated(context);
    if (probes === undefined) return skip(noToken);
    return fromProblems(probes.filter((probe) => statusOf(probe) !== 401).map((probe) => `${probe.label} ${describeOutcome(probe.outcome)}`));
  }),
  defineCheck("auth.bad-token-rejected", "required", "RFC 6750 §3.1", "a wrong bearer token answers 401, so a bad token never looks valid", async (context) => {
    const probes = await badTokenProbes(context);
    if (probes.length === 0) return skip(noToken);
    return fromProblems(probes.filter((probe) => statusOf(probe) !== 401).map((probe) => `${probe.label} ${describeOutcome(probe.outcome)}`));
  }),
  defineCheck("auth.www-authenticate", "required", "RFC 7235 §4.1", "every 401 response carries a WWW-Authenticate challenge", async (context) =>
    each401(context, (probe, header) => (header === undefined || header.trim() === "" ? [`${probe.label} → 401 without WWW-Authenticate`] : [])),
  ),
  defineCheck("auth.error-body", "required", "RFC 7644 §3.12", "every 401 response is a SCIM Error in application/scim+json", async (context) =>
    each401(context, (probe) => scimErrorProblems(probe.label, probe.outcome, 401)),
  ),
  defineCheck(
    "auth.service-provider-config",
    "required",
    "RFC 7643 §5",
    "unauthenticated /ServiceProviderConfig answers 401, or 200 with the same document (required with --public-spc)",
    async (context) => {
      const plain = await serviceProviderConfig(context);
      if (context.options.token === undefined) {
        if (!context.options.publicServiceProviderConfig) return skip(noToken);
        return plain.ok ? pass() : fail(plain.reason);
      }
      const outcome = await context.http.send({ path: paths.serviceProviderConfig, authenticate: false });
      const label = `GET ${paths.serviceProviderConfig} without credentials`;
      if (outcome.ok && outcome.response.status === 401 && !context.options.publicServiceProviderConfig) return pass();
      const fetched = asObject(label, outcome);
      if (!fetched.ok) return fail(context.options.publicServiceProviderConfig ? `${fetched.reason} (--public-spc wants 200)` : fetched.reason);
      if (!plain.ok) return skip(plain.reason);
      // RFC 7643 §5: readable without authentication, but it must still be the one document.
      const difference = firstDifference(plain.value.body, fetched.value.body);
      return difference === undefined ? pass() : fail(`${label} served a different document (${difference})`);
    },
  ),
  defineCheck("auth.scheme-advertised", "recommended", "RFC 7643 §5", "the WWW-Authenticate scheme is one authenticationSchemes advertises", async (context) => {
    const config = await serviceProviderConfig(context);
    if (!config.ok) return skip(config.reason);
    const schemes = config.value.body["authenticationSchemes"];
    const advertised = new Set(
      (isJsonArray(schemes) ? schemes : []).flatMap((scheme) => (isJsonObject(scheme) && typeof scheme["type"] === "string" ? [scheme["type"]] : [])),
    );
    return each401(context, (probe, header) => {
      if (header === undefined) return [];
      const challenged = challengeSchemes(header);
      const matches = challenged.some((scheme) => (schemeTypes[scheme.toLowerCase()] ?? []).some((type) => advertised.has(type)));
      return matches ? [] : [`${probe.label} challenges ${challenged.join(", ") || "nothing"} but authenticationSchemes types are ${[...advertised].join(", ") || "none"}`];
    });
  }),
];

function statusOf(probe: Probe): number | undefined {
  return probe.outcome.ok ? probe.outcome.response.status : undefined;
}

/** Unauthenticated probes of everything but /ServiceProviderConfig (RFC 7643 §5 lets it be public). */
async function protectedUnauthenticated(context: CheckContext): Promise<readonly Probe[] | undefined> {
  if (context.options.token === undefined) return undefined;
  const probes = await unauthenticatedProbes(context);
  return probes.filter((probe) => !probe.label.startsWith(`GET ${paths.serviceProviderConfig} `));
}

async function each401(context: CheckContext, problemsOf: (probe: Probe, header: string | undefined) => string[]): Promise<CheckOutcome> {
  if (context.options.token === undefined) return skip(noToken);
  const probes = [...(await unauthenticatedProbes(context)), ...(await badTokenProbes(context))];
  const rejected = probes.filter((probe) => statusOf(probe) === 401);
  if (rejected.length === 0) return skip("no probe answered 401");
  return fromProblems(rejected.flatMap((probe) => problemsOf(probe, probe.outcome.ok ? probe.outcome.response.headers["www-authenticate"] : undefined)));
}

/** Auth-scheme names of a WWW-Authenticate header (RFC 7235 §4.1), e.g. `Bearer realm="x", Basic` → Bearer, Basic. */
export function challengeSchemes(header: string): string[] {
  const schemes: string[] = [];
  for (const part of header.split(",")) {
    const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s|$)/.exec(part);
    if (match?.[1] !== undefined) schemes.push(match[1]);
  }
  return schemes;
}
