// No identifier field (resource type name, id, endpoint, schema URN, attribute name) can become code, a path
// outside --out, or broken Markdown: aimed with hostile strings, each either gets a diagnostic or generates
// output whose paths are portable and inside the output folder, whose packages import with no side effect,
// and whose READMEs keep their skeleton. Then the attacks reported in the issue, one by one.

import { rm } from "node:fs/promises";
import { posix } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { assertOutputPath } from "../../generator/emit/output-path.js";
import { allAdapters } from "../../generator/model/model.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import {
  caseFolder,
  compileFiles,
  emitReadmes,
  errorsOf,
  expectNoSideEffect,
  expectReadmesKeepTheirShape,
  memoryCache,
  plainStrings,
  planFiles,
  projectPlan,
  requestPaths,
  runChild,
  safeIdentifiers,
  writeCase,
  type ChildCase,
  type StringSource,
} from "./hostile-project.js";
import { hostileString, yamlQuoted } from "./hostile-strings.js";

const cache = memoryCache();
const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

// TODO(lead): the definitions helper's rules (resource type names and ids `^[A-Za-z][A-Za-z0-9_-]*$`,
// one-segment endpoints, URN schema ids without `/` or `%`, colliding derived identifiers) turn the
// generator throws this property still allows into diagnostics. After the merge, set this to false.
const generatorThrowAllowed = true;

describe("hostile identifier fields", () => {
  const seed = 0x1d5;
  const count = 8;

  /** Safe strings, but the identifier fields this case aims at are hostile. */
  function aimedAt(random: () => number, targets: ReadonlySet<string>): StringSource {
    const safe = safeIdentifiers(random);
    // Mostly with the prefix the current rules want, so that many cases get past validation to the emitters.
    const hostile = (prefix: string): string => (random() < 0.75 ? prefix : "") + hostileString(random, 3);
    const noSpace = (s: string): string => (random() < 0.5 ? s.replace(/\s/g, "") : s);
    return {
      text: safe.text,
      resourceTypeName: (i) => (targets.has("resourceTypeName") ? hostile(`R${i}`) : safe.resourceTypeName(i)),
      endpoint: (i) => (targets.has("endpoint") ? hostile(`/E${i}`) : safe.endpoint(i)),
      schemaId: (i) => (targets.has("schemaId") ? noSpace(hostile(`urn:acme:s${i}:`)) : safe.schemaId(i)),
      attributeName: (i) => (targets.has("attributeName") ? hostile(`a${i}`) : safe.attributeName(i)),
    };
  }

  it("get a diagnostic, or generate output that is safe to write and import", async () => {
    const root = await caseFolder();
    folders.push(root);
    const random = seededRandom(seed);
    const fields = ["resourceTypeName", "endpoint", "schemaId", "attributeName"];
    const generated: { child: ChildCase; files: readonly GeneratedFile[]; plain: readonly GeneratedFile[] }[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) {
      const targets = new Set([fields[i % fields.length]!, ...(random() < 0.3 ? [fields[Math.floor(random() * fields.length)]!] : [])]);
      const shapeSeed = Math.floor(random() * 2 ** 32);
      const scope = "@hostile";
      const plan = projectPlan(seededRandom(shapeSeed), aimedAt(random, targets), scope, allAdapters);
      let result;
      try {
        result = await compileFiles(planFiles(plan), cache);
      } catch (error) {
        // A generator assertion (output-path.ts, fileStem, duplicate names), never anything else.
        expect(generatorThrowAllowed, String(error)).toBe(true);
        expect(String((error as Error).message), `ident-${i}`).toMatch(/^scim-codegen: /);
        outcomes.push("throw");
        continue;
      }
      if (!result.files) {
        expect(errorsOf(result.diagnostics).length, `ident-${i}`).toBeGreaterThan(0);
        outcomes.push("diagnostic");
        continue;
      }
      for (const f of result.files) expect(assertOutputPath(f.path)).toBe(f.path);
      const plain = await emitReadmes(planFiles(projectPlan(seededRandom(shapeSeed), plainStrings(random), scope, allAdapters)), cache);
      const dir = await writeCase(root, `ident-${i}`, scope, result.files);
      generated.push({ files: result.files, plain, child: { name: `ident-${i}`, dir, scope, adapters: allAdapters, paths: requestPaths(plan) } });
      outcomes.push("generated");
    }
    // The property says something only if some cases reach the emitters.
    expect(outcomes.filter((o) => o === "generated").length).toBeGreaterThan(0);
    const result = await runChild(root, generated.map((g) => g.child));
    expectNoSideEffect(result, generated.map((g) => g.child));
    for (const g of generated) expectReadmesKeepTheirShape(g.files, g.plain, g.child.name);
  }, 120_000);
});

