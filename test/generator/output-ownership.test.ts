// The output folder: the generator owns only what its manifest records, and refuses folders that a build
// step must never write (the definitions, a project root, a repository, anything behind a symbolic link).
// Every refusal leaves the disk exactly as it was, down to empty folders.

import { spawnSync } from "node:child_process";
import { mkdir, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../generator/cli.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { checkFiles } from "../../generator/output/check-files.js";
import { manifestFileName } from "../../generator/output/manifest.js";
import { FileError } from "../../generator/file-error.js";
import { writeFiles } from "../../generator/output/write-files.js";
import { compileFileMap } from "../helpers/compile.js";
import { faultyFileSystem } from "../helpers/faulty-file-system.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { readTree, snapshotTree } from "../helpers/tree.js";
import { readJsonFile } from "../helpers/json.js";

let files: readonly GeneratedFile[];
beforeAll(async () => {
  files = await compileFileMap(minimalDefinitions);
});

let project: TempProject | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await project?.dispose();
  project = undefined;
});

/** A user's app: package.json, a Git repository, source files and the definitions, all at its root. */
async function app(): Promise<TempProject> {
  project = await tempProject({
    ...minimalDefinitions,
    "package.json": '{ "name": "my-app", "private": true }\n',
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/config": "[core]\n",
    "src/app.ts": "export const app = 1;\n",
  });
  return project;
}

const write = (p: TempProject, outDir: string, definitionsDir = p.definitionsDir, out = files) =>
  writeFiles(outDir, out, { definitionsDir, cwd: p.root, lockWaitMs: 0 });

/** Runs `write` expecting a refusal; returns the error after checking that nothing changed on disk. */
async function refused(p: TempProject, run: () => Promise<unknown>): Promise<FileError> {
  const before = await snapshotTree(p.root);
  const error = await run().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(FileError);
  expect(await snapshotTree(p.root)).toEqual(before);
  return error as FileError;
}

describe("the generator touches only what it wrote", () => {
  it("--out src in an app: writes beside src/app.ts, and never deletes or changes it", async () => {
    const p = await app();
    const out = join(p.root, "src");
    await write(p, out);
    expect(await readFile(join(out, "app.ts"), "utf8")).toBe("export const app = 1;\n");
    // A run that produces nothing at all removes everything it wrote, and only that.
    await write(p, out, p.definitionsDir, []);
    expect([...(await readTree(out)).keys()]).toEqual(["app.ts", manifestFileName]);
    const manifest = await readJsonFile(join(out, manifestFileName)) as { files: object };
    expect(manifest.files).toEqual({});
  });

  it("a file it did not write where an output must go: an error naming it, and nothing written", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await mkdir(join(out, "json"), { recursive: true });
    await writeFile(join(out, "json/README.md"), "# my notes\n");
    const error = await refused(p, () => write(p, out));
    expect(error.code).toBe("foreign-file");
    expect(error.path).toBe(join(out, "json/README.md"));
    expect(error.reason).toContain("scim-codegen did not write it");

    // The same when the folder has a manifest: a new output path taken by the user's file.
    await rm(join(out, "json/README.md"));
    await write(p, out, p.definitionsDir, files.filter((f) => f.path !== "json/README.md"));
    await writeFile(join(out, "json/README.md"), "# my notes\n");
    expect((await refused(p, () => write(p, out))).path).toBe(join(out, "json/README.md"));
  });

  it("a file it wrote before and no longer produces is deleted; one it never wrote stays, at any depth", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    await writeFile(join(out, "json/ResourceTypes/mine.json"), "{}\n");
    await write(p, out, p.definitionsDir, files.filter((f) => !f.path.startsWith("json/")));
    const left = [...(await readTree(join(out, "json"))).keys()];
    expect(left).toEqual(["ResourceTypes/mine.json"]);
  });

  it("adopts an older folder without a manifest: files identical to its own, and its old temporary files", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    await rm(join(out, manifestFileName));
    await writeFile(join(out, "json/Schemas.json.scim-codegen-4242.tmp"), "half");
    const summary = await write(p, out);
    expect(summary.written).toEqual([manifestFileName]);
    expect(summary.removed).toEqual(["json/Schemas.json.scim-codegen-4242.tmp"]);
    expect((await checkFiles(out, files, { definitionsDir: p.definitionsDir, cwd: p.root })).drift).toEqual([]);
  });

  it("a manifest with merge-conflict markers still names every file either side owned", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    await writeFile(join(out, "json/Gone.json"), "{}\n");
    const text = await readFile(join(out, manifestFileName), "utf8");
    const conflicted = text.replace(
      /^( *"json\/README\.md": "sha256:[0-9a-f]+",)$/m,
      `<<<<<<< HEAD\n$1\n=======\n    "json/Gone.json": "sha256:${"1".repeat(64)}",\n$1\n>>>>>>> theirs`,
    );
    expect(conflicted).not.toBe(text);
    await writeFile(join(out, manifestFileName), conflicted);
    const summary = await write(p, out);
    expect(summary.removed).toEqual(["json/Gone.json"]);
    expect(await readFile(join(out, manifestFileName), "utf8")).toBe(text);
  });

  it("a manifest that lists a path outside the folder is refused, and the file there is untouched", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    const manifest = await readJsonFile(join(out, manifestFileName)) as { files: Record<string, string> };
    manifest.files["../src/app.ts"] = `sha256:${"2".repeat(64)}`;
    await writeFile(join(out, manifestFileName), JSON.stringify(manifest, null, 2));
    const error = await refused(p, () => write(p, out, p.definitionsDir, []));
    expect(error.code).toBe("invalid-manifest");
    expect(error.reason).toContain('"../src/app.ts"');
  });
});

