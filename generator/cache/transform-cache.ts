import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A content-addressed cache for the slow pure transforms of the format step (TypeScript transpile,
 * prettier). A key is the hash of everything the output depends on (tool version, options, input),
 * so a hit returns exactly the bytes a miss would compute: the cache changes speed, never output.
 * One JSON file per definitions folder; a run rewrites it with only the entries it used, so it never
 * grows past one generation's worth.
 */
export interface TransformCache {
  /** The cached output for `key`, or undefined. */
  get(key: string): string | undefined;
  /** Records an output. */
  set(key: string, value: string): void;
  /** Writes the entries this run used, when anything changed. Never throws: a cache is optional. */
  flush(): Promise<void>;
}

const formatVersion = 1;

/** A cache that stores nothing, for `--no-cache` and for tests. */
export const noCache: TransformCache = { get: () => undefined, set: () => undefined, flush: async () => undefined };

/** Hashes the parts of a cache key. */
export function cacheKey(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex");
}

/** Opens the cache of one definitions folder under `cacheDir`; a missing or corrupt file is an empty cache. */
export async function openTransformCache(cacheDir: string, definitionsDir: string): Promise<TransformCache> {
  const file = join(cacheDir, `${cacheKey(definitionsDir).slice(0, 16)}.json`);
  let stored: Record<string, string> = {};
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { version?: number; entries?: Record<string, string> };
    if (parsed.version === formatVersion && parsed.entries && typeof parsed.entries === "object") stored = parsed.entries;
  } catch {
    // absent or unreadable: start empty
  }
  const used = new Map<string, string>();
  let changed = false;
  return {
    get(key) {
      const value = Object.hasOwn(stored, key) ? stored[key] : used.get(key);
      if (typeof value === "string") used.set(key, value);
      return value;
    },
    set(key, value) {
      used.set(key, value);
      changed = true;
    },
    async flush() {
      if (!changed && used.size === Object.keys(stored).length) return;
      try {
        await mkdir(cacheDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ version: formatVersion, entries: Object.fromEntries(used) }));
        await rename(tmp, file);
      } catch {
        // a read-only or full disk only costs speed next time
      }
    },
  };
}
