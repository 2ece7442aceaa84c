// Definition files are read as bytes and decoded as strict UTF-8: a lenient decode turns each bad
// byte into U+FFFD, silently, in every output. A UTF-8 byte-order mark (which some Windows editors
// write) is allowed and is not part of the text, so column 1 is the first character after it.

/** The text of a file, or where and why its bytes are not UTF-8 (1-based line and column). */
export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly col: number; readonly message: string };

const strict = new TextDecoder("utf-8", { fatal: true });
const keepBom = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decodes a definition file's bytes as UTF-8, or says where the first byte that is not UTF-8 is. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, col: 1, message: "The file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8." };
  }
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    // The bytes before `offset` are valid: count lines in them, and the column in UTF-16 units as
    // the YAML positions count it.
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = 1 + bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length;
    const bom = lineStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 1 : 0;
    const col = 1 + keepBom.decode(bytes.subarray(lineStart, offset)).length - bom;
    const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
    return {
      ok: false,
      line,
      col,
      message: `The file is not UTF-8: byte ${byte} here starts no valid UTF-8 character (was the file saved as Latin-1 or Windows-1252?). Save it as UTF-8; every output is UTF-8 and would carry U+FFFD in its place.`,
    };
  }
}

/**
 * Offset of the first byte that does not begin a well-formed UTF-8 sequence (Unicode Table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF); `bytes.length` when all are well-formed.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  const inRange = (i: number, lo: number, hi: number): boolean => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length = 0;
    if (b <= 0x7f) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = inRange(i + 1, 0x80, 0xbf) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      length = inRange(i + 1, lo, hi) && inRange(i + 2, 0x80, 0xbf) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      length = inRange(i + 1, lo, hi) && inRange(i + 2, 0x80, 0xbf) && inRange(i + 3, 0x80, 0xbf) ? 4 : 0;
    }
    if (length === 0) return i;
    i += length;
  }
  return i;
}
