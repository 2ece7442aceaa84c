import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../generator/cli.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await project?.dispose();
  project = undefined;
});

async function cli(args: string[], cwd?: string) {
  let stdout = "";
  let stderr = "";
  if (cwd) vi.spyOn(process, "cwd").mockReturnValue(cwd);
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: {} });
  return { code, stdout, stderr };
}

describe("scim-codegen CLI", () => {
  it("--help documents every option of generate and exits 0", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--definitions DIR", "--out DIR", "--check", "--no-cache", "check <baseUrl>"]) expect(stdout).toContain(option);
  });

  it("usage errors exit 2 with a message", async () => {
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(["frobnicate"]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown command "frobnicate"')]);
    const badOption = await cli(["generate", "--outdir", "x"]);
    expect([badOption.code, badOption.stderr]).toEqual([2, expect.stringContaining("--outdir")]);
  });

  it("generate prints a one-line summary, then --check is clean", async () => {
    project = await tempProject(minimalDefinitions);
    const first = await cli(["generate", "--no-cache"], project.root);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^scim-codegen: \d+ written, 0 unchanged, 0 removed \(generated\)\n$/);
    const check = await cli(["generate", "--check", "--no-cache"], project.root);
    expect([check.code, check.stdout]).toEqual([0, "scim-codegen: generated is up to date with definitions\n"]);
  });

  it("--check exits 1 on drift with the files, a diff and the remedy", async () => {
    project = await tempProject(minimalDefinitions);
    await cli(["generate", "--no-cache"], project.root);
    await appendFile(join(project.outDir, "json/Schemas.json"), "\n");
    const { code, stderr } = await cli(["generate", "--check", "--no-cache"], project.root);
    expect(code).toBe(1);
    expect(stderr).toContain("json/Schemas.json: changed");
    // Run from a shell (no npm script): the command that was run, minus --check.
    expect(stderr).toContain("Run `npx scim-codegen generate --no-cache` and commit the result; never edit generated/ by hand.");
  });

  it("invalid definitions: diagnostics on stderr, a count, exit 1", async () => {
    project = await tempProject({ ...minimalDefinitions, "definitions/resource-types/group.yaml": "name: Group\nendpoint: /Groups\n" });
    const { code, stderr, stdout } = await cli(["generate", "--no-cache"], project.root);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'definitions/resource-types/group.yaml:1:1 - error missing-key: The file is missing the required key "schema" (the URN of a schema defined under definitions/schemas/).\n' +
        "1 error, 0 warnings; nothing was written.\n",
    );
  });
});
