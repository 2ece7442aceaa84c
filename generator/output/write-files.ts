import { join } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";
import { nodeFileSystem, type OutputFileSystem } from "./file-system.js";
import { commitPlan, hasInterruptedWrite, recoverInterruptedWrite, type WritePlan } from "./journal.js";
import { acquireLock, lockUnlessReadOnly, type LockOptions, type LockOrReadOnly } from "./lock.js";
import { contentHash, manifestFileName, manifestText } from "./manifest.js";
import { displayPath, FileError } from "../file-error.js";
import {
  blockedComponent,
  checkOutputLocation,
  clearedByRemovals,
  checkProjectRoot,
  isContainedPath,
  owns,
  scanOutputFolder,
  isTransientName,
  type OutputFolderState,
  type OutputLocation,
} from "./output-folder.js";

/** What a write changed. */
export interface WriteSummary {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** Files of an interrupted earlier write that this run completed first (0: none). */
  readonly recovered: number;
  /**
   * Files the run overwrote or deleted that had been edited since the generator wrote them (their bytes no
   * longer match the manifest's hash): the generator owns them, but the user may want to know.
   */
  readonly editedByHand: readonly string[];
}

/** Where the output step works, and with what. */
export interface OutputOptions {
  /** The definitions folder: never written, and the output folder may not overlap it. */
  readonly definitionsDir: string;
  /** Base of the paths shown to the user. */
  readonly cwd: string;
  /** The file system (tests pass one that fails on purpose). */
  readonly fs?: OutputFileSystem;
  /** How long to wait for another run writing the same folder, in ms. */
  readonly lockWaitMs?: number;
}

/** The location of a run, with the real file system unless a test gives another. */
export function outputLocation(outDir: string, options: OutputOptions): OutputLocation {
  return { outDir, definitionsDir: options.definitionsDir, cwd: options.cwd, fs: options.fs ?? nodeFileSystem };
}

/** The run's files as bytes by path; a path that could leave the output folder is a generator bug. */
export function producedBytes(files: readonly GeneratedFile[]): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  const produced = new Map<string, Uint8Array>();
  for (const file of files) {
    if (!isContainedPath(file.path) || file.path === manifestFileName || isTransientName(file.path.split("/")[0] as string)) {
      throw new Error(`scim-codegen: an emitter produced the path ${JSON.stringify(file.path)}, which the output step refuses`);
    }
    produced.set(file.path, encoder.encode(file.contents));
  }
  return produced;
}

/**
 * Brings the output folder to exactly `files`, touching only what the generator owns (see manifest.ts):
 * writes the files whose bytes differ, removes the files it wrote before and no longer produces (and folders
 * left empty), and records the result in the manifest. A file it does not own where an output must go, a
 * symbolic link on an output path, a project root or a repository stops the run before anything is written.
 * The write is a journaled transaction (journal.ts): killed at any moment, the folder holds the old tree or
 * the next run completes the new one; an I/O error leaves the old tree and throws a FileError.
 */
export async function writeFiles(outDir: string, files: readonly GeneratedFile[], options: OutputOptions): Promise<WriteSummary> {
  const location = outputLocation(outDir, options);
  const { fs } = location;
  await checkOutputLocation(location);
  const produced = producedBytes(files);
  const existed = (await fs.lstat(outDir)) !== null;
  await fs.makeDirectory(outDir);
  let lock: LockOrReadOnly | undefined;
  try {
    lock = await lockUnlessReadOnly(location, lockOptions(options));
    let recovered = 0;
    if ("release" in lock) recovered = await recoverInterruptedWrite(location);
    else if (await hasInterruptedWrite(location)) throw readOnlyLeftovers(location, lock.readOnly);
    const state = await scanOutputFolder(location, produced);
    checkProjectRoot(location, state, produced);
    const { plan, unchanged, editedByHand } = planWrite(location, state, produced);
    if (plan.writes.length > 0 || plan.removals.length > 0) {
      // A read-only folder that is already up to date is no error; one that must change is.
      if ("readOnly" in lock) throw lock.readOnly;
      await commitPlan(location, plan);
    }
    return { written: plan.writes.map((w) => w.path).sort(), unchanged, removed: [...plan.removals].sort(), recovered, editedByHand };
  } catch (err) {
    if (!existed) {
      if (lock !== undefined && "release" in lock) await lock.release();
      lock = undefined;
      await fs.removeEmptyDirectory(outDir).catch(() => undefined);
    }
    throw err;
  } finally {
    if (lock !== undefined && "release" in lock) await lock.release();
  }
}

/** The lock options of a run. */
export function lockOptions(options: OutputOptions): LockOptions {
  return options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs };
}

