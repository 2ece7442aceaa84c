#!/usr/bin/env node
// Part of the build (scripts/build.mjs), after tsc: compiles and formats the hand-written runtimes'
// modules once, with the compiled generator's own format step, into the table a run takes them from
// (generator/format/precompiled-modules.ts explains why and how it stays safe).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = join(import.meta.dirname, "..", "dist", "generator");
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const [{ emitRuntime }, { emitValidationRuntime }, { formatFiles }, table, { ts }, prettier] = await Promise.all([
  load("emit/core-package/emit-core-package.js"),
  load("emit/validators/emit-validators.js"),
  load("format/format-files.js"),
  load("format/precompiled-modules.js"),
  import("ts-morph"),
  import("prettier"),
]);

const modules = {};
for (const file of [...emitRuntime(), ...emitValidationRuntime()]) {
  // `null`: compile for real, never from an older table.
  const outputs = await formatFiles([file], undefined, null);
  const stem = file.path.replace(/\.ts$/, "");
  const js = outputs.find((f) => f.path === `${stem}.js`);
  const dts = outputs.find((f) => f.path === `${stem}.d.ts`);
  if (!js || !dts || outputs.length !== 2) throw new Error(`precompile: ${file.path} did not compile to one .js and one .d.ts`);
  modules[table.precompiledKey(file)] = [js.contents, dts.contents];
}
const text = table.precompiledTableModule({ typescript: ts.version, prettier: prettier.version, modules });
writeFileSync(join(dist, "format", table.precompiledModulesFileName), text);