describe("what the generator never reads or deletes", () => {
  it("a huge file of the user's in the output folder is never read (a 3 GB sparse file)", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    await writeFile(join(out, "big.bin"), "");
    await truncate(join(out, "big.bin"), 3 * 1024 ** 3);
    const summary = await write(p, out);
    expect(summary.written).toEqual([]);
  });

  it("a file of the user's named like an old temporary file is not deleted unless it sits beside a generated file", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    await mkdir(join(out, "mine"));
    await writeFile(join(out, "mine/report.scim-codegen-1.tmp"), "notes\n");
    await writeFile(join(out, "json/Schemas.json.scim-codegen-7.tmp"), "half");
    const summary = await write(p, out);
    expect(summary.removed).toEqual(["json/Schemas.json.scim-codegen-7.tmp"]);
    expect(await readFile(join(out, "mine/report.scim-codegen-1.tmp"), "utf8")).toBe("notes\n");
  });
});

describe("a read-only output folder", () => {
  // What a read-only mount does to each call that writes (an existing folder's mkdir still succeeds).
  const readOnly = () =>
    faultyFileSystem((call) => (["writeDurably", "link", "rename", "removeFile", "removeTree", "removeEmptyDirectory"].includes(call.method) ? "EROFS" : undefined)).fs;

  it("that is up to date is fine, and checks clean; one that must change is one line with the code, nothing touched", async () => {
    const p = await app();
    const out = join(p.root, "generated");
    await write(p, out);
    const fs = readOnly();
    const options = { definitionsDir: p.definitionsDir, cwd: p.root, lockWaitMs: 0, fs };
    expect((await writeFiles(out, files, options)).written).toEqual([]);
    expect((await checkFiles(out, files, options)).drift).toEqual([]);
    const changed = files.map((f) => (f.path === "json/README.md" ? { ...f, contents: `${f.contents}more\n` } : f));
    const error = await refused(p, () => writeFiles(out, changed, options));
    expect([error.code, error.path]).toEqual(["EROFS", join(out, ".scim-codegen.lock")]);
  });
});

