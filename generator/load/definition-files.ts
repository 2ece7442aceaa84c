import { noCache, type TransformCache } from "../cache/transform-cache.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { DefinitionKind, DefinitionSource } from "./definition-sources.js";
import { parseYamlFile, type YamlFile } from "./yaml-file.js";

// Reading the files lives in definition-sources.ts (no YAML parser needed); re-exported here, where
// callers have always found it.
export {
  acceptedChangesFileName,
  fileNameProblem,
  projectFileName,
  readDefinitionFile,
  readDefinitionSources,
  serviceProviderConfigFileName,
  type DefinitionFileRead,
  type DefinitionKind,
  type DefinitionSource,
} from "./definition-sources.js";

/** A parsed definition file. */
export interface DefinitionFile extends YamlFile {
  readonly kind: DefinitionKind;
  readonly sourceName: string;
  readonly builtin: boolean;
}

/** Parses definition sources; the result is the user's files, then the built-in ones, each in code-unit order of `sourceName`, whatever the input order. */
export function parseDefinitionSources(
  sources: readonly DefinitionSource[],
  sink: DiagnosticSink,
  cache: TransformCache = noCache,
): DefinitionFile[] {
  // The user's files first, then the built-in ones: the order does not depend on the folder's name.
  return [...sources]
    .sort((a, b) => Number(a.builtin) - Number(b.builtin) || (a.sourceName < b.sourceName ? -1 : a.sourceName > b.sourceName ? 1 : 0))
    .map((s) => ({
      ...(s.refused ? refusedFile(s.displayPath) : parseYamlFile(s.displayPath, s.text, sink, cache)),
      kind: s.kind,
      sourceName: s.sourceName,
      builtin: s.builtin,
    }));
}

// A refused file has no value, like an unparsable one: the format check skips it, and the rules
// count it as a definition they cannot see.
function refusedFile(displayPath: string): YamlFile {
  return { displayPath, value: undefined, locate: () => ({ file: displayPath, line: 1, col: 1 }) };
}

