// Each generated package README opens with a complete mount example: a tenant mount
// (/api/0/organizations/:org/scim/v2) with a bearer token per organization (`params.org`), its public origin
// from SCIM_ORIGIN. Here each one is extracted as written, type-checked and compiled with tsc (the
// repository's strict settings) against the generated packages, then run as its README's shell block says
// (its SCIM_TOKENS, SCIM_ORIGIN unset) and checked with that block's `scim-codegen check` lines, one per
// organization: no required check may fail, and another organization's token gets 401. Run again with
// SCIM_ORIGIN set, the servers must put it in meta.location and answer with SCIM Errors what their
// framework would otherwise answer itself (the settings the examples show: Fastify's frameworkErrors and
// addHttpMethod, Hono's errorHandler). Next.js: the README's app files are served by their exports, as
// Next.js calls them (servers.ts), and checked the same way; its proxy.ts must answer a Request.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCheckCommand } from "../../generator/conformance/command.js";
import { packageRoot } from "../../generator/package-root.js";
import { freePort } from "../helpers/free-port.js";
import type { ScimRouteHandlers } from "@scim-discovery/next";
import { adapterFrameworks, jsonOf, send, serveLikeNext, type RawResponse } from "./servers.js";
import { readJsonFile } from "../helpers/json.js";

// Below node_modules so that the examples resolve the workspace packages exactly as an app would, and git
// never sees the files.
const workDir = join(packageRoot, "node_modules", ".cache", "scim-codegen-readme-examples");
const token = "readme-example-token";
const servers = adapterFrameworks.filter((framework) => framework !== "next");

/** Every TypeScript code block of a README, in order. */
function allTypeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/** The TypeScript code blocks of a README other than Next.js's: the complete example, then the single-base variant. */
function typeScriptBlocks(markdown: string): [string, string] {
  const blocks = allTypeScriptBlocks(markdown);
  if (blocks.length !== 2) throw new Error(`want 2 \`\`\`ts blocks, found ${blocks.length}`);
  return [blocks[0] as string, blocks[1] as string];
}

/**
 * The Next.js README's files, each block headed by `// <path>`: the app (options module, catch-all route,
 * proxy.ts), the tenant-scoped app (the same plus the tenant's two files and the proxy.ts serving both), and
 * the optional static route. Relative imports get the `.js` that NodeNext wants and a Next.js app leaves out.
 */
function nextApps(markdown: string): {
  readonly app: ReadonlyMap<string, string>;
  readonly tenantApp: ReadonlyMap<string, string>;
  readonly staticRoute: string;
} {
  const blocks = allTypeScriptBlocks(markdown);
  if (blocks.length !== 7) throw new Error(`want 7 \`\`\`ts blocks in the Next.js README, found ${blocks.length}`);
  const file = (block: string): [string, string] => {
    const path = /^\/\/ (\S+\.ts)/.exec(block)?.[1];
    if (path === undefined) throw new Error(`a Next.js block without its "// path" line: ${block.slice(0, 60)}`);
    return [path, withJsExtensions(block)];
  };
  const app = new Map(blocks.slice(0, 3).map(file));
  const tenantApp = new Map([...app, ...blocks.slice(3, 6).map(file)]);
  return { app, tenantApp, staticRoute: blocks[6] as string };
}

/** How a README says to run its example: the environment it sets, and its `scim-codegen check` lines. */
interface RunInstructions {
  readonly env: Readonly<Record<string, string>>;
  readonly checks: readonly { readonly baseUrl: string; readonly org: string; readonly token: string }[];
}

/** The README's one ```sh block that runs `scim-codegen check`: `NAME='value' … <command>`, then `npx scim-codegen check <url> --token <t>` lines. */
function runInstructions(markdown: string): RunInstructions {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1] as string)
    .filter((block) => block.includes("scim-codegen check"));
  if (blocks.length !== 1) throw new Error(`want 1 \`\`\`sh block running scim-codegen check, found ${blocks.length}`);
  const [start, ...checkLines] = (blocks[0] as string).trimEnd().split("\n");
  const env: Record<string, string> = {};
  for (const [, name, value] of (start ?? "").matchAll(/([A-Z_]+)='([^']*)'/g)) env[name as string] = value as string;
  const checks = checkLines.map((line) => {
    const match = /^npx scim-codegen check (\S+\/organizations\/([^/]+)\/scim\/v2) --token (\S+) --discovery-only$/.exec(line);
    if (match === null) throw new Error(`not a check line: ${line}`);
    return { baseUrl: match[1] as string, org: match[2] as string, token: match[3] as string };
  });
  return { env, checks };
}

