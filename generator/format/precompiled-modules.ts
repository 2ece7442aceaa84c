// The hand-written runtimes (generator/runtime/, generator/validation-runtime/) ship verbatim: their `.js`
// and `.d.ts` are the same in every run, yet transpiling and formatting them was half of a cold run. The
// build (scripts/build.mjs) therefore compiles them once, through the very code a run uses
// (compileTypeScriptModule, then the format step's prettier), into a table shipped beside the compiled
// generator; a run takes a module's outputs from the table when its path and exact source text are there.
//
// The table is keyed by the hash of the module's path and text, and records the TypeScript and prettier
// versions that made it: an edited runtime, a table older than the sources (a run from the TypeScript
// sources, or before a rebuild) or other tool versions find no entry, and the module is compiled as before.
// Output is byte-identical either way (the drift check and the golden tests run both ways).

import { cacheKey } from "../cache/transform-cache.js";
import { shippedMemoFileName, withShippedEntries } from "../cache/shipped-entries.js";
import type { GeneratedFile } from "../emit/generated-file.js";

/** The file the build writes, beside this module's compiled form (dist/generator/format/). */
export const precompiledModulesFileName = "precompiled-modules.data.js";

/** The shipped table: tool versions, and per module key its final `.js` and `.d.ts` texts. */
export interface PrecompiledTable {
  readonly typescript: string;
  readonly prettier: string;
  readonly modules: Readonly<Record<string, readonly [js: string, dts: string]>>;
  /**
   * Transform-cache entries that depend on nothing a user writes (the ajv code of the definition format's
   * own JSON Schemas), under their transform-cache keys (`memoFrom`): a key holds the whole input, so an
   * entry can only ever answer the computation it was made by.
   */
  readonly memo: Readonly<Record<string, string>>;
}

/** Memo kinds whose input is the generator's own data, never the user's: the only ones the build ships. */
export const shippedMemoKinds: readonly string[] = ["ajv definition format"];

/** The key of a `typescript-module` file in the table: its path and exact source text. */
export function precompiledKey(file: GeneratedFile): string {
  return cacheKey("precompiled-module", file.path, file.contents);
}

/** The table shipped beside this module, or undefined when there is none (a run from the sources). */
export async function loadPrecompiledTable(): Promise<PrecompiledTable | undefined> {
  try {
    const loaded = (await import(new URL(`./${precompiledModulesFileName}`, import.meta.url).href)) as { default?: PrecompiledTable };
    return loaded.default;
  } catch {
    return undefined;
  }
}

/**
 * The final `.js` and `.d.ts` of a `typescript-module` file from the table, marked as already formatted, or
 * undefined when the table does not hold this exact module (or holds data constants, which are per run).
 */
export function precompiledOutputs(file: GeneratedFile, table: PrecompiledTable | undefined): GeneratedFile[] | undefined {
  if (table === undefined || file.dataConstants !== undefined) return undefined;
  const entry = Object.hasOwn(table.modules, precompiledKey(file)) ? table.modules[precompiledKey(file)] : undefined;
  if (entry === undefined) return undefined;
  const outPath = file.path.replace(/\.ts$/, "");
  return [
    { path: `${outPath}.js`, contents: entry[0], language: "javascript", skipFormat: true },
    { path: `${outPath}.d.ts`, contents: entry[1], language: "typescript", skipFormat: true },
  ];
}

/** The text of the table's module for `files` (each a `typescript-module` and its formatted outputs). */
export function precompiledTableModule(table: PrecompiledTable): string {
  // JSON.parse of one string literal loads faster than the same data as an object literal.
  return `// Built by scripts/build.mjs (see generator/format/precompiled-modules.ts). Do not edit.\nexport default JSON.parse(${JSON.stringify(JSON.stringify(table))});\n`;
}

export { shippedMemoFileName, withShippedEntries };

/** The text of the module of the table's shipped transform-cache entries alone (cache/shipped-entries.ts). */
export function shippedMemoModule(table: Pick<PrecompiledTable, "memo">): string {
  return precompiledTableModule({ memo: table.memo } as PrecompiledTable);
}
