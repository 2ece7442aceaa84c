// Canonical order (HOUSE-STYLE, after Prisma's canonicalisation ADRs): maps are sorted by code unit;
// human-authored sequences (attributes, operations, authentication schemes) keep their declared order,
// and each spec object's own keys come in the order its builder writes them.

/** Code-unit comparison, the same on every platform and locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A map object whose keys are in code-unit order. Throws on a duplicate key: that is a generator bug. */
export function sortedMap<T>(entries: Iterable<readonly [string, T]>): { readonly [key: string]: T } {
  const list = [...entries];
  const keys = new Set<string>();
  for (const [key] of list) {
    if (keys.has(key)) throw new Error(`scim-codegen: duplicate key ${JSON.stringify(key)} in an OpenAPI map`);
    keys.add(key);
  }
  return Object.fromEntries(list.sort(([a], [b]) => byCodeUnit(a, b)));
}

/** HTTP status codes as response-map keys, numerically (three digits, so code-unit order is numeric order). */
export function sortedResponses<T>(entries: Iterable<readonly [number, T]>): { readonly [status: string]: T } {
  return sortedMap([...entries].map(([status, value]) => [String(status), value] as const));
}
