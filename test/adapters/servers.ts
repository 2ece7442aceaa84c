// Real servers on 127.0.0.1 for every generated adapter, mounted at the plain base and at a tenant prefix.
// Express, Fastify, Hono, Koa and node:http start through scripts/serve.ts (what `npm run serve` runs).
// Next.js: `next build` takes 20–40 s here, too slow for every test file, so these suites serve the Next
// adapter's route exports (the GET/HEAD/… functions a `route.ts` re-exports) from a node:http server that
// hands each Request to the exported function for its method, as Next.js does; next-build.test.ts runs
// the same checks once through a real `next build` + `next start`.

import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { getHeader, type DiscoveryRequest } from "@scim-discovery/core/runtime";
import { scimDiscovery, type ScimRouteHandlers } from "@scim-discovery/next";
import { adapterFrameworks, startAdapterServer, type AdapterFramework, type AdapterServer } from "../../scripts/serve.js";

export { adapterFrameworks, type AdapterFramework };

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
  server.on("request", getRequestListener((request) => routeToExport(handlers, request)));
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
