// A child process that does what `generate` does after compiling (scim-codegen's compiled output step, from
// dist/): vet the output folder, complete an interrupted write, then write the files. The kill loop kills it;
// it starts in a tenth of the time of the whole CLI, so that many more kills land in the write itself.
// Usage: node write-child.mjs <job.json> — job: { outDir, definitionsDir, cwd, files: [{ path, contents, language }] }
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(fileURLToPath(import.meta.url), "../../..");
const { prepareOutputFolder, writeFiles } = await import(pathToFileURL(join(root, "dist/generator/output/write-files.js")).href);
const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const options = { definitionsDir: job.definitionsDir, cwd: job.cwd };
await prepareOutputFolder(job.outDir, options);
await writeFiles(job.outDir, job.files, options);
