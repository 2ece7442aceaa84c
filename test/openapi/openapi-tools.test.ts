// The OpenAPI document works with the tools users run on it, as the README shows them, offline:
// - openapi-typescript 7 (its Node API) turns it into types that compile under `tsc --strict` without
//   skipLibCheck, and a nested sub-attribute's characteristics are typed (not `any`);
// - `@redocly/cli lint` (its bin) with the generated redocly.yaml reports nothing, and that file turns
//   off only rules that the recommended ruleset would otherwise report.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redoclyRulesOff } from "../../generator/emit/openapi/redocly-config.js";
import { repoRoot } from "../helpers/repo.js";
import { openApiDocument } from "./openapi-response-validator.js";

type Json = { readonly [key: string]: unknown };
const run = promisify(execFile);
const documents = ["openapi.yaml", "openapi.json"] as const;
const generatedPath = (file: string): string => `${repoRoot}generated/openapi/${file}`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "scim-openapi-tools-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("openapi-typescript 7", () => {
  /** The types of each document, by the Node API as `npx openapi-typescript <file>` writes them. */
  const types = new Map<string, string>();
  beforeAll(async () => {
    for (const file of documents) types.set(file, astToString(await openapiTS(pathToFileURL(generatedPath(file)), { silent: true })));
  }, 60_000);

  it("gives the same types for openapi.yaml and openapi.json, with no `any` in them", () => {
    const yaml = types.get("openapi.yaml") ?? "";
    expect(yaml).toContain("Attribute: {");
    expect(types.get("openapi.json")).toBe(yaml);
    const code = yaml.replace(/\/\*[\s\S]*?\*\//g, ""); // descriptions say "any operation"
    expect(code.match(/\bany\b/g) ?? []).toEqual([]);
  });

  it("compiles under tsc --strict without skipLibCheck, and nested sub-attributes are typed", () => {
    writeFileSync(join(work, "scim-api.d.ts"), types.get("openapi.yaml") ?? "");
    // A consumer as a user would write one: the Schema document of RFC 7643 §8.7.2 nests three levels
    // (attributes → subAttributes → subAttributes), and `mutability` is RFC 7643 §7's four values.
    writeFileSync(
      join(work, "consumer.ts"),
      `import type { components } from "./scim-api.js";

type Schema = components["schemas"]["Schema"];
type Attribute = components["schemas"]["Attribute"];
type Nested = NonNullable<NonNullable<Schema["attributes"][number]["subAttributes"]>[number]["subAttributes"]>[number];
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const nestedIsNotAny: Equals<Nested, any> = false;
export const nestedIsAnAttribute: Equals<Nested, Attribute> = true;
export const mutability: Equals<Nested["mutability"], "readOnly" | "readWrite" | "immutable" | "writeOnly" | undefined> = true;
export const returned: Equals<Nested["returned"], "always" | "never" | "default" | "request" | undefined> = true;

export const deep: Attribute = {
  name: "attributes",
  type: "complex",
  multiValued: true,
  subAttributes: [
    {
      name: "subAttributes",
      type: "complex",
      multiValued: true,
      subAttributes: [{ name: "name", type: "string", multiValued: false, mutability: "readOnly", returned: "default" }],
    },
  ],
};

export const wrong: Attribute = {
  name: "attributes",
  type: "complex",
  multiValued: true,
  subAttributes: [
    {
      name: "subAttributes",
      type: "complex",
      multiValued: true,
      // @ts-expect-error a nested sub-attribute's mutability is one of RFC 7643 §7's values, not any string
      subAttributes: [{ name: "name", type: "string", multiValued: false, mutability: "sometimes" }],
    },
  ],
};
`,
    );
    const program = ts.createProgram([join(work, "scim-api.d.ts"), join(work, "consumer.ts")], {
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName.slice(work.length + 1) ?? ""}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
  });
});

