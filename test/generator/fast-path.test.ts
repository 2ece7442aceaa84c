// The stored compile (generator/cache/compiled-result.ts) must never make `generate --check` say "up to
// date" about a tree that is not, nor print anything other than what a run without any cache prints. Each
// case below tries to fool it: it changes the tree or the inputs after a cached generate, then runs the
// command with the cache and with --no-cache and requires the same exit code and the same words, and
// whether the stored compile was (or must not be) used.

import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compiledResultFile, readCompiledResult, writeCompiledResult } from "../../generator/cache/compiled-result.js";
import { generatorFingerprint } from "../../generator/cache/transform-cache.js";
import { parseGenerateFlags, resolveTarget, runAndReport, type GenerateFlags } from "../../generator/cli/generate.js";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources } from "../../generator/load/definition-sources.js";
import { runGenerate } from "../../generator/run-generate.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await project?.dispose();
  project = undefined;
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the run took its files from the stored compile. */
  readonly reused: boolean;
}

/** `scim-codegen generate <args>` in `cwd`, as the CLI runs it, noting whether the stored compile was used. */
async function generate(args: string[], cwd: string): Promise<Run> {
  vi.spyOn(process, "cwd").mockReturnValue(cwd);
  const flags = parseGenerateFlags(args) as GenerateFlags;
  const target = await resolveTarget(flags, cwd);
  let stdout = "";
  let stderr = "";
  let reused = false;
  const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), env: {} };
  const code = await runAndReport(target, flags.check, args, io, async (options) => {
    const result = await runGenerate(options);
    reused = result.reusedCompile === true;
    return result;
  });
  vi.restoreAllMocks();
  return { code, stdout, stderr, reused };
}

/** The same command with the cache and with --no-cache: same exit code, same output (the remedy names the flags, so --no-cache is taken out of it). */
async function bothWays(args: string[], cwd: string): Promise<{ cached: Run; uncached: Run }> {
  const cached = await generate(args, cwd);
  const uncached = await generate([...args, "--no-cache"], cwd);
  const unflagged = (text: string): string => text.replaceAll(" --no-cache", "");
  expect({ code: cached.code, stdout: cached.stdout, stderr: cached.stderr }).toEqual({ code: uncached.code, stdout: uncached.stdout, stderr: unflagged(uncached.stderr) });
  expect(uncached.reused).toBe(false);
  return { cached, uncached };
}

const defs = ["--definitions", "definitions", "--out", "generated"];
const check = [...defs, "--check"];

/** A project generated once with the cache, so that its compile is stored. */
async function cachedProject(files: Readonly<Record<string, string>> = minimalDefinitions): Promise<TempProject> {
  project = await tempProject(files);
  const first = await generate(defs, project.root);
  expect([first.code, first.reused]).toEqual([0, false]);
  return project;
}

const userModule = "packages/core/schemas/user.js";
const userTypes = "packages/core/schemas/user.d.ts";

