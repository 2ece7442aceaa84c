import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/repo.js";
import { createTempApp, runOk, type TempApp } from "../helpers/temp-app.js";

// `npm install -D git+file://<unbuilt clone>`: npm 11 clones it, installs its dependencies and
// devDependencies there, runs `prepare` (the build; never `prepack`), packs it by `files` and installs
// that. It installs the whole dev toolchain into the clone first (about 2 minutes here), so it runs only
// when asked: SCIM_CODEGEN_TEST_GIT_INSTALL=1 npx vitest run test/packaging/git-install.test.ts
// (it clones the last commit: commit first).

describe.runIf(process.env["SCIM_CODEGEN_TEST_GIT_INSTALL"] === "1")("the tool installed from a git URL of an unbuilt clone", () => {
  let cloneDir: string | undefined;
  let app: TempApp;

  beforeAll(async () => {
    cloneDir = await mkdtemp(join(tmpdir(), "scim-codegen-clone-"));
    await runOk("git", ["clone", "--quiet", "--no-hardlinks", repoRoot, join(cloneDir, "scim-codegen")], cloneDir);
    app = await createTempApp({ install: [`git+file://${join(cloneDir, "scim-codegen")}`] });
  }, 600_000);
  afterAll(async () => {
    await app?.dispose();
    if (cloneDir) await rm(cloneDir, { recursive: true, force: true });
  });

  it("installs the built tool by its files, and its bin runs", async () => {
    await expect(stat(join(cloneDir ?? "", "scim-codegen", "dist"))).rejects.toThrow(); // the clone itself stays unbuilt
    const root = join(app.dir, "node_modules", "scim-codegen");
    expect((await readdir(root)).sort()).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "definitions", "dist", "generator", "package.json", "templates"]);
    expect(await app.runOk("npx", ["--no-install", "scim-codegen", "--help"])).toContain("Usage:");
  });
});
