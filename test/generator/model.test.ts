import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { parseDefinitionSources, readDefinitionSources } from "../../generator/load/definition-files.js";
import { buildModel } from "../../generator/model/build-model.js";
import { compileModel } from "../../generator/pipeline.js";
import { validateDefinitions } from "../../generator/validate/validate-definitions.js";
import type { Model } from "../../generator/model/model.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject } from "../helpers/temp-project.js";

interface ModelCase {
  name: string;
  given: Record<string, string>;
  select: string;
  want: unknown;
}

const cases = parse(readFileSync(join(repoRoot, "test/generator/model-cases.yaml"), "utf8")) as ModelCase[];

/** Picks a part of the model: `schemas.Group.attributes.0` looks schemas and resource types up by name. */
function select(model: Model, path: string): unknown {
  if (path === "order") {
    return {
      resourceTypes: model.resourceTypes.map((r) => r.name),
      schemas: model.schemas.map((s) => s.id),
      serviceProviderSchemas: model.serviceProviderSchemas.map((s) => s.id),
    };
  }
  let current: unknown = model;
  for (const segment of path.split(".")) {
    if (Array.isArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : current.find((x: { name?: string }) => x.name === segment);
    } else {
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

// `null` in a want table means "this key is absent".
function absentAsNull(value: unknown, want: unknown): unknown {
  if (Array.isArray(want) && Array.isArray(value)) return value.map((v, i) => absentAsNull(v, want[i]));
  if (want && typeof want === "object" && value && typeof value === "object") {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [k, w] of Object.entries(want)) out[k] = k in out ? absentAsNull(out[k], w) : w === null ? null : undefined;
    return out;
  }
  return value;
}

describe("the model, from given/want tables", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const project = await tempProject({ ...minimalDefinitions, ...c.given });
      try {
        const sink = new DiagnosticSink();
        const result = compileModel(await readDefinitionSources(project.definitionsDir, project.root, sink), sink);
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const got = select(result.model!, c.select);
        expect(absentAsNull(got, c.want)).toMatchObject(c.want as object);
      } finally {
        await project.dispose();
      }
    });
  }

  it("the model is plain data that survives JSON (no functions, no prototypes)", async () => {
    const project = await tempProject(minimalDefinitions);
    try {
      const sink = new DiagnosticSink();
      const { model } = compileModel(await readDefinitionSources(project.definitionsDir, project.root, sink), sink);
      expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    } finally {
      await project.dispose();
    }
  });

  // Validation stops a run before the model on these; if it ever let one through, the model must name the bug
  // rather than build a document with a hole in it.
  it("refuses, naming the bug, definitions that validation should have stopped", async () => {
    const project = await tempProject(minimalDefinitions);
    try {
      const sink = new DiagnosticSink();
      const valid = validateDefinitions(parseDefinitionSources(await readDefinitionSources(project.definitionsDir, project.root, sink), sink), sink);
      expect(sink.items).toEqual([]);
      const { serviceProviderConfig: _spc, ...withoutConfig } = valid;
      expect(() => buildModel(withoutConfig)).toThrow(
        "buildModel: no valid ServiceProviderConfig; validation should have stopped the run",
      );
      expect(() => buildModel({ ...valid, schemas: valid.schemas.filter((s) => s.value.name !== "Group") })).toThrow(
        "buildModel: schema urn:ietf:params:scim:schemas:core:2.0:Group is not defined; validation should have caught it",
      );
    } finally {
      await project.dispose();
    }
  });
});
