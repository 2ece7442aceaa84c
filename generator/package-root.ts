import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of scim-codegen's own package.json, found from this module, so that data files
 * (definition-format schemas, built-in definitions, templates) resolve the same whether the generator
 * runs from its TypeScript sources or from compiled `dist/`.
 */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "generator"))) return dir;
    if (dirname(dir) === dir) throw new Error(`scim-codegen: cannot find its package root above ${start}`);
  }
}
