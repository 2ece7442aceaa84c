// Lookups by id or URI over the generated document lists. SCIM compares schema URIs and resource
// type names case-insensitively (RFC 7644 §3.10), so that is the default; exact-case is an option.

/** Options of the lookups. */
export interface LookupOptions {
  /** Match ids exactly, case included. Default: false (RFC 7644 §3.10). */
  readonly caseExact?: boolean;
}

/** Finds the item whose `id` matches; case-insensitive unless `options.caseExact`. */
export function findById<T extends { readonly id: string }>(
  items: readonly T[],
  id: string,
  options?: LookupOptions,
): T | undefined {
  const exact = items.find((item) => item.id === id);
  if (exact !== undefined || options?.caseExact === true) return exact;
  const wanted = id.toLowerCase();
  return items.find((item) => item.id.toLowerCase() === wanted);
}
