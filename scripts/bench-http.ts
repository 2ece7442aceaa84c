// HTTP bench of the generated adapters (the six Node ones, then Django under gunicorn and FastAPI under
// uvicorn, whose plain routes are routes of the same Django or Starlette app in the same server): for each framework, requests per second through the adapter
// (GET /scim/v2/ServiceProviderConfig) against the same framework serving the same bytes, pre-serialised,
// from a plain route (GET /plain: Content-Type and Content-Length, as the framework sends a body it
// already has), in one server process, pinned to CPU 0 with the load generator on CPU 1 where `taskset`
// exists.
//
// The targets are measured interleaved in time (scripts/interleaved-load.ts): all connections ask for one
// target for a slot of ~100 ms, then the next target, round after round for `seconds`, the order rotated
// from round to round so that every target holds every position equally often. That is what makes a few
// per cent visible on a shared VM whose speed moves by a factor of 2 within seconds, where targets measured
// one after the other for a few seconds each differ by ±10–20 % even when they run the same code. The ratio
// is the sum over the run of the adapter's responses over the sum of the plain route's, with a 95 %
// bootstrap interval over rounds.
//
// A control target is on by default: the plain route again, measured exactly like the adapter. Its ratio
// should be 1.00; how far it strays, and its interval, show what the machine's noise allows one to claim.
//
// --same-headers adds two targets that split the adapter's ratio into three factors:
//   - GET /plain-headers: the same bytes with every header the adapter sends (its ETag and Content-Length,
//     and any `responseHeaders`), from a plain route like /plain: what those headers cost;
//   - GET /plain-same-headers/ServiceProviderConfig: the same, from a plain handler mounted the way the
//     adapter is (Express Router, Fastify prefix plugin, Hono sub-app, Koa prefix check, Next.js catch-all):
//     what the headers and the framework's mount routing cost together;
//   - and the adapter against that mounted route, compared directly round by round: what the adapter's glue
//     and the runtime cost beyond what any handler mounted like it, sending the same headers, pays.
//
//   npx tsx scripts/bench-http.ts [--seconds 30] [--connections 50] [--same-headers] [--no-control]
//                                 [--framework express ...]
//
// SCIM_BENCH_TENANT=1 mounts the adapters (not Next.js, whose fixture app has its own mounts) at the tenant
// mount /api/0/organizations/:org/scim/v2 and asks for tenant acme: the runtime's mount matching and params.
//
// Next.js is measured through `next build` + `next start` of the fixture app (a real Next server), built
// first when stale. The fixture serves /scim/v2/ServiceProviderConfig from a static route re-exporting the
// catch-all's handlers (the adapter README's optional layout for the polled list endpoints); its
// mounted plain route stays a catch-all, so that column shows what the catch-all alone costs (and the
// adapter, a static route there, comes out above it). Slots and
// connections are sized from the warm-up's throughput, so Next.js's slower answers get longer slots.

import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { discoveryDocuments } from "@scim-discovery/core";
import { createDiscoveryHandler } from "@scim-discovery/core/runtime";
import { runInterleavedLoad } from "./interleaved-load.js";
import { seededRandom } from "./seeded-random.js";
import { pythonFrameworks, servableFrameworks, startAdapterServer, type AdapterFramework, type AdapterServer } from "./serve.js";

/** Options of {@link measureHttp}; every field has a default. */
export interface HttpBenchOptions {
  /** Seconds of interleaved measurement per framework (default 30). */
  readonly seconds?: number;
  /** Warm-up seconds per framework before the measurement (default 3; Next.js at least 10). */
  readonly warmupSeconds?: number;
  /** Concurrent connections, one request in flight on each (default: from the warm-up's throughput, 8–50). */
  readonly connections?: number;
  /** Also measure the plain route with every header the adapter sends, at the root and mounted like the adapter (default false). */
  readonly sameHeaders?: boolean;
  /** Measure the plain route a second time as if it were a target: an A/A control (default true). */
  readonly control?: boolean;
  /** Frameworks to measure (default all eight: the six Node adapters, then Django and FastAPI). */
  readonly frameworks?: readonly AdapterFramework[];
  /** Where the table and progress go (default console.log). */
  readonly log?: (line: string) => void;
}

