// What is in an output folder, and whether the generator may use it at all. The generator owns only the
// files its manifest lists; this module reads the folder without following symbolic links and refuses the
// folders a build step must never write into: the definitions, a project root, a repository, anything
// reached through a symbolic link.

import { realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import type { OutputFileSystem } from "./file-system.js";
import { manifestFileName, parseManifest, type ParsedManifest } from "./manifest.js";
import { displayPath, FileError } from "../file-error.js";

/** Names of the generator's transient files at the top of the output folder (they exist only during a run or after a crash). */
export const transientNames = {
  /** Held for the whole of a write: one generator writes a folder at a time. */
  lock: ".scim-codegen.lock",
  /** The commit record of a write in progress; see journal.ts. */
  journal: ".scim-codegen.journal.json",
  /** New files before they move into place, and the old ones they replace until the write is complete. */
  staging: ".scim-codegen.staging",
} as const;

// Folders inside the output that the generator never reads, owns or touches: npm links workspaces'
// dependencies there, and frameworks keep build output there.
const ignoredDirs = new Set(["node_modules", ".next", ".turbo"]);

/** Whether `name`, at the top of the output folder, is the lock or one of its break and temporary files (see lock.ts). */
export function isLockFamilyName(name: string): boolean {
  return name === transientNames.lock || name.startsWith(`${transientNames.lock}.`);
}

/** Whether `name`, at the top of the output folder, is one of the generator's transient files. */
export function isTransientName(name: string): boolean {
  return name === transientNames.journal || name === transientNames.staging || isLockFamilyName(name);
}

// Temporary files of scim-codegen ≤ 0.1 (written beside their targets, then renamed): left by a crash of
// that version, they are the generator's own to delete.
const legacyTemp = /\.scim-codegen-\d+\.tmp$/;

/** A POSIX path relative to the output folder that cannot leave it: no `..`, `.`, empty segment, backslash, NUL or leading `/`. */
export function isContainedPath(path: string): boolean {
  if (path === "" || path.startsWith("/") || /[\\\u0000]/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/** The output folder as found on disk. Paths are POSIX, relative to the folder. */
export interface OutputFolderState {
  /** Regular files (not under ignored folders, not transient, manifest excluded). */
  readonly files: ReadonlySet<string>;
  /** The bytes of those of them the run produces or the manifest lists: the only ones read. */
  readonly contents: ReadonlyMap<string, Buffer>;
  /** Symbolic links, at any depth; never followed. */
  readonly symlinks: ReadonlySet<string>;
  /** Folders. */
  readonly directories: ReadonlySet<string>;
  /** Anything else (sockets, FIFOs, devices). */
  readonly others: ReadonlySet<string>;
  /** The manifest, when the folder has one. */
  readonly manifest: ParsedManifest | undefined;
  /** The bytes of the manifest file as found. */
  readonly manifestBytes: Buffer | undefined;
  /** Temporary files of an older scim-codegen, which the generator deletes. */
  readonly legacyTemps: readonly string[];
  /** `.git` entries (a repository), at any depth. */
  readonly repositories: readonly string[];
}

/** Where a run reads and writes, with paths as the user should see them. */
export interface OutputLocation {
  /** Absolute path of the output folder. */
  readonly outDir: string;
  /** Absolute path of the definitions folder (never written). */
  readonly definitionsDir: string;
  /** Base of the paths shown to the user. */
  readonly cwd: string;
  readonly fs: OutputFileSystem;
}

// The real location of a path that may not exist yet: the real path of its nearest existing ancestor,
// plus the rest. Two spellings of one folder (`a/../b`, a symbolic link) compare equal.
async function realLocation(path: string): Promise<string> {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch {
      if (dirname(existing) === existing) return path;
      rest.push(basename(existing));
      existing = dirname(existing);
    }
  }
}

/** Whether `inner` is `outer` or below it (a name that merely starts with `..`, such as `..gen`, is below). */
export function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

// The folders from where `path` leaves the working directory's line (the nearest folder the two share,
// exclusive) down to `path` itself: for `generated` those below the working directory, for
// `../../other/out` the folders from `other` on.
function pathFromCommonAncestor(cwd: string, path: string): string[] {
  const a = cwd.split(sep);
  const b = path.split(sep);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return b.slice(common).map((_, i) => b.slice(0, common + i + 1).join(sep) || sep);
}

/**
 * Refuses an output folder that the generator must not write, before anything is read or written: one that
 * is, holds or sits inside the definitions folder; one inside a `.git` or `node_modules` folder; one that exists as something
 * other than a folder; one that is a symbolic link or is reached through one from the nearest folder it
 * shares with the working directory.
 */
export async function checkOutputLocation(location: OutputLocation): Promise<void> {
  const { outDir, definitionsDir, fs } = location;
  for (const path of [outDir, definitionsDir]) {
    if (path.includes("\u0000")) {
      throw new FileError(path.replace(/\u0000/g, "\\0"), "invalid-path", "is not a valid path: it holds a NUL character");
    }
  }
  const [realOut, realDefinitions] = await Promise.all([realLocation(outDir), realLocation(definitionsDir)]);
  if (within(realOut, realDefinitions) || within(realDefinitions, realOut)) {
    const how = realOut === realDefinitions ? "is" : within(realOut, realDefinitions) ? "is inside" : "holds";
    throw new FileError(outDir, "output-overlaps-definitions",
      `the output folder ${how} the definitions folder ${displayPath(location.cwd, definitionsDir)}, which the generator must never write. Choose a folder beside it, e.g. --out ${displayPath(location.cwd, join(dirname(definitionsDir), "generated"))}`);
  }
  // A folder inside a repository's own folder: Git would read the generated files as its data.
  if ([...outDir.split(sep), ...realOut.split(sep)].includes(".git")) {
    throw new FileError(outDir, "repository", "is inside a .git folder, which belongs to Git; choose a folder outside it");
  }
  // npm, pnpm and yarn delete and replace what is in node_modules on every install: the output (and its
  // manifest) would vanish, and a package manager's files would stand where the generator writes.
  if ([...outDir.split(sep), ...realOut.split(sep)].includes("node_modules")) {
    throw new FileError(outDir, "package-manager-folder", "is inside a node_modules folder, which the package manager replaces on every install; choose a folder of your project, e.g. --out scim/generated");
  }
  // The output folder, and each folder on the way to it from the nearest folder it shares with the working
  // directory: a symbolic link there would carry every write to wherever it points.
  const chain = pathFromCommonAncestor(location.cwd, outDir);
  if (!chain.includes(outDir)) chain.push(outDir);
  for (const path of chain) {
    const stats = await fs.lstat(path);
    if (stats === null) break;
    if (stats.isSymbolicLink()) {
      throw new FileError(path, "symlink", "is a symbolic link on the output path; the generator never writes through one. Point --out at the real folder");
    }
    if (!stats.isDirectory()) {
      throw new FileError(path, "not-a-folder", `is a file, not a folder; --out must name a folder the generator can own`);
    }
  }
}

// A manifest lists one line per file; one of this size is not one (a real one is ~15 KB per hundred files).
const maxManifestBytes = 16 * 1024 * 1024;

/**
 * Reads the output folder (never following a symbolic link); an absent folder reads as empty. Only the files
 * the run produces and those the manifest lists are read: any other file is the user's, and its size is no
 * business of the generator's.
 */
export async function scanOutputFolder(location: OutputLocation, produced: ReadonlyMap<string, unknown>): Promise<OutputFolderState> {
  const { outDir, fs } = location;
  const files = new Set<string>();
  const contents = new Map<string, Buffer>();
  const symlinks = new Set<string>();
  const directories = new Set<string>();
  const others = new Set<string>();
  const legacyTemps: string[] = [];
  const repositories: string[] = [];

  const stats = await fs.lstat(outDir);
  if (stats === null || !stats.isDirectory()) {
    return { files, contents, symlinks, directories, others, manifest: undefined, manifestBytes: undefined, legacyTemps, repositories };
  }
  const manifestPath = join(outDir, manifestFileName);
  const manifestStats = await fs.lstat(manifestPath);
  let manifestBytes: Buffer | undefined;
  let manifest: ParsedManifest | undefined;
  if (manifestStats !== null && manifestStats.isFile()) {
    if (manifestStats.size > maxManifestBytes) {
      throw new FileError(manifestPath, "invalid-manifest", "is far too large to be a scim-codegen manifest; restore it from version control");
    }
    manifestBytes = (await fs.readFile(manifestPath)) ?? undefined;
  }
  if (manifestBytes !== undefined) {
    manifest = parseManifest(manifestBytes.toString("utf8"));
    if (manifest === undefined) {
      throw new FileError(manifestPath, "invalid-manifest",
        "is not a scim-codegen manifest (no file entries in it); restore it from version control, or move the folder aside and generate into an empty one");
    }
    for (const path of manifest.files.keys()) {
      if (!isContainedPath(path)) {
        throw new FileError(manifestPath, "invalid-manifest",
          `lists ${JSON.stringify(path)}, which is outside the output folder; the manifest was edited by hand. Restore it from version control`);
      }
    }
  }
  const ours = (path: string): boolean => produced.has(path) || manifest?.files.has(path) === true;

  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await fs.readdir(dir)) {
      const rel = prefix + entry.name;
      if (prefix === "" && (isTransientName(entry.name) || (entry.name === manifestFileName && entry.isFile()))) continue;
      if (entry.name === ".git") repositories.push(rel);
      if (entry.isSymbolicLink()) symlinks.add(rel);
      else if (entry.isDirectory()) {
        if (ignoredDirs.has(entry.name) || entry.name === ".git") continue;
        directories.add(rel);
        await walk(join(dir, entry.name), `${rel}/`);
      } else if (entry.isFile()) {
        // A temporary file of an older scim-codegen beside one of its files: the generator's to delete.
        const legacy = legacyTemp.exec(rel);
        if (legacy !== null && ours(rel.slice(0, legacy.index))) {
          legacyTemps.push(rel);
          continue;
        }
        files.add(rel);
        if (!ours(rel)) continue;
        const bytes = await fs.readFile(join(dir, entry.name));
        if (bytes === null) files.delete(rel); // removed while reading
        else contents.set(rel, bytes);
      } else {
        others.add(rel);
      }
    }
  };
  await walk(outDir, "");
  return { files, contents, symlinks, directories, others, manifest, manifestBytes, legacyTemps: legacyTemps.sort(), repositories: repositories.sort() };
}

