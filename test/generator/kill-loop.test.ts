// kill -9 on the generator at seeded random moments of writes that change, add and remove many files, back
// and forth between two definition sets. After every kill the tree, compared by hash, must be the old one or
// the new one, or hold a journal that the next run completes; whatever the killed run left (staged files, a
// journal, its lock) must be gone after the next run. Most kills go to a child that runs the generator's
// compiled output step on files compiled beforehand (test/helpers/write-child.mjs: it starts in ~0.1 s, so
// the kills can be aimed at the write), the rest to the whole CLI (`node scripts/run-cli.mjs generate`, what
// `npm run generate` runs), whose recovery is also checked through `generate --check`. Kills are aimed at the
// staging of new files (after the lock appears), at their moving into place (after the journal appears),
// or anywhere. SCIM_KILL_SEED and SCIM_KILL_COUNT override the seed and the count of each kind.

import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { transientNames } from "../../generator/output/output-folder.js";
import { checkFiles } from "../../generator/output/check-files.js";
import { prepareOutputFolder, writeFiles } from "../../generator/output/write-files.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { compileFileMap } from "../helpers/compile.js";
import { changedDefinitions, oldDefinitions } from "../helpers/output-scenario.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { snapshotTree } from "../helpers/tree.js";

const seed = Number(process.env["SCIM_KILL_SEED"] ?? 0x6b11);
const count = Number(process.env["SCIM_KILL_COUNT"] ?? 32);
const cliCount = Math.max(2, Math.round(count / 6));

interface Version {
  readonly definitions: Readonly<Record<string, string | null>>;
  readonly files: readonly GeneratedFile[];
  tree: string[];
  /** The write-child job file of these files. */
  job: string;
}

let project: TempProject;
let versions: [Version, Version];
const outDir = (): string => project.outDir;
const options = () => ({ definitionsDir: project.definitionsDir, cwd: project.root });

/** Puts a definition set in the project's definitions folder. */
async function useDefinitions(definitions: Readonly<Record<string, string | null>>): Promise<void> {
  await rm(project.definitionsDir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(definitions)) {
    if (text === null) continue;
    await mkdir(join(project.root, path, ".."), { recursive: true });
    await writeFile(join(project.root, path), text);
  }
}

/** When to kill: a delay after the run takes the folder's lock, or after it commits its journal, or after it starts. */
type Kill = { readonly after: "lock" | "journal" | "start"; readonly ms: number };

/** The whole CLI, as `npm run generate` runs it. */
const cli = (args: string[]): string[] => [join(repoRoot, "scripts/run-cli.mjs"), "generate", ...args];
/** The output step alone, on the files of a definition set compiled beforehand. */
const writer = (version: Version): string[] => [join(repoRoot, "test/helpers/write-child.mjs"), version.job];

/** Runs a generator process (`argv` after node), killing it with SIGKILL as `kill` says; times its phases. */
function generate(
  argv: string[],
  kill?: Kill,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; stagingMs?: number; applyMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: project.root });
    let stdout = "";
    let stderr = "";
    const seen: Partial<Record<"lock" | "journal" | "journalGone", number>> = {};
    child.stdout.on("data", (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    const timers: NodeJS.Timeout[] = [];
    const arm = (phase: Kill["after"]): void => {
      if (kill?.after === phase) timers.push(setTimeout(() => child.kill("SIGKILL"), kill.ms));
    };
    // The lock appears when the run starts writing; the journal when it commits, and goes when it is done.
    const watcher = watch(outDir(), (_event, name) => {
      const now = performance.now();
      if (name === transientNames.lock && seen.lock === undefined) {
        seen.lock = now;
        arm("lock");
      } else if (name === transientNames.journal && seen.journal === undefined) {
        seen.journal = now;
        arm("journal");
      } else if (name === transientNames.journal && seen.journalGone === undefined) {
        seen.journalGone = now;
      }
    });
    arm("start");
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      watcher.close();
      for (const t of timers) clearTimeout(t);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        ...(seen.lock !== undefined && seen.journal !== undefined ? { stagingMs: seen.journal - seen.lock } : {}),
        ...(seen.journal !== undefined && seen.journalGone !== undefined ? { applyMs: seen.journalGone - seen.journal } : {}),
      });
    });
  });
}

const same = (a: string[], b: string[]): boolean => a.join("\n") === b.join("\n");
const isTransient = (line: string): boolean => Object.values(transientNames).some((name) => line.startsWith(name));

// Phase lengths of undisturbed runs, measured in beforeAll: the kills are spread over them.
let stagingMs = 50;
let applyMs = 50;
let cliMs = 1500;
let writerMs = 300;

