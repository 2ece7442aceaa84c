import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configKeys } from "../../generator/load/config.js";
import { jsonProblem } from "../../generator/load/json-text.js";
import { repoRoot } from "../helpers/repo.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { readTree } from "../helpers/tree.js";
import { cli, tempApp } from "./helpers.js";
import { readJsonFile } from "../helpers/json.js";

let app: Awaited<ReturnType<typeof tempApp>> | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

/** An app with the minimal definitions under scim/definitions and `config` as scim-codegen.config.json. */
async function appWith(config: string | null): Promise<string> {
  app = await tempApp("{}\n");
  for (const [path, text] of Object.entries(minimalDefinitions)) {
    const target = join(app.root, "scim", path);
    await mkdir(join(target, ".."), { recursive: true });
    await writeFile(target, text);
  }
  if (config !== null) await writeFile(join(app.root, "scim-codegen.config.json"), config);
  return app.root;
}

describe("scim-codegen.config.json", () => {
  it("is found from the working directory and its parents; flags override it", async () => {
    const root = await appWith('{ "definitions": "scim/definitions", "out": "scim/generated" }\n');
    await mkdir(join(root, "src/deep"), { recursive: true });
    const fromBelow = await cli(["generate", "--no-cache"], join(root, "src/deep"));
    expect([fromBelow.code, fromBelow.stderr]).toEqual([0, ""]);
    expect(fromBelow.stdout).toMatch(/ \(\.\.\/\.\.\/scim\/generated\)\n$/);
    const overridden = await cli(["generate", "--no-cache", "--out", "elsewhere"], root);
    expect([overridden.code, overridden.stdout]).toEqual([0, expect.stringMatching(/ \(elsewhere\)\n$/)]);
    expect((await readTree(join(root, "elsewhere"))).size).toBeGreaterThan(0);
  });

  it("stops looking at the nearest package.json: a config above the project is not this project's", async () => {
    const root = await appWith('{ "definitions": "scim/definitions" }\n');
    await mkdir(join(root, "inner"), { recursive: true });
    await writeFile(join(root, "inner/package.json"), "{}\n");
    const r = await cli(["generate", "--no-cache"], join(root, "inner"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^definitions:1:1 - error no-definitions: The definitions folder does not exist/);
  });

  const bad: [string, string, RegExp][] = [
    ["not JSON", '{\n  "definitions": "scim/definitions",\n}\n', /^scim-codegen: scim-codegen\.config\.json:3:1 - not valid JSON \(a trailing comma is not JSON; remove it\)/],
    ["an unknown key", '{\n  "definitions": "scim/definitions",\n  "outDir": "x"\n}\n', /^scim-codegen: scim-codegen\.config\.json:3:3 - unknown key "outDir"; the config knows "\$schema", "definitions", "out"\.\n$/],
    ["a path that is not a string", '{ "out": 42 }', /^scim-codegen: scim-codegen\.config\.json:1:10 - "out" must be a non-empty folder path/],
    ["an absolute path", '{ "out": "/tmp/x" }', /^scim-codegen: scim-codegen\.config\.json:1:10 - "out" must be relative to scim-codegen\.config\.json/],
    ["a path out of its folder", '{ "out": "../../escape" }', /^scim-codegen: scim-codegen\.config\.json:1:10 - "out" must stay inside the folder of scim-codegen\.config\.json \(no \.\.\)/],
    ["definitions out of its folder", '{ "definitions": "../defs" }', /^scim-codegen: scim-codegen\.config\.json:1:18 - "definitions" must stay inside the folder/],
    ["an array", "[]", /^scim-codegen: scim-codegen\.config\.json:1:1 - the config must be a JSON object/],
    ["a duplicate key", '{ "out": "a", "out": "b" }', /^scim-codegen: scim-codegen\.config\.json:1:15 - /],
  ];
  for (const [name, text, message] of bad) {
    it(`a config with ${name} is one line with file:line:col, exit 2, nothing written`, async () => {
      const root = await appWith(text);
      for (const args of [["generate"], ["generate", "--check"]]) {
        const r = await cli([...args, "--no-cache"], root);
        expect([r.code, r.stdout]).toEqual([2, ""]);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      }
      expect((await readTree(join(root, "scim/generated"))).size).toBe(0);
    });
  }

  it("jsonProblem locates what JSON.parse refuses, and accepts what it accepts", () => {
    const samples = ["{}", '{"a": [1, 2.5e3, true, null, "x\\u0041"]}', "[", "{,}", '{"a" 1}', '{"a": 01}', '"\\x"', "{} x", '{"a": [1,]}', "\uFEFF{}", '"a\nb"', "nul", "[[[[]]]]", ""];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch {
        valid = false;
      }
      expect(jsonProblem(text) === undefined, text).toBe(valid);
    }
    expect(jsonProblem('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, col: 3, reason: 'expected "," or "}", found "\\""' });
  });
});

describe("a config whose bytes are not UTF-8", () => {
  it("is one line at the bad byte, as a definition file would be, not a folder named with U+FFFD", async () => {
    const root = await appWith("{}");
    await writeFile(join(root, "scim-codegen.config.json"), Buffer.concat([Buffer.from('{ "out": "gen'), Buffer.from([0xe9]), Buffer.from('" }\n')]));
    const r = await cli(["generate", "--no-cache"], root);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^scim-codegen: scim-codegen\.config\.json:1:14 - The file is not UTF-8: byte 0xE9 /);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("the config's JSON Schema (for editors)", () => {
  it("lists exactly the keys the loader knows, and no others", async () => {
    const schema = await readJsonFile(join(repoRoot, "generator/definition-format/config.schema.json")) as { properties: object; additionalProperties: boolean };
    expect(Object.keys(schema.properties).sort()).toEqual([...configKeys].sort());
    expect(schema.additionalProperties).toBe(false);
  });
});
