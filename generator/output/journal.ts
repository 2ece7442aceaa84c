// How a write survives a crash. A file system renames one file atomically, never a tree, so a write that
// changes many files is a transaction with a journal (as databases and package managers do it):
//
//   1. stage   every new file is written in full (and fsynced) under the staging folder; the tree is untouched.
//   2. commit  the journal, listing every operation, is written beside it and renamed into place. This rename
//              is the commit point: before it, the tree is the old one; after it, the write will complete.
//   3. apply   each operation moves the old file aside into the staging folder and the new one into place.
//   4. finish  the journal is deleted, then the staging folder with the old files.
//
// A run that finds a journal (the previous one was killed during 3 or 4) completes it before doing anything
// else; one that finds a staging folder without a journal (killed during 1 or 2) deletes it. Every step of
// both is idempotent, so a run killed while recovering is recovered by the next one. An I/O error during 3
// undoes the operations already applied, so a failed write leaves the old tree.
//
// The caller holds the folder's lock (lock.ts) throughout.

import { dirname, join } from "node:path";
import type { OutputFileSystem } from "./file-system.js";
import { contentHash } from "./manifest.js";
import { FileError } from "../file-error.js";
import { hasLockFiles } from "./lock.js";
import { isContainedPath, transientNames, type OutputLocation } from "./output-folder.js";

/** One file operation of a write: replace (or create) `path` with a staged file, or remove it. */
export interface JournalOperation {
  /** POSIX path relative to the output folder. */
  readonly path: string;
  /** The staged new file (relative to the staging folder) and its hash; absent for a removal. */
  readonly staged?: string;
  readonly hash?: string;
  /** Where the old file goes while the write is in progress (relative to the staging folder); absent when there was none. */
  readonly backup?: string;
}

/** The commit record. */
export interface Journal {
  readonly version: 1;
  /** Folders the write creates (parents first), removed again if it is undone. */
  readonly createdDirectories: readonly string[];
  /** Removals, then writes with the manifest last (applied in that order). */
  readonly operations: readonly JournalOperation[];
}

const decoder = new TextDecoder();

function paths(location: OutputLocation) {
  const staging = join(location.outDir, transientNames.staging);
  return {
    journal: join(location.outDir, transientNames.journal),
    staging,
    pendingJournal: join(staging, "journal.json"),
    inStaging: (name: string) => join(staging, name),
    target: (path: string) => join(location.outDir, ...path.split("/")),
  };
}

// --- writing, applying and undoing ---------------------------------------------------------------------------

/** A planned write: what to stage and what to remove. */
export interface WritePlan {
  /** Files to create or replace, in order (the manifest last), with their bytes and whether a file is there now. */
  readonly writes: readonly { readonly path: string; readonly bytes: Uint8Array; readonly replaces: boolean }[];
  /** Files to remove. */
  readonly removals: readonly string[];
  /** Folders to create, parents first. */
  readonly createdDirectories: readonly string[];
}

/**
 * Carries out a plan as a journaled transaction (see the top of this file). On an I/O error before the commit
 * point the staging folder is removed; after it, the applied operations are undone. Either way the error is
 * rethrown and the tree is the old one; only if undoing fails too does the journal stay for the next run.
 */
export async function commitPlan(location: OutputLocation, plan: WritePlan): Promise<void> {
  const { fs } = location;
  const p = paths(location);
  const operations: JournalOperation[] = [];
  let index = 0;
  const backup = (): string => `old/${index}`;
  for (const path of plan.removals) {
    operations.push({ path, backup: backup() });
    index++;
  }
  const journal: Journal = { version: 1, createdDirectories: plan.createdDirectories, operations };
  try {
    await fs.makeDirectory(p.inStaging("new"));
    await fs.makeDirectory(p.inStaging("old"));
    for (const write of plan.writes) {
      const staged = `new/${index}`;
      await fs.writeDurably(p.inStaging(staged), write.bytes);
      operations.push({ path: write.path, staged, hash: contentHash(write.bytes), ...(write.replaces ? { backup: backup() } : {}) });
      index++;
    }
    await fs.writeDurably(p.pendingJournal, new TextEncoder().encode(`${JSON.stringify(journal, null, 1)}\n`));
    await fs.rename(p.pendingJournal, p.journal); // the commit point
  } catch (err) {
    await fs.removeTree(p.staging).catch(() => undefined);
    throw err;
  }
  try {
    await apply(location, journal);
  } catch (err) {
    try {
      await undo(location, journal);
    } catch (undoErr) {
      if (!(err instanceof FileError)) throw err; // a bug: reported as one
      if (!(undoErr instanceof FileError)) throw undoErr;
      throw new FileError(err.path, err.code,
        `${err.reason}; undoing the write failed too (${undoErr.message}). The write is journaled in ${transientNames.journal}: fix the cause and run generate again to complete it`);
    }
    throw err;
  }
  // The write is complete. If the journal cannot be removed, the next run finds every operation done and
  // only tidies up, so this is not an error of this run.
  await finish(location).catch(() => undefined);
}

