// HTTP bench of the generated adapters: for each framework, requests per second through the adapter
// (GET /scim/v2/ServiceProviderConfig) against the same framework serving the same bytes, pre-serialised,
// from a plain route (GET /plain), in the same server process, measured side by side with autocannon on
// loopback. Bounded: a warm-up, then `rounds` rounds of `seconds` per target, the order alternating each
// round; the ratio reported is the median of the per-round ratios (absolute req/s on a shared 2-core VM
// drift, ratios measured seconds apart much less). When `taskset` exists, the server runs on CPU 0 and
// the load generator on CPU 1.
//
//   npx tsx scripts/bench-http.ts [--seconds 3] [--rounds 3] [--connections 50] [--framework express ...]
//
// Next.js is measured through `next build` + `next start` of the fixture app (a real Next server, its
// route handler vs a plain route handler), built first when stale.

import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { discoveryDocuments } from "@scim-discovery/core";
import { createDiscoveryHandler } from "@scim-discovery/core/runtime";
import { adapterFrameworks, startAdapterServer, type AdapterFramework, type AdapterServer } from "./serve.js";

/** Options of {@link runHttpBench}; every field has a default. */
export interface HttpBenchOptions {
  /** Seconds per measurement (default 3). */
  readonly seconds?: number;
  /** Rounds per framework, each measuring both targets (default 3). */
  readonly rounds?: number;
  /** Warm-up seconds per target before the rounds (default 1). */
  readonly warmupSeconds?: number;
  /** Concurrent connections (default 50). */
  readonly connections?: number;
  /** Frameworks to measure (default all six). */
  readonly frameworks?: readonly AdapterFramework[];
  /** Where the table and progress go (default console.log). */
  readonly log?: (line: string) => void;
}

/** One target's measurement in one round. */
export interface Measurement {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /**
   * Server CPU time per request in µs (from /proc, Linux only): unlike req/s, barely moved by other
   * processes taking CPU time from the server, so it shows the adapter's own cost on a busy machine.
   */
  readonly cpuMicrosPerRequest: number | undefined;
}

/** The result for one framework. */
export interface FrameworkBench {
  readonly framework: AdapterFramework;
  readonly adapter: readonly Measurement[];
  readonly plain: readonly Measurement[];
  /** Median over rounds of adapter req/s ÷ plain req/s in the same round. */
  readonly ratio: number;
  readonly ratios: readonly number[];
  /** Median over rounds of plain CPU/request ÷ adapter CPU/request (the req/s ratio on an idle core). */
  readonly cpuRatio: number | undefined;
}

/** The bench's target ratio: the adapter at least this fraction of the plain route on every framework. */
export const targetRatio = 0.95;

const basePath = "/scim/v2";
const adapterPath = `${basePath}/ServiceProviderConfig`;
const plainPath = "/plain";
// A fixed public base, so that the plain route's bytes can be computed before the port is known.
const publicBase = "http://127.0.0.1";
const contentType = "application/scim+json";

interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** The exact bytes the adapter serves at {@link adapterPath}, from the runtime itself. */
function serviceProviderConfigBytes(): Buffer {
  const handle = createDiscoveryHandler(discoveryDocuments, { baseUrl: (request) => publicBase + request.basePath });
  const response = handle({ method: "GET", basePath, path: "/ServiceProviderConfig", query: "", headers: {} });
  if (response instanceof Promise || response.body === null) throw new Error("unexpected runtime answer");
  return Buffer.from(response.body);
}

function hasTaskset(): boolean {
  return cpus().length >= 2 && spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;
}

function pin(pid: number, cpu: number): void {
  execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
}

