#!/usr/bin/env node
// Builds the generator into dist/ (tsc -p tsconfig.build.json).
//   node scripts/build.mjs            build when a source under generator/ is newer than the last build
//   node scripts/build.mjs --clean    delete dist/ and build from scratch (prepack: nothing stale is packed)
// After tsc it runs scripts/precompile-modules.mjs: the hand-written runtimes' modules, compiled and
// formatted once (generator/format/precompiled-modules.ts).
// The `prepare` script runs the first form. npm runs `prepare` in this repository (npm ci), when it
// packs, for a git dependency (npm 11 installs the clone's devDependencies first, then runs `prepare`,
// never `prepack`) and for a linked folder dependency (where no devDependency is installed). A built
// folder then needs no TypeScript; an unbuilt one without it gets one line saying what to do.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".tsbuildinfo");
const entry = join(root, "dist", "generator", "cli.js");

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/ holds a build at least as new as every source under generator/. */
export function isBuilt() {
  return existsSync(stamp) && existsSync(entry) && statSync(stamp).mtimeMs >= newestSource(join(root, "generator"));
}

/** Builds dist/ unless it is up to date; throws with a clear message when TypeScript is not installed. */
export function build({ clean = false } = {}) {
  if (clean) rmSync(join(root, "dist"), { recursive: true, force: true });
  else if (isBuilt()) return;
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    throw new Error(
      `scim-codegen: dist/ is missing or older than generator/, and TypeScript is not installed in ${root}; ` +
        "run `npm ci` there first, or install the tarball of `npm pack` (which holds the build) instead of the folder",
    );
  }
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  // The runtimes' .js and .d.ts, compiled and formatted once here instead of in every run.
  execFileSync(process.execPath, [join(root, "scripts", "precompile-modules.mjs")], { stdio: "inherit" });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    build({ clean: process.argv.includes("--clean") });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
