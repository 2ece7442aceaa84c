// Header access that works for both Fetch `Headers` and Node-style header records.

import type { HeaderSource } from "./types.js";

/**
 * Reads one request header by lower-case name; a repeated header is joined with `", "` (RFC 9110 §5.3).
 * Record keys must be lower-case, as in Node's `IncomingMessage.headers`: a direct property read keeps the
 * hot path free of scans and allocations. A raw list (`IncomingMessage.rawHeaders`) is scanned, its names
 * compared case-insensitively (RFC 9110 §5.1), every occurrence joined.
 */
export function getHeader(headers: HeaderSource, name: string): string | null {
  if (isRawHeaderList(headers)) return rawHeader(headers, name);
  if (typeof headers.get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name];
  if (value === undefined) return null;
  return typeof value === "string" ? value : value.join(", ");
}

function isRawHeaderList(headers: HeaderSource): headers is readonly string[] {
  return Array.isArray(headers);
}

function rawHeader(headers: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const field = headers[i] as string;
    // Only a name of the same length is lower-cased (most are not), so a miss allocates nothing.
    if (field.length === name.length && (field === name || field.toLowerCase() === name)) {
      value = value === null ? (headers[i + 1] as string) : `${value}, ${headers[i + 1] as string}`;
    }
  }
  return value;
}

/** The last element of a comma-separated header list, trimmed, or `null` when empty. */
export function lastListElement(value: string | null): string | null {
  if (value === null) return null;
  const element = value.slice(value.lastIndexOf(",") + 1).trim();
  return element === "" ? null : element;
}
