import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources } from "../../generator/load/definition-files.js";
import { readTree, snapshotTree } from "../helpers/tree.js";
import { compileDefinitions, runGenerate } from "../../generator/pipeline.js";
import { formatDrift } from "../../generator/cli.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { readJsonFile } from "../helpers/json.js";

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
    expect(result.status === "checked" ? result.report.drift.map((d) => `${d.kind} ${d.path}`) : result).toEqual([]);
  });

  it("is clean right after a generate", async () => {
    const p = await generated();
    const result = await check(p);
    expect(result.status === "checked" && result.report.drift).toEqual([]);
  });

  it("catches a changed, a missing, an orphan, a foreign and a line-ending-only file", async () => {
    const p = await generated();
    await appendFile(join(p.outDir, "json/ServiceProviderConfig.json"), "// hand edit\n");
    await rm(join(p.outDir, "json/ResourceTypes/User.json"));
    await writeFile(join(p.outDir, "json/extra.json"), "{}\n");
    await writeFile(join(p.outDir, "json/Schemas.json"), "a file that took the place of a generated one\n");
    const readmePath = join(p.outDir, "packages/core/package.json");
    await writeFile(readmePath, (await readFile(readmePath, "utf8")).replace(/\n/g, "\r\n"));
    // An older run wrote json/Old.json (its manifest lists it); these definitions no longer produce it.
    // And json/Schemas.json was replaced by a file the generator did not write: the manifest no longer lists it.
    await writeFile(join(p.outDir, "json/Old.json"), "{}\n");
    const manifestPath = join(p.outDir, "scim-codegen.manifest.json");
    const manifest = await readJsonFile(manifestPath) as { files: Record<string, string> };
    manifest.files["json/Old.json"] = `sha256:${"0".repeat(64)}`;
    delete manifest.files["json/Schemas.json"];
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));

    const result = await check(p);
    if (result.status !== "checked") throw new Error(result.status);
    expect(result.report.drift.map((d) => [d.kind, d.path])).toEqual([
      ["orphan", "json/Old.json"],
      ["missing", "json/ResourceTypes/User.json"],
      ["foreign", "json/Schemas.json"],
      ["changed", "json/ServiceProviderConfig.json"],
      ["line-endings", "packages/core/package.json"],
      ["changed", "scim-codegen.manifest.json"],
    ]);
    // A file that is not in the way of any output is not drift: it is reported, and left alone.
    expect(result.report.foreign).toEqual(["json/extra.json"]);
    const changed = result.report.drift.find((d) => d.kind === "changed");
    expect(changed?.diff).toContain("- // hand edit");
    const report = formatDrift(result.report.drift, "generated");
    expect(report).toContain("json/Old.json: orphan");
    expect(report).toContain("json/Schemas.json: foreign");
    expect(report).toContain("Run `npx scim-codegen generate`");
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
  it("writes only files whose bytes changed, and removes what it wrote before and no longer produces", async () => {
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
    // json/stale.json was never written by the generator: it stays.
    expect(result.summary.removed).toEqual([]);
    expect(await readFile(join(p.outDir, "json/stale.json"), "utf8")).toBe("{}\n");

    // Without the Group resource type and schema, its files go, from the disk too, and so do folders left empty.
    await rm(join(p.definitionsDir, "resource-types/group.yaml"));
    await rm(join(p.definitionsDir, "schemas/group.yaml"));
    const second = await runGenerate({ definitionsDir: p.definitionsDir, outDir: p.outDir, check: false, cwd: p.root });
    if (second.status !== "written") throw new Error(second.status);
    expect(second.summary.removed).toEqual(expect.arrayContaining(["json/ResourceTypes/Group.json", "json-schema/group.create.schema.json"]));
    const left = await readTree(p.outDir);
    for (const path of second.summary.removed) expect(left.has(path), path).toBe(false);
    expect([...left.keys()].filter((path) => /group/i.test(path))).toEqual([]);
    // Folders too (a snapshot line of a file carries its hash, so only a filter over the lines can fail here).
    expect((await snapshotTree(p.outDir)).filter((line) => /group/i.test(line))).toEqual([]);
    expect(left.get("json/stale.json")?.toString()).toBe("{}\n");
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
  const compile = async () => {
    const sink = new DiagnosticSink();
    const sources = await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink);
    const result = await compileDefinitions(sources, sink);
    return (result.files ?? []).map((f) => [f.path, f.contents]);
  };

  // Runs with the order shuffled at every stage, several seeds: determinism.test.ts. (Reversing the source
  // list here proved nothing: the loader sorts it again by name.)

  it("output holds no absolute path, today's date, or CR, and every source file has the header", async () => {
    const files = await compile();
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
