// The output step's transaction, lock and file system (generator/output/journal.ts, lock.ts, file-system.ts)
// on a small hand-made file list: every call of a write crashed or failed in turn, broken journals, stale and
// live locks. The trees to expect are built with plain node:fs, never by the code under test, and the
// journal, messages and lists are literals. The file runs in seconds, so `npm run mutate -- output` can
// run them for every mutant (issue 14); output-crash and output-lock (compiled definitions, racing child
// processes) stay the end-to-end proof.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { FileError } from "../../generator/file-error.js";
import { nodeFileSystem, type OutputFileSystem } from "../../generator/output/file-system.js";
import { commitPlan, hasInterruptedWrite, recoverInterruptedWrite } from "../../generator/output/journal.js";
import { acquireLock, hasLockFiles, lockUnlessReadOnly } from "../../generator/output/lock.js";
import { manifestText } from "../../generator/output/manifest.js";
import type { OutputLocation } from "../../generator/output/output-folder.js";
import { prepareOutputFolder, writeFiles } from "../../generator/output/write-files.js";
import { faultyFileSystem, SimulatedCrash, type Call } from "../helpers/faulty-file-system.js";
import { snapshotTree } from "../helpers/tree.js";

const lockName = ".scim-codegen.lock";
const journalName = ".scim-codegen.journal.json";
const stagingName = ".scim-codegen.staging";
const manifestName = "scim-codegen.manifest.json";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha = (text: string | Uint8Array): string => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const files = (record: Readonly<Record<string, string>>): GeneratedFile[] =>
  Object.entries(record).map(([path, contents]) => ({ path, contents, language: "text" }));
const manifestOf = (record: Readonly<Record<string, string>>): string =>
  manifestText(new Map(Object.entries(record).map(([path, contents]) => [path, encode(contents)])));

// The old tree, and the new one: two files changed, one added in an existing folder and two in new folders
// (pkg, pkg/src), three removed, emptying lib/util and legacy (removed) but neither lib nor docs/ref; two unchanged.
const oldRecord = {
  "README.md": "old readme\n",
  "docs/guide.md": "guide v1\n",
  "docs/ref/api.md": "api v1\n",
  "docs/ref/index.md": "ref index\n",
  "lib/index.ts": "export const v = 1;\n",
  "lib/util/strings.ts": "strings\n",
  "legacy/old.json": "{}\n",
};
const newRecord = {
  "README.md": "new readme\n",
  "docs/guide.md": "guide v1\n",
  "docs/ref/index.md": "ref index\n",
  "lib/index.ts": "export const v = 2;\n",
  "lib/extra.ts": "extra\n",
  "pkg/src/main.ts": "main\n",
  "pkg/README.md": "pkg\n",
};
const newFiles = files(newRecord);

// What an old→new write journals: removals first (manifest order), then the writes in the order produced,
// the manifest last; every slot numbered once, in that order.
const expectedJournal = {
  version: 1,
  createdDirectories: ["pkg", "pkg/src"],
  operations: [
    { path: "docs/ref/api.md", backup: "old/0" },
    { path: "legacy/old.json", backup: "old/1" },
    { path: "lib/util/strings.ts", backup: "old/2" },
    { path: "README.md", staged: "new/3", hash: sha("new readme\n"), backup: "old/3" },
    { path: "lib/index.ts", staged: "new/4", hash: sha("export const v = 2;\n"), backup: "old/4" },
    { path: "lib/extra.ts", staged: "new/5", hash: sha("extra\n") },
    { path: "pkg/src/main.ts", staged: "new/6", hash: sha("main\n") },
    { path: "pkg/README.md", staged: "new/7", hash: sha("pkg\n") },
    { path: manifestName, staged: "new/8", hash: sha(manifestOf(newRecord)), backup: "old/8" },
  ],
};

let work: string;
let run = 0;
let oldTree: string[];
let newTree: string[];
/** The calls of an undisturbed old→new write, and the folder it wrote. */
let calls: Call[];
let countedOut: string;
// The pid of a process that has exited: a lock naming it is stale.
let deadPid: number;
// A live process other than this one (same host): its lock-family files are in use.
let live: ChildProcess;
let livePid: number;

const options = (fs?: OutputFileSystem) => ({ definitionsDir: join(work, "definitions"), cwd: work, lockWaitMs: 0, ...(fs ? { fs } : {}) });
const location = (outDir: string, fs: OutputFileSystem = nodeFileSystem): OutputLocation => ({ outDir, definitionsDir: join(work, "definitions"), cwd: work, fs });
const fresh = (): string => join(work, `out-${run++}`);
const owner = (pid: number, nonce = "n", host = hostname()): string => JSON.stringify({ pid, host, nonce });
const errorOf = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (err: unknown) => err);
const pathsOf = (snapshot: readonly string[]): string[] => snapshot.map((line) => line.split(" ")[0] as string);
const crashAt = (index: number): OutputFileSystem => faultyFileSystem((call) => (call.index === index ? "crash" : undefined)).fs;
const mutating = new Set<Call["method"]>(["writeDurably", "rename", "link", "removeFile", "removeTree", "makeDirectory", "removeEmptyDirectory"]);

/** Writes `record` and its manifest with plain node:fs, as a generator run would have left them. */
async function tree(record: Readonly<Record<string, string>>, out = fresh()): Promise<string> {
  await mkdir(out, { recursive: true });
  for (const [path, contents] of Object.entries({ ...record, [manifestName]: manifestOf(record) })) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), contents);
  }
  return out;
}

/** Runs `check` for every item, a few at a time: each works in a folder of its own, and a write mostly waits for fsync. */
async function eachConcurrently<T>(items: readonly T[], check: (item: T) => Promise<void>, width = 6): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(check));
}

/** What is below `dir`: its folders (empty ones too) and its files with their bytes, for {@link restore}. */
async function capture(dir: string): Promise<{ readonly dirs: string[]; readonly files: Map<string, Buffer> }> {
  const dirs: string[] = [];
  const found = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) dirs.push(path.slice(dir.length + 1));
    else found.set(path.slice(dir.length + 1), await readFile(path));
  }
  return { dirs: dirs.sort(), files: found };
}

/** A fresh copy of a captured folder (written from memory: several times faster than fs.cp). */
async function restore(captured: Awaited<ReturnType<typeof capture>>): Promise<string> {
  const out = fresh();
  await mkdir(out);
  for (const dir of captured.dirs) await mkdir(join(out, dir));
  await Promise.all([...captured.files].map(([path, bytes]) => writeFile(join(out, path), bytes)));
  return out;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "scim-codegen-journal-lock-"));
  oldTree = await snapshotTree(await tree(oldRecord));
  newTree = await snapshotTree(await tree(newRecord));
  const counting = faultyFileSystem(() => undefined);
  countedOut = await tree(oldRecord);
  await writeFiles(countedOut, newFiles, options(counting.fs));
  calls = counting.calls;
  deadPid = spawnSync(process.execPath, ["-e", ""]).pid as number;
  live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600_000)"], { stdio: "ignore" });
  livePid = live.pid as number;
});
afterAll(async () => {
  live?.kill("SIGKILL");
  await rm(work, { recursive: true, force: true });
});

