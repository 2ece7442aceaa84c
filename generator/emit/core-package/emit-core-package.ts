import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  StructureKind,
  VariableDeclarationKind,
  type StatementStructures,
  type ExportDeclarationStructure,
} from "ts-morph";
import { noMemo, type Memo } from "../../cache/transform-cache.js";
import type { Model, ResourceType, Schema } from "../../model/model.js";
import { packageRoot } from "../../package-root.js";
import {
  resourceTypeDocument,
  schemaDocument,
  serviceProviderConfigDocument,
} from "../discovery-documents.js";
import { docComment, jsData, jsString, markdownCell, markdownCode, markdownFence, markdownText } from "../escape.js";
import { definitionsFolderName, jsonFile, markdownHeader, sourceHeader, type GeneratedFile } from "../generated-file.js";
import {
  attributesInterfaceName,
  coreIndexNames,
  coreOutputPath,
  corePackageFolder,
  corePackageName,
  coreSubpaths,
  fileStem,
  resourceTypeConstantName,
  resourceTypeInterfaceName,
  resourceTypeModulePaths,
  schemaKey,
  schemaModuleNames,
  schemaModulePath,
  serviceProviderConfigConstantName,
  serviceProviderSchemaModulePath,
  validatorsIndexModulePath,
} from "../../names.js";
import { outputPath } from "../output-path.js";
import { schemaInterfaces } from "./resource-interfaces.js";
import { compileModule, moduleSpecifier, printModule } from "./typescript-module.js";

const runtimeDir = join(packageRoot, "generator", "runtime");
const root = corePackageFolder;

interface ModuleNames {
  readonly module: string; // path inside the package, without extension (generator/names.ts)
  readonly constant: string;
}

/**
 * Emits `packages/core`: the discovery documents as typed constants, resource types, lookups, and
 * the hand-written runtime, as plain ESM `.js` with `.d.ts` beside it, so the package imports in
 * Node without a build step or a TypeScript loader.
 */
export function emitCorePackage(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  // `build` gets the module's data table: documents go there as data text, and into the source as `null`.
  const print = (path: string, sourceName: string, build: (data: DataConstants) => StatementStructures[]): GeneratedFile[] => {
    const data: DataConstants = {};
    const statements = build(data);
    // Structures are plain data: the printed text is memoised on them, so a run whose model did not
    // change never starts ts-morph's printer.
    const text = memo("ts-morph print", JSON.stringify(statements), () => printModule(statements));
    const source = sourceHeader(sourceName) + text;
    return compileModule(coreOutputPath(path), source, sourceName, Object.keys(data).length ? data : undefined);
  };

  const files: GeneratedFile[] = [];
  const schemaNames = model.schemas.map((schema) => {
    const stem = fileStem(schema.sourceName);
    const names = { module: schemaModulePath(stem), constant: schemaModuleNames(stem).constant };
    files.push(...print(names.module, schema.sourceName, (d) => schemaModule(d, schema, names.module, stem, true)));
    return names;
  });
  const builtinNames = model.serviceProviderSchemas.map((schema) => {
    const stem = fileStem(schema.sourceName);
    const names = { module: serviceProviderSchemaModulePath(stem), constant: schemaModuleNames(stem).constant };
    files.push(...print(names.module, schema.sourceName, (d) => schemaModule(d, schema, names.module, stem, false)));
    return names;
  });
  const resourceTypeNames = model.resourceTypes.map((rt) => {
    const stem = fileStem(rt.sourceName);
    const names = { module: resourceTypeModulePaths(stem).resourceType, constant: resourceTypeConstantName(stem) };
    files.push(...print(names.module, rt.sourceName, (d) => resourceTypeModule(d, rt, names)));
    return names;
  });
  const spcNames = { module: "service-provider-config", constant: serviceProviderConfigConstantName };
  files.push(
    ...print(spcNames.module, model.serviceProviderConfig.sourceName, (d) => [
      documentConstant(d, spcNames.constant, "ServiceProviderConfigDocument", serviceProviderConfigDocument(model.serviceProviderConfig),
        "The ServiceProviderConfig (RFC 7643 §5), served at /ServiceProviderConfig."),
      typeImport(spcNames.module, "runtime/scim-documents", ["ServiceProviderConfigDocument"]),
    ]),
  );

  files.push(
    ...print(coreIndexModule, definitionsFolderName(model), () => indexModule(model, schemaNames, builtinNames, resourceTypeNames, spcNames)),
    ...emitRuntime(),
    packageJson(model),
    { path: outputPath(root, "README.md"), contents: readme(model), language: "markdown" },
  );
  return files;
}