describe("an unchanged run reuses the stored compile, and still checks the tree", () => {
  it("nothing changed: up to date, from the stored compile, and generate writes nothing", async () => {
    const p = await cachedProject();
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused, cached.stdout]).toEqual([0, true, "scim-codegen: generated is up to date with definitions\n"]);
    const again = await generate(defs, p.root);
    expect([again.reused, again.stdout]).toEqual([true, expect.stringMatching(/^scim-codegen: 0 written, \d+ unchanged, 0 removed \(generated\)\n$/)]);
  });

  it("a generated file edited by one byte is reported changed", async () => {
    const p = await cachedProject();
    const file = join(p.outDir, userModule);
    const bytes = await readFile(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    await writeFile(file, bytes);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain(`${userModule}: changed`);
  });

  it("a deleted generated file is reported missing, and generate puts it back", async () => {
    const p = await cachedProject();
    const before = await readFile(join(p.outDir, userModule));
    await rm(join(p.outDir, userModule));
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain(`${userModule}: missing`);
    const write = await generate(defs, p.root);
    expect([write.reused, write.stdout]).toEqual([true, expect.stringMatching(/^scim-codegen: 1 written, /)]);
    expect(await readFile(join(p.outDir, userModule))).toEqual(before);
  });

  it("a foreign entry where a file is produced (a folder there, or a file the manifest does not list) is reported foreign", async () => {
    const p = await cachedProject();
    await rm(join(p.outDir, userModule));
    await mkdir(join(p.outDir, userModule));
    await writeFile(join(p.outDir, userModule, "mine.txt"), "not the generator's\n");
    const folder = await bothWays(check, p.root);
    expect([folder.cached.code, folder.cached.reused]).toEqual([1, true]);
    expect(folder.cached.stderr).toContain(`${userModule}: foreign`);

    await rm(join(p.outDir, userModule), { recursive: true });
    await generate(defs, p.root);
    // No manifest, and a file whose bytes are not the generator's: nothing says the generator wrote it.
    await rm(join(p.outDir, "scim-codegen.manifest.json"));
    await writeFile(join(p.outDir, userTypes), "export {};\n");
    const unlisted = await bothWays(check, p.root);
    expect([unlisted.cached.code, unlisted.cached.reused]).toEqual([1, true]);
    expect(unlisted.cached.stderr).toContain(`${userTypes}: foreign`);
  });

  it("two generated files with their contents swapped are both reported changed", async () => {
    const p = await cachedProject();
    const [a, b] = [join(p.outDir, userModule), join(p.outDir, userTypes)];
    const [bytesA, bytesB] = [await readFile(a), await readFile(b)];
    await writeFile(a, bytesB);
    await writeFile(b, bytesA);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain(`${userModule}: changed`);
    expect(cached.stderr).toContain(`${userTypes}: changed`);
  });

  it("a CRLF-only change is reported as line endings", async () => {
    const p = await cachedProject();
    const file = join(p.outDir, userModule);
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n/g, "\r\n"));
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain(`${userModule}: line endings only`);
  });

  it("an edited manifest is reported changed", async () => {
    const p = await cachedProject();
    const manifest = join(p.outDir, "scim-codegen.manifest.json");
    await writeFile(manifest, (await readFile(manifest, "utf8")).replace(/sha256:[0-9a-f]/, "sha256:0"));
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain("scim-codegen.manifest.json: changed");
  });

  it("another --out: the same compile, checked against that folder (empty: every file missing), and written identically", async () => {
    const p = await cachedProject();
    const other = ["--definitions", "definitions", "--out", "elsewhere"];
    const { cached } = await bothWays([...other, "--check"], p.root);
    expect([cached.code, cached.reused]).toEqual([1, true]);
    expect(cached.stderr).toContain(`${userModule}: missing`);
    const written = await generate(other, p.root);
    expect([written.code, written.reused]).toEqual([0, true]);
    expect(await readFile(join(p.root, "elsewhere", userModule))).toEqual(await readFile(join(p.outDir, userModule)));
    expect((await generate([...other, "--check", "--no-cache"], p.root)).code).toBe(0);
  });
});

