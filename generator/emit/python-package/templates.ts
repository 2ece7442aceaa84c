import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { Memo } from "../../cache/transform-cache.js";
import type { PythonAdapterName } from "../../model/definition-types.js";
import { packageRoot } from "../../package-root.js";

/** Where the Python adapter templates live, relative to scim-codegen's package root (named in headers). */
export const pythonTemplatesDir = "templates/python";

/**
 * What a Python adapter template may print: the import package's name only, a Python identifier by
 * validation (generator/names.ts `pythonPackageNameProblem`), so it stands as is in `import` statements and
 * docstrings.
 */
export interface PythonAdapterView {
  readonly packageName: string;
}

// A Handlebars environment of its own with no helper: the templates are logic-free and print one
// identifier; `noEscape` because HTML escaping means nothing in Python, `strict` so a misspelt name fails.
const handlebars = Handlebars.create();
const compiled = new Map<PythonAdapterName, HandlebarsTemplateDelegate<PythonAdapterView>>();

/** Renders `templates/python/<adapter>.py.hbs`; memoised on the view (templates are in the cache's fingerprint). */
export function renderPythonAdapter(adapter: PythonAdapterName, view: PythonAdapterView, memo: Memo): { readonly sourceName: string; readonly text: string } {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(view.packageName)) throw new Error(`scim-codegen: ${JSON.stringify(view.packageName)} is not a Python identifier`);
  const sourceName = `${pythonTemplatesDir}/${adapter}.py.hbs`;
  let template = compiled.get(adapter);
  if (template === undefined) {
    template = handlebars.compile<PythonAdapterView>(readFileSync(join(packageRoot, sourceName), "utf8"), { strict: true, noEscape: true });
    compiled.set(adapter, template);
  }
  const render = template;
  return { sourceName, text: memo(`handlebars ${sourceName}`, JSON.stringify(view), () => render(view)) };
}
