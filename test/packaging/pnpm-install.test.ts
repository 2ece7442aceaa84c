import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyShippedDefinitions, createTempApp, packTool, pnpmAvailable, pnpmCommand, repoPinnedVersion, type TempApp } from "../helpers/temp-app.js";

// The same as npm-install.test.ts with pnpm (10.34.9, through npx): the packed tool installed with
// pnpm, a generate into scim/generated, and the express adapter added as `file:` (pnpm copies the
// folder and installs its dependencies; from a bare path it makes a link: and installs none of them).

const generateArgs = ["generate", "--definitions", "scim/definitions", "--out", "scim/generated"];

describe("the generated adapter installed with pnpm", async () => {
  const pnpm = await pnpmAvailable();
  let app: TempApp;

  beforeAll(async () => {
    if (!pnpm.ok) return;
    app = await createTempApp({ install: [await packTool(), await repoPinnedVersion("express")], packageManager: pnpmCommand });
    await copyShippedDefinitions(app, ["express", "fastify"]);
    await app.runOk("node", [join("node_modules", "scim-codegen", "dist", "generator", "cli.js"), ...generateArgs]);
    const [command = "npx", ...args] = pnpmCommand;
    await app.runOk(command, [...args, "add", "--prefer-offline", "file:./scim/generated/packages/express"]);
  }, 300_000);
  afterAll(async () => {
    await app?.dispose();
  });

  it.skipIf(!pnpm.ok)(`installs the adapter and its core, and nothing else${pnpm.ok ? "" : ` (skipped: ${pnpm.reason})`}`, async () => {
    expect(await app.topLevelPackages()).toEqual(["@scim-discovery/express", "express", "scim-codegen"]);
    const store = await readdir(join(app.dir, "node_modules", ".pnpm"));
    expect(store.filter((name) => name.startsWith("@scim-discovery+")).map((name) => name.split("@file")[0])).toEqual(["@scim-discovery+core", "@scim-discovery+express"]);
    expect(store.filter((name) => /^(fastify|hono|koa|next)@/.test(name))).toEqual([]);
    await writeFile(join(app.dir, "esm.mjs"), 'import { scimDiscovery } from "@scim-discovery/express";\nconsole.log(typeof scimDiscovery);\n');
    await writeFile(join(app.dir, "cjs.cjs"), 'const { scimDiscovery } = require("@scim-discovery/express");\nconsole.log(typeof scimDiscovery);\n');
    for (const file of ["esm.mjs", "cjs.cjs"]) expect(await app.run("node", [file]), file).toMatchObject({ code: 0, stdout: "function\n", stderr: "" });
  });
});
