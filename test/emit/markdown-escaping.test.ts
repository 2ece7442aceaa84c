// Generated READMEs: names, ids, endpoints, the package scope and the static base URL land in headings,
// table cells, code spans and code blocks, each escaped for where it lands. A name holding a fence, a
// pipe, a line break or HTML must leave every README (core, adapters, OpenAPI, static JSON) with the
// skeleton it has for the default definitions: no added heading, row, column, code block or tag.
// The values are put into the model directly, past validation, so the emitters are tested on their own.

import { describe, expect, it } from "vitest";
import { emitAll } from "../../generator/emit/emit-all.js";
import { pythonAdapters } from "../../generator/model/definition-types.js";
import type { Model } from "../../generator/model/model.js";
import { compileRepoDefinitions } from "../helpers/repo.js";
import { markdownSkeleton } from "./markdown-structure.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** Text that would add a line, a heading, a row, a column, a code block and tags wherever it is not escaped. */
const injection = "a|b`c``d```\n# Injected heading\n| x | y |\n```\n<img src=x onerror=alert(1)><script>alert(1)</script>";

async function defaultModel(): Promise<Model> {
  const { model } = await compileRepoDefinitions();
  if (!model) throw new Error("the default definitions do not compile");
  return model;
}

/**
 * The default model with every value that reaches a README made hostile. The scope only with the Node
 * adapters (`pythonScope` false): it also names the Python package, and validation refuses a scope that
 * is no Python identifier (`invalid-python-package-name`), so the Python README gets every other value.
 */
function hostileModel(model: Model, pythonScope = false): Model {
  const m = structuredClone(model) as Mutable<Model>;
  if (!pythonScope) m.project.packageScope = `@scope${injection}`;
  m.project.staticJsonBaseUrl = `https://h.example/${injection}`;
  for (const [i, rt] of m.resourceTypes.entries()) {
    // `User` keeps its name (the adapters' examples look for it) and gets a hostile id.
    if (rt.name !== "User") rt.name = `${rt.name}${injection}`;
    rt.id = `${rt.id}${injection}`;
    rt.endpoint = `/E${i}${injection}`;
    rt.description = injection;
  }
  // The schema objects are shared between the lists and the resource types: structuredClone keeps that.
  for (const schema of m.schemas) {
    schema.id = `${schema.id}${injection.replace(/\s/g, "")}`;
    schema.name = `${schema.name}${injection}`;
  }
  return m as Model;
}

describe("generated READMEs with hostile names, ids, endpoints, scope and base URL", () => {
  it("keep the skeleton they have for the default definitions", async () => {
    const model = await defaultModel();
    const readmes = (m: Model): Map<string, string> =>
      new Map(emitAll(m).filter((f) => f.path.endsWith(".md")).map((f) => [f.path, f.contents]));
    // The baseline bakes a plain base URL in, as the hostile model does a hostile one.
    const nodeOnly = { ...model, project: { ...model.project, adapters: model.project.adapters.filter((a) => !(pythonAdapters as readonly string[]).includes(a)) } };
    const plain = new Map([
      ...readmes({ ...nodeOnly, project: { ...nodeOnly.project, staticJsonBaseUrl: "https://h.example/plain" } }),
      ...[...readmes({ ...model, project: { ...model.project, staticJsonBaseUrl: "https://h.example/plain" } })].filter(([path]) => path.startsWith("python/")),
    ]);
    const hostile = new Map([...readmes(hostileModel(nodeOnly)), ...[...readmes(hostileModel(model, true))].filter(([path]) => path.startsWith("python/"))]);
    expect([...hostile.keys()]).toEqual([...plain.keys()]);
    expect(plain.size).toBe(10);
    for (const [path, text] of hostile) {
      expect(markdownSkeleton(text), path).toEqual(markdownSkeleton(plain.get(path)!));
      // The values are there, escaped for where they landed: nothing was dropped to keep the skeleton.
      // (The Python README carries no definition value but the package name, held to a Python identifier.)
      if (!path.startsWith("python/")) expect(text, path).toContain("Injected");
      expect(text, path).not.toContain("\n# Injected heading");
    }
    // Spot checks of where values land: a table cell, a code span, a heading.
    const json = hostile.get("json/README.md")!;
    expect(json).toContain("| `GET {base}/ResourceTypes/Usera%7Cb%60c%60%60d%60%60%60%0A%23%20Injected");
    expect(hostile.get("packages/core/README.md")!).toContain("# @scopea\\|b\\`c\\`\\`d\\`\\`\\` \\# Injected heading \\| x \\| y \\| \\`\\`\\` \\<img");
  });
});
