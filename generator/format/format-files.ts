import * as prettier from "prettier";
import type { FileLanguage, GeneratedFile } from "../emit/generated-file.js";
import { compileTypeScriptModule } from "./compile-typescript.js";
import { cacheKey, noCache, type TransformCache } from "../cache/transform-cache.js";

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
 * pinned prettier in memory, fills data placeholders, and normalises to LF with one final newline.
 */
export async function formatFiles(files: readonly GeneratedFile[], cache: TransformCache = noCache): Promise<GeneratedFile[]> {
  const expanded = files.flatMap((f) => (f.language === "typescript-module" ? compileTypeScriptModule(f, cache) : [f]));
  const out = await Promise.all(
    expanded.map(async (file) => {
      const parser = file.skipFormat ? undefined : parsers[file.language];
      const formatted = parser ? await format(file.contents, parser, cache) : normalise(file.contents);
      const { literals, skipFormat: _skip, ...rest } = file;
      return { ...rest, contents: literals ? fillLiterals(formatted, literals, file.path) : formatted };
    }),
  );
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function format(text: string, parser: string, cache: TransformCache): Promise<string> {
  const key = cacheKey("prettier", prettier.version, optionsKey, parser, text);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const formatted = await prettier.format(text, { ...options, parser });
  cache.set(key, formatted);
  return formatted;
}

function normalise(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").replace(/\n+$/, "")}\n`;
}

function fillLiterals(text: string, literals: Readonly<Record<string, string>>, path: string): string {
  let out = text;
  for (const [token, literal] of Object.entries(literals)) {
    if (!out.includes(token)) throw new Error(`scim-codegen: placeholder ${token} vanished from ${path}`);
    out = out.replace(token, () => literal);
  }
  return out;
}
