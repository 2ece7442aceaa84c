// Given/want tables for the small parsers the handler relies on.

import { describe, expect, it } from "vitest";
import { createBasePathMatcher, DiscoveryConfigurationError, getHeader, isSafeHost, leadingPathSegments, splitRequestUrl } from "../../generator/runtime/index.js";
import { lastListElement } from "../../generator/runtime/headers.js";
import { baseUrlFromHostHeaders, isUsableBaseUrl } from "../../generator/runtime/base-url.js";
import { hasFilterParameter } from "../../generator/runtime/query.js";
import { decodeSegment } from "../../generator/runtime/route.js";
import { LruCache } from "../../generator/runtime/lru-cache.js";
import { request } from "./fixtures.js";

describe("hasFilterParameter (RFC 7644 §4)", () => {
  it.each([
    ["", false],
    ["filter=userName%20eq%20%22x%22", true],
    ["filter=", true],
    ["filter", true],
    ["startIndex=1&filter=x", true],
    ["Filter=x", true],
    ["FILTER=x", true],
    ["%66ilter=x", true],
    ["fil%74er=x", true],
    ["filters=x", false],
    ["xfilter=x", false],
    ["attributes=filter", false],
    ["count=10&sortBy=name", false],
    ["%zz=1&filter=x", true],
    ["%zz=1", false],
    ["&&filter", true],
    ["+filter=x", false],
  ])("%j → %s", (query, want) => {
    expect(hasFilterParameter(query)).toBe(want);
  });
});

describe("decodeSegment", () => {
  it.each([
    ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:User"],
    ["urn%3Aietf%3Aparams", "urn:ietf:params"],
    ["urn%3aietf", "urn:ietf"],
    ["%zz", null],
    ["%", null],
    ["%E0%A4%A", null],
    ["%ED%A0%80", null], // an encoded lone surrogate is malformed UTF-8
    ["a%2Fb", "a/b"],
  ])("%j → %j", (segment, want) => {
    expect(decodeSegment(segment)).toBe(want);
  });
});

describe("splitRequestUrl", () => {
  it.each([
    ["https://h/scim/v2/Schemas?x=1", "/scim/v2/Schemas", "x=1", "https"],
    ["http://h:8080/a/b", "/a/b", "", "http"],
    ["https://h", "/", "", "https"],
    ["https://h?filter=x", "/", "filter=x", "https"],
    ["https://h/p#frag", "/p", "", "https"],
    ["https://h/p?q=1#f?g", "/p", "q=1", "https"],
    ["https://[::1]:3000/Schemas/urn%3Ax", "/Schemas/urn%3Ax", "", "https"],
    ["/scim/v2/Schemas?", "/scim/v2/Schemas", "", undefined],
    ["/a?b?c", "/a", "b?c", undefined],
  ])("%j", (url, pathname, query, protocol) => {
    expect(splitRequestUrl(url)).toEqual({ pathname, query, protocol });
  });
});

