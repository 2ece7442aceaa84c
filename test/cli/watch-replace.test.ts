// `generate --watch` while the definitions folder is deleted and made again under the same name, over
// and over, at varying gaps (a branch switch, a copy over it, a sync tool): whatever the moment, the watch
// ends on what is on disk. In-process, so that the gaps land on every phase of a run.
import { EventEmitter } from "node:events";
import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchCommand } from "../../generator/cli/watch.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { tempProject, type TempProject } from "../helpers/temp-project.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

const group = minimalDefinitions["definitions/schemas/group.yaml"]!;

describe("scim-codegen generate --watch, the definitions folder replaced", () => {
  it("ends on the folder's last content after every replacement, whatever the gap between removing and making it", async () => {
    project = await tempProject(minimalDefinitions);
    const { definitionsDir, outDir } = project;
    let stdout = "";
    let stderr = "";
    const signals = new EventEmitter();
    const done = watchCommand({ check: false, watch: true, noCache: false }, project.root, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, signals as never);
    const schemasJson = (): Promise<string> => readFile(join(outDir, "json/Schemas.json"), "utf8").catch(() => "");
    const settle = async (marker: string): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while (!(await schemasJson()).includes(marker)) {
        if (Date.now() > deadline) throw new Error(`the watch never wrote ${marker}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await settle('"Group"');
    // Gaps from none to past the debounce and a run's length, so that the folder is found missing,
    // present, or replaced between a run's reading and its re-arming.
    const gaps = [0, 5, 20, 40, 55, 60, 65, 70, 90, 120, 200, 300];
    for (const [i, gap] of gaps.entries()) {
      const marker = `Replacement ${i} of people`;
      const copy = `${definitionsDir}.copy`;
      await cp(definitionsDir, copy, { recursive: true });
      await writeFile(join(copy, "schemas/group.yaml"), group.replace("description: Group\n", `description: ${marker}\n`));
      await rm(definitionsDir, { recursive: true });
      await new Promise((r) => setTimeout(r, gap));
      await rename(copy, definitionsDir);
      await settle(marker);
    }
    signals.emit("SIGTERM");
    expect(await done).toBe(0);
    expect(stderr.split("\n").filter((l) => l.includes("internal error"))).toEqual([]);
  }, 240_000);
});
