// The resource validators of the core package: the stand-alone JSON Schemas compiled with ajv at
// generate time into plain ESM functions (ajv's standalone code), a typed wrapper per resource type, and
// the hand-written validation runtime, shipped verbatim. Nothing here needs ajv at run time.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { Model, ResourceType } from "../../model/model.js";
import { packageRoot } from "../../package-root.js";
import { compileModule, moduleSpecifier, printModule } from "../core-package/typescript-module.js";
import { definitionsFolderName, noMemo, sourceHeader, type GeneratedFile, type Memo } from "../generated-file.js";
import { docComment, jsData, lineComment } from "../escape.js";
import {
  coreOutputPath,
  fileStem,
  jsonSchemaFileName,
  jsonSchemaFolder,
  jsonSchemaRepresentations,
  resourceTypeInterfaceName,
  resourceTypeModulePaths,
  validatorExportNames,
  validatorsIndexModulePath,
} from "../../names.js";
import { assertOutputPath } from "../output-path.js";
import { jsonSchemaDocument } from "../openapi/json-schema-files.js";
import type { ResourceRepresentation } from "../openapi/resource-representation.js";
import { scimAnnotationKeywords } from "../openapi/schema-object.js";
import { resourceRules } from "./attribute-rules.js";
import { regExpFormats } from "./formats.js";

const runtimeDir = join(packageRoot, "generator", "validation-runtime");
/** Where the validation runtime is shipped, inside the core package. */
const validatorsRuntimeFolder = "validators/runtime";

/** A fresh ajv that emits ESM standalone code; strict, so a schema mistake fails the generate run. */
function newAjv(): InstanceType<typeof Ajv2020.default> {
  const ajv = new Ajv2020.default({
    code: { source: true, esm: true },
    // Report every problem of a payload, not only the first.
    allErrors: true,
    // strict mode also turns on strictRequired and strictTuples: every `required` name is a declared property.
    strict: true,
    // Compare enum values inline however many there are: past `loopEnum` (200 by default) ajv loops over its
    // deep-equal helper, which standalone code can only `require` from ajv at run time. Canonical values are
    // strings or numbers (validate/rules/attribute-rules.ts), so `===` compares them.
    loopEnum: Number.POSITIVE_INFINITY,
  });
  for (const keyword of scimAnnotationKeywords) ajv.addKeyword({ keyword });
  for (const [name, format] of Object.entries(regExpFormats())) ajv.addFormat(name, format);
  return ajv;
}

// Keywords that only annotate (JSON Schema 2020-12 meta-data and content vocabularies, and ours). ajv's
// standalone code embeds the schema object where a keyword needs its value at run time; without the
// annotations the embedded copy is a fraction of the size, and validation is the same.
const annotationKeywords = new Set<string>(["title", "description", "examples", "readOnly", "writeOnly", "contentEncoding", ...scimAnnotationKeywords]);

/** A schema without its annotations; `properties` keys are attribute names, never keywords, so they stay. */
export function withoutAnnotations(schema: unknown, inPropertyMap = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutAnnotations(s));
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!inPropertyMap && annotationKeywords.has(key)) continue;
    // `enum` and `const` hold data, not schemas.
    out[key] = key === "enum" || key === "const" ? value : withoutAnnotations(value, !inPropertyMap && (key === "properties" || key === "dependentSchemas"));
  }
  return out;
}

/** ajv standalone code for one resource type's three schemas, as an ES module exporting `create`, `replace`, `response`. */
export function compileResourceSchemas(rt: ResourceType, memo: Memo = noMemo): string {
  // ajv compiles slowly (about 0.1 s for the User schemas); the result depends only on the schemas.
  const documents = jsonSchemaRepresentations.map((r) => withoutAnnotations(jsonSchemaDocument(rt, r)));
  return memo("ajv-standalone", JSON.stringify(documents), () => compileSchemas(rt, documents));
}

function compileSchemas(rt: ResourceType, documents: readonly unknown[]): string {
  const ajv = newAjv();
  const refs: Record<string, string> = {};
  const aliases: string[] = [];
  const seen = new Map<string, string>();
  for (const [i, r] of jsonSchemaRepresentations.entries()) {
    const { $id, ...rest } = documents[i] as { $id: string };
    // Create and replace bodies differ only in what the service does with immutable values (RFC 7644
    // §3.5.1), not in shape: a schema already compiled is exported again under the new name.
    const shape = JSON.stringify(rest);
    const same = seen.get(shape);
    if (same !== undefined) {
      aliases.push(`export const ${r} = ${same};`);
      continue;
    }
    seen.set(shape, r);
    ajv.addSchema({ $id, ...rest });
    refs[r] = $id;
  }
  const code = standaloneCode.default(ajv, refs);
  // The compiled code must stand alone: a `require` would need ajv (or ajv-formats) at run time.
  const required = code.match(/require\(["'][^"']+["']\)/);
  if (required) throw new Error(`scim-codegen: the compiled ${rt.name} validators need ${required[0]} at run time`);
  return [code, ...aliases].join("\n");
}

function variable(name: string, type: string, initializer: string, doc: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [docComment(doc)],
    declarations: [{ name, type, initializer }],
  };
}

const describeRepresentation: Record<ResourceRepresentation, (rt: ResourceType) => string> = {
  create: (rt) => `Validates a POST ${rt.endpoint} body (RFC 7644 §3.3)`,
  replace: (rt) => `Validates a PUT ${rt.endpoint}/{id} body (RFC 7644 §3.5.1)`,
  response: (rt) => `Validates a ${rt.name} as the service returns it (RFC 7643 §3)`,
};

