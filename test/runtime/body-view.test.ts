// Response bodies are Node Buffers where Node's Buffer exists, so Node-based adapters send them without a
// per-write wrap; elsewhere they stay plain Uint8Arrays.

import { afterEach, describe, expect, it, vi } from "vitest";
import { createDiscoveryHandler, createErrorResponse } from "../../generator/runtime/index.js";
import type { DiscoveryResponse } from "../../generator/runtime/index.js";
import { rfcDocuments } from "./fixtures.js";

function served(path: string): DiscoveryResponse {
  const handle = createDiscoveryHandler(rfcDocuments(), { baseUrl: "https://scim.example/v2" });
  return handle({ method: "GET", basePath: "", path, query: "", headers: {} }) as DiscoveryResponse;
}

describe("response bodies", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("are Buffers on Node: documents (list items share the list's memory, not copies) and errors", () => {
    const handle = createDiscoveryHandler(rfcDocuments(), { baseUrl: "https://scim.example/v2" });
    const body = (path: string): Uint8Array | null =>
      (handle({ method: "GET", basePath: "", path, query: "", headers: {} }) as DiscoveryResponse).body;
    const list = body("/Schemas") as Uint8Array;
    const item = body("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User") as Uint8Array;
    expect(Buffer.isBuffer(list)).toBe(true);
    expect(Buffer.isBuffer(item)).toBe(true);
    expect(Buffer.isBuffer(body("/ServiceProviderConfig"))).toBe(true);
    expect(Buffer.isBuffer(createErrorResponse(404, "Not found.").get.body)).toBe(true);
    expect(item.buffer).toBe(list.buffer);
    expect(Buffer.from(list).includes(Buffer.from(item))).toBe(true);
  });

  it("are plain Uint8Arrays with the same bytes where there is no Buffer (Workers, browsers)", async () => {
    const onNode = served("/Schemas").body as Uint8Array;
    vi.stubGlobal("Buffer", undefined);
    vi.resetModules();
    const runtime = await import("../../generator/runtime/index.js");
    const handle = runtime.createDiscoveryHandler(rfcDocuments(), { baseUrl: "https://scim.example/v2" });
    const body = (handle({ method: "GET", basePath: "", path: "/Schemas", query: "", headers: {} }) as DiscoveryResponse).body as Uint8Array;
    expect(body.constructor).toBe(Uint8Array);
    expect(runtime.createErrorResponse(404, "Not found.").get.body?.constructor).toBe(Uint8Array);
    expect([...body]).toEqual([...onNode]);
  });
});
