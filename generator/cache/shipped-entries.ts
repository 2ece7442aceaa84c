// Transform-cache entries the build ships with the tool: results that depend on nothing a user writes (the
// ajv code of the definition format's own JSON Schemas), computed once by scripts/precompile-modules.mjs
// (see format/precompiled-modules.ts, whose table holds them too). They live in a small file of their own
// beside this module so that `diff`, which validates definitions but compiles no module, loads them
// without the table's compiled runtimes, and never needs ajv's compiler.

import type { TransformCache } from "./transform-cache.js";

/** The file the build writes beside this module's compiled form (dist/generator/cache/). */
export const shippedMemoFileName = "precompiled-memo.data.js";

/** Shipped entries under their transform-cache keys (`memoFrom`): a key holds the whole input. */
export interface ShippedEntries {
  readonly memo: Readonly<Record<string, string>>;
}

/**
 * A transform cache that answers from the shipped entries first, then from `cache`. Used even with
 * --no-cache: the entries are part of the installed tool, like its compiled code.
 */
export function withShippedEntries(cache: TransformCache, shipped: ShippedEntries | undefined): TransformCache {
  const memo = shipped?.memo;
  if (memo === undefined || Object.keys(memo).length === 0) return cache;
  return {
    get: (key) => (Object.hasOwn(memo, key) ? memo[key] : cache.get(key)),
    set: (key, value) => cache.set(key, value),
    flush: () => cache.flush(),
  };
}

/** The shipped entries (`shippedMemoFileName`), or undefined when there are none (a run from the sources). */
export async function loadShippedEntries(): Promise<ShippedEntries | undefined> {
  try {
    const loaded = (await import(new URL(`./${shippedMemoFileName}`, import.meta.url).href)) as { default?: ShippedEntries };
    return loaded.default;
  } catch {
    return undefined;
  }
}
