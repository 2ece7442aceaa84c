// The behaviour options (wwwAuthenticate, cacheSize, responseHeaders) checked at creation, the same on both
// entry points: a value the runtime would have to guess at is a DiscoveryConfigurationError that names the
// option and says what would be right, never a TypeError from deep inside and never a silent default.

import { describe, expect, it } from "vitest";
import { createDiscoveryHandler, createTargetHandler } from "../../generator/runtime/index.js";
import type { DiscoveryHandlerOptions, DiscoveryResponse, FetchHandlerOptions } from "../../generator/runtime/index.js";
import { json, request, rfcDocuments } from "./fixtures.js";

const ORIGIN = "https://api.example.com";

/** Both entry points, created with `options` (and a fixed origin unless they set another base). */
const entryPoints: [string, (options: Record<string, unknown>) => unknown][] = [
  ["createDiscoveryHandler", (options) => createDiscoveryHandler(rfcDocuments(), { origin: ORIGIN, ...options } as DiscoveryHandlerOptions)],
  ["createTargetHandler", (options) => createTargetHandler(rfcDocuments(), { origin: ORIGIN, basePath: "/scim/v2", ...options } as FetchHandlerOptions)],
];

/** The name and message of what `run` throws (`undefined` when it returns). */
function thrownBy(run: () => unknown): { name: string; message: string } | undefined {
  try {
    run();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  return undefined;
}

/** Every entry point × every case, as `it.each` rows. */
function onEveryEntryPoint<Case extends unknown[]>(cases: readonly Case[]): [string, ...Case, (options: Record<string, unknown>) => unknown][] {
  return entryPoints.flatMap(([name, create]) => cases.map((given): [string, ...Case, (options: Record<string, unknown>) => unknown] => [name, ...given, create]));
}

function configurationError(message: string): { name: string; message: string } {
  return { name: "DiscoveryConfigurationError", message };
}

describe("wwwAuthenticate: a non-empty header value without line breaks", () => {
  const WANT = "wwwAuthenticate must be a non-empty header value without line breaks.";
  it.each(
    onEveryEntryPoint<[string, unknown]>([
      ["a number", 401],
      ["an empty string", ""],
      ["spaces only", "   "],
      ["a tab only", "\t"],
      ["CRLF (response splitting)", 'Bearer realm="SCIM"\r\nSet-Cookie: x=1'],
      ["a bare LF", "Bearer\nrealm"],
      ["a NUL", "Bearer\u0000"],
    ]),
  )("%s: %s is refused, naming the option", (_, _label, wwwAuthenticate, create) => {
    expect(thrownBy(() => create({ wwwAuthenticate }))).toEqual(configurationError(WANT));
  });

  it.each(onEveryEntryPoint<[string]>([["Basic"], ['Bearer realm="SCIM", error="invalid_token"'], [" Bearer "]]))(
    "%s accepts %j",
    (_, wwwAuthenticate, create) => {
      expect(thrownBy(() => create({ wwwAuthenticate }))).toBeUndefined();
    },
  );
});

describe("cacheSize: a positive integer", () => {
  it.each(onEveryEntryPoint<[unknown]>([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ["8"]]))(
    "%s refuses cacheSize %j",
    (_, cacheSize, create) => {
      expect(thrownBy(() => create({ cacheSize }))).toEqual(configurationError("cacheSize must be a positive integer."));
    },
  );

  it("takes cacheSize 1, the smallest cache: one base URL's responses, every tenant still served its own", async () => {
    const h = createDiscoveryHandler(rfcDocuments(), { origin: ORIGIN, cacheSize: 1 });
    for (const tenant of ["a", "b", "a", "a", "b"]) {
      const response = (await h(request("/ResourceTypes/User", { basePath: `/t/${tenant}` }))) as DiscoveryResponse;
      expect((json(response)["meta"] as { location: string }).location).toBe(`${ORIGIN}/t/${tenant}/ResourceTypes/User`);
    }
  });
});

describe("responseHeaders: an object of lower-case header names to string values, none the runtime's own", () => {
  it.each(
    onEveryEntryPoint<[string, unknown]>([
      ["a string", "cache-control: no-cache"],
      ["a number", 42],
      ["a boolean", true],
      ["null", null],
      ["a function", () => ({ "cache-control": "no-cache" })],
    ]),
  )("%s: %s is refused, naming the option", (_, _label, responseHeaders, create) => {
    expect(thrownBy(() => create({ responseHeaders }))).toEqual(
      configurationError("responseHeaders must be an object of header names to values."),
    );
  });

  it.each(onEveryEntryPoint<[string]>([["Cache-Control"], ["x-Request-Id"], ["x-request-id "], ["x:y"], ["x y"], ["é-x"], [""]]))(
    "%s: %j is no lower-case header name (RFC 9110 §5.1)",
    (_, name, create) => {
      expect(thrownBy(() => create({ responseHeaders: { [name]: "1" } }))).toEqual(
        configurationError(`responseHeaders: "${name}" must be a lower-case header name (RFC 9110 §5.1).`),
      );
    },
  );

  it.each(onEveryEntryPoint<[string]>([["content-type"], ["content-length"], ["etag"], ["allow"], ["www-authenticate"], ["vary"]]))(
    "%s: %s is the runtime's own header",
    (_, name, create) => {
      expect(thrownBy(() => create({ responseHeaders: { [name]: "x" } }))).toEqual(
        configurationError(`responseHeaders: "${name}" is set by the runtime itself.`),
      );
    },
  );

  it.each(onEveryEntryPoint<[string, unknown]>([["a number", 1], ["a list", ["no-cache"]], ["null", null], ["CR LF", "a\r\nx-b: 2"], ["a bare CR", "a\rb"], ["a NUL", "a\u0000b"]]))(
    "%s: a value that is %s is refused, naming the header",
    (_, _label, value, create) => {
      expect(thrownBy(() => create({ responseHeaders: { "x-a": value } }))).toEqual(
        configurationError('responseHeaders: the value of "x-a" must be a string without line breaks.'),
      );
    },
  );

  it.each(onEveryEntryPoint<[Record<string, string>]>([[{}], [{ "cache-control": "no-store", "x-request-id": "a1", "x-a.b_c~d!#$%&'*+^`|": "" }]]))(
    "%s accepts %j",
    (_, responseHeaders, create) => {
      expect(thrownBy(() => create({ responseHeaders }))).toBeUndefined();
    },
  );
});
