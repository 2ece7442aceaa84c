// portableYaml writes a large map in pieces (generator/emit/openapi/yaml-text.ts) to keep the yaml package's
// node tree small; the pieces joined must be the text the package writes for the whole value, byte for byte.
// Given awkward values (block scalars with blank lines and trailing spaces, keys that must be quoted or
// written as explicit keys, YAML 1.1 look-alikes, empty maps and lists, lists of maps, non-portable
// characters) nested at every depth the pieces reach, and the OpenAPI documents of the default definitions
// and of a synthetic set.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileModel } from "../../generator/compile.js";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { buildOpenApiDocument } from "../../generator/emit/openapi/openapi-document.js";
import { portableYaml, wholeYaml } from "../../generator/emit/openapi/yaml-text.js";
import { readDefinitionSources } from "../../generator/load/definition-sources.js";
import { repoRoot } from "../helpers/repo.js";

const awkward: Record<string, unknown> = {
  plain: "value",
  multiLine: "first\n\nthird after a blank line\n",
  trailing: "ends with spaces   \nand a second line",
  indentedFirst: "  starts with spaces\nsecond",
  onlyNewlines: "\n\n",
  yes: "yes",
  "on": "off",
  "1:20": "1_000",
  "=": "=",
  "key: with colon": "# not a comment",
  "key\nwith a line break": "value",
  "- dash": "- dash",
  empty: {},
  emptyList: [],
  list: [{ a: 1, b: "two\nlines" }, [1, 2], "x", null, true],
  numbers: { int: 1, float: 1.5, negative: -0, big: 1e21 },
  nullValue: null,
  unicode: "line\u2028separator, tab\tand nel\u0085",
  quotes: "'single' and \"double\"",
};

function nest(depth: number): Record<string, unknown> {
  return depth === 0 ? awkward : { ...awkward, nested: nest(depth - 1), "nested: quoted": nest(depth - 1) };
}

async function openApiOf(definitionsDir: string): Promise<unknown> {
  const sink = new DiagnosticSink();
  const { model } = compileModel(await readDefinitionSources(definitionsDir, repoRoot, sink), sink);
  if (!model) throw new Error(`invalid definitions: ${JSON.stringify(sink.items)}`);
  return buildOpenApiDocument(model);
}

describe("portableYaml in pieces", () => {
  it("writes awkward maps nested at every depth exactly as in one piece", () => {
    for (const depth of [0, 1, 2, 3, 4]) {
      const value = nest(depth);
      expect(portableYaml(value)).toBe(wholeYaml(value));
    }
    for (const value of [{}, [], "text", 1, null, [nest(2)], { only: {} }, { a: { b: { c: { d: {} } } } }]) {
      expect(portableYaml(value)).toBe(wholeYaml(value));
    }
  });

  it("writes the OpenAPI document of the default definitions exactly as in one piece", async () => {
    const document = await openApiOf(join(repoRoot, "definitions"));
    const pieces = portableYaml(document);
    expect(pieces).toBe(wholeYaml(document));
    // The document is big enough to be cut: many pieces under paths and components.
    expect(pieces.length).toBeGreaterThan(100_000);
  });
});