function withJsExtensions(code: string): string {
  return code.replace(/(from "\.{1,2}\/[^"]*?)(\.js)?";/g, '$1.js";');
}


let tscOutput = "";
const instructions = new Map<string, RunInstructions>();
beforeAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  for (const framework of servers) {
    const readme = await readFile(join(packageRoot, "generated", "packages", framework, "README.md"), "utf8");
    const [example, variant] = typeScriptBlocks(readme);
    instructions.set(framework, runInstructions(readme));
    await writeFile(join(workDir, `${framework}.ts`), example);
    // The single-base variant is a continuation of the example: type-checked after it.
    await writeFile(join(workDir, `${framework}-variant.ts`), `${example}\n${variant}`);
  }
  const nextReadme = await readFile(join(packageRoot, "generated", "packages", "next", "README.md"), "utf8");
  instructions.set("next", runInstructions(nextReadme));
  const next = nextApps(nextReadme);
  for (const [dir, files] of [["next", next.app], ["next-tenant", next.tenantApp]] as const) {
    for (const [path, code] of files) {
      await mkdir(dirname(join(workDir, dir, path)), { recursive: true });
      await writeFile(join(workDir, dir, path), code);
    }
  }
  await writeFile(join(workDir, "package.json"), '{ "type": "module", "private": true }\n');
  const base = await readJsonFile(join(packageRoot, "tsconfig.json")) as { compilerOptions: Record<string, unknown> };
  const compilerOptions = { ...base.compilerOptions, noEmit: false, outDir: "out", rootDir: ".", skipLibCheck: true };
  const include = ["*.ts", "next/**/*.ts", "next-tenant/**/*.ts"];
  await writeFile(join(workDir, "tsconfig.json"), JSON.stringify({ compilerOptions, include }, null, 2));
  try {
    await promisify(execFile)(process.execPath, [join(packageRoot, "node_modules", "typescript", "bin", "tsc"), "-p", workDir]);
  } catch (error) {
    tscOutput = String((error as { stdout?: string }).stdout ?? error);
  }
});
afterAll(() => rm(workDir, { recursive: true, force: true }));
afterAll(() => vi.unstubAllEnvs());

function expectScimError(response: RawResponse, status: number, what: string): void {
  expect({ what, status: response.status, type: response.headers["content-type"] }).toEqual({ what, status, type: "application/scim+json" });
  expect(jsonOf(response), what).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status) });
}

async function expectProxyError(pending: Promise<Response> | undefined, status: number): Promise<void> {
  if (pending === undefined) throw new Error(`the proxy passed on a request it should answer with ${status}`);
  const response = await pending;
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/scim+json");
  expect(await response.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status) });
}

