// `scim-codegen diff` validates both versions of the definitions but never emits: through the bin it must
// load no more than that needs. The definition format's validators come as ajv standalone code from the
// build (dist/generator/cache/precompiled-memo.data.js), so ajv's compiler (ajv/dist/core.js and the
// 2020 draft's vocabularies, about a third of the floor to load) must stay unloaded, with the transform
// cache and with --no-cache. Runs the built CLI (dist/), as a user does: the shipped entries exist only there.

import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { defaultDefinitionFiles, tempProject, type TempProject } from "../helpers/temp-project.js";
import { repoRoot } from "../helpers/repo.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

/** Runs `scim-codegen diff <args>` from dist/ in `cwd`; returns its stdout and the CommonJS modules it loaded. */
async function diffLoads(args: readonly string[], cwd: string): Promise<{ stdout: string; loaded: string[] }> {
  const file = join(cwd, "cjs-loads.txt");
  const recorder = pathToFileURL(join(repoRoot, "test/generator/support/record-cjs-loads.mjs")).href;
  const stdout = execFileSync(process.execPath, ["--import", recorder, join(repoRoot, "dist/generator/cli.js"), "diff", ...args], {
    cwd,
    env: { ...process.env, SCIM_RECORD_CJS_LOADS: file },
    encoding: "utf8",
  });
  return { stdout, loaded: (await readFile(file, "utf8")).split("\n") };
}

const ajvCompiler = (path: string): boolean => /\/node_modules\/ajv\/dist\/(core|2020|ajv|compile\/index)\.js$/.test(path);

describe("diff through the bin", () => {
  for (const cache of [[], ["--no-cache"]]) {
    it(`validates with the shipped validators and never loads ajv's compiler ${cache.join(" ") || "(with the cache)"}`, async () => {
      const files = await defaultDefinitionFiles(repoRoot);
      const copy = Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^definitions\//, "previous/"), text]));
      project = await tempProject({ ...files, ...copy });
      const { stdout, loaded } = await diffLoads(["--against", "previous", ...cache], project.root);
      expect(stdout).toBe("scim-codegen diff: no changes against previous.\n");
      // The recorder sees what diff needs: the YAML parser, and ajv's run-time helpers that the shipped
      // standalone validators require (so a load of ajv's compiler would be seen too).
      expect(loaded.some((path) => path.includes("/node_modules/yaml/dist/"))).toBe(true);
      expect(loaded.some((path) => path.includes("/node_modules/ajv/dist/runtime/"))).toBe(true);
      expect(loaded.filter(ajvCompiler)).toEqual([]);
      expect(loaded.filter((path) => /\/node_modules\/(@ts-morph|ts-morph|typescript|prettier|handlebars)\//.test(path))).toEqual([]);
    });
  }
});
