import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { firstDifference } from "../json.js";
import { discoveryGetTargets, errorResponses, expectedErrorProbes, get, mediaTypeOf, paths } from "../probes.js";

const scimMediaType = "application/scim+json";

/** Media type (RFC 7644 §3.1, §8.1): application/scim+json everywhere, and no Accept variant gets 406. */
export const mediaTypeChecks: readonly Check[] = [
  defineCheck("media-type.success", "required", "RFC 7644 §3.1", "successful discovery responses have Content-Type application/scim+json", async (context) => {
    const problems: string[] = [];
    let seen = 0;
    for (const target of await discoveryGetTargets(context)) {
      const outcome = await get(context, target);
      if (!outcome.ok || outcome.response.status < 200 || outcome.response.status >= 300) continue;
      seen += 1;
      if (mediaTypeOf(outcome.response) !== scimMediaType) {
        problems.push(`GET ${target} Content-Type ${outcome.response.headers["content-type"] ?? "absent"}`);
      }
    }
    if (seen === 0) return skip("no discovery URL answered 2xx");
    return fromProblems(problems);
  }),
  defineCheck("media-type.errors", "required", "RFC 7644 §3.12", "error responses have Content-Type application/scim+json", async (context) => {
    const errors = errorResponses(await expectedErrorProbes(context));
    if (errors.length === 0) return skip("no probe answered an error status");
    const problems = errors
      .filter(({ response }) => mediaTypeOf(response) !== scimMediaType)
      .map(({ label, response }) => `${label} → ${response.status} with Content-Type ${response.headers["content-type"] ?? "absent"}`);
    return fromProblems(problems);
  }),
  defineCheck("media-type.charset", "recommended", "RFC 8259 §8.1", "a charset parameter on Content-Type, when present, is utf-8", async (context) => {
    const problems: string[] = [];
    const targets = await discoveryGetTargets(context);
    const labelled = [
      ...(await Promise.all(targets.map(async (target) => ({ label: `GET ${target}`, outcome: await get(context, target) })))),
      ...(await expectedErrorProbes(context)),
    ];
    for (const { label, outcome } of labelled) {
      if (!outcome.ok) continue;
      const header = outcome.response.headers["content-type"] ?? "";
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header)?.[1];
      if (charset !== undefined && charset.toLowerCase() !== "utf-8") problems.push(`${label} Content-Type ${header}`);
    }
    return fromProblems(problems);
  }),
  defineCheck("media-type.accept-json", "required", "RFC 7644 §3.8", "Accept: application/json is served like the default request, never 406", async (context) =>
    acceptVariant(context, { accept: "application/json" }),
  ),
  defineCheck("media-type.accept-scim-json", "required", "RFC 7644 §3.8", "Accept: application/scim+json is served, never 406", async (context) =>
    acceptVariant(context, { accept: scimMediaType }),
  ),
  defineCheck("media-type.accept-any", "required", "RFC 7644 §3.8", "Accept: */* is served like the default request, never 406", async (context) =>
    acceptVariant(context, { accept: "*/*" }),
  ),
  defineCheck("media-type.accept-charset", "required", "RFC 7644 §3.8", "a request with Accept-Charset: utf-8 is served like the default request, never 406", async (context) =>
    acceptVariant(context, { accept: scimMediaType, "accept-charset": "utf-8" }),
  ),
];

async function acceptVariant(context: CheckContext, headers: Readonly<Record<string, string>>): Promise<CheckOutcome> {
  const shown = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  const problems: string[] = [];
  for (const path of [paths.serviceProviderConfig, paths.resourceTypes, paths.schemas]) {
    const [plain, variant] = await Promise.all([get(context, path), get(context, path, headers)]);
    const label = `GET ${path} with ${shown}`;
    if (!variant.ok) {
      problems.push(`${label} failed: ${variant.error}`);
      continue;
    }
    if (variant.response.status !== 200) {
      problems.push(`${label} answered ${variant.response.status}`);
      continue;
    }
    // Compare documents only when the default request was served; otherwise the routes checks report it.
    if (!plain.ok || plain.response.status !== 200 || !plain.response.json.ok) continue;
    if (!variant.response.json.ok) {
      problems.push(`${label} body is not JSON`);
      continue;
    }
    const difference = firstDifference(plain.response.json.value, variant.response.json.value);
    if (difference !== undefined) problems.push(`${label} served a different document (${difference})`);
  }
  return fromProblems(problems);
}
