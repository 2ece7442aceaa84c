// One run at a time writes an output folder. The lock is a file, `.scim-codegen.lock`, naming its owner
// (pid, host, and a nonce that makes every acquisition unique); a lock whose process is gone (a run that
// was killed) is taken over, so a crash never blocks the next run.
//
// Taking over must itself be safe when several runs find the same stale lock at once: deleting a lock by
// name after judging it stale would delete a live one that another run created in between (both would
// then write the folder). So:
//   - every lock-family file appears complete and atomically: written under a temporary name, then given
//     its name with link(2), which never replaces an existing file;
//   - a stale file is removed only by its one breaker: the run that creates `<file>.break-<hash of the stale
//     content>`. The breaker re-reads the file and removes it only if it still holds that content, which
//     nobody else can change meanwhile (only the dead owner or the breaker may remove it). A breaker killed
//     mid-way leaves a stale break file, broken the same way in turn.
// Every lock-family name starts with `.scim-codegen.lock`; leftovers whose owner is gone are removed by the
// next run that takes the lock.

import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";
import { displayPath, FileError } from "../file-error.js";
import type { OutputFileSystem } from "./file-system.js";
import { isLockFamilyName, transientNames, type OutputLocation } from "./output-folder.js";

/** Who holds a lock-family file. */
interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** How long to wait for another live run to finish, in ms (default 10 s). */
  readonly waitMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The lock-family files this process holds now, per file system: a file naming this process that is not