// Landmarks of the undisturbed write: the commit point, the end of the journal's life, the last move into place.
const indexOf = (predicate: (call: Call) => boolean): number => calls.findIndex(predicate);
const commitIndex = (): number => indexOf((c) => c.method === "rename" && c.path.endsWith(`${stagingName}/journal.json`));
const journalRemovedIndex = (): number => indexOf((c) => c.method === "removeFile" && basename(c.path) === journalName);
const lastRenameIndex = (): number => Math.max(...calls.filter((c) => c.method === "rename").map((c) => c.index));

describe("the scenario", () => {
  it("is the old tree and the new tree, byte for byte, and an undisturbed write turns one into the other", async () => {
    expect(pathsOf(oldTree)).toEqual([
      "README.md", "docs/", "docs/guide.md", "docs/ref/", "docs/ref/api.md", "docs/ref/index.md", "legacy/", "legacy/old.json",
      "lib/", "lib/index.ts", "lib/util/", "lib/util/strings.ts", manifestName,
    ]);
    // legacy/ and lib/util/ are gone (emptied by removals); lib/ and docs/ref/ stay.
    expect(pathsOf(newTree)).toEqual([
      "README.md", "docs/", "docs/guide.md", "docs/ref/", "docs/ref/index.md", "lib/", "lib/extra.ts", "lib/index.ts",
      "pkg/", "pkg/README.md", "pkg/src/", "pkg/src/main.ts", manifestName,
    ]);
    const out = await tree(oldRecord);
    await writeFiles(out, newFiles, options());
    expect(await snapshotTree(out)).toEqual(newTree);
    expect(commitIndex()).toBeGreaterThan(0);
    expect(journalRemovedIndex()).toBeGreaterThan(lastRenameIndex());
  });

  it("changes the disk in the order of the protocol: lock, stage, commit, apply (removals first), finish, release", () => {
    const shown = (c: Call): string => `${c.method} ${c.path.slice(countedOut.length + 1).replace(/[0-9a-f-]{36}$/, "<uuid>")}`;
    expect(calls.filter((c) => mutating.has(c.method)).map(shown)).toEqual([
      "makeDirectory ",
      // The lock: written under a temporary name, linked into place.
      "writeDurably .scim-codegen.lock.new-<uuid>",
      "link .scim-codegen.lock.new-<uuid>",
      "removeFile .scim-codegen.lock.new-<uuid>",
      // Stage, then commit.
      "makeDirectory .scim-codegen.staging/new",
      "makeDirectory .scim-codegen.staging/old",
      "writeDurably .scim-codegen.staging/new/3",
      "writeDurably .scim-codegen.staging/new/4",
      "writeDurably .scim-codegen.staging/new/5",
      "writeDurably .scim-codegen.staging/new/6",
      "writeDurably .scim-codegen.staging/new/7",
      "writeDurably .scim-codegen.staging/new/8",
      "writeDurably .scim-codegen.staging/journal.json",
      "rename .scim-codegen.staging/journal.json",
      // Removals moved aside; the folders they empty go (docs/ref is not empty, so docs is not tried).
      "rename docs/ref/api.md",
      "rename legacy/old.json",
      "rename lib/util/strings.ts",
      "removeEmptyDirectory docs/ref",
      "removeEmptyDirectory legacy",
      "removeEmptyDirectory lib/util",
      "removeEmptyDirectory lib",
      "makeDirectory pkg",
      "makeDirectory pkg/src",
      // Each write: the old file aside, the new one in.
      "rename README.md",
      "makeDirectory ",
      "rename .scim-codegen.staging/new/3",
      "rename lib/index.ts",
      "makeDirectory lib",
      "rename .scim-codegen.staging/new/4",
      "makeDirectory lib",
      "rename .scim-codegen.staging/new/5",
      "makeDirectory pkg/src",
      "rename .scim-codegen.staging/new/6",
      "makeDirectory pkg",
      "rename .scim-codegen.staging/new/7",
      "rename scim-codegen.manifest.json",
      "makeDirectory ",
      "rename .scim-codegen.staging/new/8",
      // Finish: the journal first (the write is then complete), then the staging folder; then the lock.
      "removeFile .scim-codegen.journal.json",
      "removeTree .scim-codegen.staging",
      "removeFile .scim-codegen.lock",
    ]);
  });

  it("journals exactly the operations of the write, committed before any of them is applied", async () => {
    const out = await tree(oldRecord);
    const crashing = faultyFileSystem((call) => (call.index === commitIndex() + 1 ? "crash" : undefined));
    expect(await errorOf(writeFiles(out, newFiles, options(crashing.fs)))).toBeInstanceOf(SimulatedCrash);
    expect(await readFile(join(out, journalName), "utf8")).toBe(`${JSON.stringify(expectedJournal, null, 1)}\n`);
    // The staged files hold the new bytes; the tree is still the old one.
    expect(await readFile(join(out, stagingName, "new/6"), "utf8")).toBe("main\n");
    expect(await readFile(join(out, stagingName, "new/8"), "utf8")).toBe(manifestOf(newRecord));
    expect((await snapshotTree(out)).filter((line) => !line.startsWith(".scim-codegen"))).toEqual(oldTree);
  });
});