/** A read-only folder holding what a stopped run left: nothing can be completed or tidied there. */
export function readOnlyLeftovers(location: OutputLocation, cause: FileError): FileError {
  return new FileError(location.outDir, cause.code,
    `holds what a stopped run left (a journal, staged files or its lock), which cannot be completed or tidied here: ${cause.reason}. Run generate where the folder is writable`);
}

/** Decides what to write and remove; refuses (throws FileError) when that would touch what the generator does not own. */
export function planWrite(
  location: OutputLocation,
  state: OutputFolderState,
  produced: ReadonlyMap<string, Uint8Array>,
): { readonly plan: WritePlan; readonly unchanged: string[]; readonly editedByHand: string[] } {
  const entries: [string, Uint8Array][] = [...produced, [manifestFileName, new TextEncoder().encode(manifestText(produced))]];
  const writes: WritePlan["writes"][number][] = [];
  const unchanged: string[] = [];
  const foreign: string[] = [];
  const removals = [
    ...[...(state.manifest?.files.keys() ?? [])].filter((path) => !produced.has(path) && state.files.has(path)),
    ...state.legacyTemps,
  ];
  const removed = new Set(removals);
  for (const path of [...entries.map(([p]) => p), ...removals]) refuseBlocked(location, state, path, removed);

  for (const [path, bytes] of entries) {
    const onDisk = path === manifestFileName ? state.manifestBytes : state.contents.get(path);
    if (onDisk?.equals(bytes)) unchanged.push(path);
    else if (onDisk !== undefined && path !== manifestFileName && !owns(state, path, bytes)) foreign.push(path);
    else writes.push({ path, bytes, replaces: onDisk !== undefined });
  }
  if (foreign.length > 0) {
    const [first] = foreign as [string];
    const more = foreign.length > 1 ? ` (and ${foreign.length - 1} more: ${foreign.slice(1, 4).join(", ")}${foreign.length > 4 ? ", …" : ""})` : "";
    throw new FileError(join(location.outDir, first), "foreign-file",
      `is in the way of a generated file${more}, and scim-codegen did not write it (${manifestFileName} does not list it); nothing was written. Move it away, or choose another --out for ${displayPath(location.cwd, location.outDir)}`);
  }

  // Folders the writes need that do not exist yet, parents first, so that undoing the write removes them again.
  const createdDirectories = new Set<string>();
  for (const { path } of writes) {
    const segments = path.split("/");
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join("/");
      if (!state.directories.has(dir)) createdDirectories.add(dir);
    }
  }
  // The manifest last: until the write is complete, it still lists every file the old tree owned.
  writes.sort((a, b) => Number(a.path === manifestFileName) - Number(b.path === manifestFileName));
  // What the manifest says the generator wrote, against what is there now.
  const edited = (path: string): boolean => {
    const recorded = state.manifest?.files.get(path);
    const onDisk = state.contents.get(path);
    return recorded !== undefined && onDisk !== undefined && contentHash(onDisk) !== recorded;
  };
  const editedByHand = [...writes.map((w) => w.path), ...removals].filter(edited).sort();
  return { plan: { writes, removals, createdDirectories: [...createdDirectories] }, unchanged: unchanged.sort(), editedByHand };
}

function refuseBlocked(location: OutputLocation, state: OutputFolderState, path: string, removed: ReadonlySet<string>): void {
  const blocked = blockedComponent(state, path);
  // A file of the old tree where the new one needs a folder (or the reverse) is removed before it is made.
  if (blocked === undefined || clearedByRemovals(state, blocked, removed)) return;
  const at = join(location.outDir, blocked.at);
  if (blocked.why === "symlink") {
    throw new FileError(at, "symlink",
      `is a symbolic link on the path of the generated file ${path}; the generator never writes through one. Replace it with a real folder, or remove it`);
  }
  throw new FileError(at, "foreign-file",
    `is a ${blocked.why === "not-a-folder" ? "file where the generator needs a folder" : "folder or special file where the generator needs a file"} for ${path}, and scim-codegen did not write it; nothing was written. Move it away, or choose another --out`);
}

/**
 * What every run does to its output folder before anything else, even before reading the definitions: refuse
 * a folder it must not use, and complete a write that a killed run left journaled. Returns how many files the
 * completed write touched (0: none).
 */
export async function prepareOutputFolder(outDir: string, options: OutputOptions): Promise<number> {
  const location = outputLocation(outDir, options);
  await checkOutputLocation(location);
  if (!(await hasInterruptedWrite(location))) return 0;
  const release = await acquireLock(location, lockOptions(options));
  try {
    return await recoverInterruptedWrite(location);
  } finally {
    await release();
  }
}
