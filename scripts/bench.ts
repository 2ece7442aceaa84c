// `npm run bench`: cold-process timings of the generator, each as a ratio against a baseline process
// that only loads the generator's dependencies, measured in the same run (machines here are noisy,
// so absolute times mean little). Then the HTTP part: each framework adapter against a plain route.
//
//   npm run bench                 # everything
//   npm run bench -- --no-http    # generator only
//   npm run bench -- --runs 9     # more runs per measurement (median is reported)
//   npm run bench -- --http-seconds 60   # longer interleaved HTTP measurement per framework (default 30)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeSyntheticDefinitions } from "./make-synthetic-definitions.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const usage = "usage: npm run bench -- [--no-http] [--runs N] [--http-seconds S]";
let values;
try {
  ({ values } = parseArgs({
    options: { runs: { type: "string", default: "7" }, "no-http": { type: "boolean", default: false }, "http-seconds": { type: "string", default: "30" }, help: { type: "boolean", short: "h", default: false } },
  }));
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`bench: --runs wants a whole number ≥ 1, got ${values.runs}\n${usage}\n`);
  process.exit(2);
}

// Build dist/ when stale, exactly as `npm run generate` would.
execFileSync(process.execPath, [join(root, "scripts/run-cli.mjs"), "--help"], { stdio: "ignore" });
const cli = join(root, "dist/generator/cli.js");

