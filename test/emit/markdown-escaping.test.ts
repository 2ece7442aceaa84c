// Generated READMEs: names, ids, endpoints, the package scope and the static base URL land in headings,
// table cells, code spans and code blocks, each escaped for where it lands. A name holding a fence, a
// pipe, a line break or HTML must leave every README (core, adapters, OpenAPI, static JSON) with the
// skeleton it has for the default definitions: no added heading, row, column, code block or tag.
// The values are put into the model directly, past validation, so the emitters are tested on their own.

import { describe, expect, it } from "vitest";
import { emitAll } from "../../generator/emit/emit-all.js";
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

/** The default model with every value that reaches a README made hostile. */
function hostileModel(model: Model): Model {
  const m = structuredClone(model) as Mutable<Model>;
  m.project.packageScope = `@scope${injection}`;
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
    const plain = readmes({ ...model, project: { ...model.project, staticJsonBaseUrl: "https://h.example/plain" } });
    const hostile = readmes(hostileModel(model));
    expect([...hostile.keys()]).toEqual([...plain.keys()]);
    expect(plain.size).toBe(9);
    for (const [path, text] of hostile) {
      expect(markdownSkeleton(text), path).toEqual(markdownSkeleton(plain.get(path)!));
      // The values are there, escaped for where they landed: nothing was dropped to keep the skeleton.
      expect(text, path).toContain("Injected");
      expect(text, path).not.toContain("\n# Injected heading");
    }
    // Spot checks of where values land: a table cell, a code span, a heading.
    const json = hostile.get("json/README.md")!;
    expect(json).toContain("| `GET {base}/ResourceTypes/Usera%7Cb%60c%60%60d%60%60%60%0A%23%20Injected");
    expect(hostile.get("packages/core/README.md")!).toContain("# @scopea\\|b\\`c\\`\\`d\\`\\`\\` \\# Injected heading \\| x \\| y \\| \\`\\`\\` \\<img");
  });
});