// Applies every operation; safe to repeat from any point (recovery runs it on a half-applied journal).
async function apply(location: OutputLocation, journal: Journal): Promise<void> {
  const { fs } = location;
  const p = paths(location);
  // Removals first: a file of the old tree may stand where the new one needs a folder.
  for (const op of journal.operations) {
    if (op.staged !== undefined) continue;
    // Moved aside rather than deleted, and kept until the write is complete, so that it can be undone.
    const target = p.target(op.path);
    if (op.backup !== undefined && (await fs.lstat(target)) !== null && (await fs.lstat(p.inStaging(op.backup))) === null) {
      await fs.rename(target, p.inStaging(op.backup));
    }
  }
  for (const op of journal.operations) {
    if (op.staged === undefined) await removeEmptyParents(location, op.path);
  }
  for (const dir of journal.createdDirectories) await fs.makeDirectory(p.target(dir));
  for (const op of journal.operations) {
    if (op.staged === undefined) continue;
    const target = p.target(op.path);
    if ((await fs.lstat(p.inStaging(op.staged))) === null) {
      // Moved in by an earlier attempt: the target must now hold exactly the staged bytes.
      const now = await fs.readFile(target);
      if (now === null || contentHash(now) !== op.hash) {
        throw new FileError(target, "journal-broken",
          `cannot complete the interrupted write: the staged file for it is gone and the file is not the one staged. Restore the output folder from version control (or delete it) and generate again`);
      }
      continue;
    }
    if (op.backup !== undefined && (await fs.lstat(target)) !== null && (await fs.lstat(p.inStaging(op.backup))) === null) {
      await fs.rename(target, p.inStaging(op.backup));
    }
    await fs.makeDirectory(dirname(target));
    await fs.rename(p.inStaging(op.staged), target);
  }
}

// Undoes the operations applied so far, in reverse; safe to repeat. New files go back out first, then the
// folders the write created, then the old files back in: a created folder may stand where an old file was
// (a file of the old tree that the new one made a folder), and an old file cannot move back onto it.
async function undo(location: OutputLocation, journal: Journal): Promise<void> {
  const { fs } = location;
  const p = paths(location);
  const reversed = [...journal.operations].reverse();
  for (const op of reversed) {
    const target = p.target(op.path);
    if (op.staged !== undefined && (await fs.lstat(p.inStaging(op.staged))) === null) {
      // The new file was moved in: move it back out.
      if ((await fs.lstat(target)) !== null) await fs.rename(target, p.inStaging(op.staged));
    }
  }
  for (const dir of [...journal.createdDirectories].reverse()) await fs.removeEmptyDirectory(p.target(dir));
  for (const op of reversed) {
    if (op.backup !== undefined && (await fs.lstat(p.inStaging(op.backup))) !== null) {
      const target = p.target(op.path);
      await fs.makeDirectory(dirname(target));
      await fs.rename(p.inStaging(op.backup), target);
    }
  }
  await finish(location);
}

// Ends a transaction: the journal goes first (the write is then complete), then the staging folder.
async function finish(location: OutputLocation): Promise<void> {
  const p = paths(location);
  await location.fs.removeFile(p.journal);
  await location.fs.removeTree(p.staging);
}

// Folders emptied by removals go too (never the output folder itself).
async function removeEmptyParents(location: OutputLocation, path: string): Promise<void> {
  const segments = path.split("/").slice(0, -1);
  const p = paths(location);
  for (let i = segments.length; i > 0; i--) {
    if (!(await location.fs.removeEmptyDirectory(p.target(segments.slice(0, i).join("/"))))) return;
  }
}

// --- recovery ------------------------------------------------------------------------------------------------

/**
 * Recovers from a run that was killed while writing: completes a committed write (journal present), or
 * removes what an uncommitted one staged. The caller holds the lock. Returns how many files a completed
 * write touched (0 when there was nothing to complete).
 */
export async function recoverInterruptedWrite(location: OutputLocation): Promise<number> {
  const { fs } = location;
  const p = paths(location);
  const bytes = await fs.readFile(p.journal);
  if (bytes === null) {
    if ((await fs.lstat(p.staging)) !== null) await fs.removeTree(p.staging);
    return 0;
  }
  const journal = parseJournal(bytes);
  if (journal === undefined) {
    throw new FileError(p.journal, "journal-broken",
      "is not a journal this version of scim-codegen can complete; restore the output folder from version control (or delete it), remove this file, and generate again");
  }
  await apply(location, journal);
  await finish(location);
  return journal.operations.length;
}

/** Whether a run left something here (a journal, a staging folder, a lock file), without changing anything. */
export async function hasInterruptedWrite(location: OutputLocation): Promise<boolean> {
  const p = paths(location);
  for (const path of [p.journal, p.staging]) if ((await location.fs.lstat(path)) !== null) return true;
  return hasLockFiles(location);
}

function parseJournal(bytes: Buffer): Journal | undefined {
  const slot = (name: unknown): boolean => name === undefined || (typeof name === "string" && /^(?:new|old)\/\d+$/.test(name));
  try {
    const value = JSON.parse(decoder.decode(bytes)) as Journal;
    const ok =
      value.version === 1 &&
      Array.isArray(value.createdDirectories) &&
      value.createdDirectories.every((dir) => typeof dir === "string" && isContainedPath(dir)) &&
      Array.isArray(value.operations) &&
      value.operations.every((op) => typeof op.path === "string" && isContainedPath(op.path) && slot(op.staged) && slot(op.backup));
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}