/** Whether the generator wrote `path` (the manifest lists it), or may adopt it: no manifest yet, and the bytes are exactly its own. */
export function owns(state: OutputFolderState, path: string, produced?: Uint8Array): boolean {
  if (state.manifest !== undefined) return state.manifest.files.has(path);
  const onDisk = state.contents.get(path);
  return produced !== undefined && onDisk !== undefined && onDisk.equals(produced);
}

/**
 * Refuses a folder that is a project root or a repository: a `.git` anywhere, or a `package.json` that the
 * generator did not write. `produced` maps the run's paths to their bytes.
 */
export function checkProjectRoot(location: OutputLocation, state: OutputFolderState, produced: ReadonlyMap<string, Uint8Array>): void {
  const shown = displayPath(location.cwd, location.outDir);
  const [repository] = state.repositories;
  if (repository !== undefined) {
    throw new FileError(join(location.outDir, repository), "repository",
      `is a Git repository inside the output folder ${shown}; the generator never writes a folder that holds one. Choose a folder the generator can own, e.g. --out ${shown === "." ? "generated" : `${shown}/generated`}`);
  }
  // The shallowest first: the project's own package.json, not one of a package below it.
  const depth = (path: string): number => path.split("/").length;
  const packageFiles = [...state.files].filter((path) => basename(path) === "package.json").sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
  for (const path of packageFiles) {
    if (owns(state, path, produced.get(path))) continue;
    throw new FileError(join(location.outDir, path), "project-root",
      `was not written by scim-codegen (${manifestFileName} does not list it), so ${shown} looks like a project; the generator never writes into one. Choose a folder the generator can own, e.g. --out ${shown === "." ? "generated" : `${shown}/generated`}`);
  }
}

