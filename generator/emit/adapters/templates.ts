import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { NodeAdapterName as AdapterName } from "../../model/definition-types.js";
import type { Memo } from "../../cache/transform-cache.js";
import { packageRoot } from "../../package-root.js";
import { jsData, lineComment } from "../escape.js";
import type { AdapterViewModel } from "./view-model.js";

/** Where the adapter templates live, relative to scim-codegen's package root (named in generated headers). */
export const templatesDir = "templates/adapters";

/** The templates of one adapter: its module source and its README. */
export interface AdapterTemplates {
  /** `templates/adapters/<framework>/index.ts.hbs`: TypeScript, compiled to `.js` + `.d.ts`. */
  readonly module: RenderedTemplate;
  /** `templates/adapters/<framework>/README.md.hbs`. */
  readonly readme: RenderedTemplate;
}

/** A compiled template and the path it came from, for the generated file's header. */
export interface RenderedTemplate {
  readonly sourceName: string;
  /** Renders the view; memoised on the view (templates are part of the cache's generator fingerprint). */
  readonly render: (view: AdapterViewModel, memo: Memo) => string;
}

// One Handlebars environment for every adapter: two helpers and the shared partials, nothing else.
// `literal` is the only way a value reaches code (`jsData`: a scope like `@a"b` cannot break out of a
// string, and no line terminator or `</script>` gets in); `jsdoc` the only way one reaches a comment
// (`lineComment`: the templates print it on a `//` line, so it must not end the line, nor `*/` a block).
const handlebars = Handlebars.create();
handlebars.registerHelper("literal", (value: unknown) => jsData(value));
handlebars.registerHelper("jsdoc", (value: unknown) => lineComment(String(value)));

const compileOptions = { strict: true, noEscape: true } as const;
let partialsRegistered = false;
const cache = new Map<AdapterName, AdapterTemplates>();

function compile(sourceName: string): RenderedTemplate {
  const text = readFileSync(join(packageRoot, sourceName), "utf8");
  const template = handlebars.compile(text, compileOptions);
  return { sourceName, render: (view, memo) => memo(`handlebars ${sourceName}`, JSON.stringify(view), () => template(view)) };
}

function registerPartials(): void {
  if (partialsRegistered) return;
  const dir = join(packageRoot, templatesDir, "partials");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".hbs")).sort()) {
    // Registered compiled: a partial registered as text is compiled again inside every render (Handlebars
    // keeps the compiled form only in that render's own copy of the partials), once per adapter and file.
    // Compiled with the options Handlebars gives a partial, the including template's.
    handlebars.registerPartial(name.slice(0, -".hbs".length), handlebars.compile(readFileSync(join(dir, name), "utf8"), compileOptions));
  }
  partialsRegistered = true;
}

/** Loads (once) and compiles the templates of one adapter. A missing template is a generator bug: it throws. */
export function adapterTemplates(framework: AdapterName): AdapterTemplates {
  registerPartials();
  let templates = cache.get(framework);
  if (templates === undefined) {
    templates = {
      module: compile(`${templatesDir}/${framework}/index.ts.hbs`),
      readme: compile(`${templatesDir}/${framework}/README.md.hbs`),
    };
    cache.set(framework, templates);
  }
  return templates;
}