/** The module that re-exports every document module, the lists and the lookups (the package's root). */
const coreIndexModule = "index";

/** A type-only import of `target` (a path inside the package) from the module at `from`. */
function typeImport(from: string, target: string, names: string[]): StatementStructures {
  return { kind: StructureKind.ImportDeclaration, moduleSpecifier: moduleSpecifier(from, target), isTypeOnly: true, namedImports: names };
}

/** The data constants of one module: constant name → its value as data text (`jsData`). */
type DataConstants = Record<string, string>;

// The documents are data; the module declares each as `null`, and the format step puts the data text
// in place of that `null`, found on the syntax tree, so prettier never reformats them (see
// GeneratedFile.dataConstants). The name is the emitter's own identifier, never a definition's text.
function documentConstant(data: DataConstants, name: string, type: string, value: unknown, doc: string): StatementStructures {
  data[name] = jsData(value, 2);
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [docComment(doc)],
    declarations: [{ name, type, initializer: "null" }],
  };
}

// A schema module: its URN, its document and, for resource schemas, the attribute interfaces.
function schemaModule(data: DataConstants, schema: Schema, module: string, stem: string, withInterfaces: boolean): StatementStructures[] {
  const exported = schemaModuleNames(stem);
  return [
    typeImport(module, "runtime/scim-documents", ["SchemaDocument"]),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [docComment(`The URN of the ${schema.name} schema.`)],
      declarations: [{ name: exported.idConstant, initializer: jsString(schema.id) }],
    },
    documentConstant(data, exported.constant, "SchemaDocument", schemaDocument(schema),
      `The ${schema.name} schema (RFC 7643 §7), served at /Schemas/${schema.id}.`),
    ...(withInterfaces ? schemaInterfaces(schema, stem) : []),
  ];
}

// A resource type module: its document and the resource's TypeScript type.
function resourceTypeModule(data: DataConstants, rt: ResourceType, names: ModuleNames): StatementStructures[] {
  const constant = names.constant;
  const stemOf = (s: Schema): string => fileStem(s.sourceName);
  const used = [...new Set([rt.schema, ...rt.schemaExtensions.map((e) => e.schema)])];
  const imported = ["ResourceTypeDocument", "ScimResource", ...used.map((s) => attributesInterfaceName(stemOf(s)))];
  const imports: StatementStructures[] = [
    typeImport(names.module, "runtime/scim-documents", ["ResourceTypeDocument", "ScimResource"]),
    ...used.map((s) => typeImport(names.module, schemaModulePath(stemOf(s)), [attributesInterfaceName(stemOf(s))])),
  ];
  // The resource's interface is named after it; a name that is one of the imports would redeclare it
  // and break the module's types (transpiling does not type-check, so nothing else would notice).
  // Validation claims both in the core namespace (name-collision), so a throw here is a generator bug.
  const type = resourceTypeInterfaceName(rt.name);
  if (imported.includes(type)) {
    throw new Error(`scim-codegen: resource type ${JSON.stringify(rt.name)} names an interface that ${names.module} imports; rename it`);
  }
  return [
    ...imports,
    documentConstant(data, constant, "ResourceTypeDocument", resourceTypeDocument(rt),
      `The ${rt.name} resource type (RFC 7643 §6), served at /ResourceTypes/${rt.id}.`),
    {
      kind: StructureKind.Interface,
      name: type,
      isExported: true,
      docs: [docComment(`A ${rt.name} resource as sent to and returned from ${rt.endpoint} (RFC 7643 §3): the common attributes, the ${rt.schema.name} schema${rt.schemaExtensions.length ? ", and its extensions under their schema URNs" : ""}.`)],
      extends: ["ScimResource", attributesInterfaceName(stemOf(rt.schema))],
      properties: rt.schemaExtensions.map((e) => ({
        kind: StructureKind.PropertySignature as const,
        name: jsString(e.schema.id),
        type: attributesInterfaceName(stemOf(e.schema)),
        hasQuestionToken: !e.required,
        docs: [docComment(`The ${e.schema.name} extension (${e.required ? "required" : "optional"}).`)],
      })),
    },
  ];
}

