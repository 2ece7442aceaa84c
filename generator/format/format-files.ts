import * as prettier from "prettier";
import type { FileLanguage, GeneratedFile } from "../emit/generated-file.js";

const parsers: Partial<Record<FileLanguage, string>> = {
  typescript: "typescript",
  javascript: "babel",
  json: "json",
  markdown: "markdown",
  yaml: "yaml",
};

// Fixed options, never read from a config file: output must be byte-identical on every machine.
const options: prettier.Options = { printWidth: 100, endOfLine: "lf", proseWrap: "preserve" };

/** Formats every file with the pinned prettier, in memory; LF line endings, one final newline. */
export async function formatFiles(files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = parsers[file.language];
      const contents = parser ? await prettier.format(file.contents, { ...options, parser }) : normalise(file.contents);
      return { ...file, contents };
    }),
  );
}

function normalise(text: string): string {
  return `${text.replace(/\r\n?/g, "\n").replace(/\n+$/, "")}\n`;
}
