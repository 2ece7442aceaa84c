// A write that changes and removes many files, failed or "killed" at each of its file-system calls in turn.
// An I/O error must leave the old tree exactly (and no temporary file); a crash must leave the old tree, or a
// journal from which the next run completes the new one. The real kill loop (kill-loop.test.ts) does the
// same with kill -9 on a child process at random moments; this suite reaches every call deterministically.

import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { FileError } from "../../generator/file-error.js";
import { transientNames } from "../../generator/output/output-folder.js";
import { prepareOutputFolder, writeFiles } from "../../generator/output/write-files.js";
import { compileFileMap } from "../helpers/compile.js";
import { faultyFileSystem, SimulatedCrash, type Call } from "../helpers/faulty-file-system.js";
import { changedDefinitions, oldDefinitions } from "../helpers/output-scenario.js";
import { readTree, snapshotTree } from "../helpers/tree.js";

let work: string;
let oldFiles: readonly GeneratedFile[];
let newFiles: readonly GeneratedFile[];
let oldTree: string[];
let newTree: string[];
let calls: Call[];
let run = 0;

const definitionsDir = (): string => join(work, "definitions");
const options = (fs?: ReturnType<typeof faultyFileSystem>["fs"]) => ({ definitionsDir: definitionsDir(), cwd: work, lockWaitMs: 0, ...(fs ? { fs } : {}) });

let oldBytes: ReadonlyMap<string, Buffer>;

/** A fresh copy of the old tree (written from memory: much faster than copying it on disk). */
async function oldCopy(): Promise<string> {
  const out = join(work, `out-${run++}`);
  const dirs = new Set([...oldBytes.keys()].map((path) => dirname(join(out, path))));
  for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
  await Promise.all([...oldBytes].map(([path, bytes]) => writeFile(join(out, path), bytes)));
  return out;
}

const withoutTransient = (lines: string[]): string[] =>
  lines.filter((line) => !Object.values(transientNames).some((name) => line.startsWith(name)));

// The pid of a process that has exited: a lock naming it is stale.
let deadPid: number;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "scim-codegen-crash-"));
  [oldFiles, newFiles] = await Promise.all([compileFileMap(oldDefinitions), compileFileMap(changedDefinitions)]);
  await writeFiles(join(work, "old"), oldFiles, options());
  await writeFiles(join(work, "new"), newFiles, options());
  [oldTree, newTree] = await Promise.all([snapshotTree(join(work, "old")), snapshotTree(join(work, "new"))]);
  oldBytes = await readTree(join(work, "old"));
  // Count the calls of an undisturbed write from the old tree to the new.
  const counting = faultyFileSystem(() => undefined);
  await writeFiles(await oldCopy(), newFiles, options(counting.fs));
  calls = counting.calls;
  deadPid = spawnSync(process.execPath, ["-e", ""]).pid as number;
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * Half of the calls that change the disk and a tenth of those that only read (about 80 of 320), offset by
 * `phase` so that the two suites below together reach every call that changes the disk.
 */
const sampled = (phase: 0 | 1): Call[] =>
  calls.filter((c) => (["lstat", "readdir", "readFile"].includes(c.method) ? c.index % 10 === phase * 5 : c.index % 2 === phase));

describe("the scenario", () => {
  it("changes, adds and removes many files, and the write makes many calls", () => {
    expect(oldTree).not.toEqual(newTree);
    const oldPaths = new Set(oldFiles.map((f) => f.path));
    const newPaths = new Set(newFiles.map((f) => f.path));
    expect([...oldPaths].filter((p) => !newPaths.has(p)).length).toBeGreaterThan(10);
    expect([...newPaths].filter((p) => oldPaths.has(p)).length).toBeGreaterThan(20);
    expect(calls.filter((c) => c.method === "rename").length).toBeGreaterThan(30);
  });
});

