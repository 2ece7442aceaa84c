/** A parsed JSON value (RFC 8259). */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/** A parsed JSON object. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/**
 * Deepest nesting of arrays and objects the checker accepts in a response body. System.Text.Json's
 * default reader (JsonReaderOptions.MaxDepth 0 = 64), which .NET SCIM clients use, throws past 64
 * levels; a discovery document needs fewer than 10. Bounding it before JSON.parse keeps a hostile
 * body (8 MB of `[`) from costing seconds and hundreds of MB per response, and bounds the
 * recursion of every walk over a parsed value (jsonEqual, firstDifference, the attribute walk).
 */
export const maxJsonDepth = 64;

/** What {@link measureJson} finds in a body before it is parsed. */
export interface JsonMeasure {
  /** Offset of the first `[` or `{` nested deeper than the limit; undefined when the body stays within. */
  readonly tooDeepAt: number | undefined;
  /** Arrays, objects, commas and colons outside strings: about the number of values and object keys JSON.parse would build. */
  readonly values: number;
}

/**
 * Measures `text` by its brackets, commas and colons outside strings: how deep it nests, and about
 * how many values parsing it would build (what a parse costs in memory, beyond the text). One pass, no
 * allocation: it runs before JSON.parse, on bodies that may not be JSON at all; it stops at the
 * first bracket past `limit`.
 */
export function measureJson(text: string, limit = maxJsonDepth): JsonMeasure {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1; // backslash: the next character is escaped, `\"` included
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      values += 1;
      depth += 1;
      if (depth > limit) return { tooDeepAt: index, values };
    } else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
    } else if (code === 0x2c || code === 0x3a) {
      values += 1;
    }
  }
  return { tooDeepAt: undefined, values };
}

/** True when `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `value` is a JSON array. */
export function isJsonArray(value: Json | undefined): value is readonly Json[] {
  return Array.isArray(value);
}

/** True when `value` is a JSON number without a fractional part. */
export function isJsonInteger(value: Json | undefined): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/**
 * Structural equality of two JSON values; object key order is irrelevant (RFC 8259 §4). Recursive:
 * every value it sees was parsed from a body that passed {@link measureJson}, so at most
 * {@link maxJsonDepth} frames deep (as {@link firstDifference} and describeJson's JSON.stringify).
 */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (isJsonArray(a)) {
    return isJsonArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** First path where two JSON values differ, e.g. `attributes[3].mutability`, for failure details. */
export function firstDifference(a: Json | undefined, b: Json | undefined, path = ""): string | undefined {
  if (jsonEqual(a, b)) return undefined;
  if (isJsonArray(a) && isJsonArray(b)) {
    if (a.length !== b.length) return `${path || "(root)"}: ${a.length} items vs ${b.length}`;
    for (let index = 0; index < a.length; index++) {
      const found = firstDifference(a[index], b[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const child = path === "" ? key : `${path}.${key}`;
      if (!Object.hasOwn(a, key)) return `${child}: missing on one side`;
      if (!Object.hasOwn(b, key)) return `${child}: missing on the other side`;
      const found = firstDifference(a[key], b[key], child);
      if (found !== undefined) return found;
    }
  }
  return `${path || "(root)"}: ${describeJson(a)} vs ${describeJson(b)}`;
}

/** Short, single-line rendering of a JSON value for failure details. */
export function describeJson(value: Json | undefined, max = 60): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Short, single-line, quoted excerpt of a response body for failure details. */
export function snippet(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`);
}

/**
 * How `key`'s numeric value is written in the raw body when it is not an integer literal (e.g. `1000.0`
 * or `1e3`). JSON.parse turns those into integers, but strict clients (Pydantic, Jackson) reject them.
 */
export function nonIntegerLiteral(rawBody: string, key: string): string | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`"${escaped}"\\s*:\\s*(-?[0-9][0-9.eE+-]*)`, "g");
  for (const match of rawBody.matchAll(pattern)) {
    const literal = match[1] ?? "";
    if (!/^-?[0-9]+$/.test(literal)) return literal;
  }
  return undefined;
}
