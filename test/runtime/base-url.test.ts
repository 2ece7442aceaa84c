// Where meta.location's base comes from (RFC 7643 §3.1): the base URL options, the mount prefix, and the Host
// headers with trustHost. Given/want tables; the handler-level behaviour is in discovery-handler.test.ts.

import { describe, expect, it } from "vitest";
import { DiscoveryConfigurationError, isSafeHost } from "../../generator/runtime/index.js";
import type { BaseUrlOptions } from "../../generator/runtime/index.js";
import {
  baseUrlFromHostHeaders,
  createBaseUrlSource,
  isUsableBaseUrl,
  normaliseBasePath,
} from "../../generator/runtime/base-url.js";
import { request } from "./fixtures.js";

function expectConfigurationError(action: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DiscoveryConfigurationError);
  expect((thrown as Error).message).toBe(message);
}

describe("normaliseBasePath", () => {
  it.each([
    ["", ""],
    ["/", ""],
    ["/scim/v2", "/scim/v2"],
    ["/scim/v2/", "/scim/v2"],
    ["scim/v2", "/scim/v2"],
    ["scim/v2/", "/scim/v2"],
    ["v2", "/v2"],
  ])("%j → %j: starts with one /, never ends with one", (basePath, want) => {
    expect(normaliseBasePath(basePath)).toBe(want);
  });
});

describe("isSafeHost at its length limit", () => {
  it.each([
    { what: "255 + port = 261 characters", host: "a".repeat(255) + ":65535", want: true },
    { what: "256 + port = 262 characters", host: "a".repeat(256) + ":65535", want: false },
    { what: "261 characters", host: "a".repeat(261), want: true },
    { what: "262 characters", host: "a".repeat(262), want: false },
  ])("$what → $want", ({ host, want }) => {
    expect(isSafeHost(host)).toBe(want);
  });
});

describe("isUsableBaseUrl: the scheme comes first", () => {
  it.each([
    ["javascript:https://api.example.com/scim/v2", false],
    [" https://api.example.com/scim/v2", false],
    ["xhttps://api.example.com", false],
    ["HTTPS://api.example.com/scim/v2", true],
  ])("%j → %s", (url, want) => {
    expect(isUsableBaseUrl(url)).toBe(want);
  });
});

describe("createBaseUrlSource", () => {
  it.each<[string, unknown, string]>([
    ["a numeric origin", { origin: 42 }, "origin must be a string."],
    ["a null origin", { origin: null }, "origin must be a string."],
    ["trustHost: 1", { trustHost: 1 }, "trustHost must be true when set."],
    ["baseUrl: true", { baseUrl: true }, "baseUrl must be a string or a function of the request."],
  ])("refuses %s with a DiscoveryConfigurationError saying what would be right", (_, options, message) => {
    expectConfigurationError(() => createBaseUrlSource(options as BaseUrlOptions), message);
  });

  it("keeps a fixed origin without its trailing slash", () => {
    expect(createBaseUrlSource({ origin: "https://api.example.com/" })).toEqual({ kind: "origin", origin: "https://api.example.com" });
  });
});

describe("baseUrlFromHostHeaders (trustHost), more headers", () => {
  it.each<[Record<string, string>, string | undefined, string | null]>([
    // A proxy that forwards plain http says so, over the connection's own scheme.
    [{ host: "a.example", "x-forwarded-proto": "http" }, "https", "http://a.example/scim/v2"],
    [{ host: "a.example", "x-forwarded-proto": "HTTP" }, undefined, "http://a.example/scim/v2"],
    [{ host: "a.example", "x-forwarded-proto": "https" }, "http", "https://a.example/scim/v2"],
    // Optional whitespace around a Host value (RFC 9110 §5.5) is not part of the host.
    [{ host: " api.example.com " }, undefined, "https://api.example.com/scim/v2"],
    [{ host: "\tapi.example.com:8443" }, "http", "http://api.example.com:8443/scim/v2"],
    [{ host: " " }, undefined, null],
  ])("%j (protocol %s) → %j", (headers, protocol, want) => {
    const neutral = { params: {}, ...request("/Schemas", { headers, ...(protocol === undefined ? {} : { protocol }) }) };
    expect(baseUrlFromHostHeaders(neutral)).toBe(want);
  });

  it("puts the normalised mount prefix after the host", () => {
    const neutral = { params: {}, ...request("/Schemas", { basePath: "tenants/acme/", headers: { host: "a.example" } }) };
    expect(baseUrlFromHostHeaders(neutral)).toBe("https://a.example/tenants/acme");
  });
});