function indexModule(
  model: Model,
  schemaNames: readonly ModuleNames[],
  builtinNames: readonly ModuleNames[],
  resourceTypeNames: readonly ModuleNames[],
  spcNames: ModuleNames,
): StatementStructures[] {
  const reexport = (m: ModuleNames): ExportDeclarationStructure => ({ kind: StructureKind.ExportDeclaration, moduleSpecifier: moduleSpecifier(coreIndexModule, m.module) });
  const importConst = (m: ModuleNames): StatementStructures => ({
    kind: StructureKind.ImportDeclaration, moduleSpecifier: moduleSpecifier(coreIndexModule, m.module), namedImports: [m.constant],
  });
  const list = (name: string, type: string, items: readonly ModuleNames[], doc: string): StatementStructures => ({
    kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [doc],
    declarations: [{ name, type, initializer: `[${items.map((i) => i.constant).join(", ")}]` }],
  });
  const literalMap = (name: string, entries: [string, string][], doc: string): StatementStructures => {
    // Keys come from names (generator/names.ts); two names with one key would leave one value unreachable.
    // Validation claims them (name-collision), so a throw here is a generator bug.
    const keys = entries.map(([k]) => k);
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice !== undefined) throw new Error(`scim-codegen: two names give the key ${twice} of ${name}; rename one`);
    return {
      kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [doc],
      declarations: [{ name, initializer: `{ ${entries.map(([k, v]) => `${jsString(k)}: ${jsString(v)}`).join(", ")} } as const` }],
    };
  };
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/scim-documents.js", isTypeOnly: true, namedImports: ["ResourceTypeDocument", "SchemaDocument"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/types.js", isTypeOnly: true, namedImports: ["DiscoveryDocuments"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/lookup.js", namedImports: ["findById", "type LookupOptions"] },
    ...[...schemaNames, ...builtinNames, ...resourceTypeNames, spcNames].map(importConst),
    ...[...schemaNames, ...builtinNames, ...resourceTypeNames, spcNames].map(reexport),
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime/scim-documents.js", isTypeOnly: true },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime/lookup.js", isTypeOnly: true, namedExports: ["LookupOptions"] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime/types.js", isTypeOnly: true, namedExports: ["DiscoveryDocuments"] },
    literalMap(coreIndexNames.schemaUrn, model.schemas.map((s) => [schemaKey(s.name), s.id]), "The URNs of the resource schemas, by schema name."),
    literalMap(coreIndexNames.resourceTypeName, model.resourceTypes.map((r) => [resourceTypeInterfaceName(r.name), r.name]), "The resource type names, as clients look them up at /ResourceTypes/{id}."),
    list(coreIndexNames.resourceTypes, "readonly ResourceTypeDocument[]", resourceTypeNames, "Every resource type, in canonical order (code-unit order of id)."),
    list(coreIndexNames.schemas, "readonly SchemaDocument[]", schemaNames, "Every resource schema (bases and extensions), in canonical order (code-unit order of id)."),
    list(coreIndexNames.serviceProviderSchemas, "readonly SchemaDocument[]", builtinNames, "The RFC 7643 §8.7.2 service-provider schemas: ServiceProviderConfig, ResourceType, Schema."),
    {
      kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const,
      docs: ["Everything the discovery runtime serves (RFC 7644 §4); pass it to createDiscoveryHandler."],
      // The DiscoveryDocuments fields; the lists above have the fields' names (a rename fails the package's type check).
      declarations: [{ name: coreIndexNames.discoveryDocuments, type: "DiscoveryDocuments", initializer: `{ serviceProviderConfig: ${spcNames.constant}, resourceTypes, schemas, serviceProviderSchemas }` }],
    },
    {
      kind: StructureKind.Function, isExported: true, name: coreIndexNames.findResourceType,
      docs: ["Finds a resource type by id; case-insensitive unless `caseExact` (RFC 7644 §3.10)."],
      parameters: [{ name: "id", type: "string" }, { name: "options", type: "LookupOptions", hasQuestionToken: true }],
      returnType: "ResourceTypeDocument | undefined",
      statements: "return findById(resourceTypes, id, options);",
    },
    {
      kind: StructureKind.Function, isExported: true, name: coreIndexNames.findSchema,
      docs: ["Finds a schema by URI, resource or service-provider schema; case-insensitive unless `caseExact`."],
      parameters: [{ name: "uri", type: "string" }, { name: "options", type: "LookupOptions", hasQuestionToken: true }],
      returnType: "SchemaDocument | undefined",
      statements: "return findById(schemas, uri, options) ?? findById(serviceProviderSchemas, uri, options);",
    },
  ];
}

/** The hand-written runtime, shipped verbatim as `runtime/*.js` and `.d.ts` (tests excluded). */
export function emitRuntime(): GeneratedFile[] {
  const names = readdirSync(runtimeDir).filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts") && !n.endsWith(".test.ts")).sort();
  return names.flatMap((name) =>
    compileModule(`${root}/runtime/${name.slice(0, -3)}`, readFileSync(join(runtimeDir, name), "utf8"), `generator/runtime/${name}`),
  );
}

