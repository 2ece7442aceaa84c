// Stand-alone JSON Schema 2020-12 files per resource type and representation (create request, replace
// request, response), for services that are not written in TypeScript. Each file is self-contained.

import type { Model, ResourceType } from "../../model/model.js";
import { jsonFile, type GeneratedFile } from "../generated-file.js";
import { fileStem, jsonSchemaFileName, jsonSchemaFolder, jsonSchemaRepresentations } from "../../names.js";
import type { SchemaObject } from "./openapi-types.js";
import { resourceRepresentation, type ResourceRepresentation } from "./resource-representation.js";
import { jsonSchemaDialect } from "./schema-object.js";

/**
 * The stand-alone schema. `$id` is the file name, a relative reference (JSON Schema 2020-12 §8.2.1):
 * the files resolve against wherever they are served, and no host name is invented.
 */
export function jsonSchemaDocument(rt: ResourceType, representation: ResourceRepresentation): SchemaObject {
  return { $schema: jsonSchemaDialect, $id: jsonSchemaFileName(fileStem(rt.sourceName), representation), ...resourceRepresentation(rt, representation) };
}

/** Emits `json-schema/<resource>.<representation>.schema.json` for every resource type. */
export function emitJsonSchemaFiles(model: Model): GeneratedFile[] {
  return model.resourceTypes.flatMap((rt) =>
    jsonSchemaRepresentations.map((r) =>
      jsonFile(`${jsonSchemaFolder}/${jsonSchemaFileName(fileStem(rt.sourceName), r)}`, jsonSchemaDocument(rt, r)),
    ),
  );
}
