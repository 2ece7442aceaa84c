#!/usr/bin/env node
// `npm run mutate [-- runtime output …] [-- --mutate <glob> …]`: Stryker (stryker.config.mjs) over each named
// folder of generator/ in turn (default: runtime output validate model emit), at nice 15 (the machine is
// shared). Each folder has its own suites (vitest.stryker.config.ts), incremental file and reports under
// reports/mutation/<folder>/. Arguments from the first one starting with "--" go to `stryker run` as they
// are: `npm run mutate -- validate --mutate generator/validate/rules/attribute-rules.ts` mutates one file.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const folders = ["runtime", "output", "validate", "model", "emit"];
const firstOption = process.argv.slice(2).findIndex((arg) => arg.startsWith("--"));
const asked = firstOption < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstOption);
const passed = firstOption < 0 ? [] : process.argv.slice(2 + firstOption);
const unknown = asked.filter((folder) => !folders.includes(folder));
if (unknown.length > 0) {
  process.stderr.write(`mutate: unknown folder ${JSON.stringify(unknown[0])}; use ${folders.join(", ")}\n`);
  process.exit(2);
}
const root = join(import.meta.dirname, "..");
let failed = false;
for (const folder of asked.length > 0 ? asked : folders) {
  process.stdout.write(`mutate: generator/${folder}\n`);
  const stryker = join(root, "node_modules", ".bin", "stryker");
  const result = spawnSync("nice", ["-n", "15", stryker, "run", ...passed], { cwd: root, stdio: "inherit", env: { ...process.env, SCIM_MUTATE_FOLDER: folder } });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
