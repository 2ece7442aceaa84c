// Real servers on 127.0.0.1 for every generated adapter, mounted at the plain base and at a tenant prefix.
// Express, Fastify, Hono, Koa and node:http start through scripts/serve.ts (what `npm run serve` runs).
// Next.js: `next build` takes 20–40 s here, too slow for every test file, so these suites serve the Next
// adapter's exports from a node:http server that does what Next.js 16 does around them (see
// `answerLikeNext`: its redirect of `\` and `//`, the README's proxy.ts, its 500 for a path it cannot decode,
// its 400 for other methods, then the route export named after the method); next-build.test.ts runs the
// same checks, and the fuzz, once through a real `next build` + `next start` of the fixture app.

import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { getHeader, type DiscoveryRequest } from "@scim-discovery/core/runtime";
import { scimDiscovery, type ScimRouteHandlers } from "@scim-discovery/next";
import { adapterFrameworks, pythonFrameworks, startAdapterServer, type AdapterFramework, type AdapterServer } from "../../scripts/serve.js";

export { adapterFrameworks, pythonFrameworks, type AdapterFramework };

/** The Node adapters and the Python package's (Django under gunicorn, FastAPI under uvicorn). */
export const nodeAndPythonFrameworks: readonly AdapterFramework[] = [...adapterFrameworks, ...pythonFrameworks];

/** The two mounts every adapter is tested at. */
export const mounts = {
  plain: "/scim/v2",
  tenant: "/api/0/organizations/:org/scim/v2",
} as const;

/** The bearer token the test servers require (the ServiceProviderConfig included). */
export const testToken = "adapter-test-token";

/** The tenant mount with `org` filled in. */
export function tenantBase(org: string): string {
  return mounts.tenant.replace(":org", org);
}

/** Starts one adapter at one mount, requiring {@link testToken}. */
export async function startServer(framework: AdapterFramework, basePath: string, token: string | undefined = testToken): Promise<AdapterServer> {
  if (framework !== "next") {
    return startAdapterServer({ framework, port: 0, basePath, ...(token === undefined ? {} : { token }) });
  }
  return startNextRouteServer(basePath, token);
}

