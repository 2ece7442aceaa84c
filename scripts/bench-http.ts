// HTTP bench of the generated adapters: for each framework, requests per second through the adapter
// (GET /scim/v2/ServiceProviderConfig) against the same framework serving the same bytes, pre-serialised,
// from a plain route (GET /plain, Content-Type only), in the same server process, measured side by side
// with autocannon on loopback. Bounded: a warm-up, then `rounds` rounds of `seconds` per target, the order
// alternating each round; reported ratios are medians of per-round ratios (absolute req/s on a shared
// 2-core VM drift; ratios measured seconds apart much less). The server's CPU time per request (/proc)
// is reported beside req/s: other processes on the machine move it far less. Requests are pipelined (10
// per connection by default) so that the server, not autocannon, is the bottleneck; when `taskset` exists
// the server runs on CPU 0 and autocannon on CPU 1.
//
// --same-headers adds a third target, GET /plain-same-headers/ServiceProviderConfig: the same bytes with
// every header the adapter sends (ETag, and any `responseHeaders` it is given), from a plain handler
// mounted the way the adapter is (Express Router, Fastify prefix plugin, Hono sub-app, Koa prefix check,
// Next.js catch-all). It separates what the adapter and runtime cost from what those headers and the
// framework's mount routing cost.
//
//   npx tsx scripts/bench-http.ts [--seconds 3] [--rounds 3] [--connections 50] [--pipelining 10]
//                                 [--same-headers] [--framework express ...]
//
// Next.js is measured through `next build` + `next start` of the fixture app (a real Next server, its
// catch-all route handler vs plain route handlers), built first when stale.

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
  /** Warm-up seconds per target before the rounds (default 1; Next.js at least 5). */
  readonly warmupSeconds?: number;
  /** Concurrent connections (default 50). */
  readonly connections?: number;
  /** Requests in flight per connection (default 10). */
  readonly pipelining?: number;
  /** Also measure the plain route with every header the adapter sends (default false). */
  readonly sameHeaders?: boolean;
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
  /** Present with `sameHeaders`. */
  readonly plainSameHeaders?: readonly Measurement[];
  /** Median over rounds of adapter req/s ÷ plain req/s in the same round. */
  readonly ratio: number;
  readonly ratios: readonly number[];
  /** Median over rounds of plain CPU/request ÷ adapter CPU/request (the req/s ratio on an idle core). */
  readonly cpuRatio: number | undefined;
  /** With `sameHeaders`: median over rounds of adapter req/s ÷ same-headers plain req/s. */
  readonly sameHeadersRatio?: number;
}

/** The bench's target ratio: the adapter at least this fraction of the plain route on every framework. */
export const targetRatio = 0.95;

const basePath = "/scim/v2";
const adapterPath = `${basePath}/ServiceProviderConfig`;
const plainPath = "/plain";
// The second baseline is mounted like the adapter (a router, plugin, sub-app, prefix check, or Next.js
// catch-all answering everything below it), so it pays the same routing: requested one level down.
const sameHeadersMount = "/plain-same-headers";
const sameHeadersPath = `${sameHeadersMount}/ServiceProviderConfig`;
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

