// A child process that does what `generate` does after compiling (scim-codegen's compiled output step, from
// dist/): vet the output folder, complete an interrupted write, then write the files. The kill loop kills it;
// it starts in a tenth of the time of the whole CLI, so that many more kills land in the write itself. With
// SCIM_TEST_FS_DELAY_MS=N every file-system call first waits 0–N ms, or 5N ms one time in five, which widens every race
// between concurrent runs (the lock test; see also SCIM_TEST_LOCK_WITNESS and SCIM_TEST_START_AT below).
// Usage: node write-child.mjs <job.json> — job: { outDir, definitionsDir, cwd, files: [{ path, contents, language }] }
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(fileURLToPath(import.meta.url), "../../..");
const load = (path) => import(pathToFileURL(join(root, "dist/generator", path)).href);
const { prepareOutputFolder, writeFiles } = await load("output/write-files.js");
const { nodeFileSystem } = await load("output/file-system.js");

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const delay = Number(process.env.SCIM_TEST_FS_DELAY_MS ?? 0);
// SCIM_TEST_LOCK_WITNESS=<folder>: while this process holds the output folder's lock it keeps a file named
// after its pid there, and checks on taking and on releasing the lock that no other process has one.
const witness = process.env.SCIM_TEST_LOCK_WITNESS;
const lock = join(job.outDir, ".scim-codegen.lock");
const mark = witness && join(witness, String(process.pid));
const others = () => readdirSync(witness).filter((name) => name !== String(process.pid));
const fs = Object.fromEntries(
  Object.entries(nodeFileSystem).map(([name, call]) => [
    name,
    async (...args) => {
      // Mostly short, one call in five long: a long wait between reading and acting is what races need.
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay * (Math.random() < 0.2 ? 5 : Math.random())));
      if (mark && name === "removeFile" && args[0] === lock && existsSync(mark)) {
        const shared = others();
        if (shared.length > 0) process.stderr.write(`lock shared with ${shared.join(", ")} at release\n`);
        unlinkSync(mark);
      }
      const result = await call(...args);
      if (mark && name === "link" && args[1] === lock) {
        const shared = others();
        if (shared.length > 0) process.stderr.write(`lock shared with ${shared.join(", ")} at take\n`);
        writeFileSync(mark, "");
      }
      return result;
    },
  ]),
);
// SCIM_TEST_START_AT=<epoch ms>: start writing then, so that concurrent children race from the same instant.
const startAt = Number(process.env.SCIM_TEST_START_AT ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
const options = { definitionsDir: job.definitionsDir, cwd: job.cwd, fs, lockWaitMs: 60_000 };
await prepareOutputFolder(job.outDir, options);
await writeFiles(job.outDir, job.files, options);
