import type { Model } from "../../model/model.js";
import { definitionsFolderName, jsonFile, noMemo, yamlHeader, type GeneratedFile, type Memo } from "../generated-file.js";
import { emitValidators } from "../validators/emit-validators.js";
import { emitJsonSchemaFiles } from "./json-schema-files.js";
import { buildOpenApiDocument } from "./openapi-document.js";
import { openApiReadme } from "./readme.js";
import { redoclyConfig } from "./redocly-config.js";
import { outputPath } from "../output-path.js";
import { portableYaml } from "./yaml-text.js";

/**
 * Emits the OpenAPI 3.1 document (`openapi/openapi.json` and the same content as `openapi.yaml`), the
 * Redocly configuration its lint command uses (`openapi/redocly.yaml`), the stand-alone JSON Schemas
 * (`json-schema/`) and the core package's validators compiled from them.
 */
export function emitOpenApi(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  const document = buildOpenApiDocument(model);
  const json = jsonFile(outputPath("openapi", "openapi.json"), document);
  // Read the same by YAML 1.2 and YAML 1.1 parsers (portableYaml). Serialising YAML is slow (about
  // 1 MB/s), so the result is memoised on the JSON text (the cache is emptied when the generator changes).
  // The header names the definitions folder as the user's project does (scim/definitions/, …).
  const yaml = yamlHeader(definitionsFolderName(model)) + memo("openapi-yaml-body", json.contents, () => portableYaml(document));
  return [
    json,
    { path: outputPath("openapi", "openapi.yaml"), contents: yaml, language: "yaml" },
    { path: outputPath("openapi", "README.md"), contents: openApiReadme(model), language: "markdown" },
    { path: outputPath("openapi", "redocly.yaml"), contents: redoclyConfig(definitionsFolderName(model)), language: "yaml" },
    ...emitJsonSchemaFiles(model),
    ...emitValidators(model, memo),
  ];
}
