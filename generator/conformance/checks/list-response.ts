import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, firstDifference, isJsonArray, isJsonInteger, isJsonObject, nonIntegerLiteral, type JsonObject } from "../json.js";
import { filterProbe, get, listBody, paths, scimErrorProblems, urns } from "../probes.js";
import type { HttpResponse } from "../http-client.js";

const listPaths = [paths.resourceTypes, paths.schemas] as const;
const listKeys = new Set(["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"]);
const integerKeys = ["totalResults", "itemsPerPage", "startIndex"] as const;

/** ListResponse (RFC 7644 §3.4.2) of /ResourceTypes and /Schemas, and the query parameters §4 says to ignore. */
export const listResponseChecks: readonly Check[] = [
  defineCheck("list.schemas", "required", "RFC 7644 §3.4.2", `list "schemas" is exactly ["${urns.listResponse}"]`, async (context) =>
    eachList(context, (body) => {
      const value = body["schemas"];
      return isJsonArray(value) && value.length === 1 && value[0] === urns.listResponse ? [] : [`schemas ${describeJson(value)}`];
    }),
  ),
  defineCheck("list.integers", "required", "RFC 7644 §3.4.2", "totalResults, itemsPerPage and startIndex are JSON integers", async (context) =>
    eachList(context, (body, response) =>
      integerKeys.flatMap((key) => {
        if (!isJsonInteger(body[key])) return [`${key} ${describeJson(body[key])}`];
        const literal = nonIntegerLiteral(response.bodyText, key);
        return literal === undefined ? [] : [`${key} written as ${literal}`];
      }),
    ),
  ),
  defineCheck("list.resources", "required", "RFC 7644 §3.4.2", "Resources is an array of JSON objects", async (context) =>
    eachList(context, (body) => {
      const value = body["Resources"];
      if (!isJsonArray(value)) return [`Resources ${describeJson(value)}`];
      const bad = value.findIndex((item) => !isJsonObject(item));
      return bad === -1 ? [] : [`Resources[${bad}] is ${describeJson(value[bad])}`];
    }),
  ),
  defineCheck("list.counts", "required", "RFC 7644 §3.4.2", "totalResults, itemsPerPage and the number of Resources are equal", async (context) =>
    eachList(context, (body) => {
      const resources = body["Resources"];
      const count = isJsonArray(resources) ? resources.length : undefined;
      // authentik rejects a page whose itemsPerPage differs from the item count.
      const { totalResults, itemsPerPage } = body;
      return totalResults === count && itemsPerPage === count
        ? []
        : [`totalResults ${describeJson(totalResults)}, itemsPerPage ${describeJson(itemsPerPage)}, ${count ?? "no"} Resources`];
    }),
  ),
  defineCheck("list.start-index", "required", "RFC 7644 §3.4.2", "startIndex is 1", async (context) =>
    eachList(context, (body) => (body["startIndex"] === 1 ? [] : [`startIndex ${describeJson(body["startIndex"])}`])),
  ),
  defineCheck("list.allowed-keys", "recommended", "RFC 7644 §3.4.2", "a ListResponse has no keys besides schemas, totalResults, itemsPerPage, startIndex and Resources", async (context) =>
    eachList(context, (body) => {
      const extra = Object.keys(body).filter((key) => !listKeys.has(key));
      return extra.length === 0 ? [] : [`unexpected ${extra.map((key) => JSON.stringify(key)).join(", ")}`];
    }),
  ),
  defineCheck("list.ignores-paging", "required", "RFC 7644 §4", "startIndex and count are ignored: the full list is returned", async (context) =>
    ignoredParameters(context, "startIndex=2&count=1"),
  ),
  defineCheck("list.ignores-sorting", "required", "RFC 7644 §4", "sortBy and sortOrder are ignored: the same list is returned", async (context) =>
    ignoredParameters(context, "sortBy=name&sortOrder=descending"),
  ),
  defineCheck("list.ignores-attributes", "required", "RFC 7644 §4", "attributes and excludedAttributes are ignored: the same list is returned", async (context) =>
    ignoredParameters(context, "attributes=name&excludedAttributes=description"),
  ),
  defineCheck("list.filter-forbidden", "recommended", "RFC 7644 §4", "a filter on /ResourceTypes or /Schemas answers 403 with a SCIM Error", async (context) => {
    const problems: string[] = [];
    for (const path of listPaths) {
      // RFC 7644 §4: "If a "filter" is provided, the service provider SHOULD respond with HTTP status code 403".
      const probe = await filterProbe(context, path);
      problems.push(...scimErrorProblems(probe.label, probe.outcome, 403));
    }
    return fromProblems(problems);
  }),
];

async function eachList(context: CheckContext, problemsOf: (body: JsonObject, response: HttpResponse) => string[]): Promise<CheckOutcome> {
  const problems: string[] = [];
  const reasons: string[] = [];
  for (const path of listPaths) {
    const list = await listBody(context, path);
    if (!list.ok) {
      reasons.push(list.reason);
      continue;
    }
    const { body, response } = list.value;
    if (!isJsonObject(body)) {
      problems.push(`GET ${path} body is ${isJsonArray(body) ? "a bare JSON array" : describeJson(body)}, not a ListResponse`);
      continue;
    }
    problems.push(...problemsOf(body, response).map((problem) => `GET ${path}: ${problem}`));
  }
  if (reasons.length === listPaths.length) return skip(reasons.join("; "));
  return fromProblems(problems);
}

async function ignoredParameters(context: CheckContext, query: string): Promise<CheckOutcome> {
  const problems: string[] = [];
  const reasons: string[] = [];
  for (const path of listPaths) {
    const plain = await listBody(context, path);
    if (!plain.ok) {
      reasons.push(plain.reason);
      continue;
    }
    const target = `${path}?${query}`;
    const outcome = await get(context, target);
    if (!outcome.ok) problems.push(`GET ${target} failed: ${outcome.error}`);
    else if (outcome.response.status !== 200) problems.push(`GET ${target} answered ${outcome.response.status}`);
    else if (!outcome.response.json.ok) problems.push(`GET ${target} body is not JSON`);
    else {
      const difference = firstDifference(plain.value.body, outcome.response.json.value);
      if (difference !== undefined) problems.push(`GET ${target} changed the list (${difference})`);
    }
  }
  if (reasons.length === listPaths.length) return skip(reasons.join("; "));
  return fromProblems(problems);
}