/**
 * The Node versions the generated packages run on. They are ESM only; a CommonJS app loads them with
 * `require()` of ES modules, which Node enables by default from 20.19 and 22.12 (a dual build would
 * double every module for Node versions that are past or near their end of life).
 */
export const generatedPackageEngines = { node: "^20.19.0 || >=22.12.0" } as const;

function packageJson(model: Model): GeneratedFile {
  const entry = (path: string): object => ({ types: `./${path}.d.ts`, default: `./${path}.js` });
  return jsonFile(outputPath(root, "package.json"), {
    name: corePackageName(model.project.packageScope),
    version: "0.0.0",
    private: true,
    description: "SCIM 2.0 discovery documents (RFC 7643 §5–§7) as typed constants, and the discovery runtime. Generated by scim-codegen.",
    type: "module",
    sideEffects: false,
    types: "./index.d.ts",
    exports: {
      ".": entry(coreIndexModule),
      [`./${coreSubpaths.runtime}`]: entry("runtime/index"),
      [`./${coreSubpaths.validators}`]: entry(validatorsIndexModulePath),
      "./package.json": "./package.json",
    },
    engines: generatedPackageEngines,
  });
}

function readme(model: Model): string {
  const name = corePackageName(model.project.packageScope);
  // Type and key names are pascalCase identifiers (generator/names.ts); the package name goes through jsString in code and
  // markdownText or markdownCode in prose, and the code block's fence outgrows any backticks inside.
  // The example names only what the package exports: definitions with no schema or resource type of their
  // own (valid) have no key in SchemaUrn and no resource interface, so it looks up an RFC 7643 §8.7.2 schema.
  const firstType = model.resourceTypes[0];
  const firstSchema = model.schemas[0];
  const imports = [
    "findSchema",
    ...(firstSchema === undefined ? [] : ["SchemaUrn"]),
    ...(firstType === undefined ? [] : ["ResourceTypeName"]),
    "serviceProviderConfig",
    ...(firstType === undefined ? [] : [`type ${resourceTypeInterfaceName(firstType.name)}`]),
  ];
  const looked = firstSchema === undefined ? jsString(model.serviceProviderSchemas[0]?.id ?? "") : `SchemaUrn.${schemaKey(firstSchema.name)}`;
  const example = [
    `import { ${imports.join(", ")} } from ${jsString(name)};`,
    "",
    `const schema = findSchema(${looked}); // case-insensitive, as RFC 7644 §3.10 says`,
    "console.log(schema?.attributes.map((a) => a.name), serviceProviderConfig.filter.maxResults);",
  ].join("\n");
  const row = (cells: readonly string[]): string => `| ${cells.map(markdownCell).join(" | ")} |`;
  const interfacesRow = firstType === undefined ? "" : `${row([model.resourceTypes.map((r) => markdownCode(resourceTypeInterfaceName(r.name))).join(", "), "resource types, with extensions under their URN keys"])}\n`;
  return `${markdownHeader(definitionsFolderName(model))}
# ${markdownText(name)}

The SCIM 2.0 discovery documents of this service as typed constants, the TypeScript types of its
resources, and the discovery runtime that every framework adapter uses. Plain ESM with \`.d.ts\`: it
imports in Node (or Bun, Deno, Workers) with no build step.

${markdownFence(example, "ts")}

| export | what |
| --- | --- |
| \`SchemaUrn\`, \`ResourceTypeName\` | the schema URNs and resource type names as literal constants |
| \`serviceProviderConfig\`, \`*ResourceType\`, \`*Schema\` | each discovery document; \`meta.location\` is relative to the SCIM base |
| \`resourceTypes\`, \`schemas\`, \`serviceProviderSchemas\`, \`discoveryDocuments\` | the lists, in canonical order |
| \`findResourceType(id)\`, \`findSchema(uri)\` | lookups, case-insensitive unless \`{ caseExact: true }\` |
${interfacesRow}${row([markdownCode(`${name}/${coreSubpaths.runtime}`), "`createDiscoveryHandler` and `createFetchHandler`: the RFC 7644 §4 endpoints"])}
${row([markdownCode(`${name}/${coreSubpaths.validators}`), "validators of create, replace and response bodies per resource type, compiled from `json-schema/`, with SCIM `invalidValue`-style errors naming the attribute"])}

Generated from ${markdownCode(definitionsFolderName(model))} by scim-codegen; edit the definitions, not these files.
`;
}
