import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";

// Folders inside the output that the generator never owns: npm links workspaces' dependencies there.
const ignoredDirs = new Set(["node_modules", ".next", ".turbo"]);

/** Every file below `dir` (POSIX paths relative to it), with its bytes; empty when `dir` is absent. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    for (const e of entries) {
      const abs = join(current, e.name);
      if (e.isDirectory()) {
        if (!ignoredDirs.has(e.name)) await walk(abs);
      } else if (e.isFile()) {
        out.set(relative(dir, abs).split(sep).join("/"), await readFile(abs));
      }
    }
  };
  await walk(dir);
  return out;
}

/**
 * Everything below `dir`, one line per entry in path order: folders (empty ones too), files with a hash of
 * their bytes, symbolic links with their target. Two snapshots are equal only when nothing at all changed.
 */
export async function snapshotTree(dir: string): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    for (const e of entries) {
      const abs = join(current, e.name);
      const rel = relative(dir, abs).split(sep).join("/");
      if (e.isSymbolicLink()) lines.push(`${rel} -> ${await readlink(abs)}`);
      else if (e.isDirectory()) {
        lines.push(`${rel}/`);
        await walk(abs);
      } else if (e.isFile()) {
        lines.push(`${rel} ${createHash("sha256").update(await readFile(abs)).digest("hex").slice(0, 16)} ${(await lstat(abs)).mode.toString(8)}`);
      } else lines.push(`${rel} (special)`);
    }
  };
  await walk(dir);
  return lines.sort();
}
