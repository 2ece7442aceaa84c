// `npm run serve -- --framework <name> --port <n> [--base-path <p>] [--base-url <url>] [--trust-host] [--token T]`
// Starts one generated adapter on 127.0.0.1 with the default definitions, so a real SCIM client (or
// `scim-codegen check`) can be pointed at it. Prints exactly one line when ready:
//   listening on http://127.0.0.1:<port><base-path>
// The same server factory is used by the adapter tests and the HTTP bench, so what you try is what is tested.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { METHODS, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getHeader, type DiscoveryRequest } from "@scim-discovery/core/runtime";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

/** The generated adapters, in the generator's canonical order. */
export const adapterFrameworks = ["express", "fastify", "hono", "koa", "next", "node"] as const;
/** The adapters of the generated Python package, served by gunicorn (Django) and uvicorn (FastAPI). */
export const pythonFrameworks = ["django", "fastapi"] as const;
/** One generated Node adapter. */
export type NodeAdapterFramework = (typeof adapterFrameworks)[number];
/** One generated adapter. */
export type AdapterFramework = (typeof adapterFrameworks)[number] | (typeof pythonFrameworks)[number];
/** Every adapter `npm run serve` starts: the Node ones, then the Python ones. */
export const servableFrameworks: readonly AdapterFramework[] = [...adapterFrameworks, ...pythonFrameworks];

/** A pre-serialised body served from a plain framework route beside the adapter (the bench's baseline). */
export interface PlainRoute {
  /** Exact path, e.g. `/plain`. */
  readonly path: string;
  readonly body: Buffer;
  /** Response headers, lower-case names; `content-type` at least. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Mounted the way the adapter is (a router, plugin, sub-app or prefix check answering every path below
   * `path`) rather than as one exact route, so that it pays the same routing as the adapter.
   */
  readonly mounted?: boolean;
}

/** How to start one adapter. */
export interface AdapterServerOptions {
  readonly framework: AdapterFramework;
  /** 0 picks a free port. */
  readonly port: number;
  /** Mount path; may hold a parameter segment (`/orgs/:org/scim/v2`). Default `/scim/v2`. */
  readonly basePath?: string;
  /** Public URL of the server root, put before the matched mount path in meta.location. Default `http://127.0.0.1:<port>`. */
  readonly baseUrl?: string;
  /** Build meta.location from Host / X-Forwarded-* instead (opt-in, see the runtime). */
  readonly trustHost?: boolean;
  /** Require `Authorization: Bearer <token>` on every request, the ServiceProviderConfig included. */
  readonly token?: string;
  /** Also serve these bodies from plain routes of the same framework (bench baselines). */
  readonly plainRoutes?: readonly PlainRoute[];
}

