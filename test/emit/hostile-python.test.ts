// The Python package under hostile free text (the alphabet of hostile-strings.ts, plus payloads aimed at
// Python: string and docstring delimiters, `\N{`, f-string braces, a PEP 263 encoding declaration, code after
// a line break) in every string field of every definition kind: each case's package is imported by python3
// (no framework needed: `__init__` imports the documents and the TypedDicts) in a child process that must
// print only its report and exit 0, and `DISCOVERY_DOCUMENTS` must hold every document exactly as the
// generator built it, string for string, and the `SchemaUrn` and `ResourceTypeName` constants too.

import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildDiscoveryDocuments } from "../../generator/emit/discovery-documents.js";
import { pythonPackageNames, pythonProjectFolder } from "../../generator/names.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { caseFolder, compileFiles, errorsOf, memoryCache, planFiles, projectPlan, safeIdentifiers, writeCase, type StringSource } from "./hostile-project.js";

const run = promisify(execFile);
const cache = memoryCache();
const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

/** Payloads that would show if they ran as Python: an exit code, or output. */
const pythonPayloads = [
  '"; raise SystemExit(42); "',
  '"""; raise SystemExit(43); """',
  "\nraise SystemExit(44)\n#",
  "\\N{",
  "{__import__('os')._exit(45)}",
  "coding: latin-1",
  "\u2028print('PWNED')",
  "\u0085raise SystemExit(46)",
];

/** Hostile free text, one string in three a Python payload. */
function withPythonPayloads(random: () => number): StringSource {
  const base = safeIdentifiers(random);
  return { ...base, text: () => (random() < 0.33 ? pythonPayloads[Math.floor(random() * pythonPayloads.length)]! + base.text() : base.text()) };
}

const reporter = String.raw`
import json, sys, importlib
package = importlib.import_module(sys.argv[1])
def constants(cls):
    return {k: v for k, v in vars(cls).items() if not k.startswith("__")}
json.dump({
    "documents": package.DISCOVERY_DOCUMENTS,
    "schemaUrn": constants(package.SchemaUrn),
    "resourceTypeName": constants(package.ResourceTypeName),
    "exports": sorted(package.__all__),
}, sys.stdout, ensure_ascii=True)
`;

describe("hostile free text in the Python package", () => {
  const seed = 0x5c1c0df;
  const count = 6;

  it("imports with no side effect and holds every document string for string", async () => {
    const root = await caseFolder();
    folders.push(root);
    const random = seededRandom(seed);
    for (let i = 0; i < count; i++) {
      const scope = "@hostile";
      const plan = projectPlan(seededRandom(Math.floor(random() * 2 ** 32)), withPythonPayloads(random), scope, ["fastapi"]);
      const files = planFiles(plan);
      const result = await compileFiles(files, cache);
      expect(errorsOf(result.diagnostics), `case-${i}`).toEqual([]);
      const dir = await writeCase(root, `case-${i}`, scope, result.files!);
      const model = result.model;
      if (model === undefined) throw new Error(`case-${i} has no model`);
      const { stdout, stderr } = await run("python3", ["-c", reporter, pythonPackageNames(scope).importName], {
        cwd: join(dir, pythonProjectFolder(scope)),
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: join(dir, pythonProjectFolder(scope)) },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stderr, `case-${i}`).toBe("");
      const report = JSON.parse(stdout) as { documents: unknown; schemaUrn: Record<string, string>; resourceTypeName: Record<string, string> };
      const documents = buildDiscoveryDocuments(model);
      expect(report.documents, `case-${i}`).toEqual({
        service_provider_config: documents.serviceProviderConfig,
        resource_types: documents.resourceTypes,
        schemas: documents.schemas,
        service_provider_schemas: documents.serviceProviderSchemas,
      });
      expect(Object.values(report.schemaUrn).sort(), `case-${i}`).toEqual(model.schemas.map((s) => s.id).sort());
      expect(Object.values(report.resourceTypeName).sort(), `case-${i}`).toEqual(model.resourceTypes.map((r) => r.name).sort());
    }
  }, 120_000);
});
