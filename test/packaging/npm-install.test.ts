import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyShippedDefinitions, createTempApp, packTool, repoPinnedVersion, type TempApp } from "../helpers/temp-app.js";
import { readJsonFile } from "../helpers/json.js";

// The tool as a user gets it: `npm pack`, the tarball installed into an app outside the repository with
// nothing but Node and npm, a generate there into scim/generated, and one generated adapter installed
// from its folder. One tarball and one install serve every test in the file.

const generateArgs = ["scim-codegen", "generate", "--definitions", "scim/definitions", "--out", "scim/generated"];

/** An ES module and a CommonJS module that import the adapter, the core and its runtime. */
const consumer = (framework: "express"): string => `import { scimDiscovery } from "@scim-discovery/${framework}";
import { serviceProviderConfig, findSchema, SchemaUrn, type User } from "@scim-discovery/core";
import { getHeader } from "@scim-discovery/core/runtime";

const handler = scimDiscovery({ origin: "http://127.0.0.1", authenticate: (request) => getHeader(request.headers, "authorization") === "Bearer t" });
const maxResults: number = serviceProviderConfig.filter.maxResults;
const user: Pick<User, "userName"> = { userName: "ada" };
console.log(typeof handler, maxResults, findSchema(SchemaUrn.User)?.name, user.userName);
`;

describe("the packed tool in an app outside the repository (npm)", () => {
  let app: TempApp;
  let before: string[];

  beforeAll(async () => {
    const tarball = await packTool();
    app = await createTempApp({
      install: [tarball, ...(await Promise.all(["express", "typescript", "@types/express", "@types/node"].map(repoPinnedVersion)))],
    });
    before = await app.topLevelPackages();
  }, 300_000);
  afterAll(async () => {
    await app?.dispose();
  });

  it("installs the build and the data files the generator reads, and nothing of the repository's own", async () => {
    const root = join(app.dir, "node_modules", "scim-codegen");
    const pkg = await readJsonFile(join(root, "package.json")) as Record<string, unknown>;
    expect(pkg["private"]).toBeUndefined();
    expect(pkg["bin"]).toEqual({ "scim-codegen": "dist/generator/cli.js" });
    expect(Object.keys(pkg["dependencies"] as object).sort()).toEqual(["ajv", "ajv-formats", "handlebars", "prettier", "ts-morph", "yaml"]);
    const top = (await readdir(root)).sort();
    expect(top).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "definitions", "dist", "generator", "package.json", "templates"]);
    expect((await readdir(join(root, "generator"))).sort()).toEqual(["builtin-definitions", "definition-format", "runtime", "runtime-python", "validation-runtime"]);
    expect((await readdir(join(root, "dist"))).sort()).toEqual(["generator"]); // no .tsbuildinfo
    expect(await readdir(join(root, "dist", "generator"))).toEqual(expect.arrayContaining(["cli.js", "cli.d.ts", "pipeline.js", "pipeline.d.ts"]));
    expect((await readdir(join(root, "definitions"))).sort()).toEqual(["resource-types", "schemas", "scim-codegen.yaml", "service-provider-config.yaml"]);
    // The test suite and dev tools stay out of the user's node_modules.
    expect(before).not.toContain("vitest");
    expect(before).not.toContain("fastify");
  });

  it("runs npx scim-codegen --help", async () => {
    const out = await app.runOk("npx", ["--no-install", "scim-codegen", "--help"]);
    expect(out).toContain("Usage:");
    expect(out).toContain("scim-codegen generate");
  });

  describe("generated into scim/generated, with the express adapter installed from its folder", () => {
    beforeAll(async () => {
      await copyShippedDefinitions(app, ["express", "fastify"]);
      await app.runOk("npx", ["--no-install", ...generateArgs]);
      await app.runOk("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "./scim/generated/packages/express"]);
    }, 180_000);

    it("generates only the adapters scim-codegen.yaml names", async () => {
      expect((await readdir(join(app.dir, "scim", "generated", "packages"))).sort()).toEqual(["core", "express", "fastify"]);
    });

    it("installs the adapter and its core, and nothing else (no fastify, no other adapter)", async () => {
      const after = await app.topLevelPackages();
      expect(after.filter((name) => !before.includes(name))).toEqual(["@scim-discovery/core", "@scim-discovery/express"]);
      expect(before.filter((name) => !after.includes(name))).toEqual([]);
      const pkg = await readJsonFile(join(app.dir, "scim", "generated", "packages", "express", "package.json")) as Record<string, unknown>;
      expect(pkg["dependencies"]).toEqual({ "@scim-discovery/core": "file:../core" });
    });

    it("imports from ESM and requires from CommonJS", async () => {
      await writeFile(join(app.dir, "esm.mjs"), 'import { scimDiscovery } from "@scim-discovery/express";\nimport { serviceProviderConfig } from "@scim-discovery/core";\nconsole.log(typeof scimDiscovery, serviceProviderConfig.filter.maxResults);\n');
      await writeFile(join(app.dir, "cjs.cjs"), 'const { scimDiscovery } = require("@scim-discovery/express");\nconst { serviceProviderConfig } = require("@scim-discovery/core");\nconsole.log(typeof scimDiscovery, serviceProviderConfig.filter.maxResults);\n');
      for (const file of ["esm.mjs", "cjs.cjs"]) {
        const result = await app.run("node", [file]);
        expect(result, file).toMatchObject({ code: 0, stdout: "function 100\n", stderr: "" });
      }
    });

    it("type-checks an ESM and a CommonJS consumer under strict (module nodenext), and the tool's programmatic entry", async () => {
      await writeFile(join(app.dir, "consumer.mts"), `${consumer("express")}import type { GenerateOptions } from "scim-codegen";\nexport const options: Pick<GenerateOptions, "definitionsDir"> = { definitionsDir: "scim/definitions" };\n`);
      await writeFile(join(app.dir, "consumer.cts"), consumer("express"));
      await writeFile(
        join(app.dir, "tsconfig.json"),
        `${JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] }, files: ["consumer.mts", "consumer.cts"] }, null, 2)}\n`,
      );
      const result = await app.run(join(app.dir, "node_modules", ".bin", "tsc"), ["-p", "."]);
      expect(result.stdout + result.stderr).toBe("");
      expect(result.code).toBe(0);
    });
  });
});