describe("an I/O error at any call", () => {
  const codes = ["ENOSPC", "EROFS", "EACCES", "EIO", "EXDEV"];
  it("is one FileError naming a path and the code, and leaves the old tree exactly, without temporary files", async () => {
    const outcomes = new Map<string, number>();
    for (const target of sampled(0)) {
      const code = codes[target.index % codes.length] as string;
      const out = await oldCopy();
      const faulty = faultyFileSystem((call) => (call.index === target.index ? code : undefined));
      const error = await writeFiles(out, newFiles, options(faulty.fs)).then(() => undefined, (err: unknown) => err);
      const label = `${code} at call ${target.index} (${target.method} ${target.path.slice(out.length)})`;
      if (error === undefined) {
        // Only the tidying-up after a complete write may fail without failing the run; the next run tidies.
        expect(newTree, label).toEqual(withoutTransient(await snapshotTree(out)));
        await prepareOutputFolder(out, options());
        expect(await snapshotTree(out), label).toEqual(newTree);
        outcomes.set("new", (outcomes.get("new") ?? 0) + 1);
      } else {
        expect(error, label).toBeInstanceOf(FileError);
        expect((error as FileError).code, label).toBe(code);
        expect(await snapshotTree(out), label).toEqual(oldTree);
        outcomes.set("old", (outcomes.get("old") ?? 0) + 1);
      }
    }
    // Most failures stop the write; a handful hit the tidying-up after it.
    expect(outcomes.get("old") ?? 0).toBeGreaterThan(outcomes.get("new") ?? 0);
  });
});

describe("a crash at any call", () => {
  it("leaves the old tree (and leftovers the next run removes), or a journal the next run completes, even if that run crashes too", async () => {
    const tally = { old: 0, new: 0, recovered: 0, recoveredAfterSecondCrash: 0 };
    for (const target of sampled(1)) {
      const out = await oldCopy();
      const label = `crash at call ${target.index} (${target.method} ${target.path.slice(out.length)})`;
      const crashing = faultyFileSystem((call) => (call.index === target.index ? "crash" : undefined));
      const error = await writeFiles(out, newFiles, options(crashing.fs)).then(() => undefined, (err: unknown) => err);
      // A crash in the tidying-up after a complete write is swallowed there (it is best effort), so the write returns.
      if (error !== undefined) expect(error, label).toBeInstanceOf(SimulatedCrash);
      // The killed process's lock names a pid that is gone.
      await writeFile(join(out, transientNames.lock), JSON.stringify({ pid: deadPid, host: hostname() })).catch(() => undefined);
      const full = await snapshotTree(out);
      const journaled = full.some((line) => line.startsWith(`${transientNames.journal} `));
      const after = withoutTransient(full);
      if (!journaled) {
        // Killed before the commit point (the old tree), or after the write was complete (the new one).
        const state = after.join("\n") === oldTree.join("\n") ? "old" : after.join("\n") === newTree.join("\n") ? "new" : "mixed";
        expect(state, label).not.toBe("mixed");
        tally[state as "old" | "new"]++;
        await prepareOutputFolder(out, options());
        expect(await snapshotTree(out), label).toEqual(state === "old" ? oldTree : newTree);
      } else {
        // Every fourth time the recovering run is killed too, at a call chosen by the seed of the first.
        if (target.index % 4 === 0) {
          const second = faultyFileSystem((call) => (call.index === (target.index * 7) % 23 ? "crash" : undefined));
          await prepareOutputFolder(out, options(second.fs)).catch((err: unknown) => expect(err, label).toBeInstanceOf(SimulatedCrash));
          await writeFile(join(out, transientNames.lock), JSON.stringify({ pid: deadPid, host: hostname() })).catch(() => undefined);
          tally.recoveredAfterSecondCrash++;
        }
        expect(await prepareOutputFolder(out, options()), label).toBeGreaterThanOrEqual(0);
        expect(await snapshotTree(out), label).toEqual(newTree);
        tally.recovered++;
      }
    }
    expect(tally.old).toBeGreaterThan(10);
    expect(tally.recovered).toBeGreaterThan(10);
  });
});

describe("the lock", () => {
  it("a live run's lock stops a second run with one line; a killed run's lock is taken over", async () => {
    const out = await oldCopy();
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    try {
      await writeFile(join(out, transientNames.lock), JSON.stringify({ pid: live.pid, host: hostname(), nonce: "n" }));
      const error = await writeFiles(out, newFiles, options()).then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).reason).toContain(`another scim-codegen run (pid ${live.pid}`);
      expect(withoutTransient(await snapshotTree(out))).toEqual(oldTree);
    } finally {
      live.kill("SIGKILL");
    }
    // This process's own lock, left by an earlier write of it that failed to remove it, is not held either.
    await writeFile(join(out, transientNames.lock), JSON.stringify({ pid: process.pid, host: hostname(), nonce: "n" }));
    await writeFiles(out, oldFiles, options());
    await writeFile(join(out, transientNames.lock), JSON.stringify({ pid: deadPid, host: hostname() }));
    await writeFiles(out, newFiles, options());
    expect(await snapshotTree(out)).toEqual(newTree);
  });
});
