// `generate --watch` as a user runs it: a real process on the built CLI, a real file system, real signals.
// Waits are bounded (a hung watch fails the test with its output so far), never timed assertions.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";
import { snapshotTree } from "../helpers/tree.js";

let project: TempProject | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  await project?.dispose();
  project = undefined;
});

const group = minimalDefinitions["definitions/schemas/group.yaml"]!;

describe("scim-codegen generate --watch", () => {
  it("regenerates on a change, survives an invalid edit with its diagnostic, recovers, and stops on SIGTERM with no lock left", async () => {
    // Build dist/ if a source is newer (the child runs it), as npm run generate does.
    expect(spawnSync(process.execPath, [join(repoRoot, "scripts/run-cli.mjs"), "--help"]).status).toBe(0);
    project = await tempProject(minimalDefinitions);
    const p = spawn(process.execPath, [join(repoRoot, "dist/generator/cli.js"), "generate", "--watch", "--no-cache"], { cwd: project.root, stdio: ["ignore", "pipe", "pipe"] });
    child = p;
    let stdout = "";
    let stderr = "";
    p.stdout!.on("data", (d: Buffer) => void (stdout += d.toString()));
    p.stderr!.on("data", (d: Buffer) => void (stderr += d.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => p.on("exit", (code, signal) => resolve([code, signal])));
    const waitFor = async (what: string, done: () => boolean): Promise<void> => {
      const deadline = Date.now() + 90_000;
      while (!done()) {
        if (Date.now() > deadline || p.exitCode !== null) throw new Error(`waiting for ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const writtenLines = (): number => stdout.split("\n").filter((l) => / written, \d+ unchanged, /.test(l)).length;
    // A journaled write moves the old file out before the new one in: mid-run, the file may be briefly absent.
    const schemasJson = (): Promise<string> =>
      readFile(join(project!.outDir, "json/Schemas.json"), "utf8").catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return "";
        throw err;
      });

    await waitFor("the first run and the watching line", () => /scim-codegen: watching definitions for changes/.test(stdout));
    expect(writtenLines()).toBe(1);
    expect(await schemasJson()).not.toContain("Teams of people");

    // A change is written.
    await writeFile(join(project.definitionsDir, "schemas/group.yaml"), group.replace("description: Group\n", "description: Teams of people\n"));
    await waitFor("the run after a change", () => writtenLines() === 2);
    expect(stdout.split("\n").filter((l) => / written, /.test(l))[1]).toMatch(/^scim-codegen: [1-9]\d* written, \d+ unchanged, 0 removed \(generated\)$/);
    expect(await schemasJson()).toContain("Teams of people");

    // An invalid edit: the diagnostic is printed, the output stays as it was, the watch goes on.
    const before = await snapshotTree(project.outDir);
    await writeFile(join(project.definitionsDir, "schemas/group.yaml"), `${group}  - name: [\n`);
    await waitFor("the diagnostic of the invalid edit", () => /nothing was written/.test(stderr));
    expect(stderr).toMatch(/^definitions\/schemas\/group\.yaml:\d+:\d+ - error yaml-syntax: /m);
    expect(await snapshotTree(project.outDir)).toEqual(before);
    expect(p.exitCode).toBe(null);

    // The fix is written.
    await writeFile(join(project.definitionsDir, "schemas/group.yaml"), group.replace("description: Group\n", "description: Groups of people\n"));
    await waitFor("the run after the fix", () => writtenLines() === 3);
    expect(await schemasJson()).toContain("Groups of people");

    // The definitions folder replaced under the same name (a git checkout, a copy over it): the watch
    // follows the new folder; a watcher left on the old one would never fire again.
    const copy = `${project.definitionsDir}.copy`;
    await cp(project.definitionsDir, copy, { recursive: true });
    await writeFile(join(copy, "schemas/group.yaml"), group.replace("description: Group\n", "description: Bands of people\n"));
    await rm(project.definitionsDir, { recursive: true });
    await rename(copy, project.definitionsDir);
    const settle = async (marker: string): Promise<void> => {
      const deadline = Date.now() + 90_000;
      while (!(await schemasJson()).includes(marker)) {
        if (Date.now() > deadline || p.exitCode !== null) throw new Error(`waiting for ${marker}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await settle("Bands of people"); // the replacement itself is a change
    // Then quiet: no run for a while (only so that the next edit is not caught by a run still pending).
    for (let seen = -1; seen !== stdout.length; ) {
      seen = stdout.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    await writeFile(join(project.definitionsDir, "schemas/group.yaml"), group.replace("description: Group\n", "description: Crews of people\n"));
    await settle("Crews of people");

    p.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
    expect(stdout).toMatch(/scim-codegen: stopped watching\n$/);
    expect((await readdir(project.outDir)).filter((n) => n.startsWith(".scim-codegen"))).toEqual([]);
    expect(stderr.split("\n").filter((l) => l.includes("internal error"))).toEqual([]);
    // Five runs of a child process: under a loaded CI machine each can take seconds, and a hung wait
    // throws first with its phase and the output so far.
  }, 300_000);
});