/** One target's responses ÷ another's, summed over the run. */
export interface Ratio {
  readonly ratio: number;
  /** 95 % bootstrap interval of `ratio`, resampling rounds. */
  readonly interval: readonly [number, number];
}

/** One target compared with the plain route (`ratio`: its responses ÷ the plain route's). */
export interface TargetComparison extends Ratio {
  readonly path: string;
  /** Responses per second in the target's counted time. */
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
}

/** The result for one framework. */
export interface FrameworkBench {
  readonly framework: AdapterFramework;
  readonly plain: { readonly requestsPerSecond: number; readonly p99Ms: number };
  readonly adapter: TargetComparison;
  /** With `sameHeaders`: the plain route sending every header the adapter sends. */
  readonly headers?: TargetComparison;
  /** With `sameHeaders`: the same, mounted the way the adapter is. */
  readonly sameHeaders?: TargetComparison;
  /** With `sameHeaders`: the adapter's responses ÷ the mounted plain route's, with its interval. */
  readonly glue?: Ratio;
  /** Present with `control`: the plain route against itself. */
  readonly control?: TargetComparison;
  readonly connections: number;
  readonly slotMs: number;
  readonly settleMs: number;
  readonly rounds: number;
  /** Server CPU time over wall time during the measurement (1 = one core busy), Linux only. */
  readonly serverBusy: number | undefined;
}

/** The bench's target ratio: the adapter at least this fraction of the plain route on every framework. */
export const targetRatio = 0.95;

const tenantMount = process.env["SCIM_BENCH_TENANT"] === "1";
const basePath = tenantMount ? "/api/0/organizations/:org/scim/v2" : "/scim/v2";
/** The mount path the requests use: `basePath` with its parameter filled in. */
const requestBase = basePath.replace(":org", "acme");
const adapterPath = `${requestBase}/ServiceProviderConfig`;
const plainPath = "/plain";
const plainHeadersPath = "/plain-headers";
// The second baseline is mounted like the adapter (a router, plugin, sub-app, prefix check, or Next.js
// catch-all answering everything below it), so it pays the same routing: requested one level down.
const sameHeadersMount = "/plain-same-headers";
const sameHeadersPath = `${sameHeadersMount}/ServiceProviderConfig`;
// A fixed public base, so that the plain route's bytes can be computed before the port is known.
const publicBase = "http://127.0.0.1";
const contentType = "application/scim+json";

/** The adapter's exact answer at {@link adapterPath} (bytes and headers), from the runtime itself. */
function serviceProviderConfigResponse(): { readonly body: Buffer; readonly headers: Readonly<Record<string, string>> } {
  const handle = createDiscoveryHandler(discoveryDocuments, { origin: publicBase });
  const response = handle({ method: "GET", basePath: requestBase, path: "/ServiceProviderConfig", query: "", headers: {} });
  if (response instanceof Promise || response.body === null) throw new Error("unexpected runtime answer");
  return { body: Buffer.from(response.body), headers: response.headers };
}

function hasTaskset(): boolean {
  return cpus().length >= 2 && spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;
}

function pin(pid: number, cpu: number): void {
  // The process and its children (gunicorn's worker), every thread of each.
  for (const each of processTree(pid)) execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(each)], { stdio: "ignore" });
}

