// generated/openapi/README.md: how to feed the document and the JSON Schemas to the usual tools.

import type { Model, ResourceType } from "../../model/model.js";
import { jsString, lineComment, markdownCode, markdownFence } from "../escape.js";
import { definitionsFolderName, markdownHeader } from "../generated-file.js";
import { corePackageName, coreSubpaths, fileStem, validatorExportNames } from "../../names.js";
import { exampleBaseUrl } from "./openapi-document.js";

/** The README beside the OpenAPI document. */
export function openApiReadme(model: Model): string {
  // The example validates a create body: of the first resource type that declares create (RFC 7644 §3.3),
  // so the POST it names is one the document describes.
  // Without a resource type there is no validator to show.
  const creatable = model.resourceTypes.find((r) => r.operations.includes("create"));
  const first = creatable ?? model.resourceTypes[0];
  const example = first === undefined ? "" : `\n${markdownFence(validationExample(model, first, creatable !== undefined), "ts")}\n`;
  return `${markdownHeader(definitionsFolderName(model))}
# OpenAPI 3.1 document and JSON Schemas

\`openapi.json\` and \`openapi.yaml\` hold the same OpenAPI 3.1 document, generated from the same
definitions as the discovery documents, so the two cannot disagree. It describes the RFC 7644 §4
discovery endpoints with every answer the discovery runtime gives, and each resource endpoint with only
the operations the definitions declare.

- Every body is \`application/scim+json\`; errors are SCIM Error messages whose \`status\` is a string.
- Component schemas: \`<Resource>\` (response), \`<Resource>CreateRequest\`, \`<Resource>ReplaceRequest\`,
  \`<Resource>ListResponse\`, the discovery documents, \`Attribute\` (an attribute of a Schema document,
  whose \`subAttributes\` are \`Attribute\`s again, to any depth), \`PatchOp\`, \`Error\`, and
  \`<Schema>Attributes\`: each SCIM schema's attributes exactly as /Schemas lists them. Every attribute
  keeps its RFC 7643 §7 characteristics as \`x-scim-*\` keys (\`x-scim-mutability\`, \`x-scim-returned\`, …).
  Every \`$ref\` names a whole component, never a place inside one.
- The server URL is the variable \`{baseUrl}\` (default ${markdownCode(exampleBaseUrl(model))}); set it to your SCIM
  base URL.

## Feeding it to tools

Run in this folder (the commands name the files beside this README, wherever your output folder is):

| tool | command |
| --- | --- |
| TypeScript types (openapi-typescript) | \`npx openapi-typescript openapi.yaml -o scim-api.d.ts\` |
| client SDKs (OpenAPI Generator) | \`npx @openapitools/openapi-generator-cli generate -i openapi.yaml -g python -o scim-client\` |
| HTML reference (Redocly) | \`npx @redocly/cli build-docs openapi.yaml -o scim-api.html\` |
| lint (Redocly) | \`npx @redocly/cli lint openapi.yaml\` (finds \`redocly.yaml\` here) |
| Swagger UI | \`docker run -p 8080:8080 -e SWAGGER_JSON=/api/openapi.json -v "$PWD:/api" swaggerapi/swagger-ui\` |
| API portals and gateways (Backstage, Postman, Stoplight, Azure API Management, Kong, AWS API Gateway) | import \`openapi.json\` or \`openapi.yaml\` as an OpenAPI 3.1 definition |

openapi-typescript 7's output compiles under \`tsc --strict\` without \`skipLibCheck\`; an attribute's
\`type\`, \`mutability\`, \`returned\` and \`uniqueness\`, whose values RFC 7643 §2.2–§2.3 fix, are
string-literal unions at every depth.
\`redocly.yaml\` is Redocly's recommended ruleset with two rules turned off, each with its reason in a
comment (the \`<Schema>Attributes\` components that no operation uses, and \`info.license\`, which the
definitions do not state); lint then reports no error and no warning.

Tools that only read OpenAPI 3.0 need a 3.1 → 3.0 down-conversion first; the document uses 3.1 features
(JSON Schema 2020-12 keywords such as \`const\`, \`examples\` and \`dependentSchemas\`).

## JSON Schemas for payload validation

\`../json-schema/<resource>.{create,replace,response}.schema.json\` are stand-alone JSON Schema 2020-12
files, one per resource type and representation; any 2020-12 validator takes them (ajv, Python
\`jsonschema.Draft202012Validator\`, networknt for Java, santhosh-tekuri for Go). Before validating a
request, do what RFC 7643/7644 ask and the schemas cannot express:

1. match attribute names and schema URIs case-insensitively (RFC 7643 §2.1) and rewrite them as the
   schema spells them;
2. drop readOnly attributes from create and replace requests: RFC 7644 §3.3 says they SHALL be ignored,
   so the request schemas do not list them;
3. drop \`null\` values, which RFC 7643 §2.5 makes equal to unassigned.

In Node, the core package does all three: its validators are these schemas compiled with ajv at generate
time (no ajv needed at run time), with errors named by attribute path and a ready SCIM 400 body.
${example}`;
}

/** Validating a create body of `resourceType` with the core package's validators. */
function validationExample(model: Model, resourceType: ResourceType, declaresCreate: boolean): string {
  const validate = validatorExportNames(resourceType.name).create;
  const next = declaresCreate ? `POST ${resourceType.endpoint} continues here` : "no resource type declares create (codegen.operations)";
  // `validate` is a pascalCase identifier; the specifier is a string literal, the last line a comment.
  return [
    `import { ${validate} } from ${jsString(`${corePackageName(model.project.packageScope)}/${coreSubpaths.validators}`)};`,
    "",
    `const result = ${validate}(body);`,
    'if (!result.valid) return new Response(JSON.stringify(result.error), { status: 400, headers: { "content-type": "application/scim+json" } });',
    `// ${lineComment(`result.value: the ${fileStem(resourceType.sourceName)} with canonical attribute names, readOnly attributes removed; ${next}`)}`,
  ].join("\n");
}
