import { DiagnosticSink, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitAll } from "./emit/emit-all.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { formatFiles } from "./format/format-files.js";
import { memoFrom, noCache, openTransformCache, type TransformCache } from "./cache/transform-cache.js";
import { parseDefinitionSources, readDefinitionSources, type DefinitionSource } from "./load/definition-files.js";
import { buildModel } from "./model/build-model.js";
import type { Model } from "./model/model.js";
import { checkFiles, type Drift } from "./output/check-files.js";
import { writeFiles, type WriteSummary } from "./output/write-files.js";
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
  const result = compileModel(sources, preSink, cache);
  if (!result.model) return result;
  return { ...result, files: await formatFiles(emitAll(result.model, memoFrom(cache)), cache) };
}

/** Options of a generate run. */
export interface GenerateOptions {
  readonly definitionsDir: string;
  readonly outDir: string;
  /** Compare instead of write. */
  readonly check: boolean;
  /** Base of the paths shown in diagnostics. */
  readonly cwd: string;
  /** Folder of the transform cache (see cache/transform-cache.ts); undefined: no cache. */
  readonly cacheDir?: string;
}

/** What a generate run did. */
export type GenerateResult =
  | { readonly status: "invalid"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly status: "written"; readonly diagnostics: readonly Diagnostic[]; readonly summary: WriteSummary }
  | { readonly status: "checked"; readonly diagnostics: readonly Diagnostic[]; readonly drift: readonly Drift[] };

/** Reads the definitions, compiles them, then writes `outDir` or checks it for drift. */
export async function runGenerate(options: GenerateOptions): Promise<GenerateResult> {
  const sink = new DiagnosticSink();
  const sources = await readDefinitionSources(options.definitionsDir, options.cwd, sink);
  const cache = options.cacheDir ? await openTransformCache(options.cacheDir, options.definitionsDir) : noCache;
  const result = await compileDefinitions(sources, sink, cache);
  if (!result.files) return { status: "invalid", diagnostics: result.diagnostics };
  await cache.flush();
  if (options.check) {
    return { status: "checked", diagnostics: result.diagnostics, drift: await checkFiles(options.outDir, result.files) };
  }
  return { status: "written", diagnostics: result.diagnostics, summary: await writeFiles(options.outDir, result.files) };
}
