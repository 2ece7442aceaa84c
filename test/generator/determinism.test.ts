// Determinism that can fail (issue 14): the repository's definitions, plus a third resource type and two
// more schemas so that there is an order to lose, compiled stage by stage with the order shuffled at every
// hand-over that could leak it, for several seeds (scripts/seeded-random.ts):
//   loader output (the definition sources, then the parsed files: the parser sorts the first itself)
//   → validate (its per-kind arrays: schemas, built-in schemas, resource types)
//   → buildModel, where canonical order is decided once: the model must equal the unshuffled one
//   → emitters (the generated files, before format) → format → the manifest's text.
// Reversing the source list alone proved nothing: the loader sorts it again by name.
// Kills issue 14's planted bug "the model no longer sorts schemas" (and the same for resource types and
// service-provider schemas): a shuffled validated array then reaches the model's order.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DiagnosticSink, sortDiagnostics } from "../../generator/diagnostics/diagnostic.js";
import { emitAll } from "../../generator/emit/emit-all.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { formatFiles } from "../../generator/format/format-files.js";
import { parseDefinitionSources, readDefinitionSources, type DefinitionSource } from "../../generator/load/definition-files.js";
import { buildModel } from "../../generator/model/build-model.js";
import type { Model } from "../../generator/model/model.js";
import { manifestText } from "../../generator/output/manifest.js";
import { producedBytes } from "../../generator/output/write-files.js";
import { validateDefinitions, type ValidatedDefinitions } from "../../generator/validate/validate-definitions.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { repoRoot } from "../helpers/repo.js";
import { defaultDefinitionFiles, tempProject } from "../helpers/temp-project.js";

/** A Fisher–Yates shuffle driven by `random`; a new array. */
function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// Ids and names chosen so that file-name order, id order and declaration order all differ.
const extraDefinitions: Record<string, string> = {
  "definitions/schemas/a-device.yaml":
    "id: urn:acme:params:scim:schemas:core:2.0:Zdevice\nname: Device\ndescription: A device.\nattributes:\n  - name: serial\n    description: Serial.\n",
  "definitions/schemas/z-badge.yaml":
    "id: urn:acme:params:scim:schemas:core:2.0:Abadge\nname: Badge\ndescription: A badge.\nattributes:\n  - name: code\n    description: Code.\n",
  "definitions/resource-types/device.yaml":
    "name: Device\nendpoint: /Devices\nschema: urn:acme:params:scim:schemas:core:2.0:Zdevice\nschemaExtensions:\n  - schema: urn:acme:params:scim:schemas:core:2.0:Abadge\n",
};

interface Compiled {
  readonly diagnostics: readonly string[];
  readonly model: Model;
  readonly files: readonly (readonly [string, string])[];
  readonly manifest: string;
}

async function sources(): Promise<DefinitionSource[]> {
  const project = await tempProject({ ...(await defaultDefinitionFiles(repoRoot)), ...extraDefinitions });
  try {
    return await readDefinitionSources(project.definitionsDir, project.root, new DiagnosticSink());
  } finally {
    await project.dispose();
  }
}

/** Compiles stage by stage; with a `random`, every hand-over is shuffled. */
async function compile(input: readonly DefinitionSource[], random?: () => number): Promise<Compiled> {
  const mix = <T>(list: readonly T[]): readonly T[] => (random ? shuffled(list, random) : list);
  const sink = new DiagnosticSink();
  const parsed = parseDefinitionSources(mix(input), sink);
  const validated = validateDefinitions(mix(parsed), sink);
  const handedOver: ValidatedDefinitions = {
    ...validated,
    schemas: mix(validated.schemas),
    builtinSchemas: mix(validated.builtinSchemas),
    resourceTypes: mix(validated.resourceTypes),
  };
  const model = buildModel(handedOver);
  const files: readonly GeneratedFile[] = await formatFiles(mix(emitAll(model)));
  return {
    diagnostics: sortDiagnostics(sink.items).map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`),
    model,
    files: files.map((f) => [f.path, f.contents] as const),
    manifest: manifestText(producedBytes(mix(files))),
  };
}

describe("determinism, order shuffled at every stage", () => {
  const seeds = [1, 2, 0x5c1a, 20261205];
  let unshuffled: Promise<{ input: DefinitionSource[]; baseline: Compiled }> | undefined;
  const start = () =>
    (unshuffled ??= (async () => {
      const input = await sources();
      return { input, baseline: await compile(input) };
    })());

  it.each(seeds)("seed %i gives the unshuffled model, files and manifest, byte for byte", async (seed) => {
    const { input, baseline } = await start();
    // The set has an order to lose: five schemas in file order are not in id order.
    expect(baseline.model.schemas.map((s) => s.id)).toEqual([
      "urn:acme:params:scim:schemas:core:2.0:Abadge",
      "urn:acme:params:scim:schemas:core:2.0:Zdevice",
      "urn:ietf:params:scim:schemas:core:2.0:Group",
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ]);
    expect(baseline.model.resourceTypes.map((r) => r.id)).toEqual(["Device", "Group", "User"]);
    expect(baseline.model.serviceProviderSchemas.map((s) => s.id)).toEqual([
      "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
      "urn:ietf:params:scim:schemas:core:2.0:Schema",
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
    ]);
    const mixed = await compile(input, seededRandom(seed));
    expect(mixed.diagnostics).toEqual(baseline.diagnostics);
    expect(mixed.model).toEqual(baseline.model);
    expect(mixed.files.map(([path]) => path)).toEqual(baseline.files.map(([path]) => path));
    expect(new Map(mixed.files)).toEqual(new Map(baseline.files));
    expect(mixed.manifest).toBe(baseline.manifest);
  });

  it("the shuffles really reorder: some seed hands the model its schemas out of order", () => {
    const ids = ["a", "b", "c", "d", "e"];
    expect(seeds.some((seed) => shuffled(ids, seededRandom(seed)).join() !== ids.join())).toBe(true);
  });

  it("the repository's own definitions, compiled twice, are byte-identical", async () => {
    const sink = new DiagnosticSink();
    const own = await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink);
    const [first, second] = [await compile(own), await compile(own, seededRandom(7))];
    expect(first.files.length).toBeGreaterThan(10);
    expect(second.files).toEqual(first.files);
  });
});
