// The conformance checker (`scim-codegen check`) against every adapter on a real server, at the plain base
// and at a tenant-scoped prefix, with authentication on: every required check passes, none is skipped.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformanceChecks, type ConformanceReport } from "../../generator/conformance/run-checks.js";
import type { AdapterServer } from "../../scripts/serve.js";
import { adapterFrameworks, mounts, startAll, tenantBase, testToken } from "./servers.js";

let servers: ReadonlyMap<string, AdapterServer>;
let close: () => Promise<void>;
beforeAll(async () => ({ servers, close } = await startAll()));
afterAll(() => close());

// Checks that probe the resource endpoints (/Users) to verify an advertised capability: the discovery
// adapters serve no resources, so they fail here by construction. They are recommended-level checks; the
// service that mounts an adapter next to its real /Users passes them.
const resourceEndpointChecks = new Set(["spc.capabilities.filter", "spc.capabilities.patch", "spc.capabilities.sort"]);

function problems(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.status === "skip" || (r.status === "fail" && !(r.level === "recommended" && resourceEndpointChecks.has(r.id))))
    .map((r) => `${r.status} ${r.level} ${r.id}: ${r.detail ?? ""}`);
}

describe.each(adapterFrameworks)("%s adapter", (framework) => {
  it.each([
    ["/scim/v2", mounts.plain, "/scim/v2"],
    ["a tenant prefix", mounts.tenant, tenantBase("acme-7")],
  ])("passes every conformance check mounted at %s", async (_label, mount, path) => {
    const server = servers.get(`${framework} ${mount}`);
    if (server === undefined) throw new Error("server not started");
    const run = await runConformanceChecks({ baseUrl: `${server.origin}${path}`, options: { token: testToken } });
    if (!run.ok) throw new Error(run.message);
    expect(problems(run.report)).toEqual([]);
    expect(run.report.ok).toBe(true);
    expect(run.report.summary.requiredFailed).toBe(0);
    expect(run.report.summary.passed).toBeGreaterThanOrEqual(50);
  });
});