describe("createBasePathMatcher", () => {
  it.each<[string | RegExp, string, string | null]>([
    ["", "/Schemas", ""],
    ["/", "/Schemas", ""],
    ["/scim/v2", "/scim/v2/Schemas", "/scim/v2"],
    ["/scim/v2/", "/scim/v2/Schemas", "/scim/v2"],
    ["scim/v2", "/scim/v2", "/scim/v2"],
    ["/scim/v2", "/scim/v2", "/scim/v2"],
    ["/scim/v2", "/scim/v2x/Schemas", null],
    ["/scim/v2", "/SCIM/v2/Schemas", null],
    ["/scim/v2", "/other", null],
    ["/orgs/:org/scim/v2", "/orgs/acme/scim/v2/Schemas", "/orgs/acme/scim/v2"],
    ["/orgs/{org}/scim/v2", "/orgs/acme/scim/v2/", "/orgs/acme/scim/v2"],
    ["/orgs/:org/scim/v2", "/orgs//scim/v2/Schemas", null],
    ["/orgs/:org/scim/v2", "/orgs/a/b/scim/v2/Schemas", null],
    ["/orgs/:org/scim/v2", "/orgs/a.b+c/scim/v2x", null],
    ["/api/0/organizations/:org/scim/v2", "/api/0/organizations/acme/scim/v2/ResourceTypes", "/api/0/organizations/acme/scim/v2"],
    [/^\/t\/[a-z]+\/scim/, "/t/acme/scim/Schemas", "/t/acme/scim"],
    [/\/t\/[a-z]+\/scim/g, "/x/t/acme/scim/Schemas", null], // must match at the start
    [/^\/t\/[a-z]+\/scim\//g, "/t/acme/scim/Schemas", "/t/acme/scim"],
  ])("%s on %j → %j", (basePath, pathname, want) => {
    expect(createBasePathMatcher(basePath)(pathname)).toBe(want);
  });

  it("does not keep RegExp lastIndex state between requests", () => {
    const match = createBasePathMatcher(/^\/t\/[a-z]+/gy);
    expect([1, 2, 3].map(() => match("/t/acme/Schemas"))).toEqual(["/t/acme", "/t/acme", "/t/acme"]);
  });

  it.each(["/scim//v2", "/scim/v2?x", "/scim v2"])("refuses %j", (basePath) => {
    expect(() => createBasePathMatcher(basePath)).toThrow(/basePath/);
  });
});

describe("leadingPathSegments", () => {
  it("cuts a raw path after `count` segments, keeping their exact spelling", () => {
    expect(leadingPathSegments("/orgs/Acme%20Co/scim/v2/Schemas/urn%3Ax", 4)).toBe("/orgs/Acme%20Co/scim/v2");
    expect(leadingPathSegments("/scim/v2/ServiceProviderConfig", 2)).toBe("/scim/v2");
    expect(leadingPathSegments("/scim/v2", 2)).toBe("/scim/v2");
    expect(leadingPathSegments("/scim/v2/", 2)).toBe("/scim/v2");
    expect(leadingPathSegments("/scim", 2)).toBe("/scim");
    expect(leadingPathSegments("/anything", 0)).toBe("");
  });
});

describe("isSafeHost", () => {
  it.each([
    ["example.com", true],
    ["api.example.com:8443", true],
    ["127.0.0.1:3000", true],
    ["[::1]", true],
    ["[2001:db8::1]:443", true],
    ["localhost", true],
    ["", false],
    ["evil.com/path", false],
    ["evil.com\r\nX-Injected: 1", false],
    ['evil.com"', false],
    ["user@evil.com", false],
    ["evil.com:port", false],
    ["evil.com:123456", false],
    ["[::1", false],
    ["ex ample.com", false],
    ["a".repeat(300), false],
  ])("%j → %s", (host, want) => {
    expect(isSafeHost(host)).toBe(want);
  });
});

describe("baseUrlFromHostHeaders (trustHost)", () => {
  it.each<[Record<string, string>, string | undefined, string | null]>([
    [{ host: "api.example.com" }, undefined, "https://api.example.com/scim/v2"],
    [{ host: "API.Example.com" }, undefined, "https://api.example.com/scim/v2"],
    [{ host: "localhost:3000" }, "http", "http://localhost:3000/scim/v2"],
    [{ host: "internal:8080", "x-forwarded-host": "api.example.com", "x-forwarded-proto": "https" }, "http", "https://api.example.com/scim/v2"],
    [{ host: "a.example", "x-forwarded-host": "client.example, proxy.example" }, undefined, "https://proxy.example/scim/v2"],
    [{ host: "a.example", "x-forwarded-proto": "javascript" }, "http", "http://a.example/scim/v2"],
    [{ host: "a.example", "x-forwarded-proto": "http, HTTPS" }, undefined, "https://a.example/scim/v2"],
    [{ host: "a.example", "x-forwarded-host": "evil.example/x?" }, undefined, "https://a.example/scim/v2"],
    [{ host: "evil.example/@x" }, undefined, null],
    [{}, undefined, null],
  ])("%j (protocol %s) → %j", (headers, protocol, want) => {
    const neutral = { params: {}, ...request("/Schemas", { headers, ...(protocol === undefined ? {} : { protocol }) }) };
    expect(baseUrlFromHostHeaders(neutral)).toBe(want);
  });
});

describe("isUsableBaseUrl", () => {
  it.each([
    ["https://api.example.com/scim/v2", true],
    ["http://localhost:3000", true],
    ["https://h/orgs/a%20b/scim/v2", true],
    ["ftp://h/scim", false],
    ["/scim/v2", false],
    ["https://h/scim v2", false],
    ["https://h/scim?x=1", false],
    ["https://h/scim#x", false],
    ["https://user@h/scim", false],
    ["https://h/scim\u0000", false],
  ])("%j → %s", (url, want) => {
    expect(isUsableBaseUrl(url)).toBe(want);
  });
});

describe("getHeader", () => {
  it("reads Fetch Headers (any case) and Node records (lower-case keys)", () => {
    expect(getHeader(new Headers({ "If-None-Match": '"a"' }), "if-none-match")).toBe('"a"');
    expect(getHeader({ "if-none-match": '"a"' }, "if-none-match")).toBe('"a"');
    expect(getHeader({ "if-none-match": ['"a"', '"b"'] }, "if-none-match")).toBe('"a", "b"');
    expect(getHeader({ "if-none-match": undefined }, "if-none-match")).toBeNull();
    expect(getHeader({}, "host")).toBeNull();
    expect(getHeader(new Headers(), "host")).toBeNull();
  });

  it("scans Node's raw list: names in any case (RFC 9110 §5.1), repeats joined with \", \" (§5.3)", () => {
    const raw = ["Host", "a.example", "If-None-Match", '"a"', "accept", "*/*", "IF-NONE-MATCH", '"b"'];
    expect(getHeader(raw, "if-none-match")).toBe('"a", "b"');
    expect(getHeader(raw, "host")).toBe("a.example");
    expect(getHeader(raw, "accept")).toBe("*/*");
    expect(getHeader(raw, "authorization")).toBeNull();
    // A name is never read as a value, nor a value as a name.
    expect(getHeader(["X-Name", "host"], "host")).toBeNull();
    expect(getHeader([], "host")).toBeNull();
  });
});

describe("LruCache", () => {
  it("keeps at most `capacity` entries and evicts the least recently used", () => {
    const cache = new LruCache<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now newest
    cache.set("c", 3); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    cache.set("d", 4); // evicts a
    expect(cache.get("a")).toBeUndefined();
  });

  it("answers the newest key from its memo, also for an equal string built afresh, and keeps it current", () => {
    const cache = new LruCache<number>(2);
    cache.set("tenant-a", 1);
    cache.set("tenant-b", 2);
    const fresh = ["tenant", "b"].join("-");
    expect(cache.get(fresh)).toBe(2);
    cache.set("tenant-b", 3); // replaced: the memo follows
    expect(cache.get("tenant-b")).toBe(3);
    expect(cache.get("tenant-a")).toBe(1); // a becomes newest; b is now the least recent
    cache.set("tenant-c", 4); // evicts b
    expect(cache.get("tenant-b")).toBeUndefined();
    expect(cache.get("tenant-a")).toBe(1);
    expect(cache.get("missing")).toBeUndefined();
    expect(cache.get("tenant-c")).toBe(4);
  });
});

// Added for the mutation run (test/mutation/equivalent-mutants.md): the edges of a mount pattern's syntax.
describe("createBasePathMatcher, the edges of the pattern syntax", () => {
  it.each<[string | RegExp, string, string | null]>([
    // A literal segment beside a parameter is matched literally, RegExp metacharacters included.
    ["/api.v1/:org/scim", "/api.v1/acme/scim/Schemas", "/api.v1/acme/scim"],
    ["/api.v1/:org/scim", "/apixv1/acme/scim/Schemas", null],
    // Only a whole segment `:name` or `{name}` is a parameter; anything else around it is a literal segment.
    ["/t/a:b", "/t/zzz/Schemas", null],
    ["/t/a:b", "/t/a:b/Schemas", "/t/a:b"],
    ["/t/:org-x", "/t/acme/Schemas", null],
    ["/t/:org-x", "/t/:org-x/Schemas", "/t/:org-x"],
    ["/t/x{org}", "/t/acme", null],
    ["/t/{org}x", "/t/acme", null],
    ["/t/{org}x", "/t/{org}x", "/t/{org}x"],
    // A RegExp must match at the start, and end at a segment boundary.
    [/\/b/, "/a/b/c", null],
    [/^\/scim/, "/scimx/Schemas", null],
    [/^\/scim/, "/scim", "/scim"],
  ])("%s on %j → %j", (basePath, pathname, want) => {
    expect(createBasePathMatcher(basePath)(pathname)).toBe(want);
  });

  it("refuses a basePath that is neither a string nor a RegExp with the runtime's configuration error", () => {
    for (const basePath of [42, undefined, null, ["/scim"]]) {
      expect(() => createBasePathMatcher(basePath as unknown as string)).toThrow(new DiscoveryConfigurationError("basePath must be a string or a RegExp."));
    }
    let thrown: unknown;
    try {
      createBasePathMatcher(42 as unknown as string);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DiscoveryConfigurationError);
    expect((thrown as Error).name).toBe("DiscoveryConfigurationError");
  });
});

// Added for the mutation run (test/mutation/equivalent-mutants.md): raw header lists, trailing list elements,
// and where a filter parameter's name ends.
describe("getHeader on a raw header list, lastListElement, hasFilterParameter", () => {
  it("reads only the fields named so, case-insensitively, and ignores a name without a value", () => {
    expect(getHeader(["Host", "h", "Accept", "a", "If-None-Match", '"e"'], "if-none-match")).toBe('"e"');
    expect(getHeader(["If-None-Match"], "if-none-match")).toBeNull();
    expect(getHeader(["Accept", "a", "If-None-Match"], "if-none-match")).toBeNull();
  });

  it.each<[string | null, string | null]>([
    ['"a", "b"', '"b"'],
    ['"a",  "b" ', '"b"'],
    ['"a", ', null],
    ["", null],
    [null, null],
  ])("lastListElement(%j) → %j", (value, want) => {
    expect(lastListElement(value)).toBe(want);
  });

  it.each<[string, boolean]>([
    ["filter&x=1", true],
    ["filterx", false],
    ["filterx=1", false],
    ["x=1&filter", true],
    ["FILTER=a", true],
  ])("hasFilterParameter(%j) → %j", (query, want) => {
    expect(hasFilterParameter(query)).toBe(want);
  });
});
