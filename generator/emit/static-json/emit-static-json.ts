import type { Model } from "../../model/model.js";
import {
  buildDiscoveryDocuments,
  listResponse,
  withBaseUrl,
  type JsonObject,
} from "../discovery-documents.js";
import { markdownCell, markdownCode, urlPathSegment } from "../escape.js";
import { definitionsFolderName, jsonFile, markdownHeader, type GeneratedFile } from "../generated-file.js";
import { documentFileName } from "../../names.js";
import { outputPath } from "../output-path.js";

/** The token that stands for the base URL when the project file does not set one. */
export const baseUrlPlaceholder = "{{SCIM_BASE_URL}}";

/**
 * Emits the discovery documents as static JSON under `json/`, for stacks that are not Node: each
 * document and the two ListResponses (RFC 7644 §4), with `meta.location` under the configured base
 * URL or the placeholder.
 */
export function emitStaticJson(model: Model): GeneratedFile[] {
  const base = model.project.staticJsonBaseUrl ?? baseUrlPlaceholder;
  const docs = buildDiscoveryDocuments(model);
  const absolute = (d: JsonObject): JsonObject => withBaseUrl(d, base);
  const resourceTypes = docs.resourceTypes.map(absolute);
  // The model's order, as the core package's runtime serves it: resource schemas, then service-provider schemas.
  const schemas = [...docs.schemas, ...docs.serviceProviderSchemas].map(absolute);

  const files: GeneratedFile[] = [
    jsonFile(outputPath("json", "ServiceProviderConfig.json"), absolute(docs.serviceProviderConfig)),
    jsonFile(outputPath("json", "ResourceTypes.json"), listResponse(resourceTypes)),
    jsonFile(outputPath("json", "Schemas.json"), listResponse(schemas)),
    ...resourceTypes.map((d) => jsonFile(outputPath("json/ResourceTypes", documentFileName(String(d["id"]))), d)),
    ...schemas.map((d) => jsonFile(outputPath("json/Schemas", documentFileName(String(d["id"]))), d)),
    { path: outputPath("json", "README.md"), contents: readme(model, resourceTypes, schemas), language: "markdown" },
  ];
  return files;
}

function readme(model: Model, resourceTypes: readonly JsonObject[], schemas: readonly JsonObject[]): string {
  const baked = model.project.staticJsonBaseUrl;
  const ids = (docs: readonly JsonObject[]): string[] => docs.map((d) => String(d["id"]));
  // Each cell: a code span (markdownCode) of a URL whose id is one path segment (urlPathSegment), or of a
  // file name (documentFileName), made a table cell by markdownCell.
  const row = (request: string, file: string): string => `| ${markdownCell(markdownCode(request))} | ${markdownCell(markdownCode(file))} |`;
  const rows = [
    row("GET {base}/ServiceProviderConfig", "ServiceProviderConfig.json"),
    row("GET {base}/ResourceTypes", "ResourceTypes.json"),
    ...ids(resourceTypes).map((id) => row(`GET {base}/ResourceTypes/${urlPathSegment(id)}`, `ResourceTypes/${documentFileName(id)}`)),
    row("GET {base}/Schemas", "Schemas.json"),
    ...ids(schemas).map((id) => row(`GET {base}/Schemas/${urlPathSegment(id)}`, `Schemas/${documentFileName(id)}`)),
  ];
  // encodeURIComponent leaves `!'()*` as they are; file names encode them too (`*` is not portable).
  const encoding = ids(schemas).every((id) => documentFileName(id) === `${encodeURIComponentOrNull(id)}.json`)
    ? "map `/Schemas/{uri}` to `Schemas/${encodeURIComponent(uri)}.json`"
    : "map `/Schemas/{uri}` to `Schemas/` + the URI with every character but letters, digits and `-._~` percent-encoded + `.json` (in JavaScript, `encodeURIComponent` and then `!'()*` as `%21 %27 %28 %29 %2A`)";
  return `${markdownHeader(definitionsFolderName(model))}
# Static SCIM discovery documents

The RFC 7644 §4 discovery responses as JSON files, for services that are not written for Node.
Serve each file with \`Content-Type: application/scim+json\` at the path in the table; \`{base}\` is your
SCIM base URL, e.g. \`https://api.example.com/scim/v2\`.

| request | file |
| --- | --- |
${rows.join("\n")}

Schema files are named by their URN percent-encoded (\`:\` is \`%3A\`), because \`:\` cannot stand in a
file name on every system; ${encoding}, and
accept the URI both raw and percent-encoded.

## The base URL in \`meta.location\`

Strict clients fetch every \`meta.location\` and compare it with the object, so it must be the absolute
URL that serves that object (RFC 7643 §3.1).
${
  baked
    ? `These files were generated with ${markdownCode(`staticJson.baseUrl: ${baked}`)} from ${markdownCode(`${definitionsFolderName(model)}scim-codegen.yaml`)}, so each
\`meta.location\` already starts with ${markdownCode(baked)}.`
    : `These files carry the placeholder \`${baseUrlPlaceholder}\` where the base URL goes. Replace it when you
deploy, for example in this folder:

\`\`\`sh
find . -name '*.json' -exec sed -i 's#${baseUrlPlaceholder}#https://api.example.com/scim/v2#g' {} +
\`\`\`

or set \`staticJson.baseUrl\` in ${markdownCode(`${definitionsFolderName(model)}scim-codegen.yaml`)} and regenerate to bake one base in.
A multi-tenant service, whose base differs per tenant, replaces the placeholder per request instead.`
}

Also answer what the files cannot: unknown paths and ids with a SCIM Error (404, \`"status": "404"\`),
HEAD like GET without a body, other methods with 405 and \`Allow: GET, HEAD\`, and a \`filter\` on
\`/ResourceTypes\` or \`/Schemas\` with 403 (RFC 7644 §4). The generated Node adapters do all of this for you.
`;
}

/** `encodeURIComponent`, or null where it throws (a lone surrogate). */
function encodeURIComponentOrNull(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null;
  }
}