describe("folders the generator refuses, with one line and nothing written", () => {
  it("--out . in a project: the definitions are inside it", async () => {
    const p = await app();
    const error = await refused(p, () => write(p, p.root));
    expect(error.code).toBe("output-overlaps-definitions");
    expect(error.reason).toContain("holds the definitions folder definitions");
  });

  it("--out . and --out .. with the definitions elsewhere: a repository, then a package.json it did not write", async () => {
    const p = await app();
    const definitionsDir = join(p.root, "..", `${p.root.split("/").pop()}-definitions`);
    await mkdir(definitionsDir, { recursive: true });
    try {
      expect((await refused(p, () => write(p, p.root, definitionsDir))).code).toBe("repository");
      await rm(join(p.root, ".git"), { recursive: true });
      const error = await refused(p, () => write(p, p.root, definitionsDir));
      expect([error.code, error.path]).toEqual(["project-root", join(p.root, "package.json")]);
      // The parent folder holds the definitions folder (and this project).
      expect((await refused(p, () => write(p, join(p.root, ".."), definitionsDir))).code).toBe("output-overlaps-definitions");
    } finally {
      await rm(definitionsDir, { recursive: true, force: true });
    }
  });

  it("--out scim with definitions in scim/definitions, --out definitions and --out definitions/generated", async () => {
    const p = await app();
    const definitionsDir = join(p.root, "scim/definitions");
    await mkdir(definitionsDir, { recursive: true });
    await writeFile(join(definitionsDir, "service-provider-config.yaml"), "patch: {}\n");
    for (const [out, how] of [
      ["scim", "holds"],
      ["scim/definitions", "is"],
      ["scim/definitions/generated", "is inside"],
    ] as const) {
      const error = await refused(p, () => write(p, join(p.root, out), definitionsDir));
      expect([out, error.code]).toEqual([out, "output-overlaps-definitions"]);
      expect(error.reason).toContain(`${how} the definitions folder`);
    }
  });

  it("a symbolic link as the output folder, on the way to it, or on the path of an output file", async () => {
    const p = await app();
    const elsewhere = join(p.root, "elsewhere");
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, "precious.txt"), "keep me\n");

    await symlink(elsewhere, join(p.root, "generated"));
    expect((await refused(p, () => write(p, join(p.root, "generated")))).code).toBe("symlink");
    expect((await refused(p, () => write(p, join(p.root, "generated/sub")))).code).toBe("symlink");
    await rm(join(p.root, "generated"));

    await mkdir(join(p.root, "generated"));
    await symlink(elsewhere, join(p.root, "generated/json"));
    const error = await refused(p, () => write(p, join(p.root, "generated")));
    expect([error.code, error.path]).toEqual(["symlink", join(p.root, "generated/json")]);

    // A link that no output path crosses is left alone, and the run goes on.
    await rm(join(p.root, "generated/json"));
    await symlink(elsewhere, join(p.root, "generated/my-link"));
    await write(p, join(p.root, "generated"));
    expect(await readFile(join(p.root, "elsewhere/precious.txt"), "utf8")).toBe("keep me\n");
    expect((await readTree(elsewhere)).size).toBe(1);
  });

  it("names that merely start with '..' are below, not beside: --out definitions/..gen, a link named ..link, and a link on the way up from the working directory", async () => {
    const p = await app();
    expect((await refused(p, () => write(p, join(p.definitionsDir, "..gen")))).code).toBe("output-overlaps-definitions");
    const elsewhere = join(p.root, "elsewhere");
    await mkdir(elsewhere);
    await symlink(elsewhere, join(p.root, "..link"));
    expect((await refused(p, () => write(p, join(p.root, "..link/x")))).code).toBe("symlink");
    // From a working directory below the project, --out ../..link/x and ../other/l/z lead through links too.
    const cwd = join(p.root, "src");
    await mkdir(join(p.root, "other"));
    await symlink(elsewhere, join(p.root, "other/l"));
    for (const out of ["..link/x", "other/l/z"]) {
      const error = await refused(p, () => writeFiles(join(p.root, out), files, { definitionsDir: p.definitionsDir, cwd, lockWaitMs: 0 }));
      expect([out, error.code]).toEqual([out, "symlink"]);
    }
    expect((await readTree(elsewhere)).size).toBe(0);
  });

  it("a folder inside .git", async () => {
    const p = await app();
    for (const out of [".git", ".git/refs"]) {
      const error = await refused(p, () => write(p, join(p.root, out)));
      expect([out, error.code]).toEqual([out, "repository"]);
    }
  });

  it("a folder inside node_modules, which every install replaces", async () => {
    const p = await app();
    for (const out of ["node_modules", "node_modules/scim", "node_modules/.cache/x"]) {
      const error = await refused(p, () => write(p, join(p.root, out)));
      expect([out, error.code]).toEqual([out, "package-manager-folder"]);
    }
  });

  it("--out naming a file", async () => {
    const p = await app();
    const error = await refused(p, () => write(p, join(p.root, "src/app.ts")));
    expect(error.code).toBe("not-a-folder");
  });
});

