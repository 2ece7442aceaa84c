// Strong entity tags (RFC 9110 §8.8.3) and If-None-Match evaluation (RFC 9110 §13.1.2).
// The tag is a fingerprint of the exact bytes served, computed once per base URL; not a security measure.

/** FNV-1a 64-bit hash of `bytes` as 16 lower-case hex digits; pure JS, no BigInt. */
export function fnv1a64Hex(bytes: Uint8Array): string {
  // 64-bit state as two 32-bit halves. Offset basis 0xcbf29ce484222325, prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ (bytes[i] as number)) >>> 0;
    // (hi·2^32 + lo)·(2^40 + 0x1b3) mod 2^64: lo·0x1b3 < 2^41 is exact in a double.
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** A strong ETag (`"…"`) for the given bytes. */
export function strongEtag(bytes: Uint8Array): string {
  return `"${fnv1a64Hex(bytes)}"`;
}

/**
 * Whether an `If-None-Match` value matches `etag` (a strong tag, quotes included). RFC 9110 §13.1.2: `*`
 * matches any current representation, otherwise the weak comparison applies (a `W/` prefix is ignored).
 * Malformed list members are skipped, never thrown on.
 */
export function ifNoneMatchMatches(header: string, etag: string): boolean {
  if (header === etag) return true;
  const length = header.length;
  let i = 0;
  while (i < length) {
    const c = header.charCodeAt(i);
    // Skip list separators and optional whitespace (RFC 9110 §5.6.1).
    if (c === 0x2c || c === 0x20 || c === 0x09) {
      i++;
      continue;
    }
    if (c === 0x2a /* * */) return true;
    let start = i;
    if (c === 0x57 /* W */ && header.charCodeAt(i + 1) === 0x2f /* / */) start = i + 2;
    if (header.charCodeAt(start) === 0x22 /* " */) {
      const end = header.indexOf('"', start + 1);
      if (end === -1) return false;
      if (end + 1 - start === etag.length && header.startsWith(etag, start)) return true;
      i = end + 1;
    } else {
      // Not an entity-tag: skip to the next list member.
      const comma = header.indexOf(",", i);
      if (comma === -1) return false;
      i = comma + 1;
    }
  }
  return false;
}
