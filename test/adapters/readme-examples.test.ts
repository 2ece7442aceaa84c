// Each generated package README opens with a complete mount example. Here each one is extracted as written,
// type-checked and compiled with tsc (the repository's strict settings) against the generated packages,
// then run: the servers must serve discovery with the README's token check, and the Next.js route module's
// exports must answer a Request.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import { adapterFrameworks, jsonOf, send } from "./servers.js";

// Below node_modules so that the examples resolve the workspace packages exactly as an app would, and git
// never sees the files.
const workDir = join(packageRoot, "node_modules", ".cache", "scim-codegen-readme-examples");
const token = "readme-example-token";
const servers = adapterFrameworks.filter((framework) => framework !== "next");

/** Every TypeScript code block of a README, in order. */
function allTypeScriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/**
 * The TypeScript code blocks of a README: the complete example, then the tenant-scoped variant (Next.js has
 * a third, the optional static routes, checked against the fixture app that serves them).
 */
function typeScriptBlocks(markdown: string, framework: string): [string, string] {
  const blocks = allTypeScriptBlocks(markdown);
  const want = framework === "next" ? 3 : 2;
  if (blocks.length !== want) throw new Error(`want ${want} \`\`\`ts blocks, found ${blocks.length}`);
  return [blocks[0] as string, blocks[1] as string];
}

/** The tenant variant is a continuation of the example: type-checked after it (Next.js: a route file of its own). */
function tenantVariant(framework: string, example: string, tenant: string): string {
  if (framework !== "next") return `${example}\n${tenant}`;
  const imports = example.split("\n").filter((line) => line.startsWith("import "));
  return `${imports.join("\n")}\n${tenant}`;
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
  for (const framework of adapterFrameworks) {
    const readme = await readFile(join(packageRoot, "generated", "packages", framework, "README.md"), "utf8");
    const [example, tenant] = typeScriptBlocks(readme, framework);
    await writeFile(join(workDir, `${framework}.ts`), example);
    await writeFile(join(workDir, `${framework}-tenant.ts`), tenantVariant(framework, example, tenant));
  }
  await writeFile(join(workDir, "package.json"), '{ "type": "module", "private": true }\n');
  const base = JSON.parse(await readFile(join(packageRoot, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
  const compilerOptions = { ...base.compilerOptions, noEmit: false, outDir: "out", rootDir: ".", skipLibCheck: true };
  await writeFile(join(workDir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }, null, 2));
  try {
    await promisify(execFile)(process.execPath, [join(packageRoot, "node_modules", "typescript", "bin", "tsc"), "-p", workDir]);
  } catch (error) {
    tscOutput = String((error as { stdout?: string }).stdout ?? error);
  }
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("the README examples", () => {
  it("type-check under the repository's strict settings, against the generated packages (tenant variants too)", () => {
    expect(tscOutput).toBe("");
  });

  it.each(servers)("%s: the example serves discovery behind its token", async (framework) => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [join(workDir, "out", `${framework}.js`)], {
      env: { ...process.env, PORT: String(port), SCIM_TOKEN: token },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const origin = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      let response = await send(origin, "/scim/v2/ServiceProviderConfig", { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      while (response === undefined && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        response = await send(origin, "/scim/v2/ServiceProviderConfig", { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      }
      if (response === undefined) throw new Error(`the ${framework} example did not serve on ${port}: ${stderr}`);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/scim+json");
      expect((jsonOf(response) as { meta: { location: string } }).meta.location).toBe("https://api.example.com/scim/v2/ServiceProviderConfig");
      const unauthenticated = await send(origin, "/scim/v2/Schemas", { auth: false });
      expect(unauthenticated.status).toBe(401);
      const wrong = await send(origin, "/scim/v2/Schemas", { headers: { authorization: "Bearer undefined" } });
      expect(wrong.status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("next: the route module's exports answer every method", async () => {
    process.env["SCIM_TOKEN"] = token;
    const route = (await import(pathToFileURL(join(workDir, "out", "next.js")).href)) as Record<string, unknown>;
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
  });

  it("next: the optional static routes are the fixture app's, which next-build and the conformance run serve", async () => {
    const readme = await readFile(join(packageRoot, "generated", "packages", "next", "README.md"), "utf8");
    const block = allTypeScriptBlocks(readme)[2] ?? "";
    const code = (text: string): string[] =>
      text
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("//"))
        // The fixture is type-checked under NodeNext, which wants the `.js` a Next.js app leaves out.
        .map((line) => line.replace('/route.js";', '/route";'));
    expect(code(block)).toHaveLength(2);
    for (const endpoint of ["ServiceProviderConfig", "ResourceTypes", "Schemas"]) {
      const fixture = await readFile(join(packageRoot, "test", "adapters", "fixtures", "next-app", "app", "scim", "v2", endpoint, "route.ts"), "utf8");
      expect(code(fixture), endpoint).toEqual(code(block));
    }
  });
});
