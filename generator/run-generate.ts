// A generate run: vet the output folder, read the definitions, compile them (or reuse the compile of the
// same inputs, see cache/compiled-result.ts), then write the folder or check it for drift.
//
// Imports only light modules: the compiler (YAML parser, ajv, ts-morph, prettier, Handlebars) is loaded
// when a run has to compile, so a run whose inputs are unchanged answers in a fraction of the time.

import { readCompiledResult, writeCompiledResult } from "./cache/compiled-result.js";
import { noCache, openTransformCache, type TransformCache } from "./cache/transform-cache.js";
import { DiagnosticSink, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { CompileResult } from "./compile.js";
import { readDefinitionSources, type DefinitionSource } from "./load/definition-sources.js";
import { checkFiles, type CheckReport } from "./output/check-files.js";
import type { OutputFileSystem } from "./output/file-system.js";
import { prepareOutputFolder, writeFiles, type OutputOptions, type WriteSummary } from "./output/write-files.js";

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
  /**
   * Folder of the transform cache and of the stored compile result (see cache/); undefined: no cache,
   * every run compiles.
   */
  readonly cacheDir?: string;
  /** An open transform cache to use instead of opening `cacheDir` (a watch keeps one across runs). */
  readonly cache?: TransformCache;
  /** The file system of the output step (tests pass one that fails on purpose). */
  readonly fs?: OutputFileSystem;
  /** How long to wait for another run writing the same output folder, in ms (default 10 s). */
  readonly lockWaitMs?: number;
}

/**
 * What a generate run did. `recovered`: files of an interrupted earlier write completed first (0: none).
 * `reusedCompile`: the files came from the stored compile of the same inputs, not from compiling.
 */
export type GenerateResult = (
  | { readonly status: "invalid"; readonly diagnostics: readonly Diagnostic[]; readonly recovered: number }
  | { readonly status: "written"; readonly diagnostics: readonly Diagnostic[]; readonly summary: WriteSummary; readonly recovered: number }
  | { readonly status: "checked"; readonly diagnostics: readonly Diagnostic[]; readonly report: CheckReport; readonly recovered: number }
) & { readonly reusedCompile?: boolean };

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
  const { result, reused } = await compileOrReuse(sources, sink, options);
  if (!result.files) return { status: "invalid", diagnostics: result.diagnostics, recovered: recoveredFirst, reusedCompile: reused };
  // The tree on disk is always compared or written by the same code, whether the files were compiled or
  // reused: the stored result replaces the compiler, never the check (a stale tree is found either way).
  if (options.check) {
    const report = await checkFiles(options.outDir, result.files, output);
    return { status: "checked", diagnostics: result.diagnostics, report, recovered: recoveredFirst + report.recovered, reusedCompile: reused };
  }
  const summary = await writeFiles(options.outDir, result.files, output);
  return { status: "written", diagnostics: result.diagnostics, summary, recovered: recoveredFirst + summary.recovered, reusedCompile: reused };
}

/**
 * The compile of `sources`: the stored one when the same inputs were compiled before by the same
 * generator, else a fresh one (then stored). Only a read that said nothing is reused or stored, so the
 * stored diagnostics are the compiler's alone and a reading warning (a stray folder) is never lost.
 */
async function compileOrReuse(
  sources: readonly DefinitionSource[],
  sink: DiagnosticSink,
  options: GenerateOptions,
): Promise<{ readonly result: CompileResult; readonly reused: boolean }> {
  const storable = options.cacheDir !== undefined && sink.items.length === 0;
  if (storable) {
    const stored = await readCompiledResult(options.cacheDir!, options.definitionsDir, sources);
    if (stored) return { result: stored, reused: true };
  }
  const { compileDefinitions } = await import("./compile.js");
  const cache = options.cache ?? (options.cacheDir ? await openTransformCache(options.cacheDir, options.definitionsDir) : noCache);
  const result = await compileDefinitions(sources, sink, cache);
  if (result.files) {
    await cache.flush();
    if (storable) await writeCompiledResult(options.cacheDir!, options.definitionsDir, sources, { diagnostics: result.diagnostics, files: result.files });
  }
  return { result, reused: false };
}
