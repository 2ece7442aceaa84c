// `npm run bench`: cold-process timings of the generator, each as a ratio against the floor, a process that
// only loads the generator's dependencies, measured in the same round (machines here are noisy, so
// absolute times mean little): an unchanged warm run, a cold run (--no-cache, what a fresh CI clone
// pays), the 50x synthetic set against the default one (and its peak RSS), and `diff` when built. Then
// the watch, and the HTTP part: each framework adapter against a plain route.
//
//   npm run bench                 # everything
//   npm run bench -- --no-http    # generator only
//   npm run bench -- --runs 15    # more interleaved rounds (default 10; median and min–max are reported)
//   npm run bench -- --http-seconds 60   # longer interleaved HTTP measurement per framework (default 30)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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
    options: { runs: { type: "string", default: "10" }, "no-http": { type: "boolean", default: false }, "http-seconds": { type: "string", default: "30" }, help: { type: "boolean", short: "h", default: false } },
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
const floorLabel = "floor: a process that only loads the dependencies";

interface Command {
  readonly label: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Exit codes that count as a run (default: 0). */
  readonly exitCodes?: readonly number[];
}

function timeOnce(cmd: Command): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, cmd.args, { cwd: cmd.cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!(cmd.exitCodes ?? [0]).includes(result.status ?? -1)) throw new Error(`${cmd.label} exited ${result.status}:\n${result.stderr}`);
  return ms;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Runs every command `runs` times, interleaved (round-robin, the order rotated each round) so that drift in
 * machine load hits all alike; returns each command's times, round by round.
 */
function measure(commands: readonly Command[]): Map<string, number[]> {
  const samples = new Map(commands.map((c) => [c.label, [] as number[]]));
  for (const c of commands) timeOnce(c); // warm the OS file cache, the transform cache and the stored compile
  for (let r = 0; r < runs; r++) {
    const order = commands.map((_, i) => commands[(i + r) % commands.length]!);
    for (const c of order) samples.get(c.label)!.push(timeOnce(c));
  }
  return samples;
}

/** Round-by-round ratios of `of` to `to` (same round, so the same machine load): median, min and max. */
function ratio(of: readonly number[], to: readonly number[]): { readonly median: number; readonly min: number; readonly max: number } {
  const ratios = of.map((ms, i) => ms / to[i]!);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** Peak RSS of one run of the CLI, in MB (a run of its own, outside the timed ones). */
function peakRssMb(args: readonly string[], cwd: string, work: string): number {
  const file = join(work, "peak-rss");
  execFileSync(process.execPath, [join(root, "scripts/bench-peak-rss.mjs"), file, cli, ...args], { cwd, stdio: "ignore" });
  return Number(readFileSync(file, "utf8")) / 1024;
}

const work = await mkdtemp(join(tmpdir(), "scim-codegen-bench-"));
try {
  const synthetic = join(work, "synthetic");
  await writeSyntheticDefinitions(join(synthetic, "definitions"));
  const defs = ["--definitions", "definitions"];
  const outDefault = ["--out", join(work, "out-default")];
  const out50x = ["--out", join(work, "out-50x")];
  // `diff` is another command of the same release; measured when the build has it.
  const hasDiff = existsSync(join(root, "dist/generator/cli/diff.js"));
  const commands: Command[] = [
    { label: floorLabel, args: [join(root, "scripts/bench-baseline.mjs")], cwd: root },
    { label: "generate --check, nothing changed (warm)", args: [cli, "generate", ...defs, ...outDefault, "--check"], cwd: root },
    { label: "generate, nothing changed (warm)", args: [cli, "generate", ...defs, ...outDefault], cwd: root },
    { label: "generate --no-cache (cold)", args: [cli, "generate", ...defs, "--out", join(work, "out-cold"), "--no-cache"], cwd: root },
    { label: "generate --check --no-cache (cold)", args: [cli, "generate", ...defs, ...outDefault, "--check", "--no-cache"], cwd: root },
    { label: "50x: generate --no-cache (cold)", args: [cli, "generate", ...defs, ...out50x, "--no-cache"], cwd: synthetic },
    ...(hasDiff ? [{ label: "diff --against HEAD", args: [cli, "diff", "--against", "HEAD"], cwd: root, exitCodes: [0, 1] }] : []),
  ];
  // The trees the checks compare against, written first.
  timeOnce({ label: "setup: generate, default", args: [cli, "generate", ...defs, ...outDefault], cwd: root });
  timeOnce({ label: "setup: generate, 50x", args: [cli, "generate", ...defs, ...out50x], cwd: synthetic });
  const times = measure(commands);
  const floor = times.get(floorLabel)!;
  const t = (label: string): number[] => times.get(label)!;
  const spread = (r: { median: number; min: number; max: number }, unit: string): string =>
    `${r.median.toFixed(2)}x ${unit} (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
  const verdict = (value: number, limit: number): string => (value <= limit ? "met" : "MISSED");
  const rows: string[] = [];
  const row = (label: string, vsFloor: string, target: string): void => {
    rows.push(`| ${label} | ${median(t(label)).toFixed(0)} | ${vsFloor} | ${target} |`);
  };
  row(floorLabel, "1.00x", "");
  for (const label of ["generate --check, nothing changed (warm)", "generate, nothing changed (warm)"]) {
    const r = ratio(t(label), floor);
    row(label, spread(r, "floor"), `≤ 0.6x floor: ${verdict(r.median, 0.6)}`);
  }
  for (const label of ["generate --no-cache (cold)", "generate --check --no-cache (cold)"]) {
    const r = ratio(t(label), floor);
    row(label, spread(r, "floor"), `≤ 2x floor: ${verdict(r.median, 2)}`);
  }
  const rss = { default: peakRssMb(["generate", ...defs, "--out", join(work, "out-rss"), "--no-cache"], root, work), x50: peakRssMb(["generate", ...defs, "--out", join(work, "out-rss"), "--no-cache"], synthetic, work) };
  for (const [label, versus] of [["50x: generate --no-cache (cold)", "generate --no-cache (cold)"]] as const) {
    const r = ratio(t(label), t(versus));
    row(label, `${spread(ratio(t(label), floor), "floor")}; ${spread(r, "default")}`, `≤ 2x default: ${verdict(r.median, 2)}`);
  }
  if (hasDiff) {
    const r = ratio(t("diff --against HEAD"), floor);
    row("diff --against HEAD", spread(r, "floor"), `≤ 1x floor: ${verdict(r.median, 1)}`);
  }
  console.log(`\nGenerator, cold processes (${runs} interleaved rounds; ratio to the floor of the same round: median (min–max)):`);
  console.log("| command | median ms | ratio | target |\n| --- | ---: | --- | --- |");
  for (const line of rows) console.log(line);
  if (!hasDiff) console.log("(no `diff` row: this build has no `scim-codegen diff`)");
  console.log(`\nPeak RSS of a cold generate: default ${rss.default.toFixed(0)} MB, 50x ${rss.x50.toFixed(0)} MB (target ≤ 300 MB: ${verdict(rss.x50, 300)})`);
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
    // Done when a summary line has come AND the output holds this round's text: a change can wake the
    // watch twice (a write is a truncate and a write), and a late second summary of the last round,
    // read while the cold process ran, must not end this round (it made a 23 ms "save to written").
    const written = (round: number): boolean => readFileSync(join(warmDir, "generated/json/Schemas.json"), "utf8").includes(`bench round ${round}"`);
    for (let round = 0; round <= runs; round++) {
      const seen = summaries();
      const start = process.hrtime.bigint();
      await change(warmDir, round);
      await waitFor(() => summaries() > seen && written(round));
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
