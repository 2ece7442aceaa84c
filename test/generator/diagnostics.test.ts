import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../../generator/diagnostics/codes.js";
import { DiagnosticSink, formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources } from "../../generator/load/definition-files.js";
import { compileModel, runGenerate } from "../../generator/pipeline.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject } from "../helpers/temp-project.js";
import { diagnosticCases, ruleBranches } from "./diagnostic-cases.js";

// Validation only (no emitting): the diagnostics are all decided before the emitters run.
async function diagnosticsFor(files: Readonly<Record<string, string | Uint8Array | null>>) {
  const project = await tempProject({ ...minimalDefinitions, ...files });
  try {
    const sink = new DiagnosticSink();
    const result = compileModel(await readDefinitionSources(project.definitionsDir, project.root, sink), sink);
    return { result, lines: result.diagnostics.map(formatDiagnostic) };
  } finally {
    await project.dispose();
  }
}

describe("golden diagnostics: code, file, line and column locked", () => {
  it("has at least 30 invalid inputs", () => {
    expect(diagnosticCases.length).toBeGreaterThanOrEqual(30);
  });
  for (const c of diagnosticCases) {
    it(c.name, async () => {
      const { result, lines } = await diagnosticsFor(c.files);
      expect(lines).toEqual(c.want);
      const errors = c.want.some((l) => / - error /.test(l));
      expect(result.model === undefined).toBe(errors);
    });
  }
});

describe("diagnostics as a whole", () => {
  it("the minimal definitions are clean", async () => {
    expect((await diagnosticsFor({})).lines).toEqual([]);
  });

  it("the repository's definitions are clean", async () => {
    const sink = new DiagnosticSink();
    const result = compileModel(await readDefinitionSources(join(repoRoot, "definitions"), repoRoot, sink), sink);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("reports every mistake of every file at once, sorted by file, line and column", async () => {
    const { lines } = await diagnosticsFor({
      "definitions/schemas/group.yaml": "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\nattributes:\n  - name: displayName\n    description: N.\n    mutability: read\n",
      "definitions/resource-types/user.yaml": "name: User\nendpoint: Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\n",
      "definitions/service-provider-config.yaml": minimalDefinitions["definitions/service-provider-config.yaml"]!.replace("maxResults: 100", "maxResults: 0"),
    });
    expect(lines).toEqual([...lines].sort((a, b) => {
      const [fa, la, ca] = a.split(" - ")[0]!.split(":");
      const [fb, lb, cb] = b.split(" - ")[0]!.split(":");
      return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb) || Number(ca) - Number(cb);
    }));
    expect(lines.map((l) => l.split(" - ")[1]?.split(":")[0])).toEqual([
      "error endpoint-not-absolute",
      "error not-allowed-value",
      "error inconsistent-feature",
    ]);
  });

  it("writes nothing when there is an error", async () => {
    const project = await tempProject({ ...minimalDefinitions, "definitions/resource-types/group.yaml": "name: Group\n" });
    try {
      const result = await runGenerate({ definitionsDir: project.definitionsDir, outDir: project.outDir, check: false, cwd: project.root });
      expect(result.status).toBe("invalid");
      await expect(readFile(join(project.outDir, "json/ServiceProviderConfig.json"))).rejects.toThrow(/ENOENT/);
    } finally {
      await project.dispose();
    }
  });

  it("a __proto__ key never reaches Object.prototype", async () => {
    await diagnosticsFor({
      "definitions/scim-codegen.yaml": "__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n",
    });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("every code is used by a golden case or documented in the README table", async () => {
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    for (const code of Object.keys(diagnosticCodes)) expect(readme, code).toContain(`\`${code}\``);
  });

  it("the README's table is the code table, row for row", async () => {
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| code | meaning |"));
    const rows = table.slice(0, table.indexOf("\n\n")).split("\n").slice(2);
    const parsed = rows.map((row) => /^\| `([a-z-]+)` \| (.*) \|$/.exec(row)).map((m) => [m?.[1], m?.[2]?.replace(/\\\|/g, "|")]);
    expect(parsed).toEqual(Object.entries(diagnosticCodes));
  });

  it.each(ruleBranches)("rule branch %s %s has a golden case: …%s", (_file, code, fragment) => {
    const lines = diagnosticCases.flatMap((c) => c.want).filter((line) => line.includes(` ${code}: `) && line.includes(fragment));
    expect(lines.length).toBeGreaterThan(0);
  });

  it("lists every branch of generator/validate/rules/ (no file reports a code from more places than branches listed)", async () => {
    const rules = join(repoRoot, "generator/validate/rules");
    const files = [...new Set(ruleBranches.map(([file]) => file))].sort();
    expect((await readdir(rules)).filter((name) => name.endsWith(".ts")).sort()).toEqual(files);
    for (const file of files) {
      const text = await readFile(join(rules, file), "utf8");
      // A call's code is the first of its string literals that is a diagnostic code.
      const sites = text.split(/sink\.(?:error|warning)\(/).slice(1).map((call) => [...call.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]).find((word) => word !== undefined && word in diagnosticCodes));
      for (const code of new Set(sites)) {
        const listed = ruleBranches.filter(([f, c]) => f === file && c === code).length;
        expect([file, code, listed >= sites.filter((c) => c === code).length]).toEqual([file, code, true]);
      }
    }
  });

  it("almost every code is exercised by a golden case", () => {
    const used = new Set(diagnosticCases.flatMap((c) => c.want.map((l) => /(?:error|warning) ([a-z-]+):/.exec(l)?.[1])));
    const unused = Object.keys(diagnosticCodes).filter((c) => !used.has(c));
    expect(unused).toEqual([]);
  });
});
