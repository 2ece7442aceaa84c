import { defineCheck, fromProblems, skip, type Check, type CheckContext, type CheckOutcome } from "../check.js";
import { describeJson, isJsonArray, isJsonObject, snippet, type JsonObject } from "../json.js";
import { errorResponses, expectedErrorProbes, urns } from "../probes.js";
import type { HttpResponse } from "../http-client.js";

/** RFC 7644 §3.12 Error attributes; scim2-models forbids any other key. */
const errorKeys = new Set(["schemas", "status", "scimType", "detail"]);

/**
 * RFC 7644 §3.12 Table 9 keywords and the statuses they go with: Table 9 is defined "for HTTP status
 * 400 (Bad Request) responses"; §3.3 also pairs `uniqueness` with 409 and §7.5.2 `sensitive` with 403.
 */
export const scimTypeStatuses: Readonly<Record<string, readonly number[]>> = {
  invalidFilter: [400],
  tooMany: [400],
  uniqueness: [400, 409],
  mutability: [400],
  invalidSyntax: [400],
  invalidPath: [400],
  noTarget: [400],
  invalidValue: [400],
  invalidVers: [400],
  sensitive: [400, 403],
};

interface ErrorBody {
  readonly label: string;
  readonly response: HttpResponse;
  readonly body: JsonObject;
}

/** Error bodies (RFC 7644 §3.12) of every probe that answered ≥ 400: exact shape, string status. */
export const errorChecks: readonly Check[] = [
  defineCheck("errors.json-body", "required", "RFC 7644 §3.12", "error responses carry a JSON object body, never HTML or plain text", async (context) => {
    const errors = errorResponses(await expectedErrorProbes(context));
    if (errors.length === 0) return skip("no probe answered an error status");
    const problems: string[] = [];
    for (const { label, response } of errors) {
      if (!response.json.ok) problems.push(`${label} → ${response.status} ${snippet(response.bodyText)}`);
      else if (!isJsonObject(response.json.value)) problems.push(`${label} → ${response.status} body is ${describeJson(response.json.value)}`);
    }
    return fromProblems(problems);
  }),
  defineCheck("errors.schemas", "required", "RFC 7644 §3.12", `error "schemas" is exactly ["${urns.error}"]`, async (context) =>
    eachErrorBody(context, ({ body }) => {
      const value = body["schemas"];
      return isJsonArray(value) && value.length === 1 && value[0] === urns.error ? undefined : `schemas ${describeJson(value)}`;
    }),
  ),
  defineCheck("errors.status-string", "required", "RFC 7644 §3.12", 'error "status" is a JSON string, e.g. "404"', async (context) =>
    eachErrorBody(context, ({ body }) => (typeof body["status"] === "string" ? undefined : `status ${describeJson(body["status"])} is not a string`)),
  ),
  defineCheck("errors.status-matches", "required", "RFC 7644 §3.12", 'error "status" equals the HTTP status code', async (context) =>
    eachErrorBody(context, ({ body, response }) => {
      const value = body["status"];
      const text = typeof value === "string" || typeof value === "number" ? String(value) : undefined;
      return text === String(response.status) ? undefined : `status ${describeJson(value)} but HTTP ${response.status}`;
    }),
  ),
  defineCheck("errors.allowed-keys", "required", "RFC 7644 §3.12", "error bodies have no keys besides schemas, status, scimType and detail", async (context) =>
    eachErrorBody(context, ({ body }) => {
      const extra = Object.keys(body).filter((key) => !errorKeys.has(key));
      return extra.length === 0 ? undefined : `unexpected ${extra.map((key) => JSON.stringify(key)).join(", ")}`;
    }),
  ),
  defineCheck("errors.scim-type", "required", "RFC 7644 §3.12", 'error "scimType", when present, is a Table 9 keyword used with its status', async (context) =>
    eachErrorBody(context, ({ body, response }) => {
      if (!Object.hasOwn(body, "scimType")) return undefined;
      const value = body["scimType"];
      const statuses = typeof value === "string" ? scimTypeStatuses[value] : undefined;
      if (statuses === undefined) return `scimType ${describeJson(value)} is not in RFC 7644 Table 9`;
      return statuses.includes(response.status) ? undefined : `scimType ${JSON.stringify(value)} does not apply to ${response.status}`;
    }),
  ),
  defineCheck("errors.detail", "recommended", "RFC 7644 §3.12", 'error bodies explain themselves in a non-empty "detail" string', async (context) =>
    eachErrorBody(context, ({ body }) => {
      const value = body["detail"];
      return typeof value === "string" && value.trim() !== "" ? undefined : `detail ${describeJson(value)}`;
    }),
  ),
];

async function eachErrorBody(context: CheckContext, problemOf: (error: ErrorBody) => string | undefined): Promise<CheckOutcome> {
  const bodies: ErrorBody[] = [];
  for (const { label, response } of errorResponses(await expectedErrorProbes(context))) {
    if (response.json.ok && isJsonObject(response.json.value)) bodies.push({ label, response, body: response.json.value });
  }
  if (bodies.length === 0) return skip("no probe answered an error status with a JSON object body");
  const problems: string[] = [];
  for (const error of bodies) {
    const problem = problemOf(error);
    if (problem !== undefined) problems.push(`${error.label} → ${error.response.status}: ${problem}`);
  }
  return fromProblems(problems);
}
