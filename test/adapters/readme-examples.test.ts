// Each generated package README opens with a complete mount example. Here each one is extracted as written,
// type-checked and compiled with tsc (the repository's strict settings) against the generated packages,
// then run: the servers must serve discovery with the README's token check, and answer with SCIM Errors
// what their framework would otherwise answer itself (the settings the examples show: Fastify's
// frameworkErrors and addHttpMethod, Hono's errorHandler); the Next.js route modules' exports and its
// proxy.ts must answer a Request.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import { adapterFrameworks, jsonOf, send, type RawResponse } from "./servers.js";

// Below node_modules so that the examples resolve the workspace packages exactly as an app would, and git
// never sees the files.
const workDir = join(packageRoot, "node_modules", ".cache", "scim-codegen-readme-examples");
const token = "readme-example-token";
const servers = adapterFrameworks.filter((framework) => framework !== "next");

/** Every TypeScript code block of a README, in order. */
function allTypeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/** The TypeScript code blocks of a README other than Next.js's: the complete example, then the tenant-scoped variant. */
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

function withJsExtensions(code: string): string {
  return code.replace(/(from "\.{1,2}\/[^"]*?)(\.js)?";/g, '$1.js";');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let tscOutput = "";
beforeAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  for (const framework of servers) {
    const readme = await readFile(join(packageRoot, "generated", "packages", framework, "README.md"), "utf8");
    const [example, tenant] = typeScriptBlocks(readme);
    await writeFile(join(workDir, `${framework}.ts`), example);
    // The tenant variant is a continuation of the example: type-checked after it.
    await writeFile(join(workDir, `${framework}-tenant.ts`), `${example}\n${tenant}`);
  }
  const next = nextApps(await readFile(join(packageRoot, "generated", "packages", "next", "README.md"), "utf8"));
  for (const [dir, files] of [["next", next.app], ["next-tenant", next.tenantApp]] as const) {
    for (const [path, code] of files) {
      await mkdir(dirname(join(workDir, dir, path)), { recursive: true });
      await writeFile(join(workDir, dir, path), code);
    }
  }
  await writeFile(join(workDir, "package.json"), '{ "type": "module", "private": true }\n');
  const base = JSON.parse(await readFile(join(packageRoot, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
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

describe("the README examples", () => {
  it("type-check under the repository's strict settings, against the generated packages (tenant variants too)", () => {
    expect(tscOutput).toBe("");
  });

  it.each(servers)("%s: the example serves discovery behind its token, and SCIM Errors where its framework would answer", async (framework) => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [join(workDir, "out", `${framework}.js`)], {
      env: { ...process.env, PORT: String(port), SCIM_TOKEN: token },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const headers = { authorization: `Bearer ${token}` };
    try {
      const origin = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      let response = await send(origin, "/scim/v2/ServiceProviderConfig", { headers }).catch(() => undefined);
      while (response === undefined && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        response = await send(origin, "/scim/v2/ServiceProviderConfig", { headers }).catch(() => undefined);
      }
      if (response === undefined) throw new Error(`the ${framework} example did not serve on ${port}: ${stderr}`);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/scim+json");
      expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe("https://api.example.com/scim/v2/ServiceProviderConfig");
      expectScimError(await send(origin, "/scim/v2/Schemas", { auth: false }), 401, "no token");
      expectScimError(await send(origin, "/scim/v2/Schemas", { headers: { authorization: "Bearer undefined" } }), 401, "wrong token");
      // What the framework would answer itself without the settings the example shows.
      expectScimError(await send(origin, "/scim/v2/Schemas/%zz", { headers }), 404, "malformed percent-encoding");
      for (const method of ["PROPFIND", "SEARCH", "PURGE", "LOCK"]) expectScimError(await send(origin, "/scim/v2/Schemas", { method, headers }), 405, method);
      const refused = framework === "hono" ? 400 : 404;
      expectScimError(await send(origin, "/scim/v2/Sche\\mas", { headers }), refused, "a backslash in the path");
      for (const host of ["user@127.0.0.1", "127.0.0.1/x", "[::zz]"]) {
        const odd = await send(origin, "/scim/v2/Schemas", { headers: { ...headers, host } });
        if (framework === "hono") expectScimError(odd, 400, `Host ${host}`);
        else expect({ host, status: odd.status }).toEqual({ host, status: 200 });
      }
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("next: the route module's exports answer every method, and proxy.ts what Next.js would answer itself", async () => {
    process.env["SCIM_TOKEN"] = token;
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
    expect(((await ok.json()) as { meta: { location: string } }).meta.location).toBe("https://api.example.com/scim/v2/ResourceTypes/User");
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

  it("next: the tenant app's route serves its tenants, and its proxy.ts both mounts", async () => {
    process.env["SCIM_TOKEN"] = token;
    const out = join(workDir, "out", "next-tenant");
    const routePath = join(out, "app", "api", "0", "organizations", "[org]", "scim", "v2", "[...scim]", "route.js");
    const route = (await import(pathToFileURL(routePath).href)) as Record<string, unknown>;
    const GET = route["GET"] as (request: Request) => Promise<Response>;
    const ok = await GET(new Request("http://localhost:3000/api/0/organizations/a|b/scim/v2/ServiceProviderConfig"));
    expect(((await ok.json()) as { meta: { location: string } }).meta.location).toBe(
      "https://api.example.com/api/0/organizations/a%7Cb/scim/v2/ServiceProviderConfig",
    );
    const proxyModule = (await import(pathToFileURL(join(out, "proxy.js")).href)) as Record<string, unknown>;
    expect(proxyModule["config"]).toEqual({ matcher: "/:path(.*%.*)" });
    const proxy = proxyModule["proxy"] as (request: Request) => Promise<Response> | undefined;
    await expectProxyError(proxy(new Request("http://localhost:3000/api/0/organizations/a%zz/scim/v2/Schemas")), 404);
    await expectProxyError(proxy(new Request("http://localhost:3000/api/0/organizations/acme/scim/v2/Schemas", { method: "SEARCH" })), 405);
    await expectProxyError(proxy(new Request("http://localhost:3000/scim/v2/Schemas", { method: "LOCK" })), 405);
    expect(proxy(new Request("http://localhost:3000/api/0/organizations/acme/scim/v2/Schemas"))).toBeUndefined();
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
