import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { regenerateCommands, shellQuote } from "../../generator/cli/remedy.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { readTree } from "../helpers/tree.js";
import { cli, tempApp } from "./helpers.js";
import { readJsonFile } from "../helpers/json.js";

let app: Awaited<ReturnType<typeof tempApp>> | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

async function appWithConfig(): Promise<string> {
  app = await tempApp(`${JSON.stringify({ name: "a", scripts: { "scim:generate": "scim-codegen generate", "scim:check": "scim-codegen generate --check" } }, null, 2)}\n`);
  for (const [path, text] of Object.entries(minimalDefinitions)) {
    await mkdir(join(app.root, "scim", path, ".."), { recursive: true });
    await writeFile(join(app.root, "scim", path), text);
  }
  await writeFile(join(app.root, "scim-codegen.config.json"), '{ "definitions": "scim/definitions", "out": "scim/generated" }\n');
  return app.root;
}

describe("the drift remedy names the command the user ran", () => {
  it("from a shell: the same command and flags minus --check, quoted for the shell", () => {
    expect(regenerateCommands(["--check", "--definitions", "scim/definitions", "--out", "my out", "--no-cache"], {})).toEqual([
      "npx scim-codegen generate --definitions scim/definitions --out 'my out' --no-cache",
    ]);
    expect(regenerateCommands(["--out", "it's $HOME", "--check"], { npm_lifecycle_event: "npx" })).toEqual([`npx scim-codegen generate --out 'it'\\''s $HOME'`]);
    expect(shellQuote("a;rm -rf ~")).toBe("'a;rm -rf ~'");
    expect(shellQuote("scim/generated")).toBe("scim/generated");
  });

  it("`npm run generate -- --check` (this repository): `npm run generate`, extra flags after --", () => {
    const env = { npm_lifecycle_event: "generate", npm_lifecycle_script: "node scripts/run-cli.mjs generate" };
    expect(regenerateCommands(["--check"], env)).toEqual(["npm run generate"]);
    expect(regenerateCommands(["--check", "--no-cache"], env)).toEqual(["npm run generate -- --no-cache"]);
  });

  it("`npm run scim:check`: `npm run scim:generate` too, when the package has that script", async () => {
    const root = await appWithConfig();
    const env = { npm_lifecycle_event: "scim:check", npm_lifecycle_script: "scim-codegen generate --check", npm_package_json: join(root, "package.json") };
    expect(regenerateCommands(["--check"], env)).toEqual(["npm run scim:generate", "npx scim-codegen generate"]);
    expect(regenerateCommands(["--check"], { ...env, npm_package_json: join(repoRoot, "package.json") })).toEqual(["npx scim-codegen generate"]);

    expect((await cli(["generate", "--no-cache"], root)).code).toBe(0);
    await appendFile(join(root, "scim/generated/json/Schemas.json"), "\n");
    const r = await cli(["generate", "--check", "--no-cache"], root, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("scim-codegen: scim/generated is out of date with the definitions (1 file):");
    expect(r.stderr).toContain("Run `npm run scim:generate` (or `npx scim-codegen generate --no-cache`) and commit the result; never edit scim/generated/ by hand.\n");
    expect(r.stderr).not.toContain(tmpdir());
  });
});

describe("names in the user's terms, never absolute", () => {
  it("diagnostics name files relative to the working directory", async () => {
    const root = await appWithConfig();
    await writeFile(join(root, "scim/definitions/resource-types/group.yaml"), "name: Group\nendpoint: /Groups\n");
    const fromRoot = await cli(["generate", "--no-cache"], root);
    expect(fromRoot.stderr).toMatch(/^scim\/definitions\/resource-types\/group\.yaml:1:1 - error missing-key/);
    const fromBelow = await cli(["generate", "--no-cache"], join(root, "scim/definitions"));
    expect(fromBelow.stderr).toMatch(/^resource-types\/group\.yaml:1:1 - error missing-key/);
    expect(fromRoot.stderr + fromBelow.stderr).not.toContain(tmpdir());
  });

  it("a refusal about a folder beside the working directory names it relatively, not absolutely", async () => {
    const root = await appWithConfig();
    await mkdir(join(root, "scim/generated/json"), { recursive: true });
    await writeFile(join(root, "scim/generated/json/Schemas.json"), "mine\n");
    await mkdir(join(root, "src"), { recursive: true });
    const r = await cli(["generate", "--no-cache"], join(root, "src"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scim-codegen: \.\.\/scim\/generated\/json\/Schemas\.json: is in the way .* choose another --out for \.\.\/scim\/generated\n$/);
    expect(r.stderr).not.toContain(tmpdir());
  });

  it("generated headers are relative to the config's folder: the same bytes wherever the command runs", async () => {
    const root = await appWithConfig();
    await writeFile(join(root, "scim/definitions/scim-codegen.yaml"), "adapters: [express]\n");
    expect((await cli(["generate", "--no-cache"], root)).code).toBe(0);
    const first = await readTree(join(root, "scim/generated"));
    const schemaModule = (await readFile(join(root, "scim/generated/packages/core/schemas/user.js"), "utf8")).split("\n")[0];
    expect(schemaModule).toBe("// Code generated by scim-codegen from scim/definitions/schemas/user.yaml. DO NOT EDIT.");
    for (const [path, bytes] of first) expect(bytes.toString("utf8"), path).not.toContain(tmpdir());
    // Every file that names the definitions (headers, READMEs) names them as the project does.
    const naming = [...first].filter(([, bytes]) => /definitions\//.test(bytes.toString("utf8")));
    expect(naming.map(([path]) => path)).toEqual(expect.arrayContaining(["openapi/openapi.yaml", "openapi/redocly.yaml", "openapi/README.md", "packages/express/README.md"]));
    for (const [path, bytes] of naming) expect(bytes.toString("utf8"), path).not.toMatch(/(?<![\w/-])definitions\//);
    // From a sub-folder the run finds the config, and writes nothing: every byte is the same.
    await mkdir(join(root, "src"), { recursive: true });
    const again = await cli(["generate", "--no-cache"], join(root, "src"));
    expect(again.stdout).toMatch(/^scim-codegen: 0 written, \d+ unchanged, 0 removed \(\.\.\/scim\/generated\)\n$/);
    expect(await readTree(join(root, "scim/generated"))).toEqual(first);
  });
});

describe("--version and --help", () => {
  it("--version prints the tool's package.json version", async () => {
    const { version } = await readJsonFile(join(repoRoot, "package.json")) as { version: string };
    for (const flag of ["--version", "-v"]) expect(await cli([flag], repoRoot)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("each command has its own help; the main help lists the commands", async () => {
    const texts = new Map<string, string>();
    for (const args of [["--help"], ["generate", "--help"], ["check", "--help"], ["init", "--help"], ["init", "-h"], ["generate", "-h"]]) {
      const r = await cli(args, repoRoot);
      expect([r.code, r.stderr], args.join(" ")).toEqual([0, ""]);
      texts.set(args.join(" "), r.stdout);
    }
    expect(new Set([...texts.values()]).size).toBe(4);
    expect(texts.get("--help")).toMatch(/Commands:\n  init .*\n[\s\S]*  generate .*\n[\s\S]*  check /);
    expect(texts.get("generate --help")).toMatch(/^Usage: scim-codegen generate/);
    for (const option of ["--definitions DIR", "--out DIR", "--check", "--watch", "--no-cache", "scim-codegen.config.json"]) expect(texts.get("generate --help")).toContain(option);
    expect(texts.get("init --help")).toMatch(/^Usage: scim-codegen init/);
    for (const option of ["--dir DIR", "--adapters LIST", "scim:generate", "scim:check"]) expect(texts.get("init --help")).toContain(option);
    expect(texts.get("check --help")).toMatch(/^Usage: scim-codegen check <baseUrl>/);
  });
});