describe("no reference points into another component", () => {
  it("every $ref names a whole component, which exists", () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === "object") {
        for (const [key, value] of Object.entries(node as Json)) {
          if (key === "$ref" && typeof value === "string") refs.push(value);
          else walk(value);
        }
      }
    };
    const doc = openApiDocument();
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    const components = doc["components"] as { readonly [kind: string]: Json };
    const bad = refs.filter((ref) => {
      const m = /^#\/components\/([A-Za-z]+)\/([^/]+)$/.exec(ref);
      return !m || components[m[1]!]?.[m[2]!] === undefined;
    });
    expect([...new Set(bad)]).toEqual([]);
  });

  it("the Schema document's attributes and their subAttributes, at any depth, are the Attribute component", () => {
    const schemas = (openApiDocument()["components"] as Json)["schemas"] as Json;
    const attributes = ((schemas["Schema"] as Json)["properties"] as Json)["attributes"] as Json;
    expect(attributes["items"]).toEqual({ $ref: "#/components/schemas/Attribute" });
    const attribute = schemas["Attribute"] as Json;
    expect(((attribute["properties"] as Json)["subAttributes"] as Json)["items"]).toEqual({ $ref: "#/components/schemas/Attribute" });
    expect(((attribute["properties"] as Json)["mutability"] as Json)["enum"]).toEqual(["readOnly", "readWrite", "immutable", "writeOnly"]);
  });
});

describe("@redocly/cli lint", () => {
  /** The README's command; the test runs the same with the bin from node_modules. */
  const readmeCommand = "npx @redocly/cli lint --config generated/openapi/redocly.yaml generated/openapi/openapi.yaml";
  type Problem = { readonly ruleId: string; readonly severity: string; readonly message: string; readonly location: readonly { readonly source: { readonly ref: string }; readonly pointer: string }[] };
  type Report = { readonly totals: { readonly errors: number; readonly warnings: number }; readonly problems: readonly Problem[] };

  /** Runs `redocly lint --format=json` on one file in `cwd`, from where it finds no redocly.yaml unless given one. */
  async function lint(args: readonly string[], cwd: string): Promise<Report> {
    const result = await run(process.execPath, [`${repoRoot}node_modules/@redocly/cli/bin/cli.js`, "lint", "--format=json", ...args], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 50_000,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    return JSON.parse(result.stdout) as Report;
  }

  it("the READMEs show the command with the generated redocly.yaml", () => {
    expect(readFileSync(`${repoRoot}README.md`, "utf8")).toContain(readmeCommand);
    // The generated README's, run in its own folder, holds wherever the output folder is.
    expect(readFileSync(generatedPath("README.md"), "utf8")).toContain("`npx @redocly/cli lint openapi.yaml` (finds `redocly.yaml` here)");
  });

  it("in the document's folder (the generated README's command): redocly.yaml is found, no error and no warning", async () => {
    const reports = await Promise.all(documents.map((file) => lint([file], dirname(generatedPath(file)))));
    for (const report of reports) expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("with the generated redocly.yaml (the README's command): no error and no warning in openapi.yaml and openapi.json", async () => {
    const [flag, config, yaml] = readmeCommand.split(" ").slice(3);
    expect([flag, config, yaml]).toEqual(["--config", "generated/openapi/redocly.yaml", "generated/openapi/openapi.yaml"]);
    const reports = await Promise.all(documents.map((file) => lint([flag!, config!, `generated/openapi/${file}`], repoRoot)));
    for (const report of reports) {
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    }
  });

  it("the recommended ruleset alone reports only what redocly.yaml turns off, each with its reason", async () => {
    const cwd = mkdtempSync(join(work, "lint-"));
    const reports = await Promise.all(documents.map((file) => lint([generatedPath(file)], cwd)));
    const found = new Map<string, Set<string>>();
    for (const p of reports.flatMap((r) => r.problems)) {
      const at = found.get(p.ruleId) ?? new Set<string>();
      for (const l of p.location) at.add(l.pointer);
      found.set(p.ruleId, at);
    }
    expect(reports.map((r) => r.totals.errors)).toEqual([0, 0]);
    // Every rule turned off fires without the file: none is off for nothing.
    expect([...found.keys()].sort()).toEqual([...redoclyRulesOff].sort());
    // Unused are only the <Schema>Attributes components (the /Schemas content), nothing else.
    const schemas = (openApiDocument()["components"] as Json)["schemas"] as Json;
    const attributesComponents = Object.entries(schemas)
      .filter(([name, s]) => name.endsWith("Attributes") && typeof (s as Json)["x-scim-schema"] === "string")
      .map(([name]) => `#/components/schemas/${name}`);
    expect([...(found.get("no-unused-components") ?? [])].sort()).toEqual(attributesComponents.sort());
    expect([...(found.get("info-license") ?? [])]).toEqual(["#/info"]);
    const config = readFileSync(generatedPath("redocly.yaml"), "utf8");
    for (const rule of redoclyRulesOff) expect(config).toMatch(new RegExp(`# [^\\n]+\\n(  # [^\\n]+\\n)*  ${rule}: off\\n`));
  });
});
