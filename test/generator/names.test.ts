// The name-collision rule is only as good as its list of what the emitters derive. These tests hold the
// rule's own claims (nameClaims, built with generator/names.ts) to the generated output, namespace by
// namespace: every name a definition claims is emitted, and every name the output holds in a namespace
// is claimed, by a definition or by the generator's reserved lists. With validation refusing a name
// claimed twice, no two emitted names can then be alike, which is what the emitters' old duplicate
// checks (assertUniqueExports, componentNames) were for. A new runtime export, an emitter name or file
// that the rule does not know fails here.

import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import type { Model } from "../../generator/model/model.js";
import { parseDefinitionSources, readDefinitionSources, type DefinitionSource } from "../../generator/load/definition-files.js";
import {
  camelCase,
  fileStem,
  pascalCase,
  reservedComponentNames,
  reservedCoreExports,
  reservedPythonNames,
  reservedOperationIds,
  reservedOutputPaths,
  reservedValidatorNames,
} from "../../generator/names.js";
import { compileDefinitions } from "../../generator/pipeline.js";
import { generator, nameClaims, type NameClaim, type Namespace } from "../../generator/validate/rules/identifier-rules.js";
import { validateDefinitions } from "../../generator/validate/validate-definitions.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject } from "../helpers/temp-project.js";

/**
 * Definitions that reach every derivation: complex attributes in a base and in an extension schema,
 * stems with `-` and `_` and a leading digit, schema names with spaces, a resource type whose id,
 * name and endpoint differ, and one that declares only two operations.
 */
const exercise: Readonly<Record<string, string>> = {
  "definitions/scim-codegen.yaml": 'packageScope: "@names"\nadapters: []\n',
  "definitions/service-provider-config.yaml": minimalDefinitions["definitions/service-provider-config.yaml"]!,
  "definitions/schemas/user.yaml": minimalDefinitions["definitions/schemas/user.yaml"]!,
  "definitions/schemas/2fa-device.yaml": `id: urn:acme:scim:schemas:2faDevice
name: Second factor device
description: A second factor.
attributes:
  - name: serial
    description: Serial number.
  - name: key_info
    type: complex
    description: The key.
    subAttributes:
      - name: algorithm
        description: Algorithm.
`,
  "definitions/schemas/device_extension.yaml": `id: urn:acme:scim:schemas:extension:Device
name: Device extension
description: Where a device is.
attributes:
  - name: location
    type: complex
    multiValued: true
    description: Places.
    subAttributes:
      - name: room
        description: Room.
`,
  "definitions/resource-types/user.yaml": minimalDefinitions["definitions/resource-types/user.yaml"]!,
  "definitions/resource-types/2fa_token.yaml": `name: Token
id: SecondFactor
endpoint: /tokens-v2
schema: urn:acme:scim:schemas:2faDevice
schemaExtensions:
  - schema: urn:acme:scim:schemas:extension:Device
    required: true
codegen:
  operations: [get, list]
`,
};

interface Generated {
  readonly claims: readonly NameClaim[];
  readonly model: Model;
  readonly files: readonly GeneratedFile[];
  /** Names exported by a module of the core package (a path inside the generated output). */
  readonly exportsOf: (path: string) => string[];
  /** Names a module has in scope at its top level: imports and declarations. */
  readonly inScope: (path: string) => string[];
}

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

async function generate(sources: readonly DefinitionSource[]): Promise<Generated> {
  const sink = new DiagnosticSink();
  const validated = validateDefinitions(parseDefinitionSources(sources, sink), sink);
  const claims = nameClaims(validated.schemas, validated.builtinSchemas, validated.resourceTypes);
  const result = await compileDefinitions(sources);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const files = result.files!;
  // The core package's declarations, on disk for the TypeScript checker to resolve its imports.
  const dir = await mkdtemp(join(tmpdir(), "scim-codegen-names-"));
  folders.push(dir);
  for (const f of files.filter((f) => f.path.startsWith("packages/core/"))) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.contents);
  }
  const roots = ["packages/core/index.d.ts", "packages/core/validators/index.d.ts"].map((p) => join(dir, p));
  const program = ts.createProgram(roots, {
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const exportsOf = (path: string): string[] => {
    const source = program.getSourceFile(join(dir, path))!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name).sort();
  };
  // Of the .d.ts and the .js both: declaration files leave out imports only function bodies use.
  const inScope = (path: string): string[] => {
    const names: string[] = [];
    for (const file of [path, path.replace(/\.d\.ts$/, ".js")]) names.push(...topLevelNames(file, files.find((f) => f.path === file)!.contents));
    return [...new Set(names)];
  };
  return { claims, model: result.model!, files, exportsOf, inScope };
}

