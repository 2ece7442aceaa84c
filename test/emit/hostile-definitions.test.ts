// No definition can become code, a path outside --out, or broken Markdown. Seeded property tests put
// strings from a hostile alphabet (hostile-strings.ts) into every string field of every definition kind,
// compile in memory, write the output to a temp folder, and import every generated package in a child
// process that would show any side effect; what the discovery runtime serves must hold every string
// exactly as the YAML wrote it. Bounded: a fixed number of cases, one child process per property.

import { readFile } from "node:fs/promises";
import { posix } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { fileNameSegment } from "../../generator/emit/escape.js";
import { assertOutputPath } from "../../generator/emit/output-path.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { allAdapters } from "../../generator/model/model.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { rm } from "node:fs/promises";
import {
  caseFolder,
  childBaseUrl,
  compileFiles,
  memoryCache,
  plainStrings,
  planFiles,
  projectPlan,
  runChild,
  safeIdentifiers,
  writeCase,
  type AttributePlan,
  type CaseReport,
  type ChildCase,
  type ProjectPlan,
  type StringSource,
} from "./hostile-project.js";
import { hostileString, yamlQuoted } from "./hostile-strings.js";
import { markdownSkeleton } from "./markdown-structure.js";

const cache = memoryCache();
const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

const errorsOf = (d: readonly { severity: string; code: string; message: string; file: string }[]): string[] =>
  d.filter((x) => x.severity === "error").map((x) => `${x.file} ${x.code}: ${x.message}`);