/** The adapter's exact answer at {@link adapterPath} (bytes and headers), from the runtime itself. */
function serviceProviderConfigResponse(): { readonly body: Buffer; readonly headers: Readonly<Record<string, string>> } {
  const handle = createDiscoveryHandler(discoveryDocuments, { baseUrl: (request) => publicBase + request.basePath });
  const response = handle({ method: "GET", basePath, path: "/ServiceProviderConfig", query: "", headers: {} });
  if (response instanceof Promise || response.body === null) throw new Error("unexpected runtime answer");
  return { body: Buffer.from(response.body), headers: response.headers };
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

interface Load {
  readonly seconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

async function measure(url: string, load: Load, serverPid: number): Promise<Measurement> {
  const before = cpuMicros(serverPid);
  const result = await autocannon({ url, connections: load.connections, duration: load.seconds, pipelining: load.pipelining });
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

/** Checks that every target answers 200 with byte-identical bodies and the same media type, before any load. */
async function verifyTargets(origin: string, paths: readonly string[], expected: Buffer): Promise<void> {
  for (const path of paths) {
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
  const rounds = options.rounds ?? 3;
  const load: Load = { seconds: options.seconds ?? 3, connections: options.connections ?? 50, pipelining: options.pipelining ?? 10 };
  const warmup: Load = { ...load, seconds: options.warmupSeconds ?? 1 };
  const frameworks = options.frameworks ?? adapterFrameworks;
  const sameHeaders = options.sameHeaders ?? false;
  const log = options.log ?? ((line: string) => console.log(line));
  const pinned = hasTaskset();
  if (pinned) pin(process.pid, 1);
  const expected = serviceProviderConfigResponse().body;
  const loadAverage = (): string => loadavg().map((l) => l.toFixed(1)).join(" ");
  log(
    `\nHTTP: GET ${adapterPath} through each adapter vs the same ${expected.byteLength}-byte body from a plain route` +
      `${sameHeaders ? " (and from a plain route with the adapter's headers)" : ""}, ${rounds} rounds x ${load.seconds} s per target ` +
      `(alternating order) after ${warmup.seconds} s warm-up, ${load.connections} connections x ${load.pipelining} pipelined, ` +
      `autocannon on loopback${pinned ? ", server on CPU 0 and client on CPU 1" : ""}; load average ${loadAverage()}.`,
  );

  const results: FrameworkBench[] = [];
  for (const framework of frameworks) {
    const server = await startBenchServer(framework);
    try {
      if (pinned) pin(server.pid, 0);
      const paths = [adapterPath, plainPath, ...(sameHeaders ? [sameHeadersPath] : [])];
      await verifyTargets(server.origin, paths, expected);
      // Next.js serves ~1k req/s here and loads and optimises each route's chunks lazily: a second of warm-up
      // is a few hundred requests, and the first rounds then measure the JIT. It gets 5 s.
      const warm = framework === "next" ? { ...warmup, seconds: Math.max(warmup.seconds, 5) } : warmup;
      for (const path of paths) await measure(server.origin + path, warm, server.pid);
      const measured = new Map<string, Measurement[]>(paths.map((path) => [path, []]));
      for (let round = 0; round < rounds; round++) {
        // Alternate the order, so that neither target always runs first (or right after the other).
        for (const path of round % 2 === 0 ? paths : [...paths].reverse()) {
          measured.get(path)?.push(await measure(server.origin + path, load, server.pid));
        }
      }
      const adapter = measured.get(adapterPath) ?? [];
      const plain = measured.get(plainPath) ?? [];
      const same = measured.get(sameHeadersPath);
      const ratios = perRound(adapter, plain, (m) => m.requestsPerSecond);
      const cpuRatios = perRound(plain, adapter, (m) => m.cpuMicrosPerRequest);
      const result: FrameworkBench = {
        framework,
        adapter,
        plain,
        ratios,
        ratio: median(ratios),
        cpuRatio: cpuRatios.length === rounds ? median(cpuRatios) : undefined,
        ...(same === undefined ? {} : { plainSameHeaders: same, sameHeadersRatio: median(perRound(adapter, same, (m) => m.requestsPerSecond)) }),
      };
      results.push(result);
      log(`  ${framework}: req/s ratios ${ratios.map((r) => r.toFixed(2)).join(", ")}; CPU ratios ${cpuRatios.map((r) => r.toFixed(2)).join(", ")}`);
    } finally {
      await server.close();
    }
  }
  log(`\nLoad average at the end: ${loadAverage()} (other processes on the machine skew the ratios; see the ranges).`);
  printTable(results, log);
  return results;
}

/** Per-round `a ÷ b` of a metric, skipping rounds where it is unknown. */
function perRound(a: readonly Measurement[], b: readonly Measurement[], metric: (m: Measurement) => number | undefined): number[] {
  return a.flatMap((m, i) => {
    const x = metric(m);
    const y = b[i] === undefined ? undefined : metric(b[i]);
    return x === undefined || y === undefined || y === 0 ? [] : [x / y];
  });
}

function printTable(results: readonly FrameworkBench[], log: (line: string) => void): void {
  const same = results.some((r) => r.sameHeadersRatio !== undefined);
  log(
    `\n| framework | adapter req/s | plain route req/s | req/s ratio | range | server CPU µs/req adapter / plain | CPU ratio |${same ? " ratio vs mounted plain route with the same headers |" : ""} p99 ms adapter / plain | ≥ ${targetRatio} |`,
  );
  log(`| --- | ---: | ---: | ---: | --- | ---: | ---: |${same ? " ---: |" : ""} ---: | --- |`);
  for (const r of results) {
    const rps = (ms: readonly Measurement[]): string => median(ms.map((m) => m.requestsPerSecond)).toFixed(0);
    const cpu = (ms: readonly Measurement[]): string => {
      const values = ms.flatMap((m) => (m.cpuMicrosPerRequest === undefined ? [] : [m.cpuMicrosPerRequest]));
      return values.length === 0 ? "n/a" : median(values).toFixed(1);
    };
    const range = `${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)}`;
    const cpuRatio = r.cpuRatio === undefined ? "n/a" : r.cpuRatio.toFixed(2);
    const sameColumn = same ? ` ${r.sameHeadersRatio === undefined ? "n/a" : r.sameHeadersRatio.toFixed(2)} |` : "";
    const p99 = `${median(r.adapter.map((m) => m.p99Ms))} / ${median(r.plain.map((m) => m.p99Ms))}`;
    const met = r.ratio >= targetRatio ? "yes" : r.cpuRatio !== undefined && r.cpuRatio >= targetRatio ? "by CPU; not by req/s" : "NO";
    log(`| ${r.framework} | ${rps(r.adapter)} | ${rps(r.plain)} | ${r.ratio.toFixed(2)} | ${range} | ${cpu(r.adapter)} / ${cpu(r.plain)} | ${cpuRatio} |${sameColumn} ${p99} | ${met} |`);
  }
}

// `--serve <framework>`: the server side of one measurement, in its own process.
async function serve(framework: AdapterFramework): Promise<void> {
  const { body, headers } = serviceProviderConfigResponse();
  const server = await startAdapterServer({
    framework,
    port: 0,
    basePath,
    baseUrl: publicBase,
    plainRoutes: [
      { path: plainPath, body, headers: { "content-type": contentType } },
      { path: sameHeadersMount, body, headers, mounted: true },
    ],
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
      pipelining: { type: "string", default: "10" },
      "same-headers": { type: "boolean", default: false },
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
    pipelining: Number(values.pipelining),
    sameHeaders: values["same-headers"],
    frameworks: frameworks.filter(isFramework),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