describe("a changed input is compiled again", () => {
  it("a touched definition (same bytes, new time) is the same input", async () => {
    const p = await cachedProject();
    const later = new Date(Date.now() + 60_000);
    await utimes(join(p.definitionsDir, "schemas", "user.yaml"), later, later);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([0, true]);
  });

  it("a changed comment is another input: compiled again, the tree still up to date, and stored for the next run", async () => {
    const p = await cachedProject();
    const file = join(p.definitionsDir, "schemas", "user.yaml");
    await writeFile(file, `# a comment the output never shows\n${await readFile(file, "utf8")}`);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([0, false]);
    expect((await generate(check, p.root)).reused).toBe(true);
  });

  it("a changed description is compiled again and reported as drift, never as up to date", async () => {
    const p = await cachedProject();
    const file = join(p.definitionsDir, "schemas", "user.yaml");
    const text = await readFile(file, "utf8");
    const changed = text.replace(/^description: .*$/m, "description: Another description");
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([1, false]);
  });

  it("another working directory (diagnostics name files from it) is another input", async () => {
    const p = await cachedProject();
    await mkdir(join(p.root, "sub"));
    const { cached } = await bothWays(["--definitions", "../definitions", "--out", "../generated", "--check"], join(p.root, "sub"));
    expect([cached.code, cached.reused]).toEqual([0, false]);
  });

  it("warnings are printed the same from the stored compile; a reading warning is never served from it", async () => {
    const files = {
      ...minimalDefinitions,
      // No resource type uses it: an unused-schema warning from the compiler.
      "definitions/schemas/unused.yaml": "id: urn:example:params:scim:schemas:core:2.0:Unused\nname: Unused\ndescription: Nobody uses it.\nattributes:\n  - name: value\n    description: A value.\n",
    };
    const p = await cachedProject(files);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([0, true]);
    expect(cached.stderr).toContain("warning unused-schema");
    // A folder inside schemas/ is a warning of the reading step: not in the stored compile.
    await mkdir(join(p.definitionsDir, "schemas", "drafts"));
    const withFolder = await bothWays(check, p.root);
    expect([withFolder.cached.reused, withFolder.cached.stderr]).toEqual([false, expect.stringContaining("warning unknown-file")]);
  });

  it("a record of another generator fingerprint, or not intact, is never served", async () => {
    const p = await cachedProject();
    const cacheDir = join(p.root, "node_modules", ".cache", "scim-codegen");
    const sources = await readDefinitionSources(p.definitionsDir, p.root, new DiagnosticSink());
    const stored = await readCompiledResult(cacheDir, p.definitionsDir, sources);
    expect(stored?.files.length).toBeGreaterThan(10);
    // Stored by "another generator": this one does not read it, and the other one does.
    await writeCompiledResult(cacheDir, p.definitionsDir, sources, stored!, "another generator");
    expect(await readCompiledResult(cacheDir, p.definitionsDir, sources)).toBeUndefined();
    expect(await readCompiledResult(cacheDir, p.definitionsDir, sources, "another generator")).toEqual(stored);
    const { cached } = await bothWays(check, p.root);
    expect([cached.code, cached.reused]).toEqual([0, false]);

    // One byte of the body changed (a file's text), the header left as it was: the digest refuses it.
    const file = compiledResultFile(cacheDir, p.definitionsDir);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("DO NOT EDIT", "DO NOT EDIT!"));
    const tampered = await bothWays(check, p.root);
    expect([tampered.cached.code, tampered.cached.reused]).toEqual([0, false]);
    // Cut short: refused too.
    await writeFile(file, (await readFile(file, "utf8")).slice(0, 200));
    expect((await bothWays(check, p.root)).cached.reused).toBe(false);
    expect(generatorFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("an unchanged run in a process of its own", () => {
  it("loads none of the compiler's dependencies (yaml, ajv, ts-morph, typescript, prettier, handlebars)", async () => {
    const p = await cachedProject();
    const loads = join(p.root, "loads.txt");
    // tsx from this repository (the temp project has no node_modules), to run the CLI from its sources.
    const tsxLoader = pathToFileURL(createRequire(join(repoRoot, "package.json")).resolve("tsx")).href;
    const run = (): string =>
      execFileSync(process.execPath, ["--import", tsxLoader, "--import", pathToFileURL(join(repoRoot, "test/generator/support/record-loads.mjs")).href, join(repoRoot, "generator/cli.ts"), "generate", ...check], {
        cwd: p.root,
        env: { ...process.env, SCIM_RECORD_LOADS: loads },
        encoding: "utf8",
      });
    expect(run()).toBe("scim-codegen: generated is up to date with definitions\n");
    const loaded = (await readFile(loads, "utf8")).split("\n");
    // The recorder sees every module: the generator's own are there.
    expect(loaded.some((url) => url.endsWith("/generator/run-generate.ts"))).toBe(true);
    const heavy = loaded.filter((url) => /\/node_modules\/(yaml|ajv|ajv-formats|ts-morph|@ts-morph|typescript|prettier|handlebars)\//.test(url));
    expect(heavy).toEqual([]);

    // The same recorder, once the inputs changed: the compiler is loaded (the test can fail).
    await writeFile(join(p.definitionsDir, "scim-codegen.yaml"), "# changed\nadapters: []\n");
    await rm(loads);
    run();
    expect((await readFile(loads, "utf8")).split("\n").some((url) => url.includes("/node_modules/ts-morph/"))).toBe(true);
  });
});
