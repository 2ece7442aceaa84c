// The conformance checker (`scim-codegen check`) against every adapter on a real server, at the plain base
// and at a tenant-scoped prefix, with authentication on: every required check passes, none is skipped.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpOutcome } from "../../generator/conformance/http-client.js";
import { runConformanceChecks } from "../../generator/conformance/run-checks.js";
import { conformanceProblems } from "../helpers/conformance.js";
import { compileDocumentSchema, matchPathTemplate, validateResponseAgainstOpenApi } from "../openapi/openapi-response-validator.js";
import type { AdapterServer } from "../../scripts/serve.js";
import { nodeAndPythonFrameworks, mounts, startAll, tenantBase, testToken } from "./servers.js";

let servers: ReadonlyMap<string, AdapterServer>;
let close: () => Promise<void>;
beforeAll(async () => ({ servers, close } = await startAll(nodeAndPythonFrameworks)), 600_000);
afterAll(() => close());

describe.each(nodeAndPythonFrameworks)("%s adapter", (framework) => {
  it.each([
    ["/scim/v2", mounts.plain, "/scim/v2"],
    ["a tenant prefix", mounts.tenant, tenantBase("acme-7")],
  ])("passes every conformance check mounted at %s", async (_label, mount, path) => {
    const server = servers.get(`${framework} ${mount}`);
    if (server === undefined) throw new Error("server not started");
    const exchanges: HttpOutcome[] = [];
    const run = await runConformanceChecks({
      baseUrl: `${server.origin}${path}`,
      options: { token: testToken },
      onExchange: (outcome) => exchanges.push(outcome),
    });
    if (!run.ok) throw new Error(run.message);
    // Every response the adapter gave during the run agrees with the generated OpenAPI document.
    expect(exchanges.length).toBeGreaterThan(50);
    expect(exchanges.flatMap(openApiProblems)).toEqual([]);
    expect(conformanceProblems(run.report)).toEqual([]);
    expect(run.report.ok).toBe(true);
    expect(run.report.summary.requiredFailed).toBe(0);
    expect(run.report.summary.passed).toBeGreaterThanOrEqual(50);
  });
});

const errorSchema = compileDocumentSchema("Error", { $ref: "#/components/schemas/Error" });

/** What is wrong with one response against the OpenAPI document: its path's operation, or the Error schema. */
function openApiProblems(outcome: HttpOutcome): string[] {
  if (!outcome.ok) return [`transport: ${outcome.error}`];
  const { method, path, status, headers, json } = outcome.response;
  const body = json.ok ? json.value : undefined;
  // The runtime serves `/Schemas/` as `/Schemas` (no redirect, SCIM-RULES); OpenAPI paths have no
  // optional trailing slash, so the response is checked against the path without it.
  const raw = path.split("?")[0]!;
  const pathname = raw.length > 1 ? raw.replace(/\/$/, "") : raw;
  const label = `${method} ${path} ${status}`;
  // The adapters serve discovery only; a resource endpoint (`/Users`, which the checker probes) is an
  // unknown path to them, answered by a SCIM Error like any other.
  const discovery = /^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/|$)/.test(pathname);
  if (discovery && matchPathTemplate(pathname) !== undefined) {
    const verdict = validateResponseAgainstOpenApi(pathname, status, body, { method, headers });
    return verdict.errors.map((e) => `${label}: ${e}`);
  }
  // Paths the document does not describe (unknown paths under the base) answer a SCIM Error.
  if (status === 204 || method === "HEAD") return [];
  return errorSchema(body) ? [] : [`${label}: not a SCIM Error: ${JSON.stringify(errorSchema.errors)}`];
}
