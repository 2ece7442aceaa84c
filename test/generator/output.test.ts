import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources } from "../../generator/load/definition-files.js";
import { readTree } from "../../generator/output/tree.js";
import { compileDefinitions, runGenerate } from "../../generator/pipeline.js";
import { formatDrift } from "../../generator/cli.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

async function generated(files = minimalDefinitions): Promise<TempProject> {
  project = await tempProject(files);
  const result = await runGenerate({ definitionsDir: project.definitionsDir, outDir: project.outDir, check: false, cwd: project.root });
  expect(result.status).toBe("written");
  return project;
}

const check = (p: TempProject) => runGenerate({ definitionsDir: p.definitionsDir, outDir: p.outDir, check: true, cwd: p.root });

describe("drift check", () => {
  it("the committed generated/ is current", async () => {
    const result = await runGenerate({ definitionsDir: join(repoRoot, "definitions"), outDir: join(repoRoot, "generated"), check: true, cwd: repoRoot });
    expect(result.status === "checked" ? result.drift.map((d) => `${d.kind} ${d.path}`) : result).toEqual([]);
  });

  it("is clean right after a generate", async () => {
    const p = await generated();
    const result = await check(p);
    expect(result.status === "checked" && result.drift).toEqual([]);
  });

  it("catches a changed, a missing, an orphan and a line-ending-only file", async () => {
    const p = await generated();
    await appendFile(join(p.outDir, "json/ServiceProviderConfig.json"), "// hand edit\n");
    await rm(join(p.outDir, "json/ResourceTypes/User.json"));
    await writeFile(join(p.outDir, "json/extra.json"), "{}\n");
    const readmePath = join(p.outDir, "packages/core/package.json");
    await writeFile(readmePath, (await readFile(readmePath, "utf8")).replace(/\n/g, "\r\n"));

    const result = await check(p);
    if (result.status !== "checked") throw new Error(result.status);
    expect(result.drift.map((d) => [d.kind, d.path])).toEqual([
      ["missing", "json/ResourceTypes/User.json"],
      ["changed", "json/ServiceProviderConfig.json"],
      ["orphan", "json/extra.json"],
      ["line-endings", "packages/core/package.json"],
    ]);
    const changed = result.drift.find((d) => d.kind === "changed");
    expect(changed?.diff).toContain("- // hand edit");
    const report = formatDrift(result.drift, "generated");
    expect(report).toContain("json/extra.json: orphan");
    expect(report).toContain("Run `npm run generate`");
  });

  it("writes nothing", async () => {
    const p = await generated();
    await rm(join(p.outDir, "json/Schemas.json"));
    const before = await readTree(p.outDir);
    await check(p);
    expect(await readTree(p.outDir)).toEqual(before);
  });
});

describe("write", () => {
  it("writes only files whose bytes changed, and removes what it no longer produces", async () => {
    const p = await generated();
    await writeFile(join(p.outDir, "json/stale.json"), "{}\n");
    await writeFile(
      join(p.definitionsDir, "resource-types/group.yaml"),
      "name: Group\nendpoint: /Groups\ndescription: Teams and departments\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    );
    const result = await runGenerate({ definitionsDir: p.definitionsDir, outDir: p.outDir, check: false, cwd: p.root });
    if (result.status !== "written") throw new Error(result.status);
    expect(result.summary.written).toEqual(expect.arrayContaining(["json/ResourceTypes/Group.json", "json/ResourceTypes.json"]));
    expect(result.summary.written).not.toContain("json/Schemas.json");
    expect(result.summary.unchanged).toContain("json/Schemas.json");
    expect(result.summary.removed).toEqual(["json/stale.json"]);
  });

  it("a failed run leaves the output exactly as it was", async () => {
    const p = await generated();
    const before = await readTree(p.outDir);
    await writeFile(join(p.definitionsDir, "schemas/group.yaml"), "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: [Group\n");
    const result = await runGenerate({ definitionsDir: p.definitionsDir, outDir: p.outDir, check: false, cwd: p.root });
    expect(result.status).toBe("invalid");
    expect(await readTree(p.outDir)).toEqual(before);
  });
});

describe("determinism", () => {
  const compile = async (reverse: boolean) => {
    const sink = new DiagnosticSink();
    const sources = await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink);
    const result = await compileDefinitions(reverse ? [...sources].reverse() : sources, sink);
    return (result.files ?? []).map((f) => [f.path, f.contents]);
  };

  it("two runs, and a run with the definition files in reverse order, are byte-identical", async () => {
    const first = await compile(false);
    expect(first.length).toBeGreaterThan(10);
    expect(await compile(false)).toEqual(first);
    expect(await compile(true)).toEqual(first);
  });

  it("output holds no absolute path, today's date, or CR, and every source file has the header", async () => {
    const files = await compile(false);
    const today = new Date().toISOString().slice(0, 10);
    for (const [path, contents] of files) {
      expect(contents, path).not.toContain(repoRoot);
      expect(contents, path).not.toContain(today);
      expect(contents, path).not.toContain("\r");
      if (/\.(js|ts)$/.test(path!)) expect(contents, path).toMatch(/^\/\/ Code generated by scim-codegen from \S+\. DO NOT EDIT\.\n/);
    }
  });
});

describe("transform cache", () => {
  it("changes speed, never output: cold, warm and corrupt caches give the same bytes as no cache", async () => {
    const p = await generated();
    const cacheDir = join(p.root, "cache");
    const run = (outDir: string, withCache: boolean) =>
      runGenerate({ definitionsDir: p.definitionsDir, outDir, check: false, cwd: p.root, ...(withCache ? { cacheDir } : {}) });
    const reference = await readTree(p.outDir);
    await run(join(p.root, "cold"), true);
    await run(join(p.root, "warm"), true);
    expect(await readTree(join(p.root, "cold"))).toEqual(reference);
    expect(await readTree(join(p.root, "warm"))).toEqual(reference);
    const [cacheFile] = [...(await readTree(cacheDir)).keys()];
    await writeFile(join(cacheDir, cacheFile!), "{ not json");
    await run(join(p.root, "corrupt"), true);
    expect(await readTree(join(p.root, "corrupt"))).toEqual(reference);
  });
});

describe("transform cache and diagnostics", () => {
  it("a diagnostic in a file whose parse came from the cache still has its exact position", async () => {
    const p = await generated();
    const cacheDir = join(p.root, "cache");
    const run = () => runGenerate({ definitionsDir: p.definitionsDir, outDir: p.outDir, check: false, cwd: p.root, cacheDir });
    await run(); // the user schema's parse is now cached
    // Another file now collides with it: the error is reported in the cached file, at its id.
    await writeFile(join(p.definitionsDir, "schemas/user-copy.yaml"), "id: urn:ietf:params:scim:schemas:core:2.0:USER\nname: Copy\nattributes:\n  - name: x\n    description: X.\n");
    const result = await run();
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toContain("definitions/schemas/user.yaml:1:5 duplicate-schema-id");
  });
});
