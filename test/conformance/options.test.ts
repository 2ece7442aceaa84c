import { describe, expect, it } from "vitest";
import { runConformanceChecks } from "../../generator/conformance/run-checks.js";
import { scimError, startFakeScimServer, type FakeServerOptions } from "./fixtures/fake-scim-server.js";
import { runAgainst } from "./fixtures/run-against.js";

// SCIM-RULES.md: "Where clients disagree, the default chosen here is stated; make the other behaviour
// an option." Each option must accept the other behaviour and reject the default one.

describe("--exact-case (RFC 7644 §3.10 case-insensitive lookups are the default)", () => {
  it("accepts an exact-case service", async () => {
    const { failed } = await runAgainst({ caseInsensitive: false }, { exactCase: true });
    expect(failed).toEqual([]);
  });

  it("then expects another letter case to be an ordinary 404", async () => {
    const { failed } = await runAgainst({}, { exactCase: true });
    expect(failed).toEqual(["routes.resource-type-case-insensitive", "routes.schema-case-insensitive"]);
  });
});

describe("--trust-forwarded-headers (meta.location from configuration is the default)", () => {
  it("accepts a service that builds meta.location from the request, skipping the injection checks", async () => {
    const { failed, skipped } = await runAgainst({ locationBase: "trust-headers" }, { trustForwardedHeaders: true });
    expect(failed).toEqual([]);
    expect(skipped.filter((id) => id.startsWith("meta."))).toEqual(["meta.forwarded-headers", "meta.host-header"]);
  });

  it("still catches a base kept in shared mutable state", async () => {
    const { failed } = await runAgainst({ locationBase: "shared-mutable" }, { trustForwardedHeaders: true });
    expect(failed).toEqual(["meta.no-shared-base"]);
  });
});

describe("--spc-filter-forbidden (a filter on /ServiceProviderConfig is ignored by default)", () => {
  const forbidding: FakeServerOptions = {
    faults: [
      async (request, next) =>
        request.rawPath.endsWith("/ServiceProviderConfig") && request.query.has("filter") ? scimError(403, "Filtering is not supported.") : next(),
    ],
  };

  it("accepts 403", async () => {
    const { failed } = await runAgainst(forbidding, { spcFilter: "forbidden" });
    expect(failed).toEqual([]);
  });

  it("then rejects a service that ignores the filter", async () => {
    const { failed } = await runAgainst({}, { spcFilter: "forbidden" });
    expect(failed).toEqual(["spc.filter-ignored"]);
  });
});

describe("--no-service-provider-schemas (/Schemas lists the three service-provider schemas by default)", () => {
  it("accepts a /Schemas with resource schemas only", async () => {
    const onlyResources: FakeServerOptions = { documents: (documents) => void (documents.schemas = documents.schemas.slice(0, 3)) };
    expect((await runAgainst(onlyResources)).failed).toEqual(["schemas.service-provider-schemas"]);
    const { failed, skipped } = await runAgainst(onlyResources, { serviceProviderSchemas: false });
    expect(failed).toEqual([]);
    expect(skipped).toContain("schemas.service-provider-schemas");
  });
});

describe("--public-spc (RFC 7643 §5: authenticationSchemes readable without authentication)", () => {
  it("accepts a public /ServiceProviderConfig behind an otherwise protected service", async () => {
    const { failed, skipped } = await runAgainst({ token: "s3cret", publicServiceProviderConfig: true }, { token: "s3cret", publicServiceProviderConfig: true });
    expect(failed).toEqual([]);
    expect(skipped).toEqual([]);
  });

  it("accepts a public /ServiceProviderConfig by default too: 401 or the same 200 document", async () => {
    const { failed } = await runAgainst({ token: "s3cret", publicServiceProviderConfig: true }, { token: "s3cret" });
    expect(failed).toEqual([]);
  });
});

describe("the base URL", () => {
  it("may end with a slash", async () => {
    const running = await startFakeScimServer();
    try {
      const result = await runConformanceChecks({ baseUrl: `${running.baseUrl}/` });
      expect(result.ok && result.report.baseUrl).toBe(running.baseUrl);
      expect(result.ok && result.report.summary.failed).toBe(0);
    } finally {
      await running.close();
    }
  });
});

describe("--discovery-only (a resource endpoint is probed to verify filter.supported by default)", () => {
  // A generated adapter alone: the discovery endpoints, and no /Users yet.
  const discoveryOnly: FakeServerOptions = {
    faults: [async (request, next) => (/\/Users$/i.test(request.rawPath) ? scimError(404, "Resource endpoint not served here.") : next())],
  };

  it("skips the resource-endpoint probe, and only it", async () => {
    const { failed, skipped } = await runAgainst(discoveryOnly, { discoveryOnly: true });
    const usual = new Set((await runAgainst({})).skipped);
    expect(failed).toEqual([]);
    expect(skipped.filter((id) => !usual.has(id))).toEqual(["spc.capabilities.filter"]);
  });

  it("without it, a filter.supported that no endpoint backs is a failure", async () => {
    const { failed } = await runAgainst(discoveryOnly);
    expect(failed).toEqual(["spc.capabilities.filter"]);
  });
});
