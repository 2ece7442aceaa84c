import { noMemo, type Memo } from "../../cache/transform-cache.js";
import type { NodeAdapterName as AdapterName } from "../../model/definition-types.js";
import type { Model } from "../../model/model.js";
import { corePackageFolder } from "../../names.js";
import { generatedPackageEngines } from "../core-package/emit-core-package.js";
import { compileModule } from "../core-package/typescript-module.js";
import { jsonFile, markdownHeader, type GeneratedFile } from "../generated-file.js";
import { outputPath } from "../output-path.js";
import { frameworks } from "./frameworks.js";
import { adapterTemplates } from "./templates.js";
import { adapterViewModel, type AdapterViewModel } from "./view-model.js";

/**
 * Emits one package per adapter the project lists, under `packages/<framework>/`: the glue rendered from
 * `templates/adapters/<framework>/` and compiled to `.js` + `.d.ts`, a package.json, and a README. The
 * behaviour stays in the core package's runtime; an adapter only translates its framework's request and
 * response to the runtime's neutral ones.
 */
export function emitAdapterPackages(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  // The Python adapters are modules of the Python package (emit/python-package/).
  const nodeAdapters = model.project.adapters.filter((framework): framework is AdapterName => Object.hasOwn(frameworks, framework));
  return nodeAdapters.flatMap((framework) => emitAdapterPackage(adapterViewModel(model, framework), memo));
}

function emitAdapterPackage(view: AdapterViewModel, memo: Memo): GeneratedFile[] {
  const root = outputPath("packages", view.framework);
  const templates = adapterTemplates(view.framework);
  return [
    ...compileModule(outputPath(root, "index"), templates.module.render(view, memo), templates.module.sourceName),
    packageJson(root, view),
    { path: outputPath(root, "README.md"), contents: `${markdownHeader(templates.readme.sourceName)}\n${templates.readme.render(view, memo)}`, language: "markdown" },
  ];
}

function packageJson(root: string, view: AdapterViewModel): GeneratedFile {
  const facts = frameworks[view.framework];
  const typePeers = Object.keys(facts.typePeerDependencies);
  return jsonFile(outputPath(root, "package.json"), {
    name: view.packageName,
    version: "0.0.0",
    private: true,
    description: facts.description,
    type: "module",
    sideEffects: false,
    types: "./index.d.ts",
    exports: { ".": { types: "./index.d.ts", default: "./index.js" }, "./package.json": "./package.json" },
    engines: generatedPackageEngines,
    // The core package is the sibling folder generated from the same definitions, found by a relative
    // `file:` spec, so `npm install ./<out>/packages/<framework>` (or pnpm add) installs this adapter and
    // that core and nothing else; a version spec ("0.0.0") sent npm to the registry, where no such package
    // exists. The cost: the packages must stay side by side, and cannot be published as they are.
    dependencies: { [view.corePackageName]: coreSpec },
    ...peerDependencies(view.framework, facts.peerDependencies, facts.typePeerDependencies, typePeers),
  });
}

/** `file:../core`: from `packages/<framework>/` to `packages/core/`. */
const coreSpec = `file:../${corePackageFolder.slice(corePackageFolder.lastIndexOf("/") + 1)}`;

function peerDependencies(
  framework: AdapterName,
  runtime: Readonly<Record<string, string>>,
  types: Readonly<Record<string, string>>,
  typeNames: readonly string[],
): object {
  const all = { ...runtime, ...types };
  if (Object.keys(all).length === 0) throw new Error(`scim-codegen: adapter ${framework} declares no peer dependency`);
  return {
    peerDependencies: sortKeys(all),
    ...(typeNames.length > 0
      ? { peerDependenciesMeta: Object.fromEntries([...typeNames].sort().map((name) => [name, { optional: true }])) }
      : {}),
  };
}

// package.json maps: keys in code-unit order (HOUSE-STYLE: maps sorted, sequences keep declared order).
function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