/** The names a module's top level declares or imports. */
function topLevelNames(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.push(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => e.name.text));
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isFunctionDeclaration(statement)) {
      if (statement.name) names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((e) => e.name.text));
    }
  }
  return names;
}

/** The names claimed in one namespace: by the definitions, and by the generator (its reserved lists). */
function claimed(g: Generated, namespace: Namespace): { readonly byDefinitions: string[]; readonly reserved: string[]; readonly all: Set<string> } {
  const inNamespace = g.claims.filter((c) => c.namespace === namespace);
  const byDefinitions = [...new Set(inNamespace.filter((c) => c.owner !== generator).map((c) => c.name))];
  const reserved = [...new Set(inNamespace.filter((c) => c.owner === generator).map((c) => c.name))];
  return { byDefinitions, reserved, all: new Set([...byDefinitions, ...reserved]) };
}

const unclaimed = (names: Iterable<string>, all: ReadonlySet<string>): string[] => [...names].filter((n) => !all.has(n));
const duplicates = (names: readonly string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);

interface OpenApi {
  readonly components: { readonly schemas: Record<string, unknown> };
  readonly paths: Record<string, Record<string, unknown> & { parameters?: { examples?: Record<string, unknown> }[] }>;
}

const projects: [string, () => Promise<DefinitionSource[]>][] = [
  ["the repository's definitions", () => readDefinitionSources(join(repoRoot, "definitions"), repoRoot, new DiagnosticSink())],
  [
    "definitions that reach every derivation",
    async () => {
      const project = await tempProject(exercise);
      try {
        return await readDefinitionSources(project.definitionsDir, project.root, new DiagnosticSink());
      } finally {
        await project.dispose();
      }
    },
  ],
];

describe.each(projects)("the names validation claims are the generated names, for %s", (_, sources) => {
  let g: Generated;
  beforeAll(async () => {
    g = await generate(await sources());
  }, 60_000);

  const coreModules = (): string[] =>
    g.files.map((f) => f.path).filter((p) => p.startsWith("packages/core/") && p.endsWith(".d.ts") && !p.startsWith("packages/core/runtime/") && !p.startsWith("packages/core/validators/"));
  const validatorModules = (): string[] =>
    g.files.map((f) => f.path).filter((p) => /^packages\/core\/validators\/[^/]+\.d\.ts$/.test(p));

  it("core package: the index exports each claimed name, and only claimed ones", () => {
    const { byDefinitions, all } = claimed(g, "core");
    const exported = g.exportsOf("packages/core/index.d.ts");
    expect(exported).toEqual(expect.arrayContaining(byDefinitions));
    expect(unclaimed(exported, all)).toEqual([]);
  });

  it("core package: every name a module has in scope (imports, declarations) is claimed", () => {
    const { all } = claimed(g, "core");
    expect(coreModules().length).toBeGreaterThan(5);
    for (const path of coreModules()) expect(unclaimed(g.inScope(path), all), path).toEqual([]);
    // No two modules the index re-exports export one name: a star re-export would drop it.
    expect(duplicates(coreModules().filter((p) => p !== "packages/core/index.d.ts").flatMap((p) => g.exportsOf(p)))).toEqual([]);
  });

  it("validators: the index exports each claimed export, and every name in scope is claimed", () => {
    const { byDefinitions, all } = claimed(g, "validators");
    const exported = g.exportsOf("packages/core/validators/index.d.ts");
    expect(unclaimed(exported, all)).toEqual([]);
    const inScope = validatorModules().flatMap((p) => g.inScope(p));
    expect(validatorModules().length).toBeGreaterThan(1);
    for (const path of validatorModules()) expect(unclaimed(g.inScope(path), all), path).toEqual([]);
    // Claimed names are exports, or the resource type interface each wrapper imports.
    expect(unclaimed(byDefinitions, new Set([...exported, ...inScope]))).toEqual([]);
  });

  it("OpenAPI component schemas: exactly the claimed ones", () => {
    const openapi = JSON.parse(g.files.find((f) => f.path === "openapi/openapi.json")!.contents) as OpenApi;
    const { all } = claimed(g, "component");
    expect(Object.keys(openapi.components.schemas).sort()).toEqual([...all].sort());
  });

  it("OpenAPI operationIds: each one claimed and unique, the discovery ones all there", () => {
    const openapi = JSON.parse(g.files.find((f) => f.path === "openapi/openapi.json")!.contents) as OpenApi;
    const operationIds = Object.values(openapi.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (typeof op === "object" && op !== null && "operationId" in op ? [String(op.operationId)] : [])),
    );
    const { reserved, all } = claimed(g, "operationId");
    expect(duplicates(operationIds)).toEqual([]);
    expect(unclaimed(operationIds, all)).toEqual([]);
    expect(operationIds).toEqual(expect.arrayContaining(reserved));
    // One per declared operation besides the discovery ones: none is lost to a duplicate.
    expect(operationIds.length).toBe(reserved.length + g.model.resourceTypes.reduce((n, rt) => n + rt.operations.length, 0));
  });

  it("SchemaUrn keys and OpenAPI example names: exactly the claimed ones", () => {
    const openapi = JSON.parse(g.files.find((f) => f.path === "openapi/openapi.json")!.contents) as OpenApi;
    const examples = (path: string): string[] => Object.keys(openapi.paths[path]!.parameters![0]!.examples!).sort();
    expect(examples("/Schemas/{uri}")).toEqual(claimed(g, "schemaKey").byDefinitions.sort());
    expect(examples("/ResourceTypes/{id}")).toEqual(claimed(g, "resourceTypeIdKey").byDefinitions.sort());
    const index = ts.createSourceFile("index.js", g.files.find((f) => f.path === "packages/core/index.js")!.contents, ts.ScriptTarget.ES2022);
    const keys = (name: string): string[] => {
      const statement = index.statements.find((st): st is ts.VariableStatement => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => d.name.getText(index) === name))!;
      let value = statement.declarationList.declarations[0]!.initializer!;
      while (ts.isAsExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
      return (value as ts.ObjectLiteralExpression).properties.map((p) => (p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? p.name.text : "?"));
    };
    expect(unclaimed(keys("SchemaUrn"), new Set(claimed(g, "schemaKey").byDefinitions))).toEqual([]);
    expect(keys("SchemaUrn").length).toBe(g.model.schemas.length);
    expect(unclaimed(keys("ResourceTypeName"), new Set(claimed(g, "core").byDefinitions))).toEqual([]);
    expect(keys("ResourceTypeName").length).toBe(g.model.resourceTypes.length);
  });

  it("output files: each claimed path is written, and every file in the folders stems name is claimed", () => {
    const paths = g.files.map((f) => f.path);
    const { all } = claimed(g, "file");
    for (const prefix of all) expect(paths.some((p) => p.startsWith(`${prefix}.`)), prefix).toBe(true);
    const stemFolders = /^(packages\/core\/(schemas|resource-types|validators|validators\/compiled)|json-schema)\/[^/]+$/;
    const named = paths.filter((p) => stemFolders.test(p));
    expect(named.length).toBeGreaterThan(5);
    for (const path of named) {
      const file = path.slice(path.lastIndexOf("/") + 1);
      const withoutExtension = `${path.slice(0, path.lastIndexOf("/") + 1)}${file.slice(0, file.indexOf("."))}`;
      expect(all.has(withoutExtension), path).toBe(true);
    }
  });
});