// The options scripts/serve.ts gives every adapter: the public base is the server's origin plus the
// matched mount path; `authenticate` checks the bearer token.
async function startNextRouteServer(basePath: string, token: string | undefined): Promise<AdapterServer> {
  const { createServer } = await import("node:http");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const origin = `http://127.0.0.1:${address.port}`;
  const handlers: ScimRouteHandlers = scimDiscovery({
    basePath,
    baseUrl: (request: DiscoveryRequest) => origin + request.basePath,
    ...(token === undefined
      ? {}
      : { authenticate: (request: DiscoveryRequest) => getHeader(request.headers, "authorization") === `Bearer ${token}` }),
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    answerLikeNext(handlers, origin, req).then(
      (response) => writeResponse(res, response),
      (error: unknown) => {
        res.writeHead(599).end(String(error)); // a bug of this bridge: no test may pass through it
      },
    );
  });
  return {
    framework: "next",
    port: address.port,
    origin,
    pid: process.pid,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Serves route handlers (a route module's exports and a proxy.ts's `proxy`) as Next.js would (see
 * {@link answerLikeNext}) on `port` of every local address, its URLs built from `http://localhost:<port>` as
 * `next start` builds them. For examples that read their port from the environment before they listen.
 */
export async function serveLikeNext(handlers: ScimRouteHandlers, port: number): Promise<{ readonly origin: string; close(): Promise<void> }> {
  const { createServer } = await import("node:http");
  const origin = `http://localhost:${port}`;
  const server = createServer((req, res) => {
    answerLikeNext(handlers, origin, req).then(
      (response) => writeResponse(res, response),
      (error: unknown) => void res.writeHead(599).end(String(error)), // a bug of this bridge: no test may pass through it
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// The methods a Next.js 16 route module accepts (`HTTP_METHODS`, next/dist/server/web/http.js).
export const nextRouteMethods: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);

/**
 * What Next.js 16 (`next start`) does with a request for a route whose `route.ts` re-exports `handlers`,
 * with the README's `proxy.ts` in front (its matcher: paths holding a `%`), reduced to what decides the answer (the sources cited are of
 * next@16.4.6): resolve-routes.js redirects a path with `\` or `//` (308) before anything else; then the
 * proxy runs; a path its route matcher cannot percent-decode is a DecodeError (router-server.js: a
 * plain-text 500); app-route/module.js answers a method outside its seven with a bodiless 400; then the
 * export named after the method. The URL is built from Next's own origin, never from Host (resolve-routes.js:
 * `initURL`), and parsed as a WHATWG URL, as `Request.url` is.
 */
export async function answerLikeNext(handlers: ScimRouteHandlers, origin: string, req: IncomingMessage): Promise<Response> {
  req.resume(); // the exports never read a body
  const url = req.url ?? "/";
  const method = req.method ?? "GET";
  const rawPath = url.split("?")[0] as string;
  if (/\\|\/\//.test(rawPath)) {
    const location = url.replace(/\?.*$/, "").replace(/\\/g, "/").replace(/\/\/+/g, "/") + url.slice(rawPath.length);
    return new Response(null, { status: 308, headers: { location } });
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  // Fetch refuses CONNECT, TRACE and TRACK as Request methods; the fuzz sends none of them.
  const request = new Request(origin + url, { method, headers });
  // The README's matcher, "/:path(.*%.*)": Next.js runs the proxy only for a path holding a `%`.
  const proxied = rawPath.includes("%") ? handlers.proxy(request) : undefined;
  if (proxied !== undefined) return proxied;
  try {
    decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return new Response("Internal Server Error", { status: 500, headers: { "content-type": "text/plain" } });
  }
  if (!nextRouteMethods.has(method)) return new Response(null, { status: 400 });
  return routeToExport(handlers, request);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body.byteLength === 0 ? undefined : body);
}

/** What Next.js does with a route module: call the export named after the method (405 when none). */
export function routeToExport(handlers: ScimRouteHandlers, request: Request): Promise<Response> {
  const handler = (handlers as unknown as Record<string, ((request: Request) => Promise<Response>) | undefined>)[request.method];
  return handler === undefined ? Promise.resolve(new Response(null, { status: 405 })) : handler(request);
}

/** A response as received: status, lower-case headers and the raw body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Options of {@link send}. */
export interface SendOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Authenticate with {@link testToken} (default true). */
  readonly auth?: boolean;
  readonly timeoutMs?: number;
}

/**
 * One request with node:http: the path goes on the wire exactly as given (fetch would normalise it), no
 * redirect is followed, and a fresh connection is used so one test's keep-alive state cannot leak into another.
 */
export function send(origin: string, path: string, options: SendOptions = {}): Promise<RawResponse> {
  const url = new URL(origin);
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== false) headers["authorization"] ??= `Bearer ${testToken}`;
  // node:http sends a DELETE or OPTIONS body with neither Content-Length nor chunked framing (those methods
  // "have no body" by default), which the server then reads as the next request: frame it explicitly.
  if (options.body !== undefined && headers["content-length"] === undefined && headers["transfer-encoding"] === undefined) {
    headers["content-length"] = String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? "GET", headers, agent: false, timeout: options.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${options.method ?? "GET"} ${path}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The body as JSON, or undefined when it is not JSON. */
export function jsonOf(response: RawResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Starts every adapter at both mounts once for a test file; `close` stops them all. */
export async function startAll(frameworks: readonly AdapterFramework[] = adapterFrameworks): Promise<{
  readonly servers: ReadonlyMap<string, AdapterServer>;
  close(): Promise<void>;
}> {
  const entries = await Promise.all(
    frameworks.flatMap((framework) =>
      Object.values(mounts).map(async (mount) => [`${framework} ${mount}`, await startServer(framework, mount)] as const),
    ),
  );
  const servers = new Map(entries);
  return { servers, close: async () => void (await Promise.all([...servers.values()].map((server) => server.close()))) };
}
