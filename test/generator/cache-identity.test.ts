// Every way a run can get its output gives the same bytes: no cache at all, a cold transform cache, a warm
// one, the stored compile (generator/cache/compiled-result.ts), and the runtimes' modules from the build's
// table (generator/format/precompiled-modules.ts) or compiled on the spot.

import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compiledResultFile } from "../../generator/cache/compiled-result.js";
import { emitRuntime } from "../../generator/emit/core-package/emit-core-package.js";
import { emitValidationRuntime } from "../../generator/emit/validators/emit-validators.js";
import { formatFiles } from "../../generator/format/format-files.js";
import { precompiledModulesFileName, precompiledOutputs, shippedMemoKinds, withShippedEntries, type PrecompiledTable } from "../../generator/format/precompiled-modules.js";
import { cacheKey, noCache } from "../../generator/cache/transform-cache.js";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { parseDefinitionSources } from "../../generator/load/definition-files.js";
import { readDefinitionSources } from "../../generator/load/definition-sources.js";
import { runGenerate } from "../../generator/run-generate.js";
import { repoRoot } from "../helpers/repo.js";
import { readTree } from "../helpers/tree.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let work: TempProject;
beforeAll(async () => {
  work = await tempProject({});
});
afterAll(async () => {
  await work.dispose();
});

describe("output is byte-identical with and without the caches", () => {
  it("on the default definitions: no cache, cold cache, stored compile, warm transform cache, and the committed tree", async () => {
    const cacheDir = join(work.root, "cache");
    const definitionsDir = join(repoRoot, "definitions");
    const run = async (out: string, withCache: boolean) => {
      const result = await runGenerate({ definitionsDir, outDir: join(work.root, out), check: false, cwd: repoRoot, ...(withCache ? { cacheDir } : {}) });
      expect(result.status).toBe("written");
      return { tree: await readTree(join(work.root, out)), reused: result.reusedCompile };
    };
    const none = await run("none", false);
    const cold = await run("cold", true);
    const stored = await run("stored", true);
    await rm(compiledResultFile(cacheDir, definitionsDir));
    const warm = await run("warm", true);
    expect([none.reused, cold.reused, stored.reused, warm.reused]).toEqual([false, false, true, false]);
    const committed = await readTree(join(repoRoot, "generated"));
    for (const [path, bytes] of none.tree) expect(committed.get(path), path).toEqual(bytes);
    expect(cold.tree).toEqual(none.tree);
    expect(stored.tree).toEqual(none.tree);
    expect(warm.tree).toEqual(none.tree);
  }, 300_000); // four full runs of the default definitions
});

describe("the build's table of the runtimes' modules", () => {
  let table: PrecompiledTable;
  beforeAll(async () => {
    // The table is made by the build (scripts/build.mjs); this builds dist/ when older than the sources.
    execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs")], { stdio: "inherit" });
    const url = pathToFileURL(join(repoRoot, "dist/generator/format", precompiledModulesFileName)).href;
    table = ((await import(url)) as { default: PrecompiledTable }).default;
  }, 120_000);

  it("holds every runtime module, each exactly as compiling and formatting it gives", async () => {
    const modules = [...emitRuntime(), ...emitValidationRuntime()];
    expect(modules.length).toBeGreaterThan(15);
    for (const module of modules) {
      const fromTable = precompiledOutputs(module, table);
      expect(fromTable, module.path).toBeDefined();
      const compiled = await formatFiles([module], noCache, null);
      expect(await formatFiles(fromTable!, noCache, null)).toEqual(compiled);
    }
  });

  it("holds the definition format's ajv code exactly as validating computes it, under the key memoFrom looks up", async () => {
    const computed: Record<string, string> = {};
    const sink = new DiagnosticSink();
    const sources = await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink);
    // A fresh copy of the validation modules: the runs above left the compiled validators in the module
    // (definition-format.ts keeps them per process), and then the memo is never asked.
    vi.resetModules();
    const { validateDefinitions } = (await import("../../generator/validate/validate-definitions.js")) as typeof import("../../generator/validate/validate-definitions.js");
    validateDefinitions(parseDefinitionSources(sources, sink), sink, (kind, input, compute) => {
      const value = compute();
      if (shippedMemoKinds.includes(kind)) computed[cacheKey("memo", kind, input)] = value;
      return value;
    });
    expect(Object.keys(computed)).toHaveLength(shippedMemoKinds.length);
    expect(table.memo).toEqual(computed);
    // Served before the cache behind it, and only for its own key.
    const [key, value] = Object.entries(computed)[0]!;
    const layered = withShippedEntries(noCache, table);
    expect([layered.get(key), layered.get(cacheKey("memo", "ajv definition format", "another input"))]).toEqual([value, undefined]);
  });

  it("serves no module whose text differs from the one it was made from", () => {
    const [module] = emitRuntime();
    expect(precompiledOutputs(module!, table)).toBeDefined();
    expect(precompiledOutputs({ ...module!, contents: `${module!.contents}// edited\n` }, table)).toBeUndefined();
    expect(precompiledOutputs({ ...module!, path: module!.path.replace("runtime/", "runtime2/") }, table)).toBeUndefined();
  });
});
