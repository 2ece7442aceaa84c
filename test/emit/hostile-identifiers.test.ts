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

describe("hostile identifier fields", () => {
  const seed = 0x1d5;
  const count = 10;

  // The characters each identifier field's grammar allows beyond letters and digits: a value made of
  // them passes validation, and reaches the emitters at the edge of what they must take.
  const edges: Record<string, string> = {
    resourceTypeName: "_-",
    endpoint: "._~-",
    schemaId: "!$&'()*+,;=:@-._~",
    attributeName: "_-",
    baseUrl: "!$&'()*+,;=:@-._~/",
  };

  /** Safe strings, but the identifier fields this case aims at are hostile (or, half the time, all edge characters). */
  function aimedAt(random: () => number, targets: ReadonlySet<string>): StringSource {
    const safe = safeIdentifiers(random);
    const edgy = random() < 0.5;
    const aimed = (field: string, prefix: string): string => {
      if (edgy) return prefix + Array.from({ length: 1 + Math.floor(random() * 8) }, () => edges[field]![Math.floor(random() * edges[field]!.length)]).join("");
      // Mostly with the prefix the rules want, so that only the hostile part is wrong.
      return (random() < 0.75 ? prefix : "") + hostileString(random, 3);
    };
    const noSpace = (s: string): string => (random() < 0.5 ? s.replace(/\s/g, "") : s);
    return {
      text: safe.text,
      resourceTypeName: (i) => (targets.has("resourceTypeName") ? aimed("resourceTypeName", `R${i}`) : safe.resourceTypeName(i)),
      endpoint: (i) => (targets.has("endpoint") ? aimed("endpoint", `/E${i}`) : safe.endpoint(i)),
      schemaId: (i) => (targets.has("schemaId") ? noSpace(aimed("schemaId", `urn:acme:s${i}:`)) : safe.schemaId(i)),
      attributeName: (i) => (targets.has("attributeName") ? aimed("attributeName", `a${i}`) : safe.attributeName(i)),
      baseUrlPath: () => (targets.has("baseUrl") ? aimed("baseUrl", "p") : safe.baseUrlPath()),
    };
  }

  it("get a diagnostic, or generate output that is safe to write and import", async () => {
    const root = await caseFolder();
    folders.push(root);
    const random = seededRandom(seed);
    const fields = ["resourceTypeName", "endpoint", "schemaId", "attributeName", "baseUrl"];
    const generated: { child: ChildCase; files: readonly GeneratedFile[]; plain: readonly GeneratedFile[] }[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) {
      const targets = new Set([fields[i % fields.length]!, ...(random() < 0.3 ? [fields[Math.floor(random() * fields.length)]!] : [])]);
      const shapeSeed = Math.floor(random() * 2 ** 32);
      const scope = "@hostile";
      const plan = projectPlan(seededRandom(shapeSeed), aimedAt(random, targets), scope, allAdapters);
      // Never a throw: a throw is a generator bug, and validation must stop what the emitters cannot take.
      const result = await compileFiles(planFiles(plan), cache);
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
    // The property says something only if cases reach both ends: the emitters, and the diagnostics.
    expect(outcomes.filter((o) => o === "generated").length, outcomes.join()).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === "diagnostic").length, outcomes.join()).toBeGreaterThan(0);
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
    ["a parent-folder path", "../../../../escaped", 'starts with "." (U+002E)'],
    ["NUL", "a\u0000b", "contains U+0000 (a control character)"],
    ["a backslash and a drive", "C:\\Windows\\x", 'contains ":" (U+003A)'],
    ["a space and a percent sign", "Device 100%", "contains a space (U+0020)"],
  ])("a resource type named with %s gets a positioned diagnostic, and nothing is generated", async (_, name, why) => {
    const files = {
      ...minimalDefinitions,
      "definitions/resource-types/group.yaml": `name: ${yamlQuoted(name)}\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n`,
    };
    const result = await compileFiles(files, cache);
    expect(result.files).toBeUndefined();
    const [error, ...rest] = errorsOf(result.diagnostics);
    expect(rest).toEqual([]);
    expect(error).toContain("definitions/resource-types/group.yaml invalid-resource-type-name:");
    expect(error).toContain(why);
    expect(result.diagnostics.find((d) => d.code === "invalid-resource-type-name")).toMatchObject({ line: 1, col: 7 });
  });

  it("a resource type named like a Windows device gets a diagnostic too", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/resource-types/group.yaml": "name: CON\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    };
    const result = await compileFiles(files, cache);
    expect(result.files).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain("invalid-resource-type-name");
  });
});

describe("names whose derived identifiers collide", () => {
  it("two schema names with one SchemaUrn key get a name-collision diagnostic, not a package with one URN lost", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/schemas/group.yaml": minimalDefinitions["definitions/schemas/group.yaml"]!.replace("name: Group", "name: user"),
    };
    const result = await compileFiles(files, cache);
    expect(result.files).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      "definitions/schemas/user.yaml:2:7 name-collision",
    ]);
  });

  it("a resource type named like an interface its module imports gets a name-collision diagnostic, not broken types", async () => {
    const files = {
      ...minimalDefinitions,
      "definitions/resource-types/group.yaml": "name: ScimResource\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    };
    const result = await compileFiles(files, cache);
    expect(result.files).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      "definitions/resource-types/group.yaml:1:7 name-collision",
    ]);
  });
});