describe("a crash at every call of a write (journal.ts)", () => {
  it("leaves, once the next run has recovered, exactly the old tree (up to the commit) or exactly the new one (after it)", async () => {
    const tally = { old: 0, new: 0, completed: 0 };
    await eachConcurrently(calls, async (target) => {
      const out = await tree(oldRecord);
      const label = `crash at call ${target.index} (${target.method} ${target.path.slice(countedOut.length)})`;
      const crashing = faultyFileSystem((call) => (call.index === target.index ? "crash" : undefined));
      const error = await errorOf(writeFiles(out, newFiles, options(crashing.fs)));
      // Only the tidying-up after the last move into place is best effort, and swallows the crash.
      if (target.index <= lastRenameIndex()) expect(error, label).toBeInstanceOf(SimulatedCrash);
      else expect(error, label).toBeUndefined();
      const journaled = (await lstat(join(out, journalName)).catch(() => null)) !== null;
      expect(journaled, label).toBe(target.index > commitIndex() && target.index <= journalRemovedIndex());
      // The next run (the real file system: the crashed run's lock names this process but is not held by it).
      expect(await prepareOutputFolder(out, options()), label).toBe(journaled ? 9 : 0);
      const after = await snapshotTree(out);
      expect(after, label).toEqual(target.index <= commitIndex() ? oldTree : newTree);
      tally[target.index <= commitIndex() ? "old" : "new"]++;
      if (journaled) tally.completed++;
    });
    expect(tally.old).toBeGreaterThan(10);
    expect(tally.new).toBeGreaterThan(10);
    expect(tally.completed).toBeGreaterThan(10);
  });

  it("a recovery crashed at any of its calls is completed by the one after it", async () => {
    // Two journaled moments: just after the commit, and half-way through applying. The interrupted folder is
    // made once and copied (a write fsyncs every file; a copy does not).
    for (const firstCrash of [commitIndex() + 1, Math.floor((commitIndex() + lastRenameIndex()) / 2)]) {
      const template = await tree(oldRecord);
      expect(await errorOf(writeFiles(template, newFiles, options(crashAt(firstCrash))))).toBeInstanceOf(SimulatedCrash);
      const interrupted = await capture(template);
      const probe = await restore(interrupted);
      const counting = faultyFileSystem(() => undefined);
      expect(await prepareOutputFolder(probe, options(counting.fs))).toBe(9);
      expect(await snapshotTree(probe)).toEqual(newTree);
      await eachConcurrently(counting.calls.filter((c) => mutating.has(c.method)), async (second) => {
        const out = await restore(interrupted);
        const label = `crash at call ${firstCrash}, then at call ${second.index} (${second.method}) of the recovery`;
        const error = await errorOf(prepareOutputFolder(out, options(crashAt(second.index))));
        // Only releasing the lock, the last call, is best effort.
        if (second.index < counting.calls.length - 1) expect(error, label).toBeInstanceOf(SimulatedCrash);
        else expect(error, label).toBeUndefined();
        await prepareOutputFolder(out, options());
        expect(await snapshotTree(out), label).toEqual(newTree);
      });
    }
  });

  it("a file of the old tree that becomes a folder in the new one: a crash anywhere ends in one tree or the other", async () => {
    const before = { swap: "a file\n", "k.txt": "k1\n" };
    const after = { "swap/inner.txt": "inner\n", "k.txt": "k2\n" };
    const [beforeTree, afterTree] = [await snapshotTree(await tree(before)), await snapshotTree(await tree(after))];
    const counting = faultyFileSystem(() => undefined);
    await writeFiles(await tree(before), files(after), options(counting.fs));
    const outcomes = new Set<string>();
    // A crash at a call that only reads leaves what a crash at the next call leaves: the calls that change the disk suffice.
    await eachConcurrently(counting.calls.filter((c) => mutating.has(c.method)), async (target) => {
      const out = await tree(before);
      await errorOf(writeFiles(out, files(after), options(crashAt(target.index))));
      await prepareOutputFolder(out, options());
      const now = await snapshotTree(out);
      const outcome = now.join("\n") === beforeTree.join("\n") ? "old" : now.join("\n") === afterTree.join("\n") ? "new" : now.join("\n");
      expect(["old", "new"], `crash at call ${target.index}`).toContain(outcome);
      outcomes.add(outcome);
    });
    expect([...outcomes].sort()).toEqual(["new", "old"]);
  });
});

describe("an I/O error at every call that changes the disk (journal.ts)", () => {
  // Removing the lock's temporary file, and the tidying-up after the last move into place, are best effort.
  const bestEffort = (call: Call): boolean =>
    call.index > lastRenameIndex() || (call.method === "removeFile" && basename(call.path).startsWith(`${lockName}.new-`));

  it("is a FileError with that code, naming the path, and leaves the old tree byte for byte (no lock, staging or journal)", async () => {
    let failed = 0;
    await eachConcurrently(calls.filter((c) => mutating.has(c.method)), async (target) => {
      const code = target.index % 2 === 0 ? "EIO" : "ENOSPC";
      const out = await tree(oldRecord);
      const label = `${code} at call ${target.index} (${target.method} ${target.path.slice(countedOut.length)})`;
      const faulty = faultyFileSystem((call) => (call.index === target.index ? code : undefined));
      const error = await errorOf(writeFiles(out, newFiles, options(faulty.fs)));
      if (bestEffort(target)) {
        expect(error, label).toBeUndefined();
        await prepareOutputFolder(out, options());
        expect(await snapshotTree(out), label).toEqual(newTree);
        return;
      }
      failed++;
      expect(error, label).toBeInstanceOf(FileError);
      expect((error as FileError).code, label).toBe(code);
      // The lock's temporary file is named after the lock, which the user knows of.
      const lockTemporary = target.method === "writeDurably" && basename(target.path).startsWith(`${lockName}.new-`);
      expect((error as FileError).path, label).toBe(lockTemporary ? join(out, lockName) : faulty.calls[target.index]?.path);
      expect(await snapshotTree(out), label).toEqual(oldTree);
    });
    expect(failed).toBeGreaterThan(30);
  });

  it("during applying and again during undoing: says so, names the journal, and the next run completes the write", async () => {
    const out = await tree(oldRecord);
    const staged = (slot: string): string => join(out, stagingName, slot);
    // The manifest fails to move into place; then its old bytes fail to move back.
    const faulty = faultyFileSystem((call) =>
      call.method === "rename" && call.path === staged("new/8") ? "EIO" : call.method === "rename" && call.path === staged("old/8") ? "EACCES" : undefined);
    const error = await errorOf(writeFiles(out, newFiles, options(faulty.fs)));
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe("EIO");
    expect((error as FileError).path).toBe(staged("new/8"));
    expect((error as FileError).reason).toBe(
      `cannot rename: EIO (injected); undoing the write failed too (${staged("old/8")}: cannot rename: EACCES (injected)). ` +
        `The write is journaled in ${journalName}: fix the cause and run generate again to complete it`);
    expect(await readFile(join(out, journalName), "utf8")).toBe(`${JSON.stringify(expectedJournal, null, 1)}\n`);
    expect(await prepareOutputFolder(out, options())).toBe(9);
    expect(await snapshotTree(out)).toEqual(newTree);
  });

  it("during applying, then a crash while undoing: the crash is what the run reports, and the next run completes the write", async () => {
    const out = await tree(oldRecord);
    const staged = (slot: string): string => join(out, stagingName, slot);
    const faulty = faultyFileSystem((call) =>
      call.method === "rename" && call.path === staged("new/8") ? "EIO" : call.method === "rename" && call.path === staged("old/8") ? "crash" : undefined);
    expect(await errorOf(writeFiles(out, newFiles, options(faulty.fs)))).toBeInstanceOf(SimulatedCrash);
    expect(await prepareOutputFolder(out, options())).toBe(9);
    expect(await snapshotTree(out)).toEqual(newTree);
  });

  it("a bug (not a FileError) while applying is what the run reports, even if undoing fails too", async () => {
    const out = await tree(oldRecord);
    const staged = (slot: string): string => join(out, stagingName, slot);
    const bug = new TypeError("a bug");
    const faulty = faultyFileSystem((call) => {
      if (call.method === "rename" && call.path === staged("new/8")) throw bug;
      return call.method === "rename" && call.path === staged("old/8") ? "EACCES" : undefined;
    });
    expect(await errorOf(writeFiles(out, newFiles, options(faulty.fs)))).toBe(bug);
  });
});

describe("undoing a write that turned a file into a folder, or a folder into a file (journal.ts)", () => {
  // The folder the write created stands where the old file was: it must go before the old file moves back.
  it.each([
    ["a file becomes a folder", { swap: "a file\n", "k.txt": "k1\n" }, { "swap/inner.txt": "inner\n", "k.txt": "k2\n" }],
    ["a folder becomes a file", { "swap/inner.txt": "inner\n", "k.txt": "k1\n" }, { swap: "a file\n", "k.txt": "k2\n" }],
  ])("%s: an I/O error at any move into place leaves the old tree, with no journal", async (_, before, after) => {
    const beforeTree = await snapshotTree(await tree(before));
    const counting = faultyFileSystem(() => undefined);
    const probe = await tree(before);
    await writeFiles(probe, files(after), options(counting.fs));
    const moves = counting.calls.filter((c) => c.method === "rename" && c.path.startsWith(probe + "/") && !c.path.includes(stagingName) && basename(c.path) !== journalName);
    expect(moves.length).toBeGreaterThan(1);
    for (const move of moves) {
      const out = await tree(before);
      const target = join(out, move.path.slice(probe.length + 1));
      const faulty = faultyFileSystem((call) => (call.method === "rename" && call.path === target && call.index === move.index ? "EIO" : undefined));
      const error = await errorOf(writeFiles(out, files(after), options(faulty.fs)));
      expect([(error as FileError).code, (error as FileError).reason], target).toEqual(["EIO", "cannot rename: EIO (injected)"]);
      expect(await snapshotTree(out), target).toEqual(beforeTree);
    }
  });
});

