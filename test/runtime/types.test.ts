// Type-level tests: `tsc --noEmit` checks the @ts-expect-error lines; vitest checks the values.

import { describe, expect, expectTypeOf, it } from "vitest";
import { createDiscoveryHandler, createFetchHandler } from "../../generator/runtime/index.js";
import type {
  DiscoveryHandler,
  DiscoveryHandlerOptions,
  DiscoveryResponse,
  FetchHandlerOptions,
} from "../../generator/runtime/index.js";
import { rfcDocuments } from "./fixtures.js";

const documents = rfcDocuments();

describe("option types", () => {
  it("accept exactly one base URL source", () => {
    const valid: DiscoveryHandlerOptions[] = [
      { baseUrl: "https://a.example/scim/v2" },
      { baseUrl: (request) => `https://a.example${request.basePath}` },
      { origin: "https://a.example" },
      { trustHost: true },
      { origin: "https://a.example", trustHost: false, caseExact: true, cacheSize: 8 },
    ];
    expect(valid.map((options) => typeof createDiscoveryHandler(documents, options))).toEqual(Array(5).fill("function"));

    const rejectedAtCompileTime = (): void => {
      // @ts-expect-error no base URL source
      createDiscoveryHandler(documents, {});
      // @ts-expect-error two base URL sources
      createDiscoveryHandler(documents, { baseUrl: "https://a.example", origin: "https://a.example" });
      // @ts-expect-error trustHost must be the literal true
      createDiscoveryHandler(documents, { trustHost: false });
      // @ts-expect-error unknown filter policy
      createDiscoveryHandler(documents, { baseUrl: "https://a.example", serviceProviderConfigFilter: "drop" });
      // @ts-expect-error authenticate returns a boolean or a Promise of one
      createDiscoveryHandler(documents, { baseUrl: "https://a.example", authenticate: () => "yes" });
    };
    expect(typeof rejectedAtCompileTime).toBe("function");
  });

  it("type the handlers", () => {
    expectTypeOf(createDiscoveryHandler).returns.toEqualTypeOf<DiscoveryHandler>();
    expectTypeOf<ReturnType<DiscoveryHandler>>().toEqualTypeOf<DiscoveryResponse | Promise<DiscoveryResponse>>();
    expectTypeOf(createFetchHandler).returns.toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<FetchHandlerOptions>().toHaveProperty("basePath");
    // The body is a valid Fetch BodyInit as is.
    expectTypeOf<NonNullable<DiscoveryResponse["body"]>>().toExtend<BodyInit>();
  });
});
