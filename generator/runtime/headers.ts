// Header access that works for both Fetch `Headers` and Node-style header records.

import type { HeaderSource } from "./types.js";

/**
 * Reads one request header by lower-case name; a repeated header is joined with `", "` (RFC 9110 §5.3).
 * Record keys must be lower-case, as in Node's `IncomingMessage.headers`: a direct property read keeps the
 * hot path free of scans and allocations.
 */
export function getHeader(headers: HeaderSource, name: string): string | null {
  if (typeof headers.get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name];
  if (value === undefined) return null;
  return typeof value === "string" ? value : value.join(", ");
}

/** The last element of a comma-separated header list, trimmed, or `null` when empty. */
export function lastListElement(value: string | null): string | null {
  if (value === null) return null;
  const element = value.slice(value.lastIndexOf(",") + 1).trim();
  return element === "" ? null : element;
}