beforeAll(async () => {
  project = await tempProject(oldDefinitions);
  const [a, b] = await Promise.all([compileFileMap(oldDefinitions), compileFileMap(changedDefinitions)]);
  versions = [
    { definitions: oldDefinitions, files: a, tree: [], job: "" },
    { definitions: changedDefinitions, files: b, tree: [], job: "" },
  ];
  for (const [i, version] of versions.entries()) {
    const dir = join(project.root, `expected-${i}`);
    await writeFiles(dir, version.files, options());
    version.tree = await snapshotTree(dir);
    version.job = join(project.root, `job-${i}.json`);
    await writeFile(version.job, JSON.stringify({ outDir: outDir(), ...options(), files: version.files }));
  }
  // Calibration, and a warm transform cache: an undisturbed run from the old tree to the new one (after one
  // that only prints the usage, which builds dist/ if a source is newer, as npm run generate does).
  await writeFiles(outDir(), versions[0].files, options());
  expect((await generate(cli(["--help"]))).code).toBe(0);
  await useDefinitions(changedDefinitions);
  let started = performance.now();
  const run = await generate(cli([]));
  cliMs = performance.now() - started;
  expect([run.code, run.stderr]).toEqual([0, ""]);
  started = performance.now();
  const back = await generate(writer(versions[0]));
  writerMs = performance.now() - started;
  expect([back.code, back.stderr]).toEqual([0, ""]);
  stagingMs = Math.max(10, run.stagingMs ?? stagingMs, back.stagingMs ?? 0);
  applyMs = Math.max(10, run.applyMs ?? applyMs, back.applyMs ?? 0);
});
afterAll(() => project?.dispose());

describe("kill -9 during generate", () => {
  it(`leaves the old tree or the new one, or a journal the next run completes (${count} + ${cliCount} kills, seed ${seed})`, async () => {
    expect(same(versions[0].tree, versions[1].tree)).toBe(false);
    const random = seededRandom(seed);
    const tally = { old: 0, new: 0, recovered: 0, finished: 0 };
    const log: string[] = [];
    let checkedThroughCli = 0;
    for (let i = 0; i < count + cliCount; i++) {
      const whole = i >= count;
      const [from, to] = i % 2 === 0 ? [versions[0], versions[1]] : [versions[1], versions[0]];
      // The old tree, exactly (an in-process write: fast), and the new definitions.
      await prepareOutputFolder(outDir(), options());
      await writeFiles(outDir(), from.files, options());
      expect(same(await snapshotTree(outDir()), from.tree), `reset ${i}`).toBe(true);
      await useDefinitions(to.definitions);

      // Two kills in five while new files are staged (after the lock), two while they move into place (after
      // the journal is committed), one anywhere in the run.
      const roll = random();
      const kill: Kill =
        roll < 0.4
          ? { after: "lock", ms: Math.round(random() * stagingMs) }
          : roll < 0.8
            ? { after: "journal", ms: Math.round(random() * applyMs) }
            : { after: "start", ms: Math.round(random() * (whole ? cliMs : writerMs)) };
      const label = `seed ${seed}, kill ${i} (${whole ? "CLI" : "output step"}): ${kill.ms} ms after the ${kill.after}`;
      const run = await generate(whole ? cli([]) : writer(to), kill);
      if (run.signal === null) {
        expect([label, run.code, run.stderr]).toEqual([label, 0, ""]);
      }

      const found = await snapshotTree(outDir());
      const journaled = found.some((line) => line.startsWith(`${transientNames.journal} `));
      const tree = found.filter((line) => !isTransient(line));
      let state: "old" | "new" | "recovered";
      if (journaled) {
        if (whole || checkedThroughCli < 3) {
          // The next run, a check, completes the write first, then finds the folder up to date.
          const check = await generate(cli(["--check"]));
          expect([label, check.code, check.stdout]).toEqual([label, 0, "scim-codegen: generated is up to date with definitions\n"]);
          expect(check.stderr, label).toMatch(/^scim-codegen: completed an interrupted write of generated \(\d+ files?\) left by a run that was stopped\n$/);
          checkedThroughCli++;
        } else {
          const report = await checkFiles(outDir(), to.files, options());
          expect([label, report.recovered > 0, report.drift]).toEqual([label, true, []]);
        }
        expect(same(await snapshotTree(outDir()), to.tree), label).toBe(true);
        state = "recovered";
      } else {
        const which = same(tree, from.tree) ? "old" : same(tree, to.tree) ? "new" : "mixed";
        expect([label, which]).not.toEqual([label, "mixed"]);
        state = which as "old" | "new";
        // What the killed run left (staged files, its lock) is gone after the next run.
        await prepareOutputFolder(outDir(), options());
        expect(same(await snapshotTree(outDir()), tree), label).toBe(true);
      }
      tally[run.signal === null ? "finished" : state]++;
      log.push(`${label}: ${run.signal === null ? "finished before the kill" : state}`);
    }
    // The tallies for the record (the seed decides them); each outcome must have been reached.
    console.log(`kill loop (seed ${seed}): ${JSON.stringify(tally)}\n  ${log.join("\n  ")}`);
    expect(tally.old, JSON.stringify(tally)).toBeGreaterThan(0);
    expect(tally.new + tally.recovered, JSON.stringify(tally)).toBeGreaterThan(count / 4);
    expect(tally.recovered, JSON.stringify(tally)).toBeGreaterThan(2);
    // 37 generator processes and as many snapshots: a ceiling for a loaded machine, not a speed target.
  }, 600_000);
});