describe("the lock when tidying leftovers fails (lock.ts)", () => {
  it("is released again: the error is the run's, and the next run of this process takes the lock", async () => {
    const out = await tree({ "a.txt": "a\n" });
    let first = true;
    const faulty = faultyFileSystem((call) => {
      if (call.method === "readdir" && call.path === out && first) {
        first = false;
        return "EIO";
      }
      return undefined;
    });
    const error = await errorOf(acquireLock(location(out, faulty.fs)));
    expect([(error as FileError).code, (error as FileError).path]).toEqual(["EIO", out]);
    expect((await readdir(out)).filter((name) => name.startsWith(lockName))).toEqual([]);
    const release = await acquireLock(location(out, faulty.fs), { waitMs: 0 });
    await release();
  });
});

describe("commitPlan (journal.ts)", () => {
  it("removals take the folders they empty with them, up to but never including the output folder", async () => {
    const out = await tree({});
    await rm(join(out, manifestName));
    await mkdir(join(out, "only/deep"), { recursive: true });
    await writeFile(join(out, "only/deep/f.txt"), "f\n");
    const counting = faultyFileSystem(() => undefined);
    await commitPlan(location(out, counting.fs), { writes: [], removals: ["only/deep/f.txt"], createdDirectories: [] });
    // The output folder is not even tried (it holds the staging folder then, so it would not go anyway).
    expect(counting.calls.filter((c) => c.method === "removeEmptyDirectory").map((c) => c.path)).toEqual([join(out, "only/deep"), join(out, "only")]);
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(await readdir(out)).toEqual([]);
  });

  it("a folder that the removals empty and a write needs again is made again (it is in no createdDirectories)", async () => {
    const before = { "legacy/old.json": "{}\n" };
    const after = { "legacy/new.json": "[]\n" };
    const [beforeTree, afterTree] = [await snapshotTree(await tree(before)), await snapshotTree(await tree(after))];
    const out = await tree(before);
    await writeFiles(out, files(after), options());
    expect(await snapshotTree(out)).toEqual(afterTree);
    // And undone: the removed file's folder is made again for it.
    const failing = await tree(before);
    const faulty = faultyFileSystem((call) => (call.method === "rename" && call.path === join(failing, stagingName, "new/2") ? "EIO" : undefined));
    expect(((await errorOf(writeFiles(failing, files(after), options(faulty.fs)))) as FileError).code).toBe("EIO");
    expect(await snapshotTree(failing)).toEqual(beforeTree);
  });

  it("an undone write removes the folders it created, and only those", async () => {
    const out = await tree({ "keep/k.txt": "k\n" });
    const before = await snapshotTree(out);
    const faulty = faultyFileSystem((call) => (call.method === "rename" && call.path.endsWith(`${stagingName}/new/1`) ? "EIO" : undefined));
    const plan = {
      writes: [
        { path: "keep/n.txt", bytes: encode("n\n"), replaces: false },
        { path: "n1/n2/f.txt", bytes: encode("f\n"), replaces: false },
      ],
      removals: [],
      createdDirectories: ["n1", "n1/n2"],
    };
    const error = await errorOf(commitPlan(location(out, faulty.fs), plan));
    expect((error as FileError).code).toBe("EIO");
    expect(await snapshotTree(out)).toEqual(before);
  });
});

