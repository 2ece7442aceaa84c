// The project file's rules for the Python package: its import name comes from `packageScope`
// (generator/names.ts), and must be one Python can import without shadowing anything.

import type { DiagnosticSink } from "../../diagnostics/diagnostic.js";
import { pythonAdapters, type ProjectDefinition } from "../../model/definition-types.js";
import { pythonPackageNameProblem } from "../../names.js";
import type { Typed } from "./cross-file-rules.js";

/** Reports a `packageScope` that cannot name the Python package, when the project generates it. */
export function checkPythonPackageName({ file, value }: Typed<ProjectDefinition>, sink: DiagnosticSink): void {
  if (value.packageScope === undefined || !(value.adapters ?? []).some((a) => (pythonAdapters as readonly string[]).includes(a))) return;
  const problem = pythonPackageNameProblem(value.packageScope);
  if (problem === undefined) return;
  sink.error(file.locate(["packageScope"]), "invalid-python-package-name",
    `packageScope ${JSON.stringify(value.packageScope)} names the Python package of the django and fastapi adapters, but ${problem}; choose another scope (e.g. "@acme-scim"), or leave django and fastapi out of adapters.`);
}
