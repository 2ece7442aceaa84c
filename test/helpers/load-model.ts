// Test helpers: the model of the repository's definitions, optionally with a definition file edited in
// memory, built through the generator's own load → validate → model steps.

import { DiagnosticSink, formatDiagnostic, hasErrors } from "../../generator/diagnostics/diagnostic.js";
import { parseDefinitionSources, readDefinitionSources, type DefinitionSource } from "../../generator/load/definition-files.js";
import { buildModel } from "../../generator/model/build-model.js";
import type { Model } from "../../generator/model/model.js";
import { validateDefinitions } from "../../generator/validate/validate-definitions.js";
import { repoRoot } from "./repo.js";

/** An edit of one definition file's text, by its `sourceName` (`definitions/schemas/group.yaml`). */
export type DefinitionEdits = Readonly<Record<string, (text: string) => string>>;

/** Builds the model of `definitions/`, with `edits` applied to the named files first. */
export async function loadModel(edits: DefinitionEdits = {}): Promise<Model> {
  const sink = new DiagnosticSink();
  const sources = await readDefinitionSources(`${repoRoot}definitions`, repoRoot, sink);
  for (const name of Object.keys(edits)) {
    if (!sources.some((s) => s.sourceName === name)) throw new Error(`no definition file ${name}`);
  }
  const edited = sources.map((s): DefinitionSource => {
    const edit = edits[s.sourceName];
    if (!edit) return s;
    const text = edit(s.text);
    if (text === s.text) throw new Error(`the edit of ${s.sourceName} changed nothing`);
    return { ...s, text };
  });
  const validated = validateDefinitions(parseDefinitionSources(edited, sink), sink);
  if (hasErrors(sink.items)) throw new Error(sink.items.map(formatDiagnostic).join("\n"));
  return buildModel(validated);
}
