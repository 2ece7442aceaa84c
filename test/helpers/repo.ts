import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources } from "../../generator/load/definition-files.js";
import { compileDefinitions, type CompileResult } from "../../generator/pipeline.js";

/** The repository root. */
export const repoRoot: string = fileURLToPath(new URL("../..", import.meta.url));

/** Compiles the repository's own definitions in memory (memoised: several test files need it). */
let cached: Promise<CompileResult> | undefined;
export function compileRepoDefinitions(): Promise<CompileResult> {
  cached ??= (async () => {
    const sink = new DiagnosticSink();
    const sources = await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink);
    return compileDefinitions(sources, sink);
  })();
  return cached;
}
