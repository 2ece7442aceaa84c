import { DiagnosticSink, hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { emitAll } from "./emit/emit-all.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { formatFiles } from "./format/format-files.js";
import { memoFrom, noCache, openTransformCache, type TransformCache } from "./cache/transform-cache.js";
import { parseDefinitionSources, readDefinitionSources, type DefinitionSource } from "./load/definition-files.js";
import { buildModel } from "./model/build-model.js";
import type { Model } from "./model/model.js";
import { checkFiles, type CheckReport } from "./output/check-files.js";
import type { OutputFileSystem } from "./output/file-system.js";
import { prepareOutputFolder, writeFiles, type OutputOptions, type WriteSummary } from "./output/write-files.js";
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
  /**
   * The project root (the config file's folder): generated headers name definition files relative to
   * it, so they are the same wherever the command runs. Undefined: `definitions/<path in the folder>`.
   */
  readonly projectRoot?: string;
  /** Folder of the transform cache (see cache/transform-cache.ts); undefined: no cache. */
  readonly cacheDir?: string;
  /** An open transform cache to use instead of opening `cacheDir` (a watch keeps one across runs). */
  readonly cache?: TransformCache;
  /** The file system of the output step (tests pass one that fails on purpose). */
  readonly fs?: OutputFileSystem;
  /** How long to wait for another run writing the same output folder, in ms (default 10 s). */
  readonly lockWaitMs?: number;
}

/** What a generate run did. `recovered`: files of an interrupted earlier write completed first (0: none). */
export type GenerateResult =
  | { readonly status: "invalid"; readonly diagnostics: readonly Diagnostic[]; readonly recovered: number }
  | { readonly status: "written"; readonly diagnostics: readonly Diagnostic[]; readonly summary: WriteSummary; readonly recovered: number }
  | { readonly status: "checked"; readonly diagnostics: readonly Diagnostic[]; readonly report: CheckReport; readonly recovered: number };

/**
 * Reads the definitions, compiles them, then writes `outDir` or checks it for drift. The output folder is
 * vetted (and an interrupted write completed) first, before the definitions are read. Throws FileError
 * when the output folder cannot be used or the file system fails; the folder is then as it was.
 */
export async function runGenerate(options: GenerateOptions): Promise<GenerateResult> {
  const output: OutputOptions = {
    definitionsDir: options.definitionsDir,
    cwd: options.cwd,
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
  };
  const recoveredFirst = await prepareOutputFolder(options.outDir, output);
  const sink = new DiagnosticSink();
  const sources = await readDefinitionSources(options.definitionsDir, options.cwd, sink, options.projectRoot);
  const cache = options.cache ?? (options.cacheDir ? await openTransformCache(options.cacheDir, options.definitionsDir) : noCache);
  const result = await compileDefinitions(sources, sink, cache);
  if (!result.files) return { status: "invalid", diagnostics: result.diagnostics, recovered: recoveredFirst };
  await cache.flush();
  if (options.check) {
    const report = await checkFiles(options.outDir, result.files, output);
    return { status: "checked", diagnostics: result.diagnostics, report, recovered: recoveredFirst + report.recovered };
  }
  const summary = await writeFiles(options.outDir, result.files, output);
  return { status: "written", diagnostics: result.diagnostics, summary, recovered: recoveredFirst + summary.recovered };
}