describe("the reported attacks", () => {
  it("a schema named like the old data placeholder, with a comment-ending description, imports with no side effect", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/scim-codegen.yaml": 'packageScope: "@placeholder"\nadapters: [node]\n',
      "definitions/schemas/group.yaml": `id: urn:ietf:params:scim:schemas:core:2.0:Group
name: __scimCodegenLiteral_groupSchema__
description: "x */ process.exit(42); /*"
attributes:
  - name: displayName
    description: A human-readable name for the Group. REQUIRED.
    required: true
`,
    };
    const result = await compileFiles(files, cache);
    expect(errorsOf(result.diagnostics)).toEqual([]);
    const root = await caseFolder();
    folders.push(root);
    const dir = await writeCase(root, "placeholder", "@placeholder", result.files!);
    const child: ChildCase = { name: "placeholder", dir, scope: "@placeholder", adapters: ["node"], paths: ["/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"] };
    const run = await runChild(root, [child]);
    expectNoSideEffect(run, [child]);
    expect(run.reports[0]!.responses["/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"]!.body).toMatchObject({
      name: "__scimCodegenLiteral_groupSchema__",
      description: "x */ process.exit(42); /*",
    });
  });

  it.each([
    ["a parent-folder path", "../../../../escaped", "json/ResourceTypes/..%2F..%2F..%2F..%2Fescaped.json"],
    ["NUL", "a\u0000b", "json/ResourceTypes/a%00b.json"],
    ["a backslash and a drive", "C:\\Windows\\x", "json/ResourceTypes/C%3A%5CWindows%5Cx.json"],
    ["a Windows device name", "CON", "json/ResourceTypes/%43ON.json"],
  ])("a resource type named with %s stays one file inside the output folder", async (_, name, want) => {
    const files = {
      ...minimalDefinitions,
      "definitions/resource-types/group.yaml": `name: ${yamlQuoted(name)}\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n`,
    };
    const result = await compileFiles(files, cache);
    expect(errorsOf(result.diagnostics)).toEqual([]);
    const paths = result.files!.map((f) => f.path);
    for (const path of paths) {
      expect(posix.normalize(`out/${path}`).startsWith("out/"), path).toBe(true);
      expect(path, path).not.toMatch(/[\u0000\\:]/);
    }
    expect(paths).toContain(want);
  });
});

// TODO(lead): these are throws (a generator bug: validation must catch it) until the definitions rules
// diagnose colliding derived identifiers; then expect a diagnostic here instead.
describe("names whose derived identifiers collide", () => {
  it("two schema names with one SchemaUrn key are refused, not emitted with one URN lost", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/schemas/group.yaml": minimalDefinitions["definitions/schemas/group.yaml"]!.replace("name: Group", "name: user"),
    };
    await expect(compileFiles(files, cache)).rejects.toThrow(/^scim-codegen: two names give the key User of SchemaUrn/);
  });

  it("a resource type named like an interface its module imports is refused, not emitted with broken types", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/resource-types/group.yaml": "name: ScimResource\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    };
    await expect(compileFiles(files, cache)).rejects.toThrow(/^scim-codegen: resource type "ScimResource" names an interface/);
  });
});
