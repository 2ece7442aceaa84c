// Compiling definitions in memory: parse → validate → model, then emit → format. No disk.
//
// The emitters and the format step load ts-morph (TypeScript), prettier and Handlebars, which take longer to
// load than the rest of a run; they are imported only when a run emits, so that parsing, validating and
// modelling (what `diff` and the model tests need) stay light.

import { memoFrom, noCache, type TransformCache } from "./cache/transform-cache.js";
import { DiagnosticSink, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { parseDefinitionSources } from "./load/definition-files.js";
import type { DefinitionSource } from "./load/definition-sources.js";
import { buildModel } from "./model/build-model.js";
import type { Model } from "./model/model.js";
import { validateDefinitions } from "./validate/validate-definitions.js";

/** The result of compiling definitions in memory. */
export interface CompileResult {
  /** Sorted; warnings too. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present only when there was no error. */
  readonly model?: Model;
  /** Formatted output files, sorted by path; present only when there was no error. */
  readonly files?: readonly GeneratedFile[];
}

/** Parses, validates and builds the model; no emitting. Input order does not matter. */
export function compileModel(
  sources: readonly DefinitionSource[],
  preSink?: DiagnosticSink,
  cache: TransformCache = noCache,
): Omit<CompileResult, "files"> {
  const sink = preSink ?? new DiagnosticSink();
  const parsed = parseDefinitionSources(sources, sink, cache);
  const validated = validateDefinitions(parsed, sink, memoFrom(cache));
  if (hasErrors(sink.items)) return { diagnostics: sortDiagnostics(sink.items) };
  return { diagnostics: sortDiagnostics(sink.items), model: buildModel(validated) };
}

/** Parses, validates, models, emits and formats: everything but the disk. Input order does not matter. */
export async function compileDefinitions(
  sources: readonly DefinitionSource[],
  preSink?: DiagnosticSink,
  cache: TransformCache = noCache,
): Promise<CompileResult> {
  // What the build computed once (format/precompiled-modules.ts): the definition format's ajv code and
  // the runtimes' compiled modules, each served only for its exact input.
  const { loadPrecompiledTable, withShippedEntries } = await import("./format/precompiled-modules.js");
  const table = await loadPrecompiledTable();
  const layered = withShippedEntries(cache, table);
  const result = compileModel(sources, preSink, layered);
  if (!result.model) return result;
  const [{ emitAll }, { formatFiles }] = await Promise.all([import("./emit/emit-all.js"), import("./format/format-files.js")]);
  return { ...result, files: await formatFiles(emitAll(result.model, memoFrom(layered)), layered, table ?? null) };
}
