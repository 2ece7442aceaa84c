import type { GeneratedFile } from "../emit/generated-file.js";
import { hasInterruptedWrite, recoverInterruptedWrite } from "./journal.js";
import { lockUnlessReadOnly } from "./lock.js";
import { manifestFileName, manifestText } from "./manifest.js";
import { FileError } from "../file-error.js";
import {
  blockedComponent,
  checkOutputLocation,
  clearedByRemovals,
  checkProjectRoot,
  owns,
  scanOutputFolder,
  type OutputLocation,
} from "./output-folder.js";
import { lockOptions, outputLocation, producedBytes, readOnlyLeftovers, type OutputOptions } from "./write-files.js";

/** One way the output folder differs from what the definitions produce. */
export interface Drift {
  /**
   * `changed`, `missing`, `line-endings`: a generated file is not what the definitions produce; `orphan`: a
   * file the generator wrote and no longer produces (generate deletes it); `foreign`: a file the generator
   * did not write stands where it must write one (generate refuses until it is moved).
   */
  readonly kind: "changed" | "missing" | "orphan" | "line-endings" | "foreign";
  readonly path: string;
  /** For `changed`: a short unified-style diff, committed (-) against generated (+). */
  readonly diff?: string;
}

/** What a check found. */
export interface CheckReport {
  /** Sorted by path; empty when the folder is up to date. */
  readonly drift: readonly Drift[];
  /** Files in the folder that the generator did not write and does not need: left alone, not drift. */
  readonly foreign: readonly string[];
  /** Files of an interrupted write that were completed before checking (0: none). */
  readonly recovered: number;
}

/**
 * Compares the output folder with the files generated in memory. Changes nothing, except that an interrupted
 * write (a run killed while writing) is completed first, so that a half-written tree is never reported up to
 * date nor compared file by file; the folder's lock is held while reading (when the folder is writable).
 */
export async function checkFiles(outDir: string, files: readonly GeneratedFile[], options: OutputOptions): Promise<CheckReport> {
  const location = outputLocation(outDir, options);
  await checkOutputLocation(location);
  const produced = producedBytes(files);
  let recovered = 0;
  let state;
  // The lock, held while reading, so that no generate run writes between the first file read and the last.
  // An absent folder needs none: nothing is read.
  const lock = (await location.fs.lstat(outDir)) === null ? undefined : await lockUnlessReadOnly(location, lockOptions(options));
  try {
    if (lock !== undefined && "release" in lock) recovered = await recoverInterruptedWrite(location);
    else if (lock !== undefined && (await hasInterruptedWrite(location))) throw readOnlyLeftovers(location, lock.readOnly);
    state = await scanOutputFolder(location, produced);
  } finally {
    if (lock !== undefined && "release" in lock) await lock.release();
  }
  checkProjectRoot(location, state, produced);

  const drift: Drift[] = [];
  // What generate would remove: a file or folder of those is no obstacle to a new file (see planWrite).
  const removed = new Set([...[...state.files].filter((path) => !produced.has(path) && state.manifest?.files.has(path) === true), ...state.legacyTemps]);
  const manifestBytes = new TextEncoder().encode(manifestText(produced));
  for (const [path, bytes] of [...produced, [manifestFileName, manifestBytes] as const]) {
    const onDisk = path === manifestFileName ? state.manifestBytes : state.contents.get(path);
    if (onDisk === undefined) {
      const blocked = blockedComponent(state, path);
      drift.push({ kind: blocked === undefined || clearedByRemovals(state, blocked, removed) ? "missing" : "foreign", path });
      continue;
    }
    if (onDisk.equals(bytes)) continue;
    if (path !== manifestFileName && !owns(state, path, bytes)) {
      drift.push({ kind: "foreign", path });
      continue;
    }
    const before = onDisk.toString("utf8");
    const after = new TextDecoder().decode(bytes);
    if (before.replace(/\r\n/g, "\n") === after) drift.push({ kind: "line-endings", path });
    else drift.push({ kind: "changed", path, diff: shortDiff(before, after) });
  }
  const foreign: string[] = [];
  for (const path of state.files) {
    if (produced.has(path)) continue;
    if (state.manifest?.files.has(path)) drift.push({ kind: "orphan", path });
    else foreign.push(path);
  }
  for (const path of state.legacyTemps) drift.push({ kind: "orphan", path });
  const byPath = (a: { path: string } | string, b: { path: string } | string): number => {
    const x = typeof a === "string" ? a : a.path;
    const y = typeof b === "string" ? b : b.path;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return { drift: drift.sort(byPath), foreign: foreign.sort(byPath), recovered };
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
