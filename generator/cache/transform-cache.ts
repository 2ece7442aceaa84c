import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../package-root.js";

/**
 * A content-addressed cache for the slow pure transforms of a run (YAML parsing, TypeScript transpile,
 * prettier, ajv compilation, YAML serialisation). A key is the hash of everything the output depends on (tool version, options, input),
 * so a hit returns exactly the bytes a miss would compute: the cache changes speed, never output.
 * One JSON file per definitions folder; a run rewrites it with only the entries it used, so it never
 * grows past one generation's worth. The file also records a fingerprint of the generator's own
 * sources and templates: any change to the generator empties the cache, so an entry computed by
 * other code is never served.
 */
export interface TransformCache {
  /** The cached output for `key`, or undefined. */
  get(key: string): string | undefined;
  /** Records an output. */
  set(key: string, value: string): void;
  /** Writes the entries this run used, when anything changed. Never throws: a cache is optional. */
  flush(): Promise<void>;
}

const formatVersion = 3;

/**
 * Hash of the generator's own code and data, computed once: every file under `generator/` (sources,
 * definition-format schemas, built-in definitions, runtimes; not its tests) and `templates/`, the code
 * actually running when that is elsewhere (the compiled `dist/generator/` of an installed tool, whose
 * sources may not be there), and the tool's package.json (its exact dependency pins: ts-morph, prettier…
 * shape the output too). Any change to any of them gives another fingerprint.
 */
export function generatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (!e.name.endsWith(".test.ts")) hash.update(path.slice(packageRoot.length)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(join(packageRoot, "generator"));
  walk(join(packageRoot, "templates"));
  if (runningCodeDir !== join(packageRoot, "generator")) walk(runningCodeDir);
  hash.update(readFileSync(join(packageRoot, "package.json")));
  fingerprint = hash.digest("hex");
  return fingerprint;
}
let fingerprint: string | undefined;
// This module is generator/cache/transform-cache.{ts,js}: two levels up is the code that runs.
const runningCodeDir = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Memoises a slow pure computation (compiling validators, serialising YAML): returns `compute()`,
 * or the string it returned before for the same `kind` and `input`. `input` must hold everything the
 * result depends on besides the generator's own code, which the cache fingerprints. Emitters stay
 * pure: with or without a memo they return the same files.
 */
export type Memo = (kind: string, input: string, compute: () => string) => string;

/** The memo that memoises nothing. */
export const noMemo: Memo = (_kind, _input, compute) => compute();

/** A memo (see `Memo`) backed by a transform cache: `kind` and `input` form the key. */
export function memoFrom(cache: TransformCache): Memo {
  // Without a cache, hashing the inputs (hundreds of kilobytes of documents) would be work for nothing.
  if (cache === noCache) return noMemo;
  return (kind, input, compute) => {
    const key = cacheKey("memo", kind, input);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    cache.set(key, value);
    return value;
  };
}

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
    const parsed = JSON.parse(await readFile(file, "utf8")) as { version?: number; generator?: string; entries?: Record<string, string> };
    const current = parsed.version === formatVersion && parsed.generator === generatorFingerprint();
    if (current && parsed.entries && typeof parsed.entries === "object") stored = parsed.entries;
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
        await writeFile(tmp, JSON.stringify({ version: formatVersion, generator: generatorFingerprint(), entries: Object.fromEntries(used) }));
        await rename(tmp, file);
      } catch {
        // a read-only or full disk only costs speed next time
      }
    },
  };
}
