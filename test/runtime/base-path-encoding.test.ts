// encodeBasePath: what a matched mount path becomes in `meta.location` (RFC 3986 §3.3), given/want first, then
// a seeded property test against an independent statement of the rule.

import { describe, expect, it } from "vitest";
import { encodeBasePath } from "../../generator/runtime/index.js";
import { seededRandom } from "../../scripts/seeded-random.js";

describe("encodeBasePath", () => {
  it.each<[string, string | null]>([
    // Already valid URI paths stay exactly as they are, hex case and encodings included.
    ["", ""],
    ["/scim/v2", "/scim/v2"],
    ["/scim/v2/", "/scim/v2/"],
    ["/orgs/acme/scim/v2", "/orgs/acme/scim/v2"],
    ["/orgs/Acme%20Co/scim/v2", "/orgs/Acme%20Co/scim/v2"],
    ["/orgs/a%2fb/scim/v2", "/orgs/a%2fb/scim/v2"],
    ["/orgs/%41cme/v2", "/orgs/%41cme/v2"],
    ["/orgs/!$&'()*+,;=:@-._~/v2", "/orgs/!$&'()*+,;=:@-._~/v2"],
    ["/orgs/.well/v2", "/orgs/.well/v2"],
    ["/orgs/.../v2", "/orgs/.../v2"],
    ["/orgs/..a/v2", "/orgs/..a/v2"],
    ["/orgs/%2e%2e%2e/v2", "/orgs/%2e%2e%2e/v2"],
    ["/orgs/%00/v2", "/orgs/%00/v2"],
    // Characters outside pchar: percent-encoded as UTF-8 octets (RFC 3986 §2.1, §2.5).
    ['/orgs/a"b/v2', "/orgs/a%22b/v2"],
    ["/orgs/<a>/v2", "/orgs/%3Ca%3E/v2"],
    ["/orgs/a`b{c}d|e^f/v2", "/orgs/a%60b%7Bc%7Dd%7Ce%5Ef/v2"],
    ["/orgs/a b/v2", "/orgs/a%20b/v2"],
    ["/orgs/a\\b/v2", "/orgs/a%5Cb/v2"],
    ["/orgs/[::1]/v2", "/orgs/%5B::1%5D/v2"],
    ["/orgs/é/v2", "/orgs/%C3%A9/v2"],
    ["/orgs/😀/v2", "/orgs/%F0%9F%98%80/v2"],
    ["/orgs/a\u0000b\u007f/v2", "/orgs/a%00b%7F/v2"],
    ["/orgs/a%20 b/v2", "/orgs/a%20%20b/v2"],
    // Dot segments, in any spelling: no tenant (RFC 3986 §5.2.4 would resolve them away).
    ["/orgs/./v2", null],
    ["/orgs/../v2", null],
    ["/orgs/%2e/v2", null],
    ["/orgs/%2E%2e/v2", null],
    ["/orgs/.%2E/v2", null],
    ["/orgs/%2e./v2", null],
    ["/..", null],
    ["/.", null],
    ["./scim", null],
    // Malformed percent-encoding, or octets that are not UTF-8.
    ["/orgs/a%zz/v2", null],
    ["/orgs/%/v2", null],
    ["/orgs/a%2/v2", null],
    ["/orgs/%ff/v2", null],
    ["/orgs/%C0%AE%C0%AE/v2", null],
    ["/orgs/%C3/v2", null],
    ["/orgs/%C3é/v2", null],
    ["/orgs/%ED%A0%80/v2", null],
    ["/orgs/\ud800/v2", null],
  ])("%j → %j", (basePath, want) => {
    expect(encodeBasePath(basePath)).toBe(want);
  });
});

// The rule said once more, independently: a segment names no mount when a "%" starts no triplet, when its
// octets are not UTF-8, or when it is a dot segment; otherwise each character outside pchar is encoded.
function malformed(segment: string): boolean {
  if (/%(?![0-9A-Fa-f]{2})/.test(segment) || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(segment)) return true;
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === "." || decoded === "..";
  } catch {
    return true;
  }
}

describe("encodeBasePath, property test (seeded)", () => {
  const alphabet = ["a", "Z", "0", "-", ".", "_", "~", "!", "$", "&", "'", "(", "*", ":", "@", "%", "2", "e", "E", "C", "F", "f", "z", "/", " ", '"', "<", "`", "{", "|", "^", "\\", "[", "é", "€", "😀", "\ud800", "\u0000", "%2e", "%C3%A9", "%E2%82%AC", "%C0", "%2F"];
  const seed = 0xba5e;
  const random = seededRandom(seed);
  const samples = Array.from({ length: 4000 }, () => {
    let text = "";
    const length = 1 + Math.floor(random() * 12);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] as string;
    return random() < 0.8 ? `/${text}` : text;
  });

  it(`keeps the rule on ${samples.length} random base paths (seed ${seed})`, () => {
    const problems: string[] = [];
    let encodedCount = 0;
    for (const raw of samples) {
      const got = encodeBasePath(raw);
      const wantNull = raw.split("/").some((segment) => segment !== "" && malformed(segment));
      if ((got === null) !== wantNull) {
        problems.push(`${JSON.stringify(raw)} → ${JSON.stringify(got)}`);
        continue;
      }
      if (got === null) continue;
      encodedCount++;
      // A valid URI path: pchar, "/" and triplets only; WHATWG URL parsing leaves it as it is.
      if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(got)) problems.push(`not a URI path: ${got}`);
      const absolute = got.startsWith("/") ? got : `/${got}`;
      if (new URL(`https://h.example${absolute}`).pathname !== absolute) problems.push(`WHATWG URL changes ${got}`);
      // Its own encoding, and the same octets as the raw path.
      if (encodeBasePath(got) !== got) problems.push(`not idempotent: ${got}`);
      if (decodeURIComponent(got) !== decodeURIComponent(raw)) problems.push(`other octets: ${JSON.stringify(raw)} → ${got}`);
    }
    expect(problems, `seed ${seed}`).toEqual([]);
    // The samples reach both outcomes.
    expect(encodedCount).toBeGreaterThan(500);
    expect(samples.length - encodedCount).toBeGreaterThan(500);
  });
});