/** `pid` and its descendants, from /proc (just `pid` where /proc has no children lists). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // not Linux
  }
  return [pid, ...children.flatMap(processTree)];
}

/** A server for one framework, in a process of its own, so the load generator does not share its CPU. */
async function startBenchServer(framework: AdapterFramework): Promise<{ origin: string; pid: number; close(): Promise<void> }> {
  if ((pythonFrameworks as readonly string[]).includes(framework)) {
    // Already a process group of its own: gunicorn (master and one sync worker) or uvicorn, with the plain
    // routes served by the same framework in the same process.
    const server = await startAdapterServer(benchServerOptions(framework));
    return { origin: server.origin, pid: server.pid, close: () => server.close() };
  }
  if (framework === "next") {
    // next start is already a process of its own (the fixture app serves /plain with the same bytes).
    const server: AdapterServer = await startAdapterServer({ framework, port: 0, baseUrl: publicBase });
    return { origin: server.origin, pid: server.pid, close: () => server.close() };
  }
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", framework], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^listening on (http:\/\/\S+)\n/m.exec(output);
      if (line !== null) resolve(line[1] as string);
    });
    child.once("exit", (code) => reject(new Error(`${framework} bench server exited with ${code}`)));
  });
  return {
    origin,
    pid: child.pid as number,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** User + system CPU time of a process and its children so far, in µs, or undefined where /proc is not available. */
function cpuMicros(pid: number): number | undefined {
  const each = processTree(pid).map(processCpuMicros);
  return each.some((micros) => micros === undefined) ? undefined : each.reduce((a: number, b) => a + (b as number), 0);
}

function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}
const clockTicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Node supports

/**
 * Target `target`'s responses over target `baseline`'s (by default 0, the plain route), summed over all
 * rounds, with a 95 % bootstrap interval resampling rounds (seeded: the same counts always give the same
 * interval).
 */
export function compareRounds(
  rounds: readonly (readonly number[])[],
  target: number,
  baselineTarget = 0,
): Ratio {
  const observed = rounds.map((round) => round[target] as number);
  const baseline = rounds.map((round) => round[baselineTarget] as number);
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const ratio = sum(observed) / sum(baseline);
  const random = seededRandom(0x5c1a);
  const resampled: number[] = [];
  for (let r = 0; r < 2000; r++) {
    let o = 0;
    let e = 0;
    for (let i = 0; i < observed.length; i++) {
      const pick = Math.floor(random() * observed.length);
      o += observed[pick] as number;
      e += baseline[pick] as number;
    }
    resampled.push(o / e);
  }
  resampled.sort((a, b) => a - b);
  return { ratio, interval: [resampled[49] as number, resampled[1949] as number] };
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Checks that every target answers 200 with byte-identical bodies and the same media type, before any load. */
async function verifyTargets(origin: string, paths: readonly string[], expected: Buffer): Promise<void> {
  for (const path of new Set(paths)) {
    const response = await fetch(origin + path);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 || response.headers.get("content-type") !== contentType || !body.equals(expected)) {
      throw new Error(`${origin}${path} does not serve the expected ${expected.byteLength} bytes as ${contentType}`);
    }
  }
}

