import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { readDefinitionSources } from "../../generator/load/definition-files.js";
import { compileDefinitions } from "../../generator/pipeline.js";
import { tempProject } from "./temp-project.js";

/** Compiles a definitions file map (as `tempProject` takes it) in memory; throws when it does not compile. */
export async function compileFileMap(definitions: Readonly<Record<string, string | null>>): Promise<readonly GeneratedFile[]> {
  const project = await tempProject(definitions);
  try {
    const sink = new DiagnosticSink();
    const sources = await readDefinitionSources(project.definitionsDir, project.root, sink);
    const result = await compileDefinitions(sources, sink);
    if (!result.files) throw new Error(`the definitions do not compile:\n${result.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`).join("\n")}`);
    return result.files;
  } finally {
    await project.dispose();
  }
}