describe("recoverInterruptedWrite and hasInterruptedWrite (journal.ts)", () => {
  const journalText = (journal: unknown): string => `${JSON.stringify(journal, null, 1)}\n`;
  /** The new tree with a half-done write of `journal` on top (staged files as listed). */
  async function interrupted(journal: string, staged: Readonly<Record<string, string>> = {}): Promise<string> {
    const out = await tree(newRecord);
    await mkdir(join(out, stagingName, "new"), { recursive: true });
    await mkdir(join(out, stagingName, "old"), { recursive: true });
    for (const [slot, contents] of Object.entries(staged)) await writeFile(join(out, stagingName, slot), contents);
    await writeFile(join(out, journalName), journal);
    return out;
  }

  it("a staging folder without a journal (killed before the commit) is removed, and nothing else", async () => {
    const out = await tree(newRecord);
    await mkdir(join(out, stagingName, "new"), { recursive: true });
    await writeFile(join(out, stagingName, "new/0"), "half");
    expect(await hasInterruptedWrite(location(out))).toBe(true);
    expect(await recoverInterruptedWrite(location(out))).toBe(0);
    expect(await snapshotTree(out)).toEqual(newTree);
    expect(await hasInterruptedWrite(location(out))).toBe(false);
    // Nothing at all to recover: nothing happens.
    expect(await recoverInterruptedWrite(location(out))).toBe(0);
    expect(await snapshotTree(out)).toEqual(newTree);
  });

  const valid = { version: 1, createdDirectories: ["fresh"], operations: [{ path: "fresh/f.txt", staged: "new/12", hash: sha("f\n") }] };
  const broken: Readonly<Record<string, string>> = {
    "not JSON": "{ not json",
    null: "null",
    "version 2": journalText({ ...valid, version: 2 }),
    "no version": journalText({ createdDirectories: valid.createdDirectories, operations: valid.operations }),
    "createdDirectories not a list": journalText({ ...valid, createdDirectories: "fresh" }),
    "a createdDirectories entry /abs": journalText({ ...valid, createdDirectories: ["/abs"] }),
    "a createdDirectories entry ..": journalText({ ...valid, createdDirectories: [".."] }),
    "a createdDirectories entry not a string": journalText({ ...valid, createdDirectories: [7] }),
    "operations not a list": journalText({ ...valid, operations: { path: "fresh/f.txt" } }),
    "an operation path ../x": journalText({ ...valid, operations: [{ ...valid.operations[0], path: "../x" }] }),
    "an operation path not a string": journalText({ ...valid, operations: [{ ...valid.operations[0], path: 7 }] }),
    "a staged slot new/x": journalText({ ...valid, operations: [{ ...valid.operations[0], staged: "new/x" }] }),
    "a staged slot mid/1": journalText({ ...valid, operations: [{ ...valid.operations[0], staged: "mid/1" }] }),
    "a staged slot with a tail": journalText({ ...valid, operations: [{ ...valid.operations[0], staged: "new/1/../../../x" }] }),
    "a staged slot not a string": journalText({ ...valid, operations: [{ ...valid.operations[0], staged: ["new/12"] }] }),
    "a backup slot with a head": journalText({ ...valid, operations: [{ path: "README.md", backup: "../../old/1" }] }),
    "a backup slot old/": journalText({ ...valid, operations: [{ path: "README.md", backup: "old/" }] }),
  };
  for (const [what, text] of Object.entries(broken)) {
    it(`a journal with ${what} is refused (journal-broken) and nothing is changed`, async () => {
      const out = await interrupted(text, { "new/12": "f\n" });
      const before = await snapshotTree(out);
      const error = await errorOf(recoverInterruptedWrite(location(out)));
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).code).toBe("journal-broken");
      expect((error as FileError).path).toBe(join(out, journalName));
      expect((error as FileError).reason).toBe(
        "is not a journal this version of scim-codegen can complete; restore the output folder from version control (or delete it), remove this file, and generate again");
      expect(await snapshotTree(out)).toEqual(before);
    });
  }

  it("the valid journal those are variants of is completed: folders made, files moved in, journal and staging gone", async () => {
    const out = await interrupted(journalText(valid), { "new/12": "f\n" });
    expect(await recoverInterruptedWrite(location(out))).toBe(1);
    expect(await snapshotTree(out)).toEqual(await snapshotTree(await tree(newRecord, join(work, `want-${run++}`)).then(async (want) => {
      await mkdir(join(want, "fresh"));
      await writeFile(join(want, "fresh/f.txt"), "f\n");
      return want;
    })));
  });

  const gone = { version: 1, createdDirectories: [], operations: [{ path: "README.md", staged: "new/3", hash: sha("moved in\n") }] };
  it("a staged file that is gone while the target holds other bytes: journal-broken, nothing changed", async () => {
    const out = await interrupted(journalText(gone));
    const before = await snapshotTree(out);
    const error = await errorOf(recoverInterruptedWrite(location(out)));
    expect((error as FileError).code).toBe("journal-broken");
    expect((error as FileError).path).toBe(join(out, "README.md"));
    expect((error as FileError).reason).toBe(
      "cannot complete the interrupted write: the staged file for it is gone and the file is not the one staged. Restore the output folder from version control (or delete it) and generate again");
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("a staged file that is gone while the target is gone too: journal-broken", async () => {
    const out = await interrupted(journalText({ ...gone, operations: [{ ...gone.operations[0], path: "absent.txt" }] }));
    expect(((await errorOf(recoverInterruptedWrite(location(out)))) as FileError).code).toBe("journal-broken");
  });

  it("a staged file that is gone because it was moved in already: completes, returning the number of operations", async () => {
    // Three operations: a removal done, a file moved in already, and one still staged that replaces an old one.
    const journal = {
      version: 1,
      createdDirectories: ["pkg", "pkg/src"],
      operations: [
        { path: "lib/util/strings.ts", backup: "old/0" },
        { path: "README.md", staged: "new/1", hash: sha("new readme\n"), backup: "old/1" },
        { path: "lib/index.ts", staged: "new/2", hash: sha("export const v = 2;\n"), backup: "old/2" },
      ],
    };
    const out = await interrupted(journalText(journal), { "old/0": "strings\n", "old/1": "old readme\n", "new/2": "export const v = 2;\n" });
    await writeFile(join(out, "lib/index.ts"), "export const v = 1;\n");
    expect(await hasInterruptedWrite(location(out))).toBe(true);
    expect(await recoverInterruptedWrite(location(out))).toBe(3);
    expect(await snapshotTree(out)).toEqual(newTree);
  });

  it("hasInterruptedWrite: a journal, a staging folder, a lock or a lock's break file is a leftover; a clean or absent folder is not", async () => {
    const leftovers: Readonly<Record<string, (out: string) => Promise<void>>> = {
      journal: (out) => writeFile(join(out, journalName), "{}"),
      staging: (out) => mkdir(join(out, stagingName)),
      lock: (out) => writeFile(join(out, lockName), owner(deadPid)),
      "break file": (out) => writeFile(join(out, `${lockName}.break-0123456789abcdef`), owner(deadPid)),
      "temporary lock": (out) => writeFile(join(out, `${lockName}.new-x`), owner(deadPid)),
    };
    for (const [what, make] of Object.entries(leftovers)) {
      const out = await tree(newRecord);
      await make(out);
      expect([what, await hasInterruptedWrite(location(out))]).toEqual([what, true]);
    }
    const clean = await tree(newRecord);
    // Names that merely look alike are the user's.
    await writeFile(join(clean, `${lockName}file`), "");
    await writeFile(join(clean, `x${journalName}`), "");
    const before = await snapshotTree(clean);
    expect(await hasInterruptedWrite(location(clean))).toBe(false);
    expect(await snapshotTree(clean)).toEqual(before);
    expect(await hasInterruptedWrite(location(join(work, "absent")))).toBe(false);
  });
});