/** The first path component of `path` (itself included) that is a symbolic link or not a folder where a folder must be, or undefined. */
export function blockedComponent(state: OutputFolderState, path: string): { readonly at: string; readonly why: "symlink" | "not-a-folder" | "not-a-file" } | undefined {
  const segments = path.split("/");
  for (let i = 1; i <= segments.length; i++) {
    const at = segments.slice(0, i).join("/");
    if (state.symlinks.has(at)) return { at, why: "symlink" };
    const last = i === segments.length;
    if (!last && (state.files.has(at) || state.others.has(at) || at === manifestFileName)) return { at, why: "not-a-folder" };
    if (last && (state.directories.has(at) || state.others.has(at))) return { at, why: "not-a-file" };
  }
  return undefined;
}

/**
 * Whether `blocked` stands in the way of a run that removes the files in `removed`: a file of the old tree
 * where a folder is needed, or a folder that the removals empty (removals take the folders they empty with
 * them, journal.ts), is gone before the new file or folder is made, so it blocks nothing. A folder with
 * anything else in it, even an empty folder, stays.
 */
export function clearedByRemovals(state: OutputFolderState, blocked: NonNullable<ReturnType<typeof blockedComponent>>, removed: ReadonlySet<string>): boolean {
  if (blocked.why === "not-a-folder") return removed.has(blocked.at);
  if (blocked.why === "symlink" || !state.directories.has(blocked.at)) return false;
  const below = (folder: string) => (path: string): boolean => path.startsWith(`${folder}/`);
  const folders = [blocked.at, ...[...state.directories].filter(below(blocked.at))];
  return (
    ![...state.symlinks, ...state.others].some(below(blocked.at)) &&
    [...state.files].filter(below(blocked.at)).every((path) => removed.has(path)) &&
    folders.every((folder) => [...removed].some(below(folder)))
  );
}
