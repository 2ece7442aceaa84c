import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";

// Folders inside the output that the generator never owns: npm links workspaces' dependencies there.
const ignoredDirs = new Set(["node_modules", ".next", ".turbo"]);

/** Visits every entry below `dir` (POSIX paths relative to it), parents first; nothing when `dir` is absent. */
async function walk(dir: string, visit: (entry: Dirent, abs: string, rel: string) => Promise<boolean | void>): Promise<void> {
  const descend = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    for (const entry of entries) {
      const abs = join(current, entry.name);
      // A folder is entered unless the visitor says false.
      if ((await visit(entry, abs, relative(dir, abs).split(sep).join("/"))) !== false && entry.isDirectory()) await descend(abs);
    }
  };
  await descend(dir);
}

/** Every file below `dir` (POSIX paths relative to it), with its bytes; empty when `dir` is absent. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  await walk(dir, async (entry, abs, rel) => {
    if (entry.isDirectory()) return !ignoredDirs.has(entry.name);
    if (entry.isFile()) out.set(rel, await readFile(abs));
  });
  return out;
}

/**
 * Everything below `dir`, one line per entry in path order: folders (empty ones too), files with a hash of
 * their bytes and their mode, symbolic links with their target. Two snapshots are equal only when nothing
 * at all changed.
 */
export async function snapshotTree(dir: string): Promise<string[]> {
  const lines: string[] = [];
  await walk(dir, async (entry, abs, rel) => {
    if (entry.isSymbolicLink()) lines.push(`${rel} -> ${await readlink(abs)}`);
    else if (entry.isDirectory()) lines.push(`${rel}/`);
    else if (entry.isFile()) {
      const hash = createHash("sha256").update(await readFile(abs)).digest("hex").slice(0, 16);
      lines.push(`${rel} ${hash} ${(await lstat(abs)).mode.toString(8)}`);
    } else lines.push(`${rel} (special)`);
  });
  return lines.sort();
}