describe("the lock (lock.ts)", () => {
  const lockPath = (out: string): string => join(out, lockName);
  const lockFamily = async (out: string): Promise<string[]> => (await readdir(out)).filter((name) => name.startsWith(lockName)).sort();
  const shown = (out: string, name = lockName): string => `${basename(out)}/${name}`;

  it("is .scim-codegen.lock naming this process with a fresh nonce; release removes it and never throws", async () => {
    const out = await tree({});
    const release = await acquireLock(location(out), { waitMs: 0 });
    expect(await lockFamily(out)).toEqual([lockName]);
    const first = JSON.parse(await readFile(lockPath(out), "utf8")) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(["pid", "host", "nonce"]);
    expect(first).toMatchObject({ pid: process.pid, host: hostname() });
    expect(first["nonce"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await release()).toBeUndefined();
    expect(await lockFamily(out)).toEqual([]);
    // Twice, or with the file already gone: still no throw.
    await release();
    const again = await acquireLock(location(out), { waitMs: 0 });
    const second = JSON.parse(await readFile(lockPath(out), "utf8")) as Record<string, unknown>;
    expect(second["nonce"]).not.toBe(first["nonce"]);
    await rm(lockPath(out));
    await expect(again()).resolves.toBeUndefined();
  });

  it("release swallows a failure to remove the lock (the next run takes a lock of a process that does not hold it)", async () => {
    const out = await tree({});
    let failures = 1;
    const faulty = faultyFileSystem((call) => (call.method === "removeFile" && call.path === lockPath(out) && failures-- > 0 ? "EIO" : undefined));
    const release = await acquireLock(location(out, faulty.fs), { waitMs: 0 });
    await expect(release()).resolves.toBeUndefined();
    expect(await lockFamily(out)).toEqual([lockName]);
    // Released, so no longer held: the next acquisition, even on the same file system, takes it over.
    const next = await acquireLock(location(out, faulty.fs), { waitMs: 0 });
    await next();
    expect(await lockFamily(out)).toEqual([]);
  });

  it("a lock held by this process stops a second acquisition, after waiting, with one line naming pid and host", async () => {
    const out = await tree({});
    const release = await acquireLock(location(out), { waitMs: 0 });
    const held = await readFile(lockPath(out));
    const started = Date.now();
    const error = await errorOf(acquireLock(location(out), { waitMs: 150 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe("locked");
    expect((error as FileError).path).toBe(out);
    expect((error as FileError).reason).toBe(
      `another scim-codegen run (pid ${process.pid} on ${hostname()}) is writing this folder; wait for it to finish, or remove ${shown(out)} if no such run exists`);
    expect(await readFile(lockPath(out))).toEqual(held);
    expect(await lockFamily(out)).toEqual([lockName]);
    await release();
  });

  it("a waiting acquisition takes the lock once it is released", async () => {
    const out = await tree({});
    const release = await acquireLock(location(out), { waitMs: 0 });
    setTimeout(() => void release(), 100);
    const started = Date.now();
    const next = await acquireLock(location(out), { waitMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(JSON.parse(await readFile(lockPath(out), "utf8"))).toMatchObject({ pid: process.pid });
    await next();
  });

  it("waits 10 s by default", async () => {
    const out = await tree({});
    const release = await acquireLock(location(out), { waitMs: 0 });
    // Time runs fast instead of the test waiting: Date.now jumps past the deadline once the wait is under way.
    let offset = 0;
    const realNow = Date.now.bind(Date);
    const spy = vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
    try {
      let settled = false;
      const waiting = errorOf(acquireLock(location(out))).finally(() => (settled = true));
      offset = 9_000;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(settled).toBe(false);
      offset = 10_200;
      expect(((await waiting) as FileError).code).toBe("locked");
    } finally {
      spy.mockRestore();
      await release();
    }
  });

  it("a lock of a process that has exited, or of this process but not held by it, is taken over", async () => {
    for (const stale of [owner(deadPid), owner(process.pid)]) {
      const out = await tree({});
      await writeFile(lockPath(out), stale);
      const release = await acquireLock(location(out), { waitMs: 0 });
      const now = JSON.parse(await readFile(lockPath(out), "utf8")) as Record<string, unknown>;
      expect(now).toMatchObject({ pid: process.pid, host: hostname() });
      expect(now["nonce"]).not.toBe("n");
      expect(await lockFamily(out)).toEqual([lockName]);
      await release();
      expect(await lockFamily(out)).toEqual([]);
    }
  });

  it("a lock holding garbage, or missing a nonce (not scim-codegen's, or an older one's), is taken over even if its pid lives", async () => {
    const contents = [
      "garbage",
      "",
      JSON.stringify({ pid: livePid, host: hostname() }),
      JSON.stringify({ pid: String(livePid), host: hostname(), nonce: "n" }),
      JSON.stringify({ pid: livePid, host: 7, nonce: "n" }),
      JSON.stringify({ pid: livePid, host: hostname(), nonce: 1 }),
    ];
    for (const content of contents) {
      const out = await tree({});
      await writeFile(lockPath(out), content);
      const release = await acquireLock(location(out), { waitMs: 0 });
      expect([content, JSON.parse(await readFile(lockPath(out), "utf8")).pid]).toEqual([content, process.pid]);
      expect(await lockFamily(out)).toEqual([lockName]);
      await release();
    }
  });

  it("a lock of a live process, of pid 1, or of another host is never taken; the message says which file to remove", async () => {
    const elsewhere = `${hostname()}-elsewhere`;
    const cases: [string, string][] = [
      [owner(livePid), `pid ${livePid} on ${hostname()}`],
      [owner(1), `pid 1 on ${hostname()}`], // alive, or not ours to signal (EPERM): alive either way
      [owner(deadPid, "n", elsewhere), `pid ${deadPid} on ${elsewhere}`],
    ];
    for (const [content, who] of cases) {
      const out = await tree({});
      await writeFile(lockPath(out), content);
      const error = await errorOf(acquireLock(location(out), { waitMs: 0 }));
      expect((error as FileError).code).toBe("locked");
      expect((error as FileError).reason).toBe(
        `another scim-codegen run (${who}) is writing this folder; wait for it to finish, or remove ${shown(out)} if no such run exists`);
      expect(await readFile(lockPath(out), "utf8")).toBe(content);
      expect(await lockFamily(out)).toEqual([lockName]);
    }
  });

  it("leftovers of processes that are gone are removed when the lock is taken; those of live processes and other hosts, and other files, are kept", async () => {
    const out = await tree({});
    const leftovers = {
      [`${lockName}.break-dead`]: owner(deadPid),
      [`${lockName}.new-dead`]: owner(deadPid),
      [`${lockName}.new-mine`]: owner(process.pid), // left by an earlier failure of this process
      [`${lockName}.break-garbage`]: "garbage",
      [`${lockName}.break-live`]: owner(livePid),
      [`${lockName}.new-parent`]: owner(process.ppid),
      [`${lockName}.new-elsewhere`]: owner(deadPid, "n", `${hostname()}-elsewhere`),
      "other.txt": owner(deadPid),
    };
    for (const [name, content] of Object.entries(leftovers)) await writeFile(join(out, name), content);
    const release = await acquireLock(location(out), { waitMs: 0 });
    expect((await readdir(out)).sort()).toEqual(
      [lockName, `${lockName}.break-live`, `${lockName}.new-elsewhere`, `${lockName}.new-parent`, manifestName, "other.txt"].sort());
    await release();
  });

  const breakerOf = (content: string): string => `${lockName}.break-${createHash("sha256").update(content).digest("hex").slice(0, 16)}`;

  it("a stale break file beside a stale lock (its breaker was killed too) is broken in turn, then the lock; nothing is left", async () => {
    const out = await tree({});
    const stale = owner(deadPid, "stale");
    await writeFile(lockPath(out), stale);
    await writeFile(join(out, breakerOf(stale)), owner(deadPid, "breaker"));
    const release = await acquireLock(location(out), { waitMs: 0 });
    expect(await lockFamily(out)).toEqual([lockName]);
    expect(JSON.parse(await readFile(lockPath(out), "utf8"))).toMatchObject({ pid: process.pid });
    await release();
    expect(await lockFamily(out)).toEqual([]);
  });

  it("a stale lock that a live process is breaking is left to it: the run waits, then stops naming the break file", async () => {
    const out = await tree({});
    const stale = owner(deadPid, "stale");
    await writeFile(lockPath(out), stale);
    await writeFile(join(out, breakerOf(stale)), owner(livePid, "breaker"));
    const error = await errorOf(acquireLock(location(out), { waitMs: 0 }));
    expect((error as FileError).code).toBe("locked");
    expect((error as FileError).reason).toBe(
      `another scim-codegen run (pid ${livePid} on ${hostname()}) is writing this folder; wait for it to finish, or remove ${shown(out, breakerOf(stale))} if no such run exists`);
    expect(await lockFamily(out)).toEqual([lockName, breakerOf(stale)].sort());
  });

  it("a live breaker that finishes while the run waits: the run then takes the lock", async () => {
    const out = await tree({});
    const stale = owner(deadPid, "stale");
    const breaker = join(out, breakerOf(stale));
    await writeFile(lockPath(out), stale);
    await writeFile(breaker, owner(livePid, "breaker"));
    // When the run has read the live break file, its owner finishes: the stale lock and the break file go.
    const faulty = faultyFileSystem((call) => {
      if (call.method === "readFile" && call.path === breaker) {
        rmSync(lockPath(out));
        rmSync(breaker);
      }
      return undefined;
    });
    const release = await acquireLock(location(out, faulty.fs), { waitMs: 0 });
    expect(await lockFamily(out)).toEqual([lockName]);
    expect(JSON.parse(await readFile(lockPath(out), "utf8"))).toMatchObject({ pid: process.pid });
    await release();
  });

  it("a stale lock that a live run takes over while this one breaks it is not removed", async () => {
    const out = await tree({});
    await writeFile(lockPath(out), owner(deadPid, "stale"));
    // The second read of the lock is the breaker's check: by then another run has taken the lock.
    let reads = 0;
    const faulty = faultyFileSystem((call) => {
      if (call.method === "readFile" && call.path === lockPath(out) && ++reads === 2) writeFileSync(lockPath(out), owner(livePid, "taker"));
      return undefined;
    });
    const error = await errorOf(acquireLock(location(out, faulty.fs), { waitMs: 0 }));
    expect((error as FileError).code).toBe("locked");
    expect(await readFile(lockPath(out), "utf8")).toBe(owner(livePid, "taker"));
    expect(await lockFamily(out)).toEqual([lockName]);
  });

  it("a lock, or a live break file, that goes away just as it is read: the run looks again and takes the lock", async () => {
    const stale = owner(deadPid, "stale");
    for (const vanishing of [lockName, breakerOf(stale)]) {
      const out = await tree({});
      await writeFile(lockPath(out), stale);
      await writeFile(join(out, breakerOf(stale)), owner(livePid, "breaker"));
      let first = true;
      const faulty = faultyFileSystem((call) => {
        if (call.method === "readFile" && call.path === join(out, vanishing) && first) {
          first = false;
          // Its owner finishes in this instant: the lock and the break file go.
          rmSync(lockPath(out));
          rmSync(join(out, breakerOf(stale)));
        }
        return undefined;
      });
      const release = await acquireLock(location(out, faulty.fs), { waitMs: 0 });
      expect([vanishing, await lockFamily(out)]).toEqual([vanishing, [lockName]]);
      await release();
    }
  });

  it("is created under a temporary name and linked into place; a failed link leaves no temporary file", async () => {
    const out = await tree({});
    const faulty = faultyFileSystem((call) => (call.method === "link" ? "EIO" : undefined));
    const error = await errorOf(acquireLock(location(out, faulty.fs), { waitMs: 0 }));
    expect((error as FileError).code).toBe("EIO");
    const [write, link] = faulty.calls.filter((c) => c.method === "writeDurably" || c.method === "link");
    expect(write?.path).toMatch(new RegExp(`/\\${lockName}\\.new-[0-9a-f-]{36}$`));
    expect(link).toMatchObject({ path: write?.path });
    expect(await lockFamily(out)).toEqual([]);
  });

  // Another run that holds the lock tidies leftovers: a temporary file it reads before its content is written
  // names no owner, so it goes; the link then fails with ENOENT (a race CI hit in output-lock.test.ts).
  it("a temporary file removed before its link (another run's tidying) is written again; three times in a row is an error naming the lock", async () => {
    const removeSourceOf = (times: number) =>
      faultyFileSystem((call) => {
        if (call.method === "link" && times-- > 0) rmSync(call.path);
        return undefined;
      });
    const out = await tree({});
    const twice = removeSourceOf(2);
    const release = await acquireLock(location(out, twice.fs), { waitMs: 0 });
    const attempts = twice.calls.filter((c) => c.method === "writeDurably" || c.method === "link").map((c) => `${c.method} ${basename(c.path).replace(/[0-9a-f-]{36}$/, "<uuid>")}`);
    expect(attempts).toEqual(Array.from({ length: 3 }, () => [`writeDurably ${lockName}.new-<uuid>`, `link ${lockName}.new-<uuid>`]).flat());
    expect(await lockFamily(out)).toEqual([lockName]);
    await release();
    expect(await lockFamily(out)).toEqual([]);

    const always = removeSourceOf(3);
    const error = await errorOf(acquireLock(location(out, always.fs), { waitMs: 0 }));
    expect(error).toBeInstanceOf(FileError);
    expect([(error as FileError).path, (error as FileError).code, (error as FileError).reason]).toEqual([
      lockPath(out),
      "ENOENT",
      "cannot create: its temporary file was removed while it was written, three times",
    ]);
    expect(await lockFamily(out)).toEqual([]);
    // A link that fails with ENOENT while its temporary file is there (the folder itself went) is not retried.
    const folderGone = faultyFileSystem((call) => (call.method === "link" ? "ENOENT" : undefined));
    expect(((await errorOf(acquireLock(location(out, folderGone.fs), { waitMs: 0 }))) as FileError).code).toBe("ENOENT");
    expect(folderGone.calls.filter((c) => c.method === "link")).toHaveLength(1);
  });

  it("hasLockFiles: a lock, a break file or a temporary lock file at the top of the folder; not a clean or an absent folder", async () => {
    for (const name of [lockName, `${lockName}.break-x`, `${lockName}.new-x`]) {
      const out = await tree({});
      await writeFile(join(out, name), "");
      expect([name, await hasLockFiles(location(out))]).toEqual([name, true]);
    }
    const clean = await tree({ "sub/.scim-codegen.lock": "" });
    await writeFile(join(clean, `${lockName}file`), "");
    expect(await hasLockFiles(location(clean))).toBe(false);
    expect(await hasLockFiles(location(join(work, "absent")))).toBe(false);
  });

  it("lockUnlessReadOnly: a folder that cannot be written at all needs no lock (EROFS, EACCES, EPERM); other errors stop the run", async () => {
    for (const code of ["EROFS", "EACCES", "EPERM"]) {
      const out = await tree({});
      const faulty = faultyFileSystem((call) => (call.method === "writeDurably" ? code : undefined));
      const result = await lockUnlessReadOnly(location(out, faulty.fs), { waitMs: 0 });
      expect("readOnly" in result && result.readOnly).toBeInstanceOf(FileError);
      const readOnly = (result as { readOnly: FileError }).readOnly;
      expect([readOnly.code, readOnly.path]).toEqual([code, lockPath(out)]);
      expect(await lockFamily(out)).toEqual([]);
    }
    const out = await tree({});
    const full = faultyFileSystem((call) => (call.method === "writeDurably" ? "ENOSPC" : undefined));
    expect(((await errorOf(lockUnlessReadOnly(location(out, full.fs), { waitMs: 0 }))) as FileError).code).toBe("ENOSPC");
    // A held lock is no read-only folder either.
    const release = await acquireLock(location(out), { waitMs: 0 });
    expect(((await errorOf(lockUnlessReadOnly(location(out), { waitMs: 0 }))) as FileError).code).toBe("locked");
    await release();
    const result = await lockUnlessReadOnly(location(out), { waitMs: 0 });
    expect(Object.keys(result)).toEqual(["release"]);
    expect(await lockFamily(out)).toEqual([lockName]);
    await (result as { release: () => Promise<void> }).release();
    expect(await lockFamily(out)).toEqual([]);
  });
});

describe("nodeFileSystem (file-system.ts)", () => {
  const fs = nodeFileSystem;
  let dir: string;
  beforeAll(async () => {
    dir = join(work, "fs");
    await mkdir(dir);
    await writeFile(join(dir, "file"), "bytes");
  });
  const fileError = async (promise: Promise<unknown>): Promise<[string, string, string]> => {
    const error = await errorOf(promise);
    expect(error).toBeInstanceOf(FileError);
    return [(error as FileError).path, (error as FileError).code, (error as FileError).reason];
  };
  const longName = "n".repeat(300);

  it("lstat: the stats, or null when absent or under a file (ENOTDIR); other errors are FileErrors", async () => {
    expect((await fs.lstat(join(dir, "file")))?.isFile()).toBe(true);
    expect(await fs.lstat(join(dir, "absent"))).toBeNull();
    expect(await fs.lstat(join(dir, "file", "x"))).toBeNull();
    expect(await fileError(fs.lstat(join(dir, longName)))).toEqual([join(dir, longName), "ENAMETOOLONG", "cannot read: ENAMETOOLONG (file name too long)"]);
  });

  it("readFile: the bytes, or null when absent; other errors are FileErrors", async () => {
    expect((await fs.readFile(join(dir, "file")))?.toString()).toBe("bytes");
    expect(await fs.readFile(join(dir, "absent"))).toBeNull();
    expect(await fileError(fs.readFile(dir))).toEqual([dir, "EISDIR", "cannot read: EISDIR (is a folder, not a file)"]);
  });

  it("readdir: the entries; an absent folder is a FileError ENOENT", async () => {
    const sub = join(dir, "listed");
    await mkdir(join(sub, "d"), { recursive: true });
    await writeFile(join(sub, "f"), "");
    const entries = await fs.readdir(sub);
    expect(entries.map((e) => [e.name, e.isDirectory()]).sort()).toEqual([["d", true], ["f", false]]);
    expect(await fileError(fs.readdir(join(dir, "absent")))).toEqual([join(dir, "absent"), "ENOENT", "cannot read the folder: ENOENT (no such file or folder)"]);
  });

  it("writeDurably: writes (and replaces) the bytes; exclusive fails with EEXIST; a missing folder is ENOENT", async () => {
    const path = join(dir, "written");
    await fs.writeDurably(path, encode("a longer first version"));
    await fs.writeDurably(path, encode("short"));
    expect(await readFile(path, "utf8")).toBe("short");
    expect(await fileError(fs.writeDurably(path, encode("other"), true))).toEqual([path, "EEXIST", "cannot write: EEXIST (already exists)"]);
    expect(await readFile(path, "utf8")).toBe("short");
    await fs.writeDurably(join(dir, "exclusive"), encode("x"), true);
    expect(await readFile(join(dir, "exclusive"), "utf8")).toBe("x");
    expect((await fileError(fs.writeDurably(join(dir, "absent", "f"), encode("x"))))[1]).toBe("ENOENT");
  });

  it("makeDirectory: creates missing parents, is a no-op for an existing folder, and ENOTDIR when a file is in the way", async () => {
    await fs.makeDirectory(join(dir, "m1", "m2", "m3"));
    expect((await lstat(join(dir, "m1", "m2", "m3"))).isDirectory()).toBe(true);
    await writeFile(join(dir, "m1", "m2", "m3", "keep"), "k");
    await fs.makeDirectory(join(dir, "m1", "m2", "m3"));
    await fs.makeDirectory(join(dir, "m1"));
    expect(await readdir(join(dir, "m1", "m2", "m3"))).toEqual(["keep"]);
    expect(await fileError(fs.makeDirectory(join(dir, "file")))).toEqual([
      join(dir, "file"), "ENOTDIR", "cannot create the folder: ENOTDIR (a file of that name is in the way)"]);
    expect(await fileError(fs.makeDirectory(join(dir, "file", "sub")))).toEqual([
      join(dir, "file", "sub"), "ENOTDIR", "cannot create the folder: ENOTDIR (a path component is a file, not a folder)"]);
    // A parent two levels up that is a file, reached after creating nothing.
    expect((await fileError(fs.makeDirectory(join(dir, "file", "a", "b"))))[1]).toBe("ENOTDIR");
    expect((await fileError(fs.makeDirectory(join(dir, "a\u0000b", "c"))))[1]).toBe("ERR_INVALID_ARG_VALUE");
    expect(await readFile(join(dir, "file"), "utf8")).toBe("bytes");
  });

  it("removeEmptyDirectory: true when it removed an empty folder; false when not empty, absent or a file; other failures are FileErrors", async () => {
    await mkdir(join(dir, "e1", "e2"), { recursive: true });
    expect(await fs.removeEmptyDirectory(join(dir, "e1"))).toBe(false);
    expect(await fs.removeEmptyDirectory(join(dir, "e1", "e2"))).toBe(true);
    expect(await fs.removeEmptyDirectory(join(dir, "e1", "e2"))).toBe(false);
    expect(await fs.removeEmptyDirectory(join(dir, "e1"))).toBe(true);
    expect(await lstat(join(dir, "e1")).catch(() => null)).toBeNull();
    expect(await fs.removeEmptyDirectory(join(dir, "file"))).toBe(false);
    expect((await lstat(join(dir, "file"))).isFile()).toBe(true);
    expect(await fileError(fs.removeEmptyDirectory(join(dir, "n\u0000ul")))).toEqual([
      join(dir, "n\u0000ul"), "ERR_INVALID_ARG_VALUE", "cannot remove the folder: ERR_INVALID_ARG_VALUE (not a valid path (it holds a NUL character))"]);
  });

  it("removeFile and removeTree: remove; absent paths are no-ops; failures are FileErrors", async () => {
    await writeFile(join(dir, "gone"), "x");
    await fs.removeFile(join(dir, "gone"));
    expect(await lstat(join(dir, "gone")).catch(() => null)).toBeNull();
    await fs.removeFile(join(dir, "gone"));
    await mkdir(join(dir, "t", "u"), { recursive: true });
    await writeFile(join(dir, "t", "u", "f"), "x");
    await fs.removeTree(join(dir, "t"));
    expect(await lstat(join(dir, "t")).catch(() => null)).toBeNull();
    await fs.removeTree(join(dir, "t"));
    expect(await fileError(fs.removeFile(join(dir, "file", "x")))).toEqual([
      join(dir, "file", "x"), "ENOTDIR", "cannot remove: ENOTDIR (a path component is a file, not a folder)"]);
    expect((await fileError(fs.removeTree(join(dir, "a\u0000b"))))[1]).toBe("ERR_INVALID_ARG_VALUE");
  });

  it("rename and link: move or add a name; failures are FileErrors naming the target with the errno code", async () => {
    await writeFile(join(dir, "from"), "moved");
    await fs.rename(join(dir, "from"), join(dir, "to"));
    expect(await readFile(join(dir, "to"), "utf8")).toBe("moved");
    expect(await fileError(fs.rename(join(dir, "from"), join(dir, "to2")))).toEqual([
      join(dir, "to2"), "ENOENT", "cannot replace: ENOENT (no such file or folder)"]);
    await fs.link(join(dir, "to"), join(dir, "linked"));
    expect(await readFile(join(dir, "linked"), "utf8")).toBe("moved");
    expect(await fileError(fs.link(join(dir, "to"), join(dir, "file")))).toEqual([join(dir, "file"), "EEXIST", "cannot create: EEXIST (already exists)"]);
    expect(await fileError(fs.link(join(dir, "absent"), join(dir, "x")))).toEqual([join(dir, "x"), "ENOENT", "cannot create: ENOENT (no such file or folder)"]);
  });
});
