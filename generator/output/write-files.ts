import { mkdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";
import { readTree } from "./tree.js";

/** What a write changed. */
export interface WriteSummary {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Brings `outDir` to exactly `files`: writes only files whose bytes differ, removes files it no
 * longer produces. Everything was generated and formatted in memory before this runs, so a bad
 * definition never touches the tree. Each changed file is first written beside its target as a
 * temporary file; only when all are staged are they renamed into place (rename is atomic per file),
 * so a failure while staging leaves the tree as it was.
 */
export async function writeFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WriteSummary> {
  const existing = await readTree(outDir);
  const written: string[] = [];
  const unchanged: string[] = [];
  const staged: [string, string][] = [];
  const suffix = `.scim-codegen-${process.pid}.tmp`;
  try {
    for (const file of files) {
      const bytes = Buffer.from(file.contents, "utf8");
      const before = existing.get(file.path);
      if (before?.equals(bytes)) {
        unchanged.push(file.path);
        continue;
      }
      const target = join(outDir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target + suffix, bytes);
      staged.push([target + suffix, target]);
      written.push(file.path);
    }
  } catch (err) {
    await Promise.all(staged.map(([tmp]) => rm(tmp, { force: true })));
    throw err;
  }
  for (const [tmp, target] of staged) await rename(tmp, target);

  const produced = new Set(files.map((f) => f.path));
  const removed = [...existing.keys()].filter((p) => !produced.has(p)).sort();
  for (const path of removed) {
    await rm(join(outDir, path), { force: true });
    await removeEmptyParents(outDir, dirname(join(outDir, path)));
  }
  return { written: written.sort(), unchanged: unchanged.sort(), removed };
}

async function removeEmptyParents(root: string, dir: string): Promise<void> {
  for (let current = dir; current.startsWith(root) && current !== root; current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (or already gone): stop climbing
    }
  }
}
