import { beforeAll, describe, expect, it } from "vitest";
import { allChecks } from "../../generator/conformance/checks/index.js";
import { runAgainst, type RunAgainstResult } from "./fixtures/run-against.js";

describe("the check catalogue", () => {
  it("has at least 50 checks with unique, stable ids, a title, an RFC section and a level", () => {
    expect(allChecks.length).toBeGreaterThanOrEqual(50);
    const ids = allChecks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of allChecks) {
      expect(check.id).toMatch(/^[a-z]+(?:[.-][a-z0-9]+)+$/);
      expect(check.title).toMatch(/^\S.*\S$/);
      expect(check.title).not.toMatch(/\n/);
      expect(check.rfc).toMatch(/^RFC (?:7643|7644|7235|6750|8259|9110) §[0-9.]+$/);
      expect(["required", "recommended"]).toContain(check.level);
    }
  });
});

describe("a compliant service (RFC 7643 §8 documents with errata, served per SCIM-RULES.md)", () => {
  let withoutToken: RunAgainstResult;
  let withToken: RunAgainstResult;
  beforeAll(async () => {
    withoutToken = await runAgainst();
    withToken = await runAgainst({ token: "s3cret" }, { token: "s3cret" });
  });

  it("passes every check; without --token only the authentication checks skip", () => {
    const { report, failed, skipped } = withoutToken;
    expect(failed).toEqual([]);
    expect(skipped).toEqual(allChecks.filter((check) => check.id.startsWith("auth.")).map((check) => check.id));
    for (const result of report.results.filter((check) => check.status === "skip")) expect(result.detail).toContain("--token");
    expect(report.ok).toBe(true);
    expect(report.summary).toEqual({ passed: allChecks.length - skipped.length, failed: 0, skipped: skipped.length, requiredFailed: 0, recommendedFailed: 0 });
  });

  it("passes every check, skipping none, with --token", () => {
    const { report, failed, skipped } = withToken;
    expect(failed).toEqual([]);
    expect(skipped).toEqual([]);
    expect(report.results.map((result) => result.id)).toEqual(allChecks.map((check) => check.id));
  });

  it("sends each distinct request once: a bounded number of requests", () => {
    const { report, requests } = withToken;
    expect(requests.length).toBe(report.requestCount);
    expect(requests.length).toBeLessThan(120);
    // A URL repeats only for header variants (Accept, credentials, forwarded headers), each sent once.
    const counts = new Map<string, number>();
    for (const request of requests) counts.set(request, (counts.get(request) ?? 0) + 1);
    expect(counts.get("GET /scim/v2/ServiceProviderConfig")).toBeLessThanOrEqual(15);
    expect(counts.get("GET /scim/v2/ResourceTypes/User")).toBeLessThanOrEqual(3);
    expect(counts.get("GET /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")).toBe(1);
  });

  it("fetches /Schemas/{uri} raw, percent-encoded and case-changed, and probes writes, filters and unknowns", () => {
    const { requests } = withoutToken;
    for (const request of [
      "GET /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
      "GET /scim/v2/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser",
      "GET /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:user",
      "GET /scim/v2/ResourceTypes/user",
      "GET /scim/v2/ResourceTypes/ScimCodegenCheckUnknown",
      "GET /scim/v2/ScimCodegenCheckUnknownPath",
      "POST /scim/v2/Schemas",
      "PUT /scim/v2/ServiceProviderConfig",
      "PATCH /scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
      "DELETE /scim/v2/ResourceTypes/User",
      "GET /scim/v2/ResourceTypes?filter=name%20eq%20%22User%22",
      "GET /scim/v2/Schemas?startIndex=2&count=1",
    ]) {
      expect(requests).toContain(request);
    }
  });

  it("is deterministic: another run gives the same results", async () => {
    const again = await runAgainst({ token: "s3cret" }, { token: "s3cret" });
    expect(again.report.results).toEqual(withToken.report.results);
  });

  it("works for a service mounted at the root of its origin", async () => {
    const { failed } = await runAgainst({ basePath: "" });
    expect(failed).toEqual([]);
  });
});