/** Runs the HTTP bench, prints a Markdown table, and resolves with the measurements (scripts/bench.ts calls this). */
export async function measureHttp(options: HttpBenchOptions = {}): Promise<FrameworkBench[]> {
  const seconds = options.seconds ?? 30;
  const frameworks = options.frameworks ?? servableFrameworks;
  const sameHeaders = options.sameHeaders ?? false;
  const control = options.control ?? true;
  const log = options.log ?? ((line: string) => console.log(line));
  const pinned = hasTaskset();
  if (pinned) pin(process.pid, 1);
  const expected = serviceProviderConfigResponse().body;
  const loadAverage = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
  const paths = [plainPath, adapterPath, ...(sameHeaders ? [plainHeadersPath, sameHeadersPath] : []), ...(control ? [plainPath] : [])];
  log(
    `\nHTTP: GET ${adapterPath} through each adapter vs the same ${expected.byteLength}-byte body from a plain route` +
      `${sameHeaders ? " (and with the adapter's headers from a plain route, and from one mounted like the adapter)" : ""}${control ? ", plus the plain route against itself as a control" : ""}; ` +
      `targets interleaved in slots for ${seconds} s per framework, ${options.connections ?? "8–50"} connections with one request in flight each, ` +
      `on loopback${pinned ? ", server on CPU 0 and load generator on CPU 1" : ""}; load average ${loadAverage()}.`,
  );

  const results: FrameworkBench[] = [];
  for (const framework of frameworks) {
    const server = await startBenchServer(framework);
    try {
      if (pinned) pin(server.pid, 0);
      await verifyTargets(server.origin, paths, expected);
      // Next.js loads and optimises each route's chunks lazily and answers ~1k req/s here: a longer warm-up.
      const warmupSeconds = Math.max(options.warmupSeconds ?? 3, framework === "next" ? 10 : 0);
      const warm = await runInterleavedLoad({ origin: server.origin, paths, connections: options.connections ?? 50, seconds: warmupSeconds, slotMs: 250, settleMs: 50 });
      // Enough connections to keep the server busy, few enough that a response takes ~4 ms (Little's law):
      // a slot's first responses may answer requests for the previous target, so the first 3 mean
      // latencies of every slot are not counted, and a slot is 10 times that (at least 100 ms).
      const warmRate = warm.totalResponses / warmupSeconds;
      const connections = options.connections ?? Math.min(50, Math.max(8, Math.ceil(warmRate * 0.004)));
      const settleMs = Math.max(5, Math.ceil((3 * connections * 1000) / warmRate));
      const slotMs = Math.max(100, 10 * settleMs);
      const cpuBefore = cpuMicros(server.pid);
      const wallBefore = performance.now();
      const run = await runInterleavedLoad({ origin: server.origin, paths, connections, seconds, slotMs, settleMs });
      const cpuAfter = cpuMicros(server.pid);
      const serverBusy =
        cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / 1000 / (performance.now() - wallBefore);
      const rounds = run.rounds.length;
      const perSecond = (position: number): number =>
        run.rounds.reduce((sum, round) => sum + (round[position] as number), 0) / ((rounds * run.countedMsPerSlot) / 1000);
      const latencies = (position: number): readonly number[] => run.latenciesMs[position] ?? [];
      const compare = (position: number): TargetComparison => {
        const { ratio, interval } = compareRounds(run.rounds, position);
        return {
          path: paths[position] as string,
          requestsPerSecond: perSecond(position),
          ratio,
          interval,
          p99Ms: quantile(latencies(position), 0.99),
        };
      };
      const result: FrameworkBench = {
        framework,
        plain: { requestsPerSecond: perSecond(0), p99Ms: quantile(latencies(0), 0.99) },
        adapter: compare(1),
        ...(sameHeaders ? { headers: compare(2), sameHeaders: compare(3), glue: compareRounds(run.rounds, 1, 3) } : {}),
        ...(control ? { control: compare(paths.length - 1) } : {}),
        connections,
        slotMs,
        settleMs,
        rounds,
        serverBusy,
      };
      results.push(result);
      log(
        `  ${framework}: adapter ${formatRatio(result.adapter)}` +
          `${result.headers === undefined ? "" : `, headers ${formatRatio(result.headers)}`}` +
          `${result.sameHeaders === undefined ? "" : `, mounted with headers ${formatRatio(result.sameHeaders)}`}` +
          `${result.glue === undefined ? "" : `, adapter ÷ mounted ${formatRatio(result.glue)}`}` +
          `${result.control === undefined ? "" : `, control ${formatRatio(result.control)}`}` +
          ` (${connections} connections; ${rounds} rounds of ${paths.length} slots of ${slotMs} ms, first ${settleMs} ms of each not counted)`,
      );
    } finally {
      await server.close();
    }
  }
  log(`\nLoad average at the end: ${loadAverage()}.`);
  printTable(results, log);
  return results;
}

function formatRatio(comparison: Ratio): string {
  return `${comparison.ratio.toFixed(3)} [${comparison.interval[0].toFixed(3)}–${comparison.interval[1].toFixed(3)}]`;
}

