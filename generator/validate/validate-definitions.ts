import { noMemo, type Memo } from "../cache/transform-cache.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { DefinitionFile } from "../load/definition-files.js";
import type {
  ProjectDefinition,
  ResourceTypeDefinition,
  SchemaDefinition,
  ServiceProviderConfigDefinition,
} from "../model/definition-types.js";
import { validateDefinitionFormat } from "./definition-format.js";
import { checkRules, type Typed, type ValidFiles } from "./rules/cross-file-rules.js";
import { checkPythonPackageName } from "./rules/python-rules.js";

/** The definitions after validation: typed, and with the project file (if any). */
export interface ValidatedDefinitions extends ValidFiles {
  readonly project?: Typed<ProjectDefinition>;
}

/**
 * Checks every file against the definition format, then runs the rules the format cannot express.
 * Files that fail the format check are left out of the rules, so one mistake is not reported twice.
 */
export function validateDefinitions(files: readonly DefinitionFile[], sink: DiagnosticSink, memo: Memo = noMemo): ValidatedDefinitions {
  const schemas: Typed<SchemaDefinition>[] = [];
  const builtinSchemas: Typed<SchemaDefinition>[] = [];
  const resourceTypes: Typed<ResourceTypeDefinition>[] = [];
  let serviceProviderConfig: Typed<ServiceProviderConfigDefinition> | undefined;
  let project: Typed<ProjectDefinition> | undefined;

  const incomplete: { schemaIds: string[]; schemas: boolean; resourceTypes: boolean } = { schemaIds: [], schemas: false, resourceTypes: false };
  for (const file of files) {
    if (!validateDefinitionFormat(file, sink, memo)) {
      // Remember what a broken file still tells, so its mistake is not reported again as
      // "unknown schema" or "unused schema" in the files that refer to it.
      const id = (file.value as { id?: unknown } | undefined)?.id;
      if (file.kind === "schema") {
        if (typeof id === "string") incomplete.schemaIds.push(id);
        else incomplete.schemas = true;
      }
      if (file.kind === "resource-type") incomplete.resourceTypes = true;
      continue;
    }
    switch (file.kind) {
      case "schema":
        (file.builtin ? builtinSchemas : schemas).push({ file, value: file.value as SchemaDefinition });
        break;
      case "resource-type":
        resourceTypes.push({ file, value: file.value as ResourceTypeDefinition });
        break;
      case "service-provider-config":
        serviceProviderConfig = { file, value: file.value as ServiceProviderConfigDefinition };
        break;
      case "project":
        project = { file, value: file.value as ProjectDefinition };
        break;
    }
  }
  const valid: ValidatedDefinitions = {
    schemas,
    builtinSchemas,
    resourceTypes,
    ...(serviceProviderConfig ? { serviceProviderConfig } : {}),
    ...(project ? { project } : {}),
    incomplete,
  };
  checkRules(valid, sink);
  if (project) checkPythonPackageName(project, sink);
  return valid;
}
