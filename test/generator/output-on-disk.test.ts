// The file writer's promises, checked on the disk rather than in the summary it returns (issue 14): the files
// it wrote before and no longer produces are gone, and so are the folders that leaves empty; a failure while
// staging or at the first move into the tree leaves the tree byte-identical, empty folders and modes included;
// and nothing inside the tree changes before the journal's commit rename (generator/output/journal.ts).
// The expected trees are literal lists or the untouched old tree, never the summary of the run under test.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { FileError } from "../../generator/file-error.js";
import { transientNames } from "../../generator/output/output-folder.js";
import { writeFiles } from "../../generator/output/write-files.js";
import { compileFileMap } from "../helpers/compile.js";
import { faultyFileSystem, type Call } from "../helpers/faulty-file-system.js";
import { changedDefinitions, oldDefinitions } from "../helpers/output-scenario.js";
import { snapshotTree } from "../helpers/tree.js";

let work: string;
let oldFiles: readonly GeneratedFile[];
let newFiles: readonly GeneratedFile[];
let run = 0;

const options = (fs?: ReturnType<typeof faultyFileSystem>["fs"]) => ({ definitionsDir: join(work, "definitions"), cwd: work, lockWaitMs: 0, ...(fs ? { fs } : {}) });

/** A new output folder holding the old tree, written by the generator itself (so its manifest owns it). */
async function oldTreeFolder(): Promise<{ out: string; before: string[] }> {
  const out = join(work, `out-${run++}`);
  await writeFiles(out, oldFiles, options());
  return { out, before: await snapshotTree(out) };
}

/** The calls that change the disk. */
const mutating = new Set<Call["method"]>(["writeDurably", "rename", "link", "removeFile", "removeTree", "makeDirectory", "removeEmptyDirectory"]);

/** Whether an absolute path lies in the tree proper: inside `out`, not under one of the generator's transient names (the lock's temporaries too). */
const inTree = (out: string, path: string): boolean =>
  path.startsWith(out + sep) && !Object.values(transientNames).some((name) => (path.slice(out.length + 1).split(sep)[0] as string).startsWith(name));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "scim-codegen-on-disk-"));
  [oldFiles, newFiles] = await Promise.all([compileFileMap(oldDefinitions), compileFileMap(changedDefinitions)]);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("orphans and emptied folders", () => {
  // Kills issue 14's planted bugs "orphan files not deleted from disk" and "empty directories kept": the
  // summary said "removed" while the files, or their folders, stayed.
  it("are gone from the disk: the express adapter's whole folder, the group modules and JSON Schemas", async () => {
    const { out, before } = await oldTreeFolder();
    // The old tree has them (the scenario's outside truth: express is dropped, group.yaml becomes team.yaml).
    for (const line of ["packages/express/", "packages/express/index.js", "packages/core/schemas/group.js", "packages/core/resource-types/group.js"]) {
      expect(before.some((l) => l === line || l.startsWith(`${line} `)), line).toBe(true);
    }
    await writeFiles(out, newFiles, options());
    const after = await snapshotTree(out);
    // Not a file nor a folder of the express package is left, and no file named after the removed group.yaml.
    expect(after.filter((line) => line.startsWith("packages/express"))).toEqual([]);
    expect(after.filter((line) => /(^|\/)group[.-]/.test(line.split(" ")[0] as string))).toEqual([]);
    // Every folder left holds something: a removal never leaves an empty folder behind.
    const folders = after.filter((line) => line.endsWith("/")).map((line) => line.slice(0, -1));
    const empty = folders.filter((folder) => !after.some((line) => line.startsWith(`${folder}/`)));
    expect(empty).toEqual([]);
    // And the tree is exactly the one a first write of the new files into an empty folder makes.
    const fresh = join(work, `out-${run++}`);
    await writeFiles(fresh, newFiles, options());
    expect(after).toEqual(await snapshotTree(fresh));
  });
});

describe("a failure while writing", () => {
  // Kills issue 14's planted bug "writing straight to the target instead of staging": with new files written
  // in place, a failure at the last one leaves the earlier ones changed.
  it("at the last staged file (disk full) leaves the tree byte-identical", async () => {
    const { out, before } = await oldTreeFolder();
    const counting = faultyFileSystem(() => undefined);
    const { out: probe } = await oldTreeFolder();
    await writeFiles(probe, newFiles, options(counting.fs));
    const writes = counting.calls.filter((c) => c.method === "writeDurably" && !c.path.endsWith(`${sep}journal.json`) && !c.path.endsWith(transientNames.lock));
    const last = writes.at(-1);
    if (last === undefined) throw new Error("the write wrote nothing");
    const faulty = faultyFileSystem((call) => (call.index === last.index ? "ENOSPC" : undefined));
    const error = await writeFiles(out, newFiles, options(faulty.fs)).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).code).toBe("ENOSPC");
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("changes nothing in the tree before the journal's commit rename; every new file arrives by a rename out of staging", async () => {
    const { out } = await oldTreeFolder();
    const counting = faultyFileSystem(() => undefined);
    await writeFiles(out, newFiles, options(counting.fs));
    const staging = join(out, transientNames.staging);
    const commit = counting.calls.findIndex((c) => c.method === "rename" && c.path === join(staging, "journal.json"));
    expect(commit, "the journal is renamed into place").toBeGreaterThan(0);
    const early = counting.calls.slice(0, commit).filter((c) => mutating.has(c.method) && inTree(out, c.path));
    expect(early.map((c) => `${c.method} ${c.path.slice(out.length)}`)).toEqual([]);
    // Every file of the tree is written under the staging folder, never in place.
    const inPlace = counting.calls.filter((c) => c.method === "writeDurably" && inTree(out, c.path));
    expect(inPlace.map((c) => c.path.slice(out.length))).toEqual([]);
  });

  it("at the first move into the tree (a failing rename) is undone: the tree is byte-identical", async () => {
    const { out, before } = await oldTreeFolder();
    const faulty = faultyFileSystem((call) => (call.method === "rename" && call.path.includes(`${sep}new${sep}`) ? "EXDEV" : undefined));
    const error = await writeFiles(out, newFiles, options(faulty.fs)).then(() => undefined, (err: unknown) => err);
    expect((error as FileError).code).toBe("EXDEV");
    // The failing rename was reached after the commit point, so the applied removals had to be undone.
    expect(faulty.calls.some((c) => c.method === "rename" && c.path.endsWith(`${sep}${transientNames.staging}${sep}journal.json`))).toBe(true);
    expect(await snapshotTree(out)).toEqual(before);
  });

  it("into a read-only tree (every change inside it fails with EROFS) leaves it byte-identical", async () => {
    const { out, before } = await oldTreeFolder();
    const faulty = faultyFileSystem((call) => (mutating.has(call.method) && inTree(out, call.path) ? "EROFS" : undefined));
    const error = await writeFiles(out, newFiles, options(faulty.fs)).then(() => undefined, (err: unknown) => err);
    expect((error as FileError).code).toBe("EROFS");
    expect(await snapshotTree(out)).toEqual(before);
  });
});
