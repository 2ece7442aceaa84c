// No definition's free text can become code or change what is served. A seeded property test puts strings
// from a hostile alphabet (hostile-strings.ts) into every free-text field of every definition kind
// (names, descriptions, canonical values, reference types, URIs, the static base URL), compiles in memory,
// writes the output to a temp folder, and imports every generated package in one child process that
// would show any side effect; what the discovery runtime serves must hold every string exactly as the
// YAML wrote it, and so must the static JSON and the OpenAPI YAML on disk. Identifier fields take values
// from the grammar the definition format enforces (hostile-identifiers.test.ts aims at those).

import { readFile, rm } from "node:fs/promises";
import { posix } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { fileNameSegment } from "../../generator/emit/escape.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { allAdapters } from "../../generator/model/model.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import {
  caseFolder,
  childBaseUrl,
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
  segment,
  writeCase,
  type AttributePlan,
  type CaseReport,
  type ChildCase,
  type ProjectPlan,
} from "./hostile-project.js";
import { readJsonFile } from "../helpers/json.js";

const cache = memoryCache();
const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

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
  const disk = async (path: string): Promise<unknown> => await readJsonFile(posix.join(dir, path));
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
      const plain = await emitReadmes(planFiles(projectPlan(seededRandom(shapeSeed), plainStrings(random), scope, allAdapters)), cache);
      const dir = await writeCase(root, `case-${i}`, scope, result.files!);
      cases.push({ plan, files: result.files!, plain, child: { name: `case-${i}`, dir, scope, adapters: allAdapters, paths: requestPaths(plan) } });
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
