import type { ConformanceReport } from "../../generator/conformance/run-checks.js";

// Checks that probe the resource endpoints (/Users) to verify an advertised capability: the discovery
// adapters serve no resources, so they fail there by construction. They are recommended-level checks; the
// service that mounts an adapter next to its real /Users passes them.
export const resourceEndpointChecks: ReadonlySet<string> = new Set(["spc.capabilities.filter", "spc.capabilities.patch", "spc.capabilities.sort"]);

/** Every skipped check and every failed one except the recommended resource-endpoint probes, one line each. */
export function conformanceProblems(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.status === "skip" || (r.status === "fail" && !(r.level === "recommended" && resourceEndpointChecks.has(r.id))))
    .map((r) => `${r.status} ${r.level} ${r.id}: ${r.detail ?? ""}`);
}
