// One run at a time writes an output folder, even when several find a lock left by a killed run and race to
// take it over. Concurrent runs are real processes (test/helpers/write-child.mjs, the compiled output step)
// whose every file-system call first waits a random few milliseconds, which widens each race window far
// beyond what it is in a real run. The unit cases pin the take-over protocol of generator/output/lock.ts.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { FileError } from "../../generator/file-error.js";
import { acquireLock } from "../../generator/output/lock.js";
import { transientNames } from "../../generator/output/output-folder.js";
import { outputLocation, prepareOutputFolder, writeFiles } from "../../generator/output/write-files.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { snapshotTree } from "../helpers/tree.js";

let project: TempProject;
let deadPid: number;
let live: ChildProcess;
const options = () => ({ definitionsDir: project.definitionsDir, cwd: project.root, lockWaitMs: 0 });
const owner = (pid: number, nonce = "n"): string => JSON.stringify({ pid, host: hostname(), nonce });

// Small trees, so that a round is quick and many rounds fit: the races are in taking the lock, not in writing.
const small = (tag: string): GeneratedFile[] =>
  ["a.json", "b/c.json", `${tag}/only.json`].map((path) => ({ path, contents: `{ "from": "${tag}", "path": "${path}" }\n`, language: "json" as const }));
const versions = [small("one"), small("two")] as const;

beforeAll(async () => {
  project = await tempProject({ "definitions/.keep": "" });
  // Build dist/ if a source is newer (the children run it), as npm run generate does.
  expect(spawnSync(process.execPath, [join(repoRoot, "scripts/run-cli.mjs"), "--help"]).status).toBe(0);
  deadPid = spawnSync(process.execPath, ["-e", ""]).pid as number;
  live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600_000)"], { stdio: "ignore" });
});
afterAll(async () => {
  live?.kill("SIGKILL");
  await project?.dispose();
});

function child(job: string, witness: string, startAt: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [join(repoRoot, "test/helpers/write-child.mjs"), job], {
      env: { ...process.env, SCIM_TEST_FS_DELAY_MS: "3", SCIM_TEST_LOCK_WITNESS: witness, SCIM_TEST_START_AT: String(startAt) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    process_.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    process_.on("error", reject);
    process_.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("runs that race for a lock left by a killed run", () => {
  it("take turns: no two hold the lock at once, every run succeeds, and the folder ends as one of the trees", async () => {
    const out = join(project.root, "raced");
    const witness = join(project.root, "witness");
    await mkdir(witness);
    const expected: string[][] = [];
    const jobs: string[] = [];
    for (const [i, version] of versions.entries()) {
      const dir = join(project.root, `small-${i}`);
      await writeFiles(dir, version, options());
      expected.push(await snapshotTree(dir));
      const job = join(project.root, `small-job-${i}.json`);
      await writeFile(job, JSON.stringify({ outDir: out, definitionsDir: project.definitionsDir, cwd: project.root, files: version }));
      jobs.push(job);
    }
    for (let round = 0; round < 6; round++) {
      await prepareOutputFolder(out, options());
      await writeFiles(out, versions[0], options());
      // What kill -9 of a writer leaves.
      await writeFile(join(out, transientNames.lock), owner(deadPid));
      // Node starts in ~0.2 s; all six then begin in the same instant.
      const startAt = Date.now() + 700;
      const runs = await Promise.all(Array.from({ length: 6 }, (_, k) => child(jobs[k % 2]!, witness, startAt)));
      for (const run of runs) expect([round, run.code, run.stderr]).toEqual([round, 0, ""]);
      const tree = (await snapshotTree(out)).join("\n");
      expect([round, expected.some((want) => want.join("\n") === tree)]).toEqual([round, true]);
    }
  }, 120_000);
});

describe("the take-over protocol", () => {
  it("a stale lock whose breaker is alive is left to that breaker: the run waits, then stops with one line", async () => {
    const out = join(project.root, "breaking");
    await writeFiles(out, versions[0], options());
    const stale = owner(deadPid, "stale");
    await writeFile(join(out, transientNames.lock), stale);
    const { createHash } = await import("node:crypto");
    const breaker = `${transientNames.lock}.break-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
    await writeFile(join(out, breaker), owner(live.pid as number, "breaker"));
    const error = await acquireLock(outputLocation(out, options()), { waitMs: 0 }).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).reason).toContain(`pid ${live.pid}`);
    expect((error as FileError).reason).toContain(breaker);
    // Its breaker killed too: the run breaks the breaker, then the lock, and leaves nothing behind.
    await writeFile(join(out, breaker), owner(deadPid, "breaker"));
    await writeFile(join(out, `${transientNames.lock}.new-leftover`), owner(deadPid, "temporary"));
    const release = await acquireLock(outputLocation(out, options()), { waitMs: 0 });
    expect((await readdir(out)).filter((name) => name.startsWith(transientNames.lock))).toEqual([transientNames.lock]);
    await release();
    expect((await readdir(out)).filter((name) => name.startsWith(".scim-codegen"))).toEqual([]);
  });

  it("a live lock is never taken, and a lock of a run on another host is never judged from here", async () => {
    const out = join(project.root, "held");
    await writeFiles(out, versions[0], options());
    const before = await snapshotTree(out);
    for (const content of [owner(live.pid as number), JSON.stringify({ pid: deadPid, host: `${hostname()}-elsewhere`, nonce: "n" })]) {
      await writeFile(join(out, transientNames.lock), content);
      const error = await writeFiles(out, versions[1], options()).then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).code).toBe("locked");
      expect((await snapshotTree(out)).filter((line) => !line.startsWith(".scim-codegen"))).toEqual(before.filter((line) => !line.startsWith(".scim-codegen")));
    }
  });
});
