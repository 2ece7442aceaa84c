// The name-collision rule is only as good as its list of what the emitters derive. These tests hold
// generator/names.ts to the generated output of the repository's definitions: every name it predicts
// is exported (or is an OpenAPI component, operationId or file), and everything else those namespaces
// hold is in its reserved lists, so a new runtime export or emitter name cannot slip past the rule.

import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import type { Model } from "../../generator/model/model.js";
import {
  attributesInterfaceName,
  camelCase,
  complexInterfaceName,
  fileStem,
  pascalCase,
  reservedComponentNames,
  reservedCoreExports,
  reservedOperationIds,
  reservedOutputPaths,
  reservedValidatorNames,
  resourceComponentNames,
  resourceOperationIds,
  resourceTypeConstantName,
  resourceTypeInterfaceName,
  resourceTypeOutputPaths,
  schemaModuleNames,
  schemaOutputPath,
  validatorExportNames,
} from "../../generator/names.js";
import { compileRepoDefinitions } from "../helpers/repo.js";

let model: Model;
let files: readonly GeneratedFile[];
let dir: string;
let exportsOf: (path: string) => string[];

beforeAll(async () => {
  const result = await compileRepoDefinitions();
  model = result.model!;
  files = result.files!;
  // The core package's declarations, on disk for the TypeScript checker to resolve its imports.
  dir = await mkdtemp(join(tmpdir(), "scim-codegen-names-"));
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
  exportsOf = (path) => {
    const source = program.getSourceFile(join(dir, path))!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name).sort();
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const userSchemaStems = (): string[] => model.schemas.map((s) => fileStem(s.sourceName));

describe("generator/names.ts predicts the generated names", () => {
  it("core package exports: each predicted name, and nothing but reserved names besides", () => {
    const predicted = [
      ...model.schemas.flatMap((s) => {
        const stem = fileStem(s.sourceName);
        const names = schemaModuleNames(stem);
        const complex = s.attributes.filter((a) => a.type === "complex").map((a) => complexInterfaceName(stem, a.name));
        return [names.constant, names.idConstant, names.attributesInterface, ...complex];
      }),
      ...model.serviceProviderSchemas.flatMap((s) => {
        const names = schemaModuleNames(fileStem(s.sourceName));
        return [names.constant, names.idConstant];
      }),
      ...model.resourceTypes.flatMap((rt) => [resourceTypeConstantName(fileStem(rt.sourceName)), resourceTypeInterfaceName(rt.name)]),
    ];
    expect(predicted).toContain("UserEmails"); // the repository's definitions exercise complex interfaces
    const actual = exportsOf("packages/core/index.d.ts");
    expect(actual).toEqual(expect.arrayContaining(predicted));
    for (const name of actual.filter((n) => !predicted.includes(n))) expect(reservedCoreExports, name).toContain(name);
  });

  it("validators exports: each predicted name, and nothing but reserved names besides", () => {
    const predicted = model.resourceTypes.flatMap((rt) => Object.values(validatorExportNames(rt.name)));
    const actual = exportsOf("packages/core/validators/index.d.ts");
    expect(actual).toEqual(expect.arrayContaining(predicted));
    for (const name of actual.filter((n) => !predicted.includes(n))) expect(reservedValidatorNames, name).toContain(name);
  });

  it("every reserved TypeScript name is one the generated core package uses", () => {
    const text = files.filter((f) => f.path.startsWith("packages/core/") && /\.(d\.ts|js)$/.test(f.path)).map((f) => f.contents).join("\n");
    for (const name of [...reservedCoreExports, ...reservedValidatorNames]) expect(text, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it("OpenAPI component schemas and operationIds: predicted ones, and reserved ones besides", () => {
    const openapi = JSON.parse(files.find((f) => f.path === "openapi/openapi.json")!.contents) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const components = Object.keys(openapi.components.schemas);
    const predictedComponents = [
      ...model.resourceTypes.flatMap((rt) => Object.values(resourceComponentNames(rt.name))),
      ...[...model.schemas, ...model.serviceProviderSchemas].map((s) => attributesInterfaceName(fileStem(s.sourceName))),
    ];
    expect(components).toEqual(expect.arrayContaining(predictedComponents));
    expect(components.filter((n) => !predictedComponents.includes(n)).sort()).toEqual([...reservedComponentNames].sort());

    const operationIds = Object.values(openapi.paths).flatMap((item) => Object.values(item).map((op) => op.operationId).filter((id): id is string => !!id));
    const predictedOperations = model.resourceTypes.flatMap((rt) => {
      const ids = resourceOperationIds(rt.name, rt.endpoint);
      return rt.operations.map((op) => (op === "list" ? ids.list : `${op}${pascalCase(rt.name)}`));
    });
    expect(operationIds).toEqual(expect.arrayContaining(predictedOperations));
    expect(operationIds.filter((n) => !predictedOperations.includes(n)).sort()).toEqual([...reservedOperationIds].sort());
  });

  it("output paths: each predicted path is written, and the reserved ones too", () => {
    const paths = files.map((f) => f.path);
    const written = (prefix: string): boolean => paths.some((p) => p.startsWith(`${prefix}.`));
    for (const stem of userSchemaStems()) expect(written(schemaOutputPath(stem)), stem).toBe(true);
    for (const rt of model.resourceTypes) {
      for (const prefix of resourceTypeOutputPaths(fileStem(rt.sourceName))) expect(written(prefix), prefix).toBe(true);
    }
    for (const prefix of reservedOutputPaths) expect(written(prefix), prefix).toBe(true);
  });

  it("camelCase and pascalCase keep their meaning after the move to generator/names.ts", () => {
    expect([pascalCase("enterprise-user"), camelCase("enterprise-user"), pascalCase("x509Certificates"), pascalCase("2fa"), camelCase("2fa")])
      .toEqual(["EnterpriseUser", "enterpriseUser", "X509Certificates", "_2fa", "_2fa"]);
    expect(fileStem("scim-codegen/builtin-definitions/resource-type.schema.yaml")).toBe("resource-type");
  });
});