describe("the reserved lists", () => {
  let g: Generated;
  beforeAll(async () => {
    g = await generate(await projects[0]![1]());
  }, 60_000);

  it("every reserved TypeScript name is one the generated core package uses", () => {
    const text = g.files.filter((f) => f.path.startsWith("packages/core/") && /\.(d\.ts|js)$/.test(f.path)).map((f) => f.contents).join("\n");
    for (const name of [...reservedCoreExports, ...reservedValidatorNames]) expect(text, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it("are what validation reserves, and hold no name twice", () => {
    // The core namespace is also the Python package's (TypedDicts, ResourceTypeName keys): Python's capitalised keywords are reserved there.
    expect(claimed(g, "core").reserved.sort()).toEqual([...reservedCoreExports, ...reservedPythonNames].sort());
    expect(claimed(g, "schemaKey").reserved.sort()).toEqual([...reservedPythonNames].sort());
    expect(claimed(g, "validators").reserved.sort()).toEqual([...reservedValidatorNames].sort());
    expect(claimed(g, "component").reserved.sort()).toEqual([...reservedComponentNames].sort());
    expect(claimed(g, "operationId").reserved.sort()).toEqual([...reservedOperationIds].sort());
    expect(claimed(g, "file").reserved.sort()).toEqual([...reservedOutputPaths].sort());
    for (const list of [reservedCoreExports, reservedPythonNames, reservedValidatorNames, reservedComponentNames, reservedOperationIds, reservedOutputPaths]) {
      expect(duplicates([...list])).toEqual([]);
    }
  });
});

describe("case conversion", () => {
  it("camelCase and pascalCase keep their meaning", () => {
    expect([pascalCase("enterprise-user"), camelCase("enterprise-user"), pascalCase("x509Certificates"), pascalCase("2fa"), camelCase("2fa")])
      .toEqual(["EnterpriseUser", "enterpriseUser", "X509Certificates", "_2fa", "_2fa"]);
    expect(fileStem("scim-codegen/builtin-definitions/resource-type.schema.yaml")).toBe("resource-type");
  });
});
