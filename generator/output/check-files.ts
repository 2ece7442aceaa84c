import type { GeneratedFile } from "../emit/generated-file.js";
import { readTree } from "./tree.js";

/** One way the output folder differs from what the definitions produce. */
export interface Drift {
  readonly kind: "changed" | "missing" | "orphan" | "line-endings";
  readonly path: string;
  /** For `changed`: a short unified-style diff, committed (-) against generated (+). */
  readonly diff?: string;
}

/** Compares `outDir` with the files generated in memory; writes nothing. */
export async function checkFiles(outDir: string, files: readonly GeneratedFile[]): Promise<Drift[]> {
  const existing = await readTree(outDir);
  const drift: Drift[] = [];
  for (const file of files) {
    const before = existing.get(file.path);
    if (!before) {
      drift.push({ kind: "missing", path: file.path });
      continue;
    }
    const onDisk = before.toString("utf8");
    if (onDisk === file.contents) continue;
    if (onDisk.replace(/\r\n/g, "\n") === file.contents) drift.push({ kind: "line-endings", path: file.path });
    else drift.push({ kind: "changed", path: file.path, diff: shortDiff(onDisk, file.contents) });
  }
  const produced = new Set(files.map((f) => f.path));
  for (const path of existing.keys()) if (!produced.has(path)) drift.push({ kind: "orphan", path });
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The changed region between two texts: common leading and trailing lines are trimmed, two lines of
 * context kept, and at most `limit` lines of each side shown.
 */
export function shortDiff(before: string, after: string, limit = 8): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const context = Math.max(0, start - 2);
  const lines = [`@@ line ${start + 1} @@`];
  for (const line of a.slice(context, start)) lines.push(`  ${line}`);
  const side = (prefix: string, chunk: string[]): void => {
    for (const line of chunk.slice(0, limit)) lines.push(`${prefix} ${line}`);
    if (chunk.length > limit) lines.push(`${prefix} … ${chunk.length - limit} more lines`);
  };
  side("-", a.slice(start, endA));
  side("+", b.slice(start, endB));
  return lines.join("\n");
}
