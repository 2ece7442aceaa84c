// The file-system operations of the output step, in one place: every failure becomes a FileError
// naming the path and the error code, and tests can swap in a file system that fails on purpose (disk full,
// read-only, permission denied) at any chosen operation.

import type { Dirent, Stats } from "node:fs";
import { link, lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { FileError, fileSystemError } from "../file-error.js";

/** What the output step does to the disk; every method throws FileError on failure. */
export interface OutputFileSystem {
  /** `lstat` (never follows a symbolic link); `null` when nothing is there. */
  lstat(path: string): Promise<Stats | null>;
  readdir(path: string): Promise<Dirent[]>;
  /** The bytes of a file; `null` when it does not exist. */
  readFile(path: string): Promise<Buffer | null>;
  /**
   * Creates `path` with `bytes` and flushes them to the device (fsync) before returning, so that a rename
   * after it can never expose an empty or partial file, even after a power cut. `exclusive`: fail with
   * EEXIST when the file exists (a lock).
   */
  writeDurably(path: string, bytes: Uint8Array, exclusive?: boolean): Promise<void>;
  /** Atomically replaces `to` with `from` (rename(2): never follows a symbolic link at `to`). */
  rename(from: string, to: string): Promise<void>;
  /**
   * Gives the file `from` a second name `to`, atomically, failing with EEXIST when `to` exists (link(2)): a
   * file that appears under `to` is complete from its first instant, and never replaces another.
   */
  link(from: string, to: string): Promise<void>;
  /** Removes a file; nothing when it is not there. */
  removeFile(path: string): Promise<void>;
  /** Removes a folder and everything in it; nothing when it is not there. */
  removeTree(path: string): Promise<void>;
  /** Creates a folder and its missing parents. */
  makeDirectory(path: string): Promise<void>;
  /** Removes an empty folder; `false` when it is not empty, not there, or not a folder. */
  removeEmptyDirectory(path: string): Promise<boolean>;
}

const absent = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === "ENOENT";

/** The real file system. */
export const nodeFileSystem: OutputFileSystem = {
  async lstat(path) {
    try {
      return await lstat(path);
    } catch (err) {
      if (absent(err) || (err as NodeJS.ErrnoException).code === "ENOTDIR") return null;
      throw fileSystemError(err, path, "read");
    }
  },
  async readdir(path) {
    try {
      return await readdir(path, { withFileTypes: true });
    } catch (err) {
      throw fileSystemError(err, path, "read the folder");
    }
  },
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (err) {
      if (absent(err)) return null;
      throw fileSystemError(err, path, "read");
    }
  },
  async writeDurably(path, bytes, exclusive = false) {
    let handle;
    try {
      handle = await open(path, exclusive ? "wx" : "w");
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (err) {
      throw fileSystemError(err, path, "write");
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
  async rename(from, to) {
    try {
      await rename(from, to);
    } catch (err) {
      throw fileSystemError(err, to, "replace");
    }
  },
  async link(from, to) {
    try {
      await link(from, to);
    } catch (err) {
      throw fileSystemError(err, to, "create");
    }
  },
  async removeFile(path) {
    try {
      await rm(path, { force: true });
    } catch (err) {
      throw fileSystemError(err, path, "remove");
    }
  },
  async removeTree(path) {
    try {
      await rm(path, { recursive: true, force: true });
    } catch (err) {
      throw fileSystemError(err, path, "remove");
    }
  },
  async makeDirectory(path) {
    // Parents first, one level at a time: Node's recursive mkdir reports ENOENT for a read-only file
    // system (not EROFS) and loops forever below /proc.
    try {
      await mkdir(path);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        if ((await stat(path).catch(() => null))?.isDirectory()) return;
        throw new FileError(path, "ENOTDIR", "cannot create the folder: ENOTDIR (a file of that name is in the way)");
      }
      if (code !== "ENOENT" || dirname(path) === path) throw fileSystemError(err, path, "create the folder");
    }
    await nodeFileSystem.makeDirectory(dirname(path));
    try {
      await mkdir(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST" && (await stat(path).catch(() => null))?.isDirectory()) return;
      throw fileSystemError(err, path, "create the folder");
    }
  },
  async removeEmptyDirectory(path) {
    try {
      await rmdir(path);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a file stands there (undoing a write that made a folder where an old file was, before that
      // file moved back): no folder to remove.
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "ENOENT" || code === "ENOTDIR") return false;
      throw fileSystemError(err, path, "remove the folder");
    }
  },
};
