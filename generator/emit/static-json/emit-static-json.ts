import type { Model } from "../../model/model.js";
import {
  buildDiscoveryDocuments,
  listResponse,
  withBaseUrl,
  type JsonObject,
} from "../discovery-documents.js";
import { jsonFile, markdownHeader, type GeneratedFile } from "../generated-file.js";

/** The token that stands for the base URL when the project file does not set one. */
export const baseUrlPlaceholder = "{{SCIM_BASE_URL}}";

/** File name of a schema document: the URN percent-encoded, since ":" is not portable in file names. */
export function schemaFileName(id: string): string {
  return `${encodeURIComponent(id)}.json`;
}

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
  const schemas = [...docs.schemas, ...docs.serviceProviderSchemas]
    .map(absolute)
    .sort((a, b) => (String(a["id"]) < String(b["id"]) ? -1 : String(a["id"]) > String(b["id"]) ? 1 : 0));

  const files: GeneratedFile[] = [
    jsonFile("json/ServiceProviderConfig.json", absolute(docs.serviceProviderConfig)),
    jsonFile("json/ResourceTypes.json", listResponse(resourceTypes)),
    jsonFile("json/Schemas.json", listResponse(schemas)),
    ...resourceTypes.map((d) => jsonFile(`json/ResourceTypes/${String(d["id"])}.json`, d)),
    ...schemas.map((d) => jsonFile(`json/Schemas/${schemaFileName(String(d["id"]))}`, d)),
    { path: "json/README.md", contents: readme(model, resourceTypes, schemas), language: "markdown" },
  ];
  return files;
}

function readme(model: Model, resourceTypes: readonly JsonObject[], schemas: readonly JsonObject[]): string {
  const baked = model.project.staticJsonBaseUrl;
  const rows = [
    ["`GET {base}/ServiceProviderConfig`", "`ServiceProviderConfig.json`"],
    ["`GET {base}/ResourceTypes`", "`ResourceTypes.json`"],
    ...resourceTypes.map((d) => [`\`GET {base}/ResourceTypes/${String(d["id"])}\``, `\`ResourceTypes/${String(d["id"])}.json\``]),
    ["`GET {base}/Schemas`", "`Schemas.json`"],
    ...schemas.map((d) => [`\`GET {base}/Schemas/${String(d["id"])}\``, `\`Schemas/${schemaFileName(String(d["id"]))}\``]),
  ];
  return `${markdownHeader("definitions/")}
# Static SCIM discovery documents

The RFC 7644 §4 discovery responses as JSON files, for services that are not written for Node.
Serve each file with \`Content-Type: application/scim+json\` at the path in the table; \`{base}\` is your
SCIM base URL, e.g. \`https://api.example.com/scim/v2\`.

| request | file |
| --- | --- |
${rows.map(([r, f]) => `| ${r} | ${f} |`).join("\n")}

Schema files are named by their URN percent-encoded (\`:\` is \`%3A\`), because \`:\` cannot stand in a
file name on every system; map \`/Schemas/{uri}\` to \`Schemas/\${encodeURIComponent(uri)}.json\`, and
accept the URI both raw and percent-encoded.

## The base URL in \`meta.location\`

Strict clients fetch every \`meta.location\` and compare it with the object, so it must be the absolute
URL that serves that object (RFC 7643 §3.1).
${
  baked
    ? `These files were generated with \`staticJson.baseUrl: ${baked}\` from \`definitions/scim-codegen.yaml\`, so each
\`meta.location\` already starts with \`${baked}\`.`
    : `These files carry the placeholder \`${baseUrlPlaceholder}\` where the base URL goes. Replace it when you
deploy, for example:

\`\`\`sh
find generated/json -name '*.json' -exec sed -i 's#${baseUrlPlaceholder}#https://api.example.com/scim/v2#g' {} +
\`\`\`

or set \`staticJson.baseUrl\` in \`definitions/scim-codegen.yaml\` and regenerate to bake one base in.
A multi-tenant service, whose base differs per tenant, replaces the placeholder per request instead.`
}

Also answer what the files cannot: unknown paths and ids with a SCIM Error (404, \`"status": "404"\`),
other methods with 405 and \`Allow: GET\`, and a \`filter\` on \`/ResourceTypes\` or \`/Schemas\` with 403
(RFC 7644 §4). The generated Node adapters do all of this for you.
`;
}
