import type { Model } from "../../model/model.js";
import type { GeneratedFile } from "../generated-file.js";

/** Emits the OpenAPI 3.1 document and the JSON Schemas (in progress). */
export function emitOpenApi(_model: Model): GeneratedFile[] {
  return [];
}