/** A path segment for a request; a lone surrogate (hostile identifiers only) is sent as U+FFFD. */
const segment = (id: string): string =>
  encodeURIComponent(id.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

/** The paths the child requests for a plan (each document's meta.location is followed as well). */
function requestPaths(plan: ProjectPlan): string[] {
  return [
    "/ServiceProviderConfig",
    "/Schemas",
    "/ResourceTypes",
    ...plan.schemas.map((s) => `/Schemas/${segment(s.id)}`),
    ...plan.resourceTypes.map((r) => `/ResourceTypes/${segment(r.id ?? r.name)}`),
  ];
}

/** Checks a served attribute list against the plan, string for string. */
function expectAttributes(served: unknown, plan: readonly AttributePlan[], where: string): void {
  expect(Array.isArray(served), where).toBe(true);
  const list = served as Record<string, unknown>[];
  expect(list.length, where).toBe(plan.length);
  plan.forEach((a, i) => {
    const s = list[i]!;
    expect(s["name"], `${where}[${i}].name`).toBe(a.name);
    expect(s["description"], `${where}[${i}].description`).toBe(a.description);
    expect(s["canonicalValues"], `${where}[${i}].canonicalValues`).toEqual(a.canonicalValues);
    expect(s["referenceTypes"], `${where}[${i}].referenceTypes`).toEqual(a.referenceTypes);
    if (a.subAttributes) expectAttributes(s["subAttributes"], a.subAttributes, `${where}[${i}].subAttributes`);
  });
}

/** Every string of the plan, served back exactly: the documents, the lists, and each meta.location. */
function expectRoundTrip(plan: ProjectPlan, report: CaseReport): void {
  const { responses } = report;
  const ok = (path: string): Record<string, unknown> => {
    const r = responses[path];
    expect(r?.status, `${report.name} GET ${path}`).toBe(200);
    return r!.body as Record<string, unknown>;
  };
  const spc = ok("/ServiceProviderConfig");
  expect(spc["documentationUri"]).toBe(plan.documentationUri);
  expect(spc["authenticationSchemes"]).toEqual(plan.schemes);
  for (const s of plan.schemas) {
    const doc = ok(`/Schemas/${segment(s.id)}`);
    expect([doc["id"], doc["name"], doc["description"]]).toEqual([s.id, s.name, s.description]);
    expectAttributes(doc["attributes"], s.attributes, `${report.name} ${s.file}.attributes`);
  }
  for (const r of plan.resourceTypes) {
    const doc = ok(`/ResourceTypes/${segment(r.id ?? r.name)}`);
    expect(doc).toMatchObject({ id: r.id ?? r.name, name: r.name, endpoint: r.endpoint, description: r.description, schema: r.schema });
    expect(doc["schemaExtensions"]).toEqual(r.extensions);
  }
  // The lists hold the same documents, and every meta.location serves exactly its document.
  for (const list of ["/Schemas", "/ResourceTypes"]) {
    const resources = ok(list)["Resources"] as Record<string, unknown>[];
    for (const doc of [...resources, ...(list === "/Schemas" ? [] : [spc])]) {
      const location = (doc["meta"] as { location: string }).location;
      expect(location.startsWith(childBaseUrl), location).toBe(true);
      expect(ok(location.slice(childBaseUrl.length)), `${report.name} meta.location ${location}`).toEqual(doc);
    }
  }
  expect(Object.keys(ok("/ServiceProviderConfig")).sort()).toEqual(Object.keys(spc).sort());
}

/** The static JSON and the OpenAPI YAML on disk hold the same strings as what the runtime serves. */
async function expectFilesAgree(dir: string, plan: ProjectPlan, report: CaseReport, withYaml: boolean): Promise<void> {
  const disk = async (path: string): Promise<unknown> => JSON.parse(await readFile(posix.join(dir, path), "utf8"));
  const base = plan.staticJsonBaseUrl ?? "{{SCIM_BASE_URL}}";
  const relative = (doc: Record<string, unknown>): Record<string, unknown> => {
    const meta = doc["meta"] as { location: string };
    return { ...doc, meta: { ...meta, location: "relative" } };
  };
  const pairs: [string, string][] = [
    ...plan.schemas.map((s): [string, string] => [`json/Schemas/${fileNameSegment(s.id)}.json`, `/Schemas/${segment(s.id)}`]),
    ...plan.resourceTypes.map((r): [string, string] => [`json/ResourceTypes/${fileNameSegment(r.id ?? r.name)}.json`, `/ResourceTypes/${segment(r.id ?? r.name)}`]),
    ["json/ServiceProviderConfig.json", "/ServiceProviderConfig"],
  ];
  for (const [file, path] of pairs) {
    const staticDoc = (await disk(file)) as Record<string, unknown>;
    const served = report.responses[path]!.body as Record<string, unknown>;
    const servedLocation = (served["meta"] as { location: string }).location;
    expect((staticDoc["meta"] as { location: string }).location, file).toBe(base + servedLocation.slice(childBaseUrl.length));
    expect(relative(staticDoc), file).toEqual(relative(served));
  }
  if (!withYaml) return;
  const yaml = parseYaml(await readFile(posix.join(dir, "openapi/openapi.yaml"), "utf8")) as unknown;
  expect(yaml, "openapi.yaml holds the same document as openapi.json").toEqual(await disk("openapi/openapi.json"));
}

/** Every README of a case has the skeleton of the same README from plain definitions of the same shape. */
function expectReadmesKeepTheirShape(files: readonly GeneratedFile[], plain: readonly GeneratedFile[], name: string): void {
  const readmes = files.filter((f) => f.path.endsWith(".md"));
  expect(readmes.map((f) => f.path)).toEqual(plain.filter((f) => f.path.endsWith(".md")).map((f) => f.path));
  for (const f of readmes) {
    const baseline = plain.find((p) => p.path === f.path)!;
    expect(markdownSkeleton(f.contents), `${name} ${f.path}`).toEqual(markdownSkeleton(baseline.contents));
  }
}

/** The child ran every case to the end with no sign of a payload: exit 0, no output, the flag unset. */
function expectNoSideEffect(result: Awaited<ReturnType<typeof runChild>>, cases: readonly ChildCase[]): void {
  expect({ code: result.code, stdout: result.stdout, stderr: result.stderr, pwned: result.pwned, stoppedAt: result.started.at(-1) }).toEqual({
    code: 0,
    stdout: "",
    stderr: "",
    pwned: null,
    stoppedAt: cases.at(-1)?.name,
  });
}

describe("hostile free text in every string field", () => {
  // 12 cases × (3 schemas of 5 attributes, 2 resource types, 2 schemes, the project): about 90
  // hostile strings a case. Seeded: a failure names its case, and the same seed repeats it.
  const seed = 0x5c1c0de;
  const count = 12;

  it("generates, imports with no side effect, and serves every string exactly as written", async () => {
    const root = await caseFolder();
    folders.push(root);
    const random = seededRandom(seed);
    const cases: { plan: ProjectPlan; child: ChildCase; files: readonly GeneratedFile[]; plain: readonly GeneratedFile[] }[] = [];
    for (let i = 0; i < count; i++) {
      const shapeSeed = Math.floor(random() * 2 ** 32);
      const scope = "@hostile";
      const plan = projectPlan(seededRandom(shapeSeed), safeIdentifiers(random), scope, allAdapters);
      const result = await compileFiles(planFiles(plan), cache);
      expect(errorsOf(result.diagnostics), `case-${i}`).toEqual([]);
      const plain = await compileFiles(planFiles(projectPlan(seededRandom(shapeSeed), plainStrings(random), scope, allAdapters)), cache);
      const dir = await writeCase(root, `case-${i}`, scope, result.files!);
      cases.push({ plan, files: result.files!, plain: plain.files!, child: { name: `case-${i}`, dir, scope, adapters: allAdapters, paths: requestPaths(plan) } });
    }
    const result = await runChild(root, cases.map((c) => c.child));
    expectNoSideEffect(result, cases.map((c) => c.child));
    for (const [i, c] of cases.entries()) {
      const report = result.reports[i]!;
      expect(report.handlerError, c.child.name).toBeUndefined();
      expect(Object.values(report.validators).length, c.child.name).toBe(c.plan.resourceTypes.length * 3);
      for (const type of Object.values(report.validators)) expect(type).toBe("boolean");
      expectRoundTrip(c.plan, report);
      // Parsing the OpenAPI YAML costs about 0.3 s a case: every third case is enough for the serialiser.
      await expectFilesAgree(c.child.dir, c.plan, report, i % 3 === 0);
      expectReadmesKeepTheirShape(c.files, c.plain, c.child.name);
    }
  }, 120_000);
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
      const plain = await compileFiles(planFiles(projectPlan(seededRandom(shapeSeed), plainStrings(random), scope, allAdapters)), cache);
      const dir = await writeCase(root, `ident-${i}`, scope, result.files);
      generated.push({ files: result.files, plain: plain.files!, child: { name: `ident-${i}`, dir, scope, adapters: allAdapters, paths: requestPaths(plan) } });
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
