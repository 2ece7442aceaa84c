// The option objects the types accept are accepted at run time too. The type-level expectations are in
// types.test-d.ts, which vitest type-checks.

import { describe, expect, it } from "vitest";
import { createDiscoveryHandler } from "../../generator/runtime/index.js";
import type { DiscoveryHandlerOptions } from "../../generator/runtime/index.js";
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
  });
});