/** The typed wrapper module of one resource type: its rules and its three validators. */
function wrapperStatements(rt: ResourceType, stem: string): StatementStructures[] {
  const names = validatorExportNames(rt.name);
  const type = resourceTypeInterfaceName(rt.name);
  const modules = resourceTypeModulePaths(stem);
  const runtime = (name: string): string => moduleSpecifier(modules.validators, `${validatorsRuntimeFolder}/${name}`);
  const validator = (r: ResourceRepresentation): StatementStructures =>
    variable(
      names[r],
      `${r === "response" ? "ResponseValidator" : "RequestValidator"}<${type}>`,
      r === "response" ? `createResponseValidator(${names.rules}, ${r})` : `createRequestValidator(${names.rules}, ${r})`,
      `${describeRepresentation[r](rt)} against ${jsonSchemaFolder}/${jsonSchemaFileName(stem, r)}. ` +
        (r === "response"
          ? "Attribute names match case-insensitively; writeOnly and returned:never attributes are reported."
          : "readOnly attributes are ignored (RFC 7644 §3.3), attribute names match case-insensitively (RFC 7643 §2.1), and every problem is named by attribute path with a ready SCIM 400 Error body."),
    );
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: moduleSpecifier(modules.validators, modules.resourceType), isTypeOnly: true, namedImports: [type] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: moduleSpecifier(modules.validators, modules.compiledValidators), namedImports: [...jsonSchemaRepresentations] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: runtime("validate"), namedImports: ["createRequestValidator", "createResponseValidator"] },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: runtime("types"),
      isTypeOnly: true,
      namedImports: ["RequestValidator", "ResourceRules", "ResponseValidator"],
    },
    variable(
      names.rules,
      "ResourceRules",
      jsData(resourceRules(rt), 2),
      `The attribute rules of the ${rt.name} resource type (RFC 7643 §2.2): names as /Schemas spells them, mutability, closed value lists.`,
    ),
    ...jsonSchemaRepresentations.map(validator),
  ];
}

/** The `.d.ts` of a compiled module: three `CompiledValidator` constants. */
function compiledDeclarations(stem: string): StatementStructures[] {
  const modules = resourceTypeModulePaths(stem);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: moduleSpecifier(modules.compiledValidators, `${validatorsRuntimeFolder}/types`),
      isTypeOnly: true,
      namedImports: ["CompiledValidator"],
    },
    ...jsonSchemaRepresentations.map(
      (r): StatementStructures => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        hasDeclareKeyword: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [docComment(`ajv standalone validation of ${jsonSchemaFolder}/${jsonSchemaFileName(stem, r)}; no normalisation, see the wrapper in ${moduleSpecifier(modules.compiledValidators, modules.validators)}.`)],
        declarations: [{ name: r, type: "CompiledValidator" }],
      }),
    ),
  ];
}

/** The hand-written validation runtime, shipped verbatim as `validators/runtime/*.js` and `.d.ts`. */
export function emitValidationRuntime(): GeneratedFile[] {
  const names = readdirSync(runtimeDir)
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts") && !n.endsWith(".test.ts"))
    .sort();
  return names.flatMap((name) =>
    compileModule(coreOutputPath(`${validatorsRuntimeFolder}/${name.slice(0, -3)}`), readFileSync(join(runtimeDir, name), "utf8"), `generator/validation-runtime/${name}`),
  );
}

/**
 * Emits `packages/core/validators/`: per resource type the compiled schemas (`compiled/<stem>.js`) and
 * a typed wrapper (`<stem>.js`), an index, and the validation runtime.
 */
export function emitValidators(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  // Memoised on the structures (plain data), like the core package's modules.
  const print = (_path: string, statements: StatementStructures[]): string =>
    memo("ts-morph print", JSON.stringify(statements), () => printModule(statements));

  const files: GeneratedFile[] = [];
  for (const rt of model.resourceTypes) {
    const stem = fileStem(rt.sourceName);
    const modules = resourceTypeModulePaths(stem);
    const header = sourceHeader(rt.sourceName);
    // `json-schema/user.{create,replace,response}.schema.json`: the three files, in shell brace notation.
    const schemaFiles = `${jsonSchemaFolder}/${jsonSchemaFileName(stem, `{${jsonSchemaRepresentations.join(",")}}`)}`;
    files.push(
      {
        path: assertOutputPath(`${coreOutputPath(modules.compiledValidators)}.js`),
        contents: `${header}// ${lineComment(`ajv standalone code of ${schemaFiles}, compiled at generate time.`)}\n${compileResourceSchemas(rt, memo)}\n`,
        language: "javascript",
        skipFormat: true,
      },
      {
        path: assertOutputPath(`${coreOutputPath(modules.compiledValidators)}.d.ts`),
        // Imports and variable statements only: ts-morph prints those the same in a declaration file.
        contents: header + print(`${modules.compiledValidators}.d`, compiledDeclarations(stem)),
        language: "typescript",
      },
      ...compileModule(coreOutputPath(modules.validators), header + print(modules.validators, wrapperStatements(rt, stem)), rt.sourceName),
    );
  }
  const index: StatementStructures[] = [
    ...model.resourceTypes.map(
      (rt): StatementStructures => ({
        kind: StructureKind.ExportDeclaration,
        moduleSpecifier: moduleSpecifier(validatorsIndexModulePath, resourceTypeModulePaths(fileStem(rt.sourceName)).validators),
      }),
    ),
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: moduleSpecifier(validatorsIndexModulePath, `${validatorsRuntimeFolder}/index`) },
  ];
  files.push(
    ...compileModule(coreOutputPath(validatorsIndexModulePath), sourceHeader(definitionsFolderName(model)) + print(validatorsIndexModulePath, index), definitionsFolderName(model)),
    ...emitValidationRuntime(),
  );
  return files;
}
