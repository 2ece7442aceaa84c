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
// The transform-cache entries that depend only on the generator's own data (shippedMemoKinds), recorded
// while validating the default definitions (any valid set computes them the same).
const [{ readDefinitionSources }, { parseDefinitionSources }, { validateDefinitions }, { DiagnosticSink }, { cacheKey }] = await Promise.all([
  load("load/definition-sources.js"),
  load("load/definition-files.js"),
  load("validate/validate-definitions.js"),
  load("diagnostics/diagnostic.js"),
  load("cache/transform-cache.js"),
]);
const memo = {};
const sink = new DiagnosticSink();
const root = join(import.meta.dirname, "..");
const sources = await readDefinitionSources(join(root, "definitions"), root, sink);
validateDefinitions(parseDefinitionSources(sources, sink), sink, (kind, input, compute) => {
  const value = compute();
  if (table.shippedMemoKinds.includes(kind)) memo[cacheKey("memo", kind, input)] = value;
  return value;
});
if (Object.keys(memo).length !== table.shippedMemoKinds.length) throw new Error(`precompile: expected ${table.shippedMemoKinds.join(", ")} while validating the default definitions`);

const text = table.precompiledTableModule({ typescript: ts.version, prettier: prettier.version, modules, memo });
writeFileSync(join(dist, "format", table.precompiledModulesFileName), text);
// The same entries alone, beside generator/cache/shipped-entries.ts, for `diff`, which needs no module.
writeFileSync(join(dist, "cache", table.shippedMemoFileName), table.shippedMemoModule({ memo }));
