import * as prettier from "prettier";
import { ts } from "ts-morph";
import type { FileLanguage, GeneratedFile } from "../emit/generated-file.js";
import { assertOutputPaths } from "../emit/output-path.js";
import { compileTypeScriptModule } from "./compile-typescript.js";
import { cacheKey, noCache, type TransformCache } from "../cache/transform-cache.js";
import { loadPrecompiledTable, precompiledOutputs, type PrecompiledTable } from "./precompiled-modules.js";

// Code goes through prettier. JSON (JSON.stringify), YAML (the yaml package's stringify) and Markdown
// (written by the emitters line by line) are canonical as emitted; prettier formats about 100 KB/s,
// so on data it would cost more than the rest of a run together.
const parsers: Partial<Record<FileLanguage, string>> = {
  typescript: "typescript",
  javascript: "babel",
};

// Fixed options, never read from a config file: output must be byte-identical on every machine.
const options: prettier.Options = { printWidth: 100, endOfLine: "lf", proseWrap: "preserve" };
const optionsKey = JSON.stringify(options);

/**
 * The last step before disk: compiles TypeScript modules to `.js` + `.d.ts`, formats code with the
 * pinned prettier in memory, fills in data constants (see `GeneratedFile.dataConstants`), normalises to
 * LF with one final newline, and checks the final list of paths (output-path.ts). The hand-written runtimes'
 * modules come compiled and formatted from the build's table (precompiled-modules.ts) when it holds them;
 * `precompiled: null` compiles every module (the build itself makes the table so).
 */
export async function formatFiles(
  files: readonly GeneratedFile[],
  cache: TransformCache = noCache,
  precompiled?: PrecompiledTable | null,
): Promise<GeneratedFile[]> {
  const shipped = precompiled === undefined ? await loadPrecompiledTable() : (precompiled ?? undefined);
  // A table made by other tool versions would give other bytes: it is not used.
  const table = shipped?.typescript === ts.version && shipped.prettier === prettier.version ? shipped : undefined;
  const expanded = files.flatMap((f) =>
    f.language === "typescript-module" ? (precompiledOutputs(f, table) ?? compileTypeScriptModule(f, cache)) : [f],
  );
  const out = await Promise.all(
    expanded.map(async (file) => {
      const parser = file.skipFormat ? undefined : parsers[file.language];
      const formatted = parser ? await format(file.contents, parser, cache) : normalise(file.contents);
      const { dataConstants, skipFormat: _skip, ...rest } = file;
      return { ...rest, contents: dataConstants ? fillDataConstants(formatted, dataConstants, file.path) : formatted };
    }),
  );
  // The compiled modules' `.js` and `.d.ts` names appear only now.
  assertOutputPaths(out.map((f) => f.path));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function format(text: string, parser: string, cache: TransformCache): Promise<string> {
  if (cache === noCache) return prettier.format(text, { ...options, parser });
  const key = cacheKey("prettier", prettier.version, optionsKey, parser, text);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const formatted = await prettier.format(text, { ...options, parser });
  cache.set(key, formatted);
  return formatted;
}

function normalise(text: string): string {
  // The same as `text.replace(/\r\n?/g, "\n").replace(/\n+$/, "") + "\n"`, without two regular-expression
  // passes over every byte: the data files are most of the output (tens of megabytes for a large set).
  const lf = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return `${end === lf.length ? lf : lf.slice(0, end)}\n`;
}

/**
 * Replaces the `null` initializer of each `export const <name> = null` named in `data` with its data
 * text. The positions come from the syntax tree of the formatted module, so only a real top-level
 * declaration of that name can receive data: a comment or a string that spells the name, or
 * anything else a definition put in the file, is not a declaration. Each name must be found exactly
 * once, with exactly `null` as its value, or the generator has a bug.
 */
function fillDataConstants(text: string, data: Readonly<Record<string, string>>, path: string): string {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const splices: { readonly start: number; readonly end: number; readonly data: string }[] = [];
  const found = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !Object.hasOwn(data, declaration.name.text)) continue;
      const name = declaration.name.text;
      const initializer = declaration.initializer;
      if (found.has(name) || initializer?.kind !== ts.SyntaxKind.NullKeyword) {
        throw new Error(`scim-codegen: ${path} must declare the data constant ${name} once, as null`);
      }
      found.add(name);
      splices.push({ start: initializer.getStart(source), end: initializer.end, data: data[name]! });
    }
  }
  const missing = Object.keys(data).filter((name) => !found.has(name));
  if (missing.length > 0) throw new Error(`scim-codegen: ${path} does not declare the data constants ${missing.join(", ")}`);
  let out = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.data + out.slice(s.end);
  return out;
}
