import { describe, expect, it } from "vitest";
import { fnv1a64Hex, ifNoneMatchMatches, strongEtag } from "../../generator/runtime/index.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("fnv1a64Hex", () => {
  // Reference values from the FNV-1a 64-bit definition (offset basis cbf29ce484222325, prime 100000001b3).
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
    ["é€𝄞", "fc2e24a3faa1be6e"],
  ])("hashes %j to %s", (input, want) => {
    expect(fnv1a64Hex(bytes(input))).toBe(want);
  });

  it("covers every byte value (carry across the 32-bit halves)", () => {
    const all = new Uint8Array(768).map((_, i) => i % 256);
    expect(fnv1a64Hex(all)).toBe("4f33c513c2e95c25");
  });

  it("makes a strong, quoted ETag (RFC 9110 §8.8.3)", () => {
    expect(strongEtag(bytes("a"))).toBe('"af63dc4c8601ec8c"');
  });
});

describe("ifNoneMatchMatches (RFC 9110 §13.1.2)", () => {
  const etag = '"0123456789abcdef"';
  it.each([
    ['"0123456789abcdef"', true],
    ["*", true],
    [' "x", *', true],
    ['W/"0123456789abcdef"', true], // weak comparison
    ['"aaaa", "0123456789abcdef"', true],
    ['"aaaa",W/"0123456789abcdef"', true],
    ['"a,b", "0123456789abcdef"', true], // a comma inside an opaque tag
    ['"0123456789abcdee"', false],
    ['"0123456789abcdef', false], // unterminated
    ["0123456789abcdef", false], // unquoted is not an entity-tag
    ["garbage, \"0123456789abcdef\"", true], // malformed member skipped
    ['w/"0123456789abcdef"', false], // the weak indicator is case-sensitive
    ["", false],
    [", ,", false],
  ])("%j → %s", (header, want) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(want);
  });
});

// Added for the mutation run (test/mutation/equivalent-mutants.md).
describe("strongEtag and ifNoneMatchMatches, edges", () => {
  it("is always 16 hex digits, leading zeros included", () => {
    const tags = Array.from({ length: 512 }, (_, i) => strongEtag(Uint8Array.of(i & 255, i >> 8)));
    expect(tags.filter((tag) => !/^"[0-9a-f]{16}"$/.test(tag))).toEqual([]);
    // Some of these hashes start with a zero digit: the padding is exercised, not assumed.
    expect(tags.some((tag) => tag.startsWith('"0'))).toBe(true);
  });

  it.each<[string, boolean]>([
    ['Wx"0123456789abcdef"', false], // only "W/" is the weak indicator
    ['"", "0123456789abcdef"', true], // an empty tag is a member like any other
    ['"aaaa",\t"0123456789abcdef"', true],
  ])("%j → %s", (header, want) => {
    expect(ifNoneMatchMatches(header, '"0123456789abcdef"')).toBe(want);
  });
});