function printTable(results: readonly FrameworkBench[], log: (line: string) => void): void {
  const same = results.some((r) => r.sameHeaders !== undefined);
  const control = results.some((r) => r.control !== undefined);
  log(
    `\n| framework | plain route req/s | adapter req/s | adapter ÷ plain [95 % interval] |` +
      `${same ? " plain route with the adapter's headers ÷ plain | the same, mounted like the adapter ÷ plain | adapter ÷ that mounted route |" : ""}` +
      `${control ? " control: plain ÷ plain |" : ""} p99 ms adapter / plain | server CPU busy | ≥ ${targetRatio} |`,
  );
  log(`| --- | ---: | ---: | ---: |${same ? " ---: | ---: | ---: |" : ""}${control ? " ---: |" : ""} ---: | ---: | --- |`);
  for (const r of results) {
    const cell = (comparison: Ratio | undefined): string => ` ${comparison === undefined ? "n/a" : formatRatio(comparison)} |`;
    const headerColumns = same ? `${cell(r.headers)}${cell(r.sameHeaders)}${cell(r.glue)}` : "";
    const controlColumn = control ? cell(r.control) : "";
    const busy = r.serverBusy === undefined ? "n/a" : `${(r.serverBusy * 100).toFixed(0)} %`;
    const [low, high] = r.adapter.interval;
    const met = low >= targetRatio ? "yes" : high < targetRatio ? "NO" : r.adapter.ratio >= targetRatio ? "yes (interval reaches below)" : "no (interval reaches above)";
    log(
      `| ${r.framework} | ${r.plain.requestsPerSecond.toFixed(0)} | ${r.adapter.requestsPerSecond.toFixed(0)} | ${formatRatio(r.adapter)} |` +
        `${headerColumns}${controlColumn} ${r.adapter.p99Ms.toFixed(1)} / ${r.plain.p99Ms.toFixed(1)} | ${busy} | ${met} |`,
    );
  }
}

/** The adapter at the bench's mount, beside its plain routes (the same bytes, pre-serialised). */
function benchServerOptions(framework: AdapterFramework): Parameters<typeof startAdapterServer>[0] {
  const { body, headers } = serviceProviderConfigResponse();
  return {
    framework,
    port: 0,
    basePath,
    baseUrl: publicBase,
    plainRoutes: [
      { path: plainPath, body, headers: { "content-type": contentType } },
      { path: plainHeadersPath, body, headers },
      { path: sameHeadersMount, body, headers, mounted: true },
    ],
  };
}

// `--serve <framework>`: the server side of one measurement, in its own process.
async function serve(framework: AdapterFramework): Promise<void> {
  const server = await startAdapterServer(benchServerOptions(framework));
  process.stdout.write(`listening on ${server.origin}\n`);
  process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      serve: { type: "string" },
      seconds: { type: "string", default: "30" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string" },
      "same-headers": { type: "boolean", default: false },
      "no-control": { type: "boolean", default: false },
      framework: { type: "string", multiple: true },
    },
  });
  const isFramework = (name: string): name is AdapterFramework => servableFrameworks.includes(name as AdapterFramework);
  if (values.serve !== undefined) {
    if (!isFramework(values.serve)) throw new Error(`unknown framework ${values.serve}`);
    return serve(values.serve);
  }
  const frameworks = values.framework ?? [...servableFrameworks];
  const unknown = frameworks.filter((name) => !isFramework(name));
  if (unknown.length > 0) throw new Error(`unknown framework ${unknown.join(", ")}; want ${servableFrameworks.join(", ")}`);
  await measureHttp({
    seconds: Number(values.seconds),
    warmupSeconds: Number(values.warmup),
    ...(values.connections === undefined ? {} : { connections: Number(values.connections) }),
    sameHeaders: values["same-headers"],
    control: !values["no-control"],
    frameworks: frameworks.filter(isFramework),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