/** Starts a compiled example with `env` (PORT set), and resolves once it serves `probe` with `token`. */
async function startExample(framework: string, env: Readonly<Record<string, string>>, probe: string, token: string): Promise<{ origin: string; stop(): void }> {
  const port = await freePort();
  const inherited = { ...process.env };
  delete inherited["SCIM_ORIGIN"];
  delete inherited["SCIM_TOKENS"];
  const child: ChildProcess = spawn(process.execPath, [join(workDir, "out", `${framework}.js`)], {
    env: { ...inherited, ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  const deadline = Date.now() + 15_000;
  let response = await send(origin, probe, { headers }).catch(() => undefined);
  while (response === undefined && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    response = await send(origin, probe, { headers }).catch(() => undefined);
  }
  if (response === undefined) {
    child.kill("SIGTERM");
    throw new Error(`the ${framework} example did not serve on ${port}: ${stderr}`);
  }
  return { origin, stop: () => void child.kill("SIGTERM") };
}

/**
 * Runs the README's check lines (`scim-codegen check <base> --token <t> --discovery-only`, the command's own
 * code: the examples mount discovery only, where their comment says your /Users routes go) with the README's
 * port replaced by `port`: 0 failures, and only the resource-endpoint probe skipped; then each organization's base with another organization's token, and
 * with no token: 401.
 */
async function checkAsTheReadmeSays(run: RunInstructions, port: number): Promise<void> {
  expect(run.checks.map((check) => check.org)).toEqual(["acme", "globex"]);
  for (const check of run.checks) {
    expect(JSON.parse(run.env["SCIM_TOKENS"] ?? "{}")[check.org], `${check.org}'s token is the one SCIM_TOKENS gives it`).toBe(check.token);
    const baseUrl = check.baseUrl.replace("//localhost:3000/", `//localhost:${port}/`);
    let stdout = "";
    let stderr = "";
    const code = await runCheckCommand([baseUrl, "--token", check.token, "--discovery-only"], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    const notPassed = stdout.split("\n").filter((line) => line.startsWith("FAIL") || line.startsWith("SKIP")).map((line) => line.split(/\s+/).slice(0, 2).join(" "));
    expect({ org: check.org, code, notPassed, stderr }).toEqual({ org: check.org, code: 0, notPassed: ["SKIP spc.capabilities.filter"], stderr: "" });
    expect(stdout).toMatch(/^\d{2,} passed, 0 failed, 1 skipped\n$/m);
    const origin = `http://127.0.0.1:${port}`;
    const path = `${new URL(baseUrl).pathname}/Schemas`;
    for (const other of run.checks.filter((candidate) => candidate !== check)) {
      expectScimError(await send(origin, path, { headers: { authorization: `Bearer ${other.token}` } }), 401, `${check.org} with ${other.org}'s token`);
    }
    expectScimError(await send(origin, path, { auth: false }), 401, `${check.org} without a token`);
  }
}

// The Next.js README's modules read the environment when first imported (once per test file): the README's
// SCIM_TOKENS, SCIM_TOKEN for the single-base mount, SCIM_ORIGIN unset, and the port the app is served on.
let nextPort: number | undefined;
async function nextEnvironment(): Promise<number> {
  if (nextPort === undefined) {
    nextPort = await freePort();
    // Stubbed, not assigned: the afterAll below puts every variable back as it was.
    for (const [name, value] of Object.entries({ ...instructions.get("next")?.env, SCIM_TOKEN: token, PORT: String(nextPort) })) vi.stubEnv(name, value);
    vi.stubEnv("SCIM_ORIGIN", undefined);
  }
  return nextPort;
}

describe("the README examples", () => {
  it("type-check under the repository's strict settings, against the generated packages (single-base variants too)", () => {
    expect(tscOutput).toBe("");
  });

  it.each(servers)("%s: the example, run as its README says, passes scim-codegen check for two organizations, each with its own token only", async (framework) => {
    const run = instructions.get(framework) as RunInstructions;
    const first = run.checks[0];
    if (first === undefined) throw new Error("no check line");
    // SCIM_ORIGIN unset, as the README runs it: the origin is the server on localhost.
    const server = await startExample(framework, run.env, `${new URL(first.baseUrl).pathname}/ServiceProviderConfig`, first.token);
    try {
      const response = await send(server.origin, "/api/0/organizations/acme/scim/v2/ResourceTypes/User", { headers: { authorization: `Bearer ${first.token}` } });
      const port = new URL(server.origin).port;
      expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe(`http://localhost:${port}/api/0/organizations/acme/scim/v2/ResourceTypes/User`);
      await checkAsTheReadmeSays(run, Number(port));
      // An organization the tokens do not name gets 401 with any token.
      expectScimError(await send(server.origin, "/api/0/organizations/initech/scim/v2/Schemas", { headers: { authorization: `Bearer ${first.token}` } }), 401, "unknown organization");
    } finally {
      server.stop();
    }
  });

  it.each(servers)("%s: the example takes its origin from SCIM_ORIGIN, and answers SCIM Errors where its framework would answer", async (framework) => {
    const base = "/api/0/organizations/acme/scim/v2";
    const server = await startExample(framework, { SCIM_ORIGIN: "https://api.example.com", SCIM_TOKENS: JSON.stringify({ acme: token }) }, `${base}/ServiceProviderConfig`, token);
    const headers = { authorization: `Bearer ${token}` };
    try {
      const { origin } = server;
      const response = await send(origin, `${base}/ServiceProviderConfig`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/scim+json");
      expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe(`https://api.example.com${base}/ServiceProviderConfig`);
      // A tenant percent-encoded on the wire reaches `params.org` decoded: `acme` spelled `%61cme` is acme.
      expect((await send(origin, "/api/0/organizations/%61cme/scim/v2/Schemas", { headers })).status).toBe(200);
      expectScimError(await send(origin, `${base}/Schemas`, { auth: false }), 401, "no token");
      expectScimError(await send(origin, `${base}/Schemas`, { headers: { authorization: "Bearer undefined" } }), 401, "wrong token");
      // What the framework would answer itself without the settings the example shows.
      expectScimError(await send(origin, `${base}/Schemas/%zz`, { headers }), 404, "malformed percent-encoding");
      expectScimError(await send(origin, "/api/0/organizations/%zz/scim/v2/Schemas", { headers }), 404, "a malformed tenant");
      for (const method of ["PROPFIND", "SEARCH", "PURGE", "LOCK"]) expectScimError(await send(origin, `${base}/Schemas`, { method, headers }), 405, method);
      const refused = framework === "hono" ? 400 : 404;
      expectScimError(await send(origin, `${base}/Sche\\mas`, { headers }), refused, "a backslash in the path");
      for (const host of ["user@127.0.0.1", "127.0.0.1/x", "[::zz]"]) {
        const odd = await send(origin, `${base}/Schemas`, { headers: { ...headers, host } });
        if (framework === "hono") expectScimError(odd, 400, `Host ${host}`);
        else expect({ host, status: odd.status }).toEqual({ host, status: 200 });
      }
    } finally {
      server.stop();
    }
  });

  it("next: the route module's exports answer every method, and proxy.ts what Next.js would answer itself", async () => {
    const port = await nextEnvironment();
    const out = join(workDir, "out", "next");
    const route = (await import(pathToFileURL(join(out, "app", "scim", "v2", "[...scim]", "route.js")).href)) as Record<string, unknown>;
    expect(route["dynamic"]).toBe("force-dynamic");
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(typeof route[method], method).toBe("function");
    const GET = route["GET"] as (request: Request) => Promise<Response>;
    const POST = route["POST"] as (request: Request) => Promise<Response>;
    const headers = { authorization: `Bearer ${token}` };
    const ok = await GET(new Request("http://localhost:3000/scim/v2/ResourceTypes/User", { headers }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/scim+json");
    expect(((await ok.json()) as { meta: { location: string } }).meta.location).toBe(`http://localhost:${port}/scim/v2/ResourceTypes/User`);
    const denied = await GET(new Request("http://localhost:3000/scim/v2/ResourceTypes/User"));
    expect(denied.status).toBe(401);
    const write = await POST(new Request("http://localhost:3000/scim/v2/Schemas", { method: "POST", body: "test", headers }));
    expect(write.status).toBe(405);

    const proxyModule = (await import(pathToFileURL(join(out, "proxy.js")).href)) as Record<string, unknown>;
    expect(proxyModule["config"]).toEqual({ matcher: "/:path(.*%.*)" });
    const proxy = proxyModule["proxy"] as (request: Request) => Promise<Response> | undefined;
    // The usual request goes on to the route; what Next.js would answer itself gets the runtime's answer.
    expect(proxy(new Request("http://localhost:3000/scim/v2/Schemas", { headers }))).toBeUndefined();
    expect(proxy(new Request("http://localhost:3000/elsewhere/%zz", { headers }))).toBeUndefined();
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/Schemas/%zz", { headers })), 404);
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/%", { headers })), 404);
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/Schemas", { method: "PROPFIND", headers })), 405);
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/Schemas/%ff")), 401);
  });

  it("next: the tenant app, served by its exports as Next.js calls them, passes scim-codegen check for two organizations, each with its own token only", async () => {
    const port = await nextEnvironment();
    const out = join(workDir, "out", "next-tenant");
    const routePath = join(out, "app", "api", "0", "organizations", "[org]", "scim", "v2", "[...scim]", "route.js");
    const route = (await import(pathToFileURL(routePath).href)) as Record<string, unknown>;
    const proxyModule = (await import(pathToFileURL(join(out, "proxy.js")).href)) as Record<string, unknown>;
    const server = await serveLikeNext({ ...route, proxy: proxyModule["proxy"] } as unknown as ScimRouteHandlers, port);
    try {
      const run = instructions.get("next") as RunInstructions;
      await checkAsTheReadmeSays(run, port);
      const acme = { authorization: `Bearer ${run.checks[0]?.token ?? ""}` };
      // A tenant that must be percent-encoded in a URI (`a|b`) goes into meta.location encoded; `%61cme` is acme.
      const GET = route["GET"] as (request: Request) => Promise<Response>;
      const ok = await GET(new Request(`http://localhost:${port}/api/0/organizations/%61cme/scim/v2/ServiceProviderConfig`, { headers: acme }));
      expect(((await ok.json()) as { meta: { location: string } }).meta.location).toBe(
        `http://localhost:${port}/api/0/organizations/%61cme/scim/v2/ServiceProviderConfig`,
      );
      expect((await GET(new Request(`http://localhost:${port}/api/0/organizations/a|b/scim/v2/Schemas`, { headers: acme }))).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("next: the tenant app's proxy.ts serves both mounts", async () => {
    await nextEnvironment();
    const out = join(workDir, "out", "next-tenant");
    const proxyModule = (await import(pathToFileURL(join(out, "proxy.js")).href)) as Record<string, unknown>;
    expect(proxyModule["config"]).toEqual({ matcher: "/:path(.*%.*)" });
    const proxy = proxyModule["proxy"] as (request: Request) => Promise<Response> | undefined;
    await expectProxyError(proxy(new Request("http://localhost:3000/api/0/organizations/a%zz/scim/v2/Schemas")), 404);
    await expectProxyError(proxy(new Request("http://localhost:3000/api/0/organizations/acme/scim/v2/Schemas", { method: "SEARCH" })), 405);
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/Schemas", { method: "LOCK" })), 405);
    expect(proxy(new Request("http://localhost:3000/api/0/organizations/acme/scim/v2/Schemas"))).toBeUndefined();
  });

  it("the main README's example under \"Serving discovery\" is the Express README's, so it is the one tested above", async () => {
    const section = (markdown: string, heading: string): string => {
      const at = markdown.indexOf(heading);
      return at === -1 ? "" : markdown.slice(at, markdown.indexOf("\n## ", at + heading.length));
    };
    // Up to its Python subsection, which mypy.test.ts holds to the Python package's README.
    const serving = section(await readFile(join(packageRoot, "README.md"), "utf8"), "\n## Serving discovery\n");
    const main = serving.slice(0, serving.indexOf("\n### Python") === -1 ? undefined : serving.indexOf("\n### Python"));
    const express = await readFile(join(packageRoot, "generated", "packages", "express", "README.md"), "utf8");
    expect(allTypeScriptBlocks(main)).toEqual([typeScriptBlocks(express)[0]]);
    expect(runInstructions(main)).toEqual(runInstructions(express));
    expect(main).not.toContain("origin: \"https://");
  });

  it("next: the fixture app's routes are the README's, and so are the optional static routes", async () => {
    const readme = await readFile(join(packageRoot, "generated", "packages", "next", "README.md"), "utf8");
    const { tenantApp, staticRoute } = nextApps(readme);
    // Code lines only; the fixture is type-checked under NodeNext, which wants the `.js` a Next.js app leaves out.
    const code = (text: string): string[] =>
      withJsExtensions(text)
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("//"));
    const fixture = (path: string): Promise<string> => readFile(join(packageRoot, "test", "adapters", "fixtures", "next-app", path), "utf8");
    for (const path of ["app/scim/v2/[...scim]/route.ts", "app/api/0/organizations/[org]/scim/v2/[...scim]/route.ts"]) {
      expect(code(await fixture(path)), path).toEqual(code(tenantApp.get(path) ?? ""));
    }
    // The fixture's proxy.ts takes the README's matcher, which next-build.test.ts then holds to Next.js.
    const matcherLine = (text: string): string | undefined => text.split("\n").find((line) => line.startsWith("export const config"));
    expect(matcherLine(await fixture("proxy.ts"))).toBe(matcherLine(tenantApp.get("proxy.ts") ?? ""));
    expect(code(staticRoute)).toHaveLength(2);
    for (const endpoint of ["ServiceProviderConfig", "ResourceTypes", "Schemas"]) {
      expect(code(await fixture(`app/scim/v2/${endpoint}/route.ts`)), endpoint).toEqual(code(staticRoute));
    }
  });
});