/** A started adapter server. */
export interface AdapterServer {
  readonly framework: AdapterFramework;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The process serving the requests (this one, or the Next.js server's). */
  readonly pid: number;
  /** Stops the server (and, for Next.js, its child processes). */
  close(): Promise<void>;
}

const host = "127.0.0.1";
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The Next.js App Router app that mounts the Next adapter (also the tests' fixture). */
export const nextAppDir = join(repoRoot, "test", "adapters", "fixtures", "next-app");

/** Starts the chosen adapter on 127.0.0.1 and resolves once it accepts connections. */
export async function startAdapterServer(options: AdapterServerOptions): Promise<AdapterServer> {
  if (options.framework === "next") return startNextServer(options);
  if (options.framework === "django" || options.framework === "fastapi") return startPythonServer(options);
  // A free port is known only after listening, while the adapter's base URL needs it: listen first, then
  // attach the app (nothing is announced before it is attached).
  const { createServer } = await import("node:http");
  const server = createServer();
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  try {
    await attachApp(server, options, discoveryOptions(options, origin));
  } catch (error) {
    // The adapter refused its options (or its framework failed to start): stop listening, so that nothing
    // keeps the process alive, and let the caller report why.
    await closeServer(server);
    throw error;
  }
  return {
    framework: options.framework,
    port,
    origin,
    pid: process.pid,
    close: () => closeServer(server),
  };
}

/** The adapter options the flags stand for; shared by every framework (and mirrored by the Next.js app). */
export type ServeDiscoveryOptions = (
  | { readonly trustHost: true }
  | { readonly baseUrl: (request: DiscoveryRequest) => string }
  | { readonly origin: string }
) & { readonly authenticate?: (request: DiscoveryRequest) => boolean };

function discoveryOptions(options: AdapterServerOptions, origin: string): ServeDiscoveryOptions {
  const publicBase = (options.baseUrl ?? origin).replace(/\/+$/, "");
  const token = options.token;
  const auth =
    token === undefined
      ? {}
      : { authenticate: (request: DiscoveryRequest): boolean => getHeader(request.headers, "authorization") === `Bearer ${token}` };
  if (options.trustHost === true) return { trustHost: true, ...auth };
  // The public base plus the mount path the request matched, so that a tenant mount gives each tenant its
  // own meta.location: `origin` does exactly that (the adapters' README example); a public base with a
  // path of its own (`--base-url https://example.com/api`) needs `baseUrl` as a function of the request.
  return isOrigin(publicBase)
    ? { origin: publicBase, ...auth }
    : { baseUrl: (request: DiscoveryRequest) => publicBase + request.basePath, ...auth };
}

/** Whether a mount path has a parameter segment (`:org` or `{org}`), as the runtime's basePath patterns do. */
function hasParameterSegment(basePath: string): boolean {
  return basePath.split("/").some((segment) => /^:[A-Za-z_]\w*$/.test(segment) || /^\{[A-Za-z_]\w*\}$/.test(segment));
}

/** Whether a URL is scheme and authority only (`http://127.0.0.1:3000`), as the `origin` option wants. */
function isOrigin(url: string): boolean {
  return /^https?:\/\/[^/?#]+$/i.test(url);
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

async function attachApp(server: Server, options: AdapterServerOptions, scim: ServeDiscoveryOptions): Promise<void> {
  server.on("request", await buildListener(server, options, scim));
}

async function buildListener(server: Server, options: AdapterServerOptions, scim: ServeDiscoveryOptions): Promise<Listener> {
  const basePath = options.basePath ?? "/scim/v2";
  const plainRoutes = options.plainRoutes ?? [];
  // Each framework's plain route is its idiomatic way of sending bytes it already has.
  switch (options.framework) {
    case "express": {
      const { default: express } = await import("express");
      const { scimDiscovery } = await import("@scim-discovery/express");
      const app = express();
      // ETag hashing off, so the baseline does not pay for a weak ETag the adapter never computes.
      if (plainRoutes.length > 0) app.set("etag", false);
      for (const plain of plainRoutes) {
        const send = (_req: ExpressRequest, res: ExpressResponse): void => void res.set(plain.headers).send(plain.body);
        if (plain.mounted === true) app.use(plain.path, express.Router().use(send));
        else app.get(plain.path, send);
      }
      // As the adapter's README shows: a literal mount path is Express's own; one with a parameter goes in
      // `basePath`, so that Express never decodes the tenant (it answers `%zz` there with an HTML 400).
      if (hasParameterSegment(basePath)) app.use(scimDiscovery({ basePath, ...scim }));
      else app.use(basePath, scimDiscovery(scim));
      return app;
    }
    case "fastify": {
      const { default: Fastify } = await import("fastify");
      const { scimDiscovery, scimFrameworkErrors } = await import("@scim-discovery/fastify");
      // Fastify on the already listening server: its handler is attached by attachApp like the others.
      let fastifyHandler: Listener | undefined;
      const app = Fastify({
        // As the adapter's README shows: malformed percent-encoding below the mount gets a SCIM 404, not
        // Fastify's JSON 400; a tenant may have up to 1024 characters, not only Fastify's default 100.
        frameworkErrors: scimFrameworkErrors(basePath),
        routerOptions: { maxParamLength: 1024 },
        serverFactory: (handler) => {
          fastifyHandler = handler;
          return server;
        },
      });
      // As the README shows: every method Node parses reaches a route (PROPFIND, LOCK, SEARCH… included).
      for (const method of METHODS) if (method !== "CONNECT" && !app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
      for (const plain of plainRoutes) {
        if (plain.mounted === true) {
          await app.register(async (scope) => void scope.get("/*", (_request, reply) => void reply.headers(plain.headers).send(plain.body)), { prefix: plain.path });
        } else {
          app.get(plain.path, (_request, reply) => void reply.headers(plain.headers).send(plain.body));
        }
      }
      await app.register(scimDiscovery, { prefix: basePath, ...scim });
      await app.ready();
      return fastifyHandler as Listener;
    }
    case "hono": {
      const { Hono } = await import("hono");
      const { getRequestListener } = await import("@hono/node-server");
      const { scimDiscovery, scimRequestErrors } = await import("@scim-discovery/hono");
      const app = new Hono();
      for (const plain of plainRoutes) {
        const bytes = new Uint8Array(plain.body);
        const respond = (): Response => new Response(bytes, { headers: plain.headers });
        if (plain.mounted === true) app.route(plain.path, new Hono().get("/*", respond));
        else app.get(plain.path, respond);
      }
      app.route(basePath, scimDiscovery(scim));
      // As the adapter's README shows: a request @hono/node-server cannot build a URL from gets a SCIM 400.
      return getRequestListener(app.fetch, { errorHandler: scimRequestErrors() });
    }
    case "koa": {
      const { default: Koa } = await import("koa");
      const { scimDiscovery } = await import("@scim-discovery/koa");
      const app = new Koa();
      // A client that hangs up mid-response (EPIPE, ECONNRESET) or sends a body Node's HTTP parser rejects
      // (HPE_*: bad chunk framing; Koa hears of it when it drains the unread body) is not an application
      // error worth a stack trace.
      app.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code !== "EPIPE" && error.code !== "ECONNRESET" && !error.code?.startsWith("HPE_")) console.error(error);
      });
      const scimMiddleware = scimDiscovery({ basePath, ...scim });
      const plainRouteFor = plainRouteMatcher(plainRoutes);
      // One dispatch in front of both, so neither pays for passing through the other.
      app.use((ctx, next) => {
        const plain = plainRouteFor(ctx.path);
        if (plain === undefined) return scimMiddleware(ctx, next);
        ctx.set(plain.headers);
        ctx.body = plain.body;
        return undefined;
      });
      return app.callback();
    }
    case "node": {
      const { scimDiscovery } = await import("@scim-discovery/node");
      const scimListener = scimDiscovery({ basePath, ...scim });
      // A body whose length is known goes out with Content-Length, as node:http code sends bytes it has
      // (writeHead without it would make Node frame the body as chunked).
      const headers = new Map(
        plainRoutes.map((plain) => [plain, { ...plain.headers, "content-length": String(plain.body.byteLength) }]),
      );
      const plainRouteFor = plainRouteMatcher(plainRoutes);
      return (req, res) => {
        const plain = plainRouteFor(req.url ?? "");
        if (plain === undefined) scimListener(req, res);
        else res.writeHead(200, headers.get(plain)).end(plain.body);
      };
    }
    case "next":
    case "django":
    case "fastapi":
      throw new Error(`unreachable: ${options.framework} runs as its own server`);
  }
}

/**
 * The plain routes as one lookup: the plain route serving a path (an exact one, or a mounted one the path
 * is below), or undefined. Built once, so that a request for the adapter pays one Map miss and a prefix
 * test here, no more than a real app's own routes in front of it would cost.
 */
function plainRouteMatcher(routes: readonly PlainRoute[]): (path: string) => PlainRoute | undefined {
  const exact = new Map(routes.filter((route) => route.mounted !== true).map((route) => [route.path, route]));
  const mounted = routes.filter((route) => route.mounted === true).map((route) => ({ prefix: `${route.path}/`, route }));
  return (path) => {
    const route = exact.get(path);
    if (route !== undefined) return route;
    for (const { prefix, route: below } of mounted) if (path.startsWith(prefix)) return below;
    return undefined;
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Next.js: `next build` of the fixture app (when missing or stale), then `next start` in its own process
// group, so the child `next-server` it spawns is stopped with it.

const nextBin = join(repoRoot, "node_modules", "next", "dist", "bin", "next");

/** Environment for the Next.js process: telemetry off, and the flags as the fixture app reads them. */
function nextEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...extra };
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === ".next" || name === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Whether the fixture app's build is older than its sources or the generated packages it bundles. */
export function nextBuildIsStale(): boolean {
  const buildId = join(nextAppDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = [nextAppDir, join(repoRoot, "generated", "packages", "next"), join(repoRoot, "generated", "packages", "core")];
  return sources.some((dir) => newestMtime(dir) > built);
}

/** Runs `next build` on the fixture app; resolves when done, rejects with its output on failure. */
export function buildNextApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], { cwd: nextAppDir, env: nextEnv({}), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${output}`))));
  });
}

async function startNextServer(options: AdapterServerOptions): Promise<AdapterServer> {
  // The fixture app has its plain routes as files: /plain, /plain-headers and the catch-all
  // /plain-same-headers/[...rest].
  const fixtureRoutes = new Set(["/plain", "/plain-headers", "/plain-same-headers"]);
  const unknown = (options.plainRoutes ?? []).filter((plain) => !fixtureRoutes.has(plain.path));
  if (unknown.length > 0) throw new Error(`the Next.js app has no plain route ${unknown.map((plain) => plain.path).join(", ")}`);
  const port = options.port === 0 ? await freePort() : options.port;
  const origin = `http://${host}:${port}`;
  // The app creates its adapters when a route is first asked for, so invalid options would give a server
  // that answers every SCIM request with a 500: create them here first, to fail before anything listens.
  const { createFetchHandler } = await import("@scim-discovery/core/runtime");
  const { discoveryDocuments } = await import("@scim-discovery/core");
  createFetchHandler(discoveryDocuments, { basePath: options.basePath ?? "/scim/v2", ...discoveryOptions(options, origin) });
  if (nextBuildIsStale()) await buildNextApp();
  const env: Record<string, string> = {
    SCIM_BASE_PATH: options.basePath ?? "/scim/v2",
    SCIM_PUBLIC_BASE: (options.baseUrl ?? origin).replace(/\/+$/, ""),
  };
  if (options.trustHost === true) env["SCIM_TRUST_HOST"] = "1";
  if (options.token !== undefined) env["SCIM_TOKEN"] = options.token;
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", host, "--port", String(port)], {
    cwd: nextAppDir,
    env: nextEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = (): Promise<void> => stopProcessGroup(child);
  try {
    await waitUntilServing(`${origin}/scim-codegen-ready`, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { framework: "next", port, origin, pid: child.pid as number, close: stop };
}

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, name = "next start"): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${name} did not answer within 60 s:\n${output()}`);
}

// `next start` runs the server in a child `next-server` process; killing only the PID we started would
// leave that child holding the port. The group (detached: true made the child its leader) goes together.
function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Python: scripts/python/serve_<framework>.py in the pinned virtual environment (scripts/python-env.ts), in
// its own process group (gunicorn's master and worker, uvicorn), on a free port chosen here.

async function startPythonServer(options: AdapterServerOptions): Promise<AdapterServer> {
  const { pythonEnv } = await import("./python-env.js");
  const python = await pythonEnv();
  const port = options.port === 0 ? await freePort() : options.port;
  const origin = `http://${host}:${port}`;
  const args = [join(repoRoot, "scripts", "python", `serve_${options.framework}.py`), "--port", String(port)];
  if (options.basePath !== undefined) args.push("--base-path", options.basePath === "" ? "/" : options.basePath);
  if (options.baseUrl !== undefined) args.push("--base-url", options.baseUrl);
  if (options.trustHost === true) args.push("--trust-host");
  if (options.token !== undefined) args.push("--token", options.token);
  let routesDir: string | undefined;
  if (options.plainRoutes !== undefined && options.plainRoutes.length > 0) {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    routesDir = mkdtempSync(join(tmpdir(), "scim-plain-routes-"));
    const file = join(routesDir, "routes.json");
    writeFileSync(file, JSON.stringify(options.plainRoutes.map((r) => ({ ...r, body: r.body.toString("base64") }))));
    args.push("--plain-routes", file);
  }
  const child = spawn(python.python, args, {
    cwd: join(repoRoot, "scripts", "python"),
    env: python.env([join(repoRoot, "scripts", "python")]),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async (): Promise<void> => {
    await stopProcessGroup(child);
    if (routesDir !== undefined) (await import("node:fs")).rmSync(routesDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`${origin}/scim-codegen-ready`, child, () => output, options.framework);
  } catch (error) {
    await stop();
    throw error;
  }
  return { framework: options.framework, port, origin, pid: child.pid as number, close: stop };
}

// ---------------------------------------------------------------------------------------------------------
// Command line.

const usage = `usage: npm run serve -- --framework <${servableFrameworks.join("|")}> --port <n> [--base-path <p>] [--base-url <url>] [--trust-host] [--token T]

  --base-path <p>   mount path, default /scim/v2; a parameter segment (/orgs/:org/scim/v2) gives each
                    tenant its own meta.location
  --base-url <url>  public URL of the server root, used instead of http://127.0.0.1:<n> in meta.location
  --trust-host      build meta.location from Host / X-Forwarded-* (opt-in: only behind a trusted proxy)
  --token T         require "Authorization: Bearer T" on every request (a 401 with WWW-Authenticate otherwise)`;

/** Parses the serve flags; throws an Error with a one-line message for bad input. */
export function parseServeArgs(argv: readonly string[]): AdapterServerOptions {
  let framework: string | undefined;
  let port: number | undefined;
  let basePath: string | undefined;
  let baseUrl: string | undefined;
  let trustHost = false;
  let token: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--framework":
        framework = value();
        break;
      case "--port": {
        const text = value();
        port = Number(text);
        if (!/^[0-9]+$/.test(text) || port > 65535) throw new Error(`--port ${text} is not a port number`);
        break;
      }
      case "--base-path":
        basePath = value();
        break;
      case "--base-url":
        baseUrl = value();
        break;
      case "--trust-host":
        trustHost = true;
        break;
      case "--token":
        token = value();
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (framework === undefined) throw new Error("--framework is required");
  if (!(servableFrameworks as readonly string[]).includes(framework)) {
    throw new Error(`--framework ${framework} is not one of ${servableFrameworks.join(", ")}`);
  }
  if (port === undefined) throw new Error("--port is required");
  if (basePath !== undefined) {
    basePath = basePath === "/" ? "" : basePath.replace(/\/+$/, "");
    if (basePath !== "" && !basePath.startsWith("/")) throw new Error(`--base-path ${basePath} must start with /`);
  }
  if (baseUrl !== undefined && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(baseUrl)) {
    throw new Error(`--base-url ${baseUrl} is not an http(s) URL without query or fragment`);
  }
  if (trustHost && baseUrl !== undefined) throw new Error("--trust-host and --base-url exclude each other");
  return {
    framework: framework as AdapterFramework,
    port,
    ...(basePath === undefined ? {} : { basePath }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(trustHost ? { trustHost } : {}),
    ...(token === undefined ? {} : { token }),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  let options: AdapterServerOptions;
  try {
    options = parseServeArgs(argv);
  } catch (error) {
    process.stderr.write(`serve: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  let server: AdapterServer;
  try {
    server = await startAdapterServer(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`serve: cannot start ${options.framework} on port ${options.port}: ${message}\n`);
    return 1;
  }
  process.stdout.write(`listening on ${server.origin}${options.basePath ?? "/scim/v2"}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