// among them was left behind by an earlier failure of it. (Per file system, so that a test's simulated
// crash, a file system that stops working, leaves its files behind as a killed process would.)
const heldBy = new WeakMap<OutputFileSystem, Set<string>>();
function held(location: OutputLocation): Set<string> {
  let set = heldBy.get(location.fs);
  if (set === undefined) heldBy.set(location.fs, (set = new Set()));
  return set;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function parseOwner(bytes: Uint8Array): Owner | undefined {
  try {
    const value = JSON.parse(decoder.decode(bytes)) as Partial<Owner>;
    return typeof value.pid === "number" && typeof value.host === "string" && typeof value.nonce === "string"
      ? { pid: value.pid, host: value.host, nonce: value.nonce }
      : undefined;
  } catch {
    return undefined;
  }
}

// Whether the owner of the file at `path` may still be working: a process of another host cannot be
// checked, so it counts as alive (the message then says which file to remove).
function ownerIsAlive(location: OutputLocation, owner: Owner | undefined, path: string): boolean {
  if (owner === undefined) return false; // not written by scim-codegen, or by a version before the nonce
  if (owner.host !== hostname()) return true;
  return owner.pid === process.pid ? held(location).has(path) : processIsAlive(owner.pid);
}

function newOwner(): Uint8Array {
  return encoder.encode(JSON.stringify({ pid: process.pid, host: hostname(), nonce: randomUUID() }));
}

/** Creates `path` holding `content`, complete and atomically; `false` when a file of that name exists. */
async function createExclusively(location: OutputLocation, path: string, content: Uint8Array): Promise<boolean> {
  // The temporary file is empty until written, and another run that holds the lock may take it for a leftover
  // in that instant (removeLeftovers: no owner to read) and remove it; link(2) then fails with ENOENT. Only
  // a run holding the lock tidies, once, so writing it again succeeds or finds that lock (EEXIST).
  for (let attempt = 1; ; attempt++) {
    const created = await linkNew(location, path, content);
    if (created !== "vanished") return created === "created";
    if (attempt === 3) throw new FileError(path, "ENOENT", "cannot create: its temporary file was removed while it was written, three times");
  }
}

/** One attempt of {@link createExclusively}: written under a temporary name, then linked to `path`. */
async function linkNew(location: OutputLocation, path: string, content: Uint8Array): Promise<"created" | "exists" | "vanished"> {
  const { fs } = location;
  const temporary = `${path}.new-${randomUUID()}`;
  held(location).add(temporary);
  try {
    await fs.writeDurably(temporary, content, true).catch((err: unknown) => {
      // Name the file the user knows of, not the temporary one.
      throw err instanceof FileError ? new FileError(path, err.code, err.reason) : err;
    });
    try {
      await fs.link(temporary, path);
    } catch (err) {
      if (err instanceof FileError && err.code === "ENOENT" && (await fs.lstat(temporary)) === null) return "vanished";
      throw err;
    }
    held(location).add(path);
    return "created";
  } catch (err) {
    if (err instanceof FileError && err.code === "EEXIST") return "exists";
    throw err;
  } finally {
    // Best effort: a temporary file left here names this process, and goes when the lock is next taken.
    await fs.removeFile(temporary).catch(() => undefined);
    held(location).delete(temporary);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the stale lock-family file `path`, found holding `content`, unless it has changed meanwhile (see
 * the top of this file). Returns when `path` no longer holds `content`.
 */
async function breakStale(location: OutputLocation, path: string, content: Uint8Array, deadline: number): Promise<void> {
  const { fs } = location;
  const breaker = `${path}.break-${createHash("sha256").update(content).digest("hex").slice(0, 16)}`;
  for (;;) {
    if (await createExclusively(location, breaker, newOwner())) break;
    const found = await fs.readFile(breaker);
    if (found === null) continue;
    if (ownerIsAlive(location, parseOwner(found), breaker)) {
      // Another run is breaking this very lock: let it, and look again.
      await sleep(20);
      const now = await fs.readFile(path);
      if (now === null || !Buffer.from(content).equals(now)) return;
      if (Date.now() >= deadline) throw lockedError(location, breaker, parseOwner(found));
      continue;
    }
    await breakStale(location, breaker, found, deadline);
  }
  try {
    const now = await fs.readFile(path);
    if (now !== null && Buffer.from(content).equals(now)) await fs.removeFile(path);
  } finally {
    held(location).delete(breaker);
    await fs.removeFile(breaker);
  }
}

function lockedError(location: OutputLocation, path: string, owner: Owner | undefined): FileError {
  const who = owner === undefined ? "another scim-codegen run" : `another scim-codegen run (pid ${owner.pid} on ${owner.host})`;
  return new FileError(location.outDir, "locked",
    `${who} is writing this folder; wait for it to finish, or remove ${displayPath(location.cwd, path)} if no such run exists`);
}

/**
 * Takes the folder's lock, waiting up to `waitMs` for a live run to release it; a lock whose process is gone
 * is taken over (see the top of this file). Returns the function that releases it, which never throws.
 */
export async function acquireLock(location: OutputLocation, options: LockOptions = {}): Promise<() => Promise<void>> {
  const { fs } = location;
  const lock = join(location.outDir, transientNames.lock);
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    if (await createExclusively(location, lock, newOwner())) {
      const release = async (): Promise<void> => {
        held(location).delete(lock);
        // Best effort: a lock that cannot be removed names a process that is gone (or, in this process, a
        // lock not held), so the next run takes it over.
        await fs.removeFile(lock).catch(() => undefined);
      };
      try {
        await removeLeftovers(location);
      } catch (err) {
        // Not held by a run that stops here: a lock left behind would refuse every later run of this process.
        await release();
        throw err;
      }
      return release;
    }
    const found = await fs.readFile(lock);
    if (found === null) continue;
    const owner = parseOwner(found);
    if (!ownerIsAlive(location, owner, lock)) {
      await breakStale(location, lock, found, deadline);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(location, lock, owner);
    await sleep(50);
  }
}

// Break files and temporary files that killed runs left: each names its owner, so one whose owner is gone
// is removed; one whose owner lives is in use.
async function removeLeftovers(location: OutputLocation): Promise<void> {
  const { fs } = location;
  for (const entry of await fs.readdir(location.outDir)) {
    if (!isLockFamilyName(entry.name) || entry.name === transientNames.lock) continue;
    const path = join(location.outDir, entry.name);
    const content = await fs.readFile(path);
    if (content !== null && !ownerIsAlive(location, parseOwner(content), path)) await fs.removeFile(path);
  }
}

/** Whether a lock-family file is at the top of the output folder (a run is writing, or one left a lock). */
export async function hasLockFiles(location: OutputLocation): Promise<boolean> {
  if ((await location.fs.lstat(location.outDir)) === null) return false;
  return (await location.fs.readdir(location.outDir)).some((entry) => isLockFamilyName(entry.name));
}

/** The lock, or why a read-only folder could not take it. */
export type LockOrReadOnly = { readonly release: () => Promise<void> } | { readonly readOnly: FileError };

/**
 * Takes the lock as {@link acquireLock} does; but a folder that cannot be written at all (read-only file
 * system, no permission) needs none, since no run can be writing it: then the error is returned, for the
 * caller to throw only if it turns out to have something to write. An absent folder needs none either.
 */
export async function lockUnlessReadOnly(location: OutputLocation, options: LockOptions = {}): Promise<LockOrReadOnly> {
  try {
    return { release: await acquireLock(location, options) };
  } catch (err) {
    if (err instanceof FileError && ["EROFS", "EACCES", "EPERM"].includes(err.code)) return { readOnly: err };
    throw err;
  }
}