/** A server for one framework, in a process of its own, so the load generator does not share its CPU. */
async function startBenchServer(framework: AdapterFramework): Promise<{ origin: string; pid: number; close(): Promise<void> }> {
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

/** User + system CPU time of a process so far, in µs, or undefined where /proc is not available. */
function cpuMicros(pid: number): number | undefined {
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

async function measure(url: string, seconds: number, connections: number, serverPid: number): Promise<Measurement> {
  const before = cpuMicros(serverPid);
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  const after = cpuMicros(serverPid);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  const cpu = before === undefined || after === undefined || result.requests.total === 0 ? undefined : (after - before) / result.requests.total;
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, cpuMicrosPerRequest: cpu };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Checks that both targets answer 200 with byte-identical bodies and the same media type, before any load. */
async function verifyTargets(origin: string, expected: Buffer): Promise<void> {
  for (const path of [adapterPath, plainPath]) {
    const response = await fetch(origin + path);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 || response.headers.get("content-type") !== contentType || !body.equals(expected)) {
      throw new Error(`${origin}${path} does not serve the expected ${expected.byteLength} bytes as ${contentType}`);
    }
  }
}

/** Runs the HTTP bench and prints a Markdown table (scripts/bench.ts calls this). */
export async function runHttpBench(options: HttpBenchOptions = {}): Promise<void> {
  await measureHttp(options);
}

/** Runs the HTTP bench, prints a Markdown table, and resolves with the measurements. */
export async function measureHttp(options: HttpBenchOptions = {}): Promise<FrameworkBench[]> {
  const seconds = options.seconds ?? 3;
  const rounds = options.rounds ?? 3;
  const warmup = options.warmupSeconds ?? 1;
  const connections = options.connections ?? 50;
  const frameworks = options.frameworks ?? adapterFrameworks;
  const log = options.log ?? ((line: string) => console.log(line));
  const pinned = hasTaskset();
  if (pinned) pin(process.pid, 1);
  const expected = serviceProviderConfigBytes();
  const load = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
  log(
    `\nHTTP: GET ${adapterPath} through each adapter vs the same ${expected.byteLength}-byte body from a plain route, ` +
      `${rounds} rounds x ${seconds} s per target (alternating order) after ${warmup} s warm-up, ${connections} connections, ` +
      `autocannon on loopback${pinned ? ", server on CPU 0 and client on CPU 1" : ""}; load average ${load()}.`,
  );

  const results: FrameworkBench[] = [];
  for (const framework of frameworks) {
    const server = await startBenchServer(framework);
    try {
      if (pinned) pin(server.pid, 0);
      await verifyTargets(server.origin, expected);
      const adapterUrl = server.origin + adapterPath;
      const plainUrl = server.origin + plainPath;
      await measure(adapterUrl, warmup, connections, server.pid);
      await measure(plainUrl, warmup, connections, server.pid);
      const adapter: Measurement[] = [];
      const plain: Measurement[] = [];
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          adapter.push(await measure(adapterUrl, seconds, connections, server.pid));
          plain.push(await measure(plainUrl, seconds, connections, server.pid));
        } else {
          plain.push(await measure(plainUrl, seconds, connections, server.pid));
          adapter.push(await measure(adapterUrl, seconds, connections, server.pid));
        }
      }
      const ratios = adapter.map((a, i) => a.requestsPerSecond / (plain[i] as Measurement).requestsPerSecond);
      const cpuRatios = adapter.flatMap((a, i) => {
        const p = (plain[i] as Measurement).cpuMicrosPerRequest;
        return a.cpuMicrosPerRequest === undefined || p === undefined ? [] : [p / a.cpuMicrosPerRequest];
      });
      const cpuRatio = cpuRatios.length === rounds ? median(cpuRatios) : undefined;
      results.push({ framework, adapter, plain, ratios, ratio: median(ratios), cpuRatio });
      log(`  ${framework}: req/s ratios ${ratios.map((r) => r.toFixed(2)).join(", ")}; CPU ratios ${cpuRatios.map((r) => r.toFixed(2)).join(", ")}`);
    } finally {
      await server.close();
    }
  }

  log(`\nLoad average at the end: ${load()} (other processes on the machine skew the ratios; see the ranges).`);
  log("\n| framework | adapter req/s | plain route req/s | req/s ratio (median) | range | server CPU µs/req adapter / plain | CPU ratio | p99 ms adapter / plain | ≥ 0.95 |");
  log("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |");
  for (const r of results) {
    const adapterRps = median(r.adapter.map((m) => m.requestsPerSecond));
    const plainRps = median(r.plain.map((m) => m.requestsPerSecond));
    const range = `${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)}`;
    const cpuOf = (ms: readonly Measurement[]): string => {
      const values = ms.flatMap((m) => (m.cpuMicrosPerRequest === undefined ? [] : [m.cpuMicrosPerRequest]));
      return values.length === 0 ? "n/a" : median(values).toFixed(1);
    };
    const cpuRatio = r.cpuRatio === undefined ? "n/a" : r.cpuRatio.toFixed(2);
    const p99 = `${median(r.adapter.map((m) => m.p99Ms))} / ${median(r.plain.map((m) => m.p99Ms))}`;
    const met = r.ratio >= targetRatio ? "yes" : r.cpuRatio !== undefined && r.cpuRatio >= targetRatio ? "CPU yes, req/s no" : "NO";
    log(`| ${r.framework} | ${adapterRps.toFixed(0)} | ${plainRps.toFixed(0)} | ${r.ratio.toFixed(2)} | ${range} | ${cpuOf(r.adapter)} / ${cpuOf(r.plain)} | ${cpuRatio} | ${p99} | ${met} |`);
  }
  return results;
}

// `--serve <framework>`: the server side of one measurement, in its own process.
async function serve(framework: AdapterFramework): Promise<void> {
  const server = await startAdapterServer({
    framework,
    port: 0,
    basePath,
    baseUrl: publicBase,
    plainRoute: { path: plainPath, body: serviceProviderConfigBytes(), contentType },
  });
  process.stdout.write(`listening on ${server.origin}\n`);
  process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      serve: { type: "string" },
      seconds: { type: "string", default: "3" },
      rounds: { type: "string", default: "3" },
      warmup: { type: "string", default: "1" },
      connections: { type: "string", default: "50" },
      framework: { type: "string", multiple: true },
    },
  });
  const isFramework = (name: string): name is AdapterFramework => (adapterFrameworks as readonly string[]).includes(name);
  if (values.serve !== undefined) {
    if (!isFramework(values.serve)) throw new Error(`unknown framework ${values.serve}`);
    return serve(values.serve);
  }
  const frameworks = values.framework ?? [...adapterFrameworks];
  const unknown = frameworks.filter((name) => !isFramework(name));
  if (unknown.length > 0) throw new Error(`unknown framework ${unknown.join(", ")}; want ${adapterFrameworks.join(", ")}`);
  await runHttpBench({
    seconds: Number(values.seconds),
    rounds: Number(values.rounds),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    frameworks: frameworks.filter(isFramework),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
