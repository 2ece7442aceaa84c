// The naming functions live in generator/names.ts, where validation checks the names they derive.
export { camelCase, fileStem, pascalCase } from "../names.js";

/** Text made safe inside a `/** … *\/` comment. */
export function jsdocText(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}
