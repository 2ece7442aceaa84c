import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { planInit, applyInit } from "../../generator/init/init-project.js";
import { repoRoot } from "../helpers/repo.js";
import { readTree, snapshotTree } from "../helpers/tree.js";
import { cli, tempApp } from "./helpers.js";
import { readJsonFile } from "../helpers/json.js";

let app: Awaited<ReturnType<typeof tempApp>> | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

const expressApp = `{
    "name": "my-app",
    "version": "1.0.0",
    "type": "module",
    "scripts": {
        "start": "node server.js"
    },
    "dependencies": {
        "express": "^5.1.0"
    }
}
`;

/** The `$schema` path of a YAML definition's first line, resolved from the file. */
function schemaTarget(file: string, text: string): string {
  const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
  if (!m) throw new Error(`no $schema comment in ${file}`);
  return resolve(dirname(file), m[1]!);
}

describe("scim-codegen init", () => {
  it("writes the default definitions, the config and the two scripts; then generate and --check need no flags", async () => {
    app = await tempApp(expressApp);
    const init = await cli(["init"], app.root);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    // The next three steps, with the exact commands.
    expect(init.stdout).toContain("1. npm run scim:generate");
    expect(init.stdout).toContain("2. npm install ./scim/generated/packages/express");
    expect(init.stdout).toContain("3. Mount it: scim/generated/packages/express/README.md");
    expect(init.stdout).toContain("Adapters: express (the frameworks your package.json depends on)");

    // The repository's own definitions, byte for byte but for the $schema comments, which resolve.
    const written = await readTree(join(app.root, "scim/definitions"));
    const defaults = await readTree(join(repoRoot, "definitions"));
    expect([...written.keys()].sort()).toEqual([...defaults.keys()].sort());
    for (const [rel, bytes] of written) {
      const file = join(app.root, "scim/definitions", rel);
      const text = bytes.toString("utf8");
      const target = schemaTarget(file, text);
      expect(existsSync(target), `${rel} -> ${target}`).toBe(true);
      expect(target).toBe(join(repoRoot, "generator/definition-format", /([a-z-]+\.schema\.json)$/.exec(target)![1]!));
      const strip = (t: string): string => t.replace(/^# yaml-language-server: .*\n/, "").replace(/^adapters:.*\n/m, "").replace(/scim\/generated\//g, "generated/");
      expect(strip(text)).toBe(strip(defaults.get(rel)!.toString("utf8")));
    }
    expect(written.get("scim-codegen.yaml")!.toString()).toMatch(/^adapters: \[express\]$/m);

    // package.json: indentation, key order and final newline kept; two scripts added.
    const pkg = await readFile(join(app.root, "package.json"), "utf8");
    expect(pkg).toBe(expressApp.replace(`"start": "node server.js"\n`, `"start": "node server.js",\n        "scim:generate": "scim-codegen generate",\n        "scim:check": "scim-codegen generate --check"\n`));
    const config = await readJsonFile(join(app.root, "scim-codegen.config.json")) as Record<string, string>;
    expect(config.definitions).toBe("scim/definitions");
    expect(config.out).toBe("scim/generated");
    expect(existsSync(resolve(app.root, config.$schema!))).toBe(true);

    const generate = await cli(["generate"], app.root);
    expect([generate.code, generate.stderr]).toEqual([0, ""]);
    expect(generate.stdout).toMatch(/^scim-codegen: \d+ written, 0 unchanged, 0 removed \(scim\/generated\)\n$/);
    // Only the adapter named in the config is generated.
    expect((await readTree(join(app.root, "scim/generated/packages"))).has("fastify/package.json")).toBe(false);
    expect((await readTree(join(app.root, "scim/generated/packages"))).has("express/package.json")).toBe(true);
    const check = await cli(["generate", "--check"], app.root);
    expect([check.code, check.stdout]).toEqual([0, "scim-codegen: scim/generated is up to date with scim/definitions\n"]);
    // From a folder below the app the config is found too; names are relative to where the user is.
    const below = await cli(["generate", "--check"], join(app.root, "scim"));
    expect([below.code, below.stdout]).toEqual([0, "scim-codegen: generated is up to date with definitions\n"]);
  });

  it("computes the $schema paths from where the tool is installed: in the app, hoisted above it", async () => {
    app = await tempApp(null);
    for (const install of ["app/node_modules/scim-codegen", "node_modules/scim-codegen"]) {
      const toolRoot = join(app.root, install);
      await cp(join(repoRoot, "definitions"), join(toolRoot, "definitions"), { recursive: true });
      await cp(join(repoRoot, "generator/definition-format"), join(toolRoot, "generator/definition-format"), { recursive: true });
      const appDir = join(app.root, install.startsWith("app/") ? "app" : "workspace/packages/web");
      await mkdir(appDir, { recursive: true });
      await writeFile(join(appDir, "package.json"), "{}\n");
      const plan = await planInit({ appDir, dir: "scim", toolRoot });
      for (const [file, text] of plan.files) {
        if (!file.endsWith(".yaml")) continue;
        expect(schemaTarget(file, text).startsWith(join(toolRoot, "generator/definition-format/"))).toBe(true);
        expect(existsSync(schemaTarget(file, text))).toBe(true);
      }
      await applyInit(plan);
      const user = await readFile(join(appDir, "scim/definitions/schemas/user.yaml"), "utf8");
      expect(user.split("\n")[0]).toBe(
        install.startsWith("app/")
          ? "# yaml-language-server: $schema=../../../node_modules/scim-codegen/generator/definition-format/schema.schema.json"
          : "# yaml-language-server: $schema=../../../../../../node_modules/scim-codegen/generator/definition-format/schema.schema.json",
      );
      // No framework dependency: the node:http adapter, and the message says how to change it.
      expect(plan.adapters).toEqual(["node"]);
    }
  });

  it("--dir and --adapters; a package.json without a final newline, with tabs and CRLF, keeps them", async () => {
    app = await tempApp('{\r\n\t"name": "x",\r\n\t"dependencies": {"fastify": "5"}\r\n}');
    const init = await cli(["init", "--dir", "tools/scim", "--adapters", "koa,hono,koa"], app.root);
    expect([init.code, init.stderr]).toEqual([0, ""]);
    expect(init.stdout).toContain("Adapters: koa, hono (as --adapters asked)");
    expect(init.stdout).toContain("npm install ./tools/scim/generated/packages/koa ./tools/scim/generated/packages/hono");
    expect(await readFile(join(app.root, "package.json"), "utf8")).toBe(
      '{\r\n\t"name": "x",\r\n\t"dependencies": {\r\n\t\t"fastify": "5"\r\n\t},\r\n\t"scripts": {\r\n\t\t"scim:generate": "scim-codegen generate",\r\n\t\t"scim:check": "scim-codegen generate --check"\r\n\t}\r\n}',
    );
    expect(await readFile(join(app.root, "tools/scim/definitions/scim-codegen.yaml"), "utf8")).toMatch(/^adapters: \[koa, hono\]$/m);
  });

  it("--adapters django,fastapi: the Python package, its pip install and where each adapter mounts; generate writes it", async () => {
    app = await tempApp("{}\n");
    const init = await cli(["init", "--adapters", "fastapi,django,express"], app.root);
    expect([init.code, init.stderr]).toEqual([0, ""]);
    expect(init.stdout).toContain("Adapters: fastapi, django, express (as --adapters asked)");
    const steps = init.stdout.slice(init.stdout.indexOf("  2. "));
    expect(steps).toBe(
      [
        "  2. npm install ./scim/generated/packages/express",
        "       the adapter and the core package it needs",
        "     pip install './scim/generated/python/scim_discovery[fastapi,django]'",
        "       into your Python app's environment: scim_discovery and the frameworks of its adapters",
        "  3. Mount it: scim/generated/packages/express/README.md, scim/generated/python/scim_discovery/README.md shows how, with a per-tenant token check",
        '       FastAPI: scim_discovery.fastapi.include(app, "/api/0/organizations/{org}/scim/v2", origin=...)',
        '       Django, in urls.py: path("api/0/organizations/<str:org>/scim/v2", include(scim_discovery.django.urls(origin=...)))',
        "",
      ].join("\n"),
    );
    expect(await readFile(join(app.root, "scim/definitions/scim-codegen.yaml"), "utf8")).toMatch(/^adapters: \[fastapi, django, express\]$/m);
    const generate = await cli(["generate"], app.root);
    expect([generate.code, generate.stderr]).toEqual([0, ""]);
    // The project the pip line names, with both adapter modules.
    for (const module of ["django.py", "fastapi.py"]) {
      expect((await readFile(join(app.root, "scim/generated/python/scim_discovery/scim_discovery", module), "utf8")).length).toBeGreaterThan(0);
    }
    await readFile(join(app.root, "scim/generated/python/scim_discovery/pyproject.toml"), "utf8");
  });

  it("--adapters django alone: no npm install step", async () => {
    app = await tempApp("{}\n");
    const init = await cli(["init", "--adapters", "django"], app.root);
    expect([init.code, init.stderr]).toEqual([0, ""]);
    expect(init.stdout).not.toContain("npm install");
    expect(init.stdout).toContain("  2. pip install './scim/generated/python/scim_discovery[django]'\n");
    expect(init.stdout).not.toContain("FastAPI");
  });

  describe("refuses with one line, exit 2, and writes nothing", () => {
    const cases: [string, string | null, string[], (root: string) => Promise<void>, RegExp][] = [
      ["no package.json", null, [], async () => undefined, /^scim-codegen init: no package\.json here; .*npm init -y/],
      ["package.json that is not JSON", '{"name": "x",\n  "version": }\n', [], async () => undefined, /^scim-codegen init: package\.json:2:14: not valid JSON/],
      ["--dir ../x", "{}\n", ["--dir", "../x"], async () => undefined, /must stay inside your app folder/],
      ["--dir /abs", "{}\n", ["--dir", "/tmp/scim"], async () => undefined, /not an absolute one/],
      // Written into YAML comments and the commands init prints: a newline made a YAML line, `$(…)` a command.
      ["--dir with a newline", "{}\n", ["--dir", "new\nline"], async () => undefined, /^scim-codegen init: --dir new\\u000aline: "\\n" is not allowed in a folder name here/],
      ["--dir with a command substitution", "{}\n", ["--dir", "$(touch pwned)"], async () => undefined, /"\$" is not allowed in a folder name here/],
      ["--dir with a space", "{}\n", ["--dir", "a b"], async () => undefined, /" " is not allowed in a folder name here; use letters, digits/],
      ["a dir that is a file", "{}\n", ["--dir", "scim"], (root) => writeFile(join(root, "scim"), "x"), /^scim-codegen init: scim is a file, not a folder/],
      ["a dir that is a symbolic link", "{}\n", ["--dir", "scim"], (root) => symlink(root, join(root, "scim")), /^scim-codegen init: scim is a symbolic link/],
      ["an existing definition file", "{}\n", [], async (root) => {
        await mkdir(join(root, "scim/definitions/schemas"), { recursive: true });
        await writeFile(join(root, "scim/definitions/schemas/group.yaml"), "mine\n");
      }, /^scim-codegen init: scim\/definitions\/schemas\/group\.yaml already exists; init never overwrites/],
      ["an existing config", "{}\n", [], (root) => writeFile(join(root, "scim-codegen.config.json"), "{}"), /^scim-codegen init: scim-codegen\.config\.json already exists/],
      ["an existing script", '{"scripts": {"scim:check": "x"}}\n', [], async () => undefined, /already has a script "scim:check"/],
      ["an unknown adapter", "{}\n", ["--adapters", "express,flask"], async () => undefined, /"flask" is not an adapter; use express, fastify, hono, koa, next, node, django, fastapi/],
    ];
    for (const [name, pkg, args, arrange, message] of cases) {
      it(name, async () => {
        app = await tempApp(pkg);
        await arrange(app.root);
        const before = await snapshotTree(app.root);
        const { code, stdout, stderr } = await cli(["init", ...args], app.root);
        expect([code, stdout]).toEqual([2, ""]);
        expect(stderr).toMatch(message);
        expect(stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(await snapshotTree(app.root)).toEqual(before);
      });
    }
  });
});