interface Command {
  readonly label: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

function timeOnce(cmd: Command): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, cmd.args, { cwd: cmd.cwd, stdio: "ignore" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !cmd.label.includes("check")) throw new Error(`${cmd.label} exited ${result.status}`);
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs every command `runs` times, interleaved (round-robin) so drift in machine load hits all alike. */
function measure(commands: readonly Command[]): Map<string, number> {
  const samples = new Map(commands.map((c) => [c.label, [] as number[]]));
  for (const c of commands) timeOnce(c); // warm the OS file cache and the transform cache
  for (let r = 0; r < runs; r++) for (const c of commands) samples.get(c.label)!.push(timeOnce(c));
  return new Map([...samples].map(([k, v]) => [k, median(v)]));
}

const work = await mkdtemp(join(tmpdir(), "scim-codegen-bench-"));
try {
  const synthetic = join(work, "synthetic");
  await writeSyntheticDefinitions(join(synthetic, "definitions"));
  const cache = ["--definitions", "definitions"];
  const commands: Command[] = [
    { label: "baseline (load dependencies)", args: [join(root, "scripts/bench-baseline.mjs")], cwd: root },
    { label: "generate, default", args: [cli, "generate", ...cache, "--out", join(work, "out-default")], cwd: root },
    { label: "check, default", args: [cli, "generate", ...cache, "--out", join(work, "out-default"), "--check"], cwd: root },
    { label: "generate, 50x", args: [cli, "generate", ...cache, "--out", join(work, "out-50x")], cwd: synthetic },
    { label: "check, 50x", args: [cli, "generate", ...cache, "--out", join(work, "out-50x"), "--check"], cwd: synthetic },
    { label: "generate, default, no cache", args: [cli, "generate", ...cache, "--out", join(work, "out-nocache"), "--no-cache"], cwd: root },
  ];
  const times = measure(commands);
  const baseline = times.get("baseline (load dependencies)")!;
  const generateDefault = times.get("generate, default")!;
  const rows: [string, number, string, string][] = [];
  for (const [label, ms] of times) {
    let ratio = `${(ms / baseline).toFixed(2)}x baseline`;
    let target = "";
    if (label === "generate, default" || label === "check, default") target = ms / baseline <= 1.5 ? "≤ 1.5x: met" : "≤ 1.5x: MISSED";
    if (label.endsWith("50x")) {
      ratio += `, ${(ms / generateDefault).toFixed(2)}x default`;
      target = ms / generateDefault <= 3 ? "≤ 3x default: met" : "≤ 3x default: MISSED";
    }
    rows.push([label, ms, ratio, target]);
  }
  console.log(`\nGenerator, cold processes (median of ${runs}, interleaved; transform cache warm unless "no cache"):`);
  console.log("| command | median ms | ratio | target |\n| --- | ---: | --- | --- |");
  for (const [label, ms, ratio, target] of rows) console.log(`| ${label} | ${ms.toFixed(0)} | ${ratio} | ${target} |`);
  await measureWatch(work);
} finally {
  await rm(work, { recursive: true, force: true });
}

/**
 * `generate --watch` on the default definitions: the time from saving a change to the run's summary
 * line (the output written), with the watch's debounce included, against a cold `generate` process of
 * the same kind of change in a second copy (each round changes a description, so every run writes).
 * Rounds alternate between the two, so drift in machine load hits both alike.
 */
async function measureWatch(work: string): Promise<void> {
  const warmDir = join(work, "watch-warm");
  const coldDir = join(work, "watch-cold");
  for (const dir of [warmDir, coldDir]) await cp(join(root, "definitions"), join(dir, "definitions"), { recursive: true });
  const file = (dir: string): string => join(dir, "definitions/schemas/group.yaml");
  const original = await readFile(file(warmDir), "utf8");
  const change = (dir: string, round: number): Promise<void> => writeFile(file(dir), original.replace(/^description: .*$/m, `description: Group, bench round ${round}`));
  const cold = (): number => timeOnce({ label: "watch-cold", args: [cli, "generate", "--definitions", "definitions", "--out", "generated"], cwd: coldDir });
  cold(); // the first write of the folder and a warm transform cache, as the watch has after its first run

  const watcher = spawn(process.execPath, [cli, "generate", "--watch", "--definitions", "definitions", "--out", "generated"], { cwd: warmDir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  watcher.stdout.on("data", (d: Buffer) => void (stdout += d.toString()));
  watcher.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
  const summaries = (): number => stdout.split("\n").filter((l) => / written, \d+ unchanged, /.test(l)).length;
  // Checked on every chunk of output (no polling loop competing with the watch for the CPU).
  const waitFor = (done: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const fail = (): void => reject(new Error(`generate --watch did not answer:\n${stdout}\n${stderr}`));
      const timer = setTimeout(fail, 60_000);
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        watcher.stdout.off("data", check);
        watcher.off("exit", fail);
        resolve();
      };
      watcher.stdout.on("data", check);
      watcher.once("exit", fail);
      check();
    });
  const warm: number[] = [];
  const coldTimes: number[] = [];
  try {
    await waitFor(() => /watching/.test(stdout));
    for (let round = 0; round <= runs; round++) {
      const seen = summaries();
      const start = process.hrtime.bigint();
      await change(warmDir, round);
      await waitFor(() => summaries() > seen);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      await change(coldDir, round);
      const coldMs = cold();
      if (round > 0) { // round 0 warms the watch's JIT on this kind of change
        warm.push(ms);
        coldTimes.push(coldMs);
      }
    }
  } finally {
    watcher.kill("SIGTERM");
  }
  const warmMedian = median(warm);
  const coldMedian = median(coldTimes);
  console.log(`\ngenerate --watch, default definitions (median of ${runs} changes, alternating with a cold process):`);
  console.log("| measurement | median ms | ratio | target |\n| --- | ---: | --- | --- |");
  console.log(`| cold \`generate\` of a one-line change (process start to exit) | ${coldMedian.toFixed(0)} | 1.00x | |`);
  console.log(`| \`generate --watch\`: save to output written (warm, debounce included) | ${warmMedian.toFixed(0)} | ${(warmMedian / coldMedian).toFixed(2)}x cold | < 1000 ms: ${warmMedian < 1000 ? "met" : "MISSED"} |`);
}

if (!values["no-http"]) {
  const { measureHttp } = await import("./bench-http.js");
  await measureHttp({ seconds: Number(values["http-seconds"]) });
}