describe("the CLI's one line", () => {
  async function cli(args: string[], cwd: string) {
    let stdout = "";
    let stderr = "";
    vi.spyOn(process, "cwd").mockReturnValue(cwd);
    const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
    return { code, stdout, stderr };
  }

  it("a refused folder, --out naming a file and a NUL in a path: exit 2, one line naming the path, nothing written", async () => {
    const p = await app();
    const before = await snapshotTree(p.root);
    expect(await cli(["generate", "--no-cache", "--out", "."], p.root)).toEqual({
      code: 2,
      stdout: "",
      stderr: "scim-codegen: .: the output folder holds the definitions folder definitions, which the generator must never write. Choose a folder beside it, e.g. --out generated\n",
    });
    const file = await cli(["generate", "--no-cache", "--out", "src/app.ts"], p.root);
    expect([file.code, file.stderr]).toEqual([2, "scim-codegen: src/app.ts: is a file, not a folder; --out must name a folder the generator can own\n"]);
    const nul = await cli(["generate", "--no-cache", "--out", "gen\u0000erated"], p.root);
    expect([nul.code, nul.stderr.split("\n").length, nul.stderr]).toEqual([2, 2, expect.stringContaining("NUL")]);
    expect(await snapshotTree(p.root)).toEqual(before);
  });

  it("says so when it replaces a generated file that was edited by hand; folder names are printed with control characters escaped", async () => {
    const p = await app();
    expect((await cli(["generate", "--no-cache", "--out", "gen\u001b[31m"], p.root)).stdout).toMatch(/^scim-codegen: \d+ written, 0 unchanged, 0 removed \(gen\\u001b\[31m\)\n$/);
    await writeFile(join(p.root, "gen\u001b[31m/json/README.md"), "# mine now\n");
    const again = await cli(["generate", "--no-cache", "--out", "gen\u001b[31m"], p.root);
    expect([again.code, again.stderr]).toEqual([
      0,
      "scim-codegen: a file in gen\\u001b[31m had been edited since generated and was replaced: json/README.md (edit the definitions instead)\n",
    ]);
    expect(again.stdout).toMatch(/^scim-codegen: 1 written, \d+ unchanged, 0 removed/);
  });

  it("npm run generate (scripts/run-cli.mjs) prints the same line: no stack, no internal error", async () => {
    const p = await app();
    const result = spawnSync(process.execPath, [join(repoRoot, "scripts/run-cli.mjs"), "generate", "--no-cache", "--out", "src/app.ts"], {
      cwd: p.root,
      encoding: "utf8",
    });
    expect([result.status, result.stderr, result.stdout]).toEqual([
      2,
      "scim-codegen: src/app.ts: is a file, not a folder; --out must name a folder the generator can own\n",
      "",
    ]);
  });
});
