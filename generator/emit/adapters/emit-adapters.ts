import type { Model } from "../../model/model.js";
import type { GeneratedFile } from "../generated-file.js";

/** Emits one package per framework adapter under packages/ (in progress). */
export function emitAdapterPackages(_model: Model): GeneratedFile[] {
  return [];
}
