// The runtime ships verbatim inside the generated core package and runs on Node, Cloudflare Workers, Deno
// and Bun: every file must transpile on its own (`ts.transpileModule` / `ts.transpileDeclaration`, i.e.
// isolatedDeclarations), import only sibling files with `.js` specifiers, and use no Node API.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Node, Project, ts } from "ts-morph";
import { describe, expect, it } from "vitest";

const RUNTIME_DIR = fileURLToPath(new URL("../../generator/runtime/", import.meta.url));
const FILES = readdirSync(RUNTIME_DIR)
  .filter((name) => name.endsWith(".ts"))
  .sort();

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedDeclarations: true,
  declaration: true,
};

const source = (name: string): string => readFileSync(`${RUNTIME_DIR}${name}`, "utf8");
const messages = (diagnostics: readonly ts.Diagnostic[] | undefined): string[] =>
  (diagnostics ?? []).map((d) => `${d.file?.fileName ?? ""}:${d.start ?? ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);

describe("runtime portability", () => {
  it("has the expected files", () => {
    expect(FILES).toContain("index.ts");
    expect(FILES).toContain("types.ts");
    expect(FILES).toContain("discovery-handler.ts");
    expect(FILES).toContain("fetch-handler.ts");
  });

  it.each(FILES)("%s transpiles with ts.transpileDeclaration without diagnostics", (name) => {
    const result = ts.transpileDeclaration(source(name), {
      compilerOptions: COMPILER_OPTIONS,
      fileName: name,
      reportDiagnostics: true,
    });
    expect(messages(result.diagnostics)).toEqual([]);
    expect(result.outputText).not.toMatch(/[:<,|] ?any\b/);
  });

  it.each(FILES)("%s transpiles with ts.transpileModule without diagnostics", (name) => {
    const result = ts.transpileModule(source(name), {
      compilerOptions: { ...COMPILER_OPTIONS, declaration: false, isolatedDeclarations: false },
      fileName: name,
      reportDiagnostics: true,
    });
    expect(messages(result.diagnostics)).toEqual([]);
  });

  it.each(FILES)("%s imports only sibling runtime files, with .js specifiers", (name) => {
    const info = ts.preProcessFile(source(name), true, true);
    expect(info.referencedFiles).toEqual([]);
    expect(info.typeReferenceDirectives).toEqual([]);
    for (const { fileName: specifier } of info.importedFiles) {
      expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\/[a-z0-9-]+\.js$/);
      expect(FILES, `${name} imports ${specifier}`).toContain(specifier.slice(2).replace(/\.js$/, ".ts"));
    }
    expect(source(name)).not.toMatch(/\brequire\s*\(|\bimport\s*\(|\bimport\.meta\b/);
  });

  // Without @types/node, against the Web Worker library (the API surface of Workers, Deno and Bun): no
  // Buffer, no process, no node: modules, no DOM-only globals.
  it("type-checks on its own with only es2022 + webworker", () => {
    const project = new Project({
      compilerOptions: { ...COMPILER_OPTIONS, noEmit: true, lib: ["lib.es2022.d.ts", "lib.webworker.d.ts"], types: [] },
      skipAddingFilesFromTsConfig: true,
    });
    project.addSourceFilesAtPaths(`${RUNTIME_DIR}*.ts`);
    expect(messages(project.getPreEmitDiagnostics().map((d) => d.compilerObject))).toEqual([]);
  });

  // House style: a one-line JSDoc on every exported symbol; every public type property (options included).
  it("documents every export and class member, and every property of the public types, with JSDoc", () => {
    const project = new Project({ compilerOptions: COMPILER_OPTIONS, skipAddingFilesFromTsConfig: true });
    const undocumented: string[] = [];
    for (const file of project.addSourceFilesAtPaths(`${RUNTIME_DIR}*.ts`)) {
      const where = (node: Node): string => `${file.getBaseName()}:${node.getStartLineNumber()}`;
      for (const statement of file.getStatements()) {
        if (!Node.isExportable(statement) || !statement.isExported()) continue;
        if (!Node.isJSDocable(statement) || statement.getJsDocs().length === 0) undocumented.push(where(statement));
        if (Node.isClassDeclaration(statement)) {
          for (const member of statement.getMembers()) {
            const isPrivate = Node.isPropertyDeclaration(member) && member.getName().startsWith("#");
            if (!isPrivate && Node.isJSDocable(member) && member.getJsDocs().length === 0) undocumented.push(where(member));
          }
        }
        if (Node.isInterfaceDeclaration(statement) && file.getBaseName() === "types.ts") {
          for (const property of statement.getProperties()) {
            if (property.getJsDocs().length === 0) undocumented.push(`${where(property)} ${property.getName()}`);
          }
        }
      }
      // Option properties inside type aliases (BaseUrlOptions, FetchHandlerOptions); `?: undefined` members only exclude.
      if (file.getBaseName() !== "types.ts") continue;
      file.forEachDescendant((node) => {
        if (Node.isPropertySignature(node) && Node.isTypeLiteral(node.getParent())) {
          const excluding = node.hasQuestionToken() && /^(false \| )?undefined$/.test(node.getTypeNode()?.getText() ?? "");
          if (!excluding && node.getJsDocs().length === 0) undocumented.push(`${where(node)} ${node.getName()}`);
        }
      });
    }
    expect(undocumented).toEqual([]);
  });
});
