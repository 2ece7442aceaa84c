// Helpers of the hostile-definitions tests: random definition sets whose every string field is chosen by
// the test (so each served string can be compared with what the YAML said), compiled in memory, written
// to a temp folder, and imported by a child process that reports what the generated packages serve.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import { DiagnosticSink } from "../../generator/diagnostics/diagnostic.js";
import { readDefinitionSources, type DefinitionSource } from "../../generator/load/definition-files.js";
import { compileDefinitions, compileModel, type CompileResult } from "../../generator/pipeline.js";
import { memoFrom, type TransformCache } from "../../generator/cache/transform-cache.js";
import { emitAll } from "../../generator/emit/emit-all.js";
import type { GeneratedFile } from "../../generator/emit/generated-file.js";
import { minimalDefinitions } from "../helpers/minimal-definitions.js";
import { repoRoot } from "../helpers/repo.js";
import { tempProject } from "../helpers/temp-project.js";
import { hostileString, yamlQuoted } from "./hostile-strings.js";
import { markdownSkeleton } from "./markdown-structure.js";
import { readJsonFile } from "../helpers/json.js";

const run = promisify(execFile);

/** An attribute as the test writes it. */
export interface AttributePlan {
  readonly name: string;
  readonly type: "string" | "reference" | "complex" | "boolean";
  readonly description: string;
  readonly multiValued?: boolean;
  readonly canonicalValues?: readonly string[];
  readonly closed?: boolean;
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributePlan[];
}

/** A schema as the test writes it. */
export interface SchemaPlan {
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributePlan[];
}

/** A resource type as the test writes it. */
export interface ResourceTypePlan {
  readonly file: string;
  readonly name: string;
  /** Written only when set; the document's id is the name otherwise. */
  readonly id?: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: string;
  readonly extensions: readonly { readonly schema: string; readonly required: boolean }[];
}

/** An authentication scheme as the test writes it. */
export interface SchemePlan {
  readonly type: "oauthbearertoken" | "httpbasic";
  readonly name: string;
  readonly description: string;
  readonly specUri: string;
  readonly documentationUri: string;
  readonly primary: boolean;
}

/** One whole definition set. */
export interface ProjectPlan {
  readonly packageScope: string;
  readonly adapters: readonly string[];
  readonly staticJsonBaseUrl?: string;
  readonly documentationUri: string;
  readonly schemes: readonly SchemePlan[];
  readonly schemas: readonly SchemaPlan[];
  readonly resourceTypes: readonly ResourceTypePlan[];
}

/** The string fields a plan fills, so one property can aim hostile values at the identifier fields. */
export interface StringSource {
  /** Free text: names, descriptions, canonical values, reference types, URIs after their scheme. */
  text(): string;
  /** A resource type name or id (`R0…`), unique within the plan by its prefix. */
  resourceTypeName(index: number): string;
  /** An endpoint (`/E0…`). */
  endpoint(index: number): string;
  /** A schema URN (`urn:…:s0…`). */
  schemaId(index: number): string;
  /** An attribute name (`a0…`), unique within its level by its prefix. */
  attributeName(index: number): string;
  /** The path of `staticJson.baseUrl` after `https://h.example/`. */
  baseUrlPath(): string;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const tail = (random: () => number, alphabet: string, max: number): string =>
  Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(random, [...alphabet])).join("");

/**
 * Strings for a plan: hostile free text, and identifiers from the grammar the definition format enforces
 * (resource type names `^[A-Za-z][A-Za-z0-9_-]*$`, endpoints `^/[A-Za-z][A-Za-z0-9._~-]*$`, schema URNs
 * whose NSS holds RFC 3986 pchar without `%` and `/`, ATTRNAME attribute names, a base URL whose path is
 * pchar).
 */
export function safeIdentifiers(random: () => number): StringSource {
  const word = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const nonEmpty = (): string => {
    for (;;) {
      const s = hostileString(random);
      if (s.trim() !== "") return s;
    }
  };
  return {
    text: nonEmpty,
    resourceTypeName: (i) => `R${i}${tail(random, `${word}_-`, 8)}`,
    endpoint: (i) => `/E${i}${tail(random, `${word}._~-`, 8)}`,
    schemaId: (i) => `urn:${pick(random, ["acme", "x-corp", "a1"])}:s${i}:${tail(random, `${word}-._~!$&'()*+,;=:@`, 16)}`,
    attributeName: (i) => `a${i}${tail(random, `${word}_-`, 6)}`,
    // RFC 3986 pchar, percent-encoded triplets included: what the project format takes.
    baseUrlPath: () => `${tail(random, `${word}-._~!$&'()*+,;=:@/`, 12).replace(/\/\/+/g, "/")}%2Fx`,
  };
}

/** Plain free text and safe identifiers: the baseline that a hostile plan of the same shape is compared with. */
export function plainStrings(random: () => number): StringSource {
  return { ...safeIdentifiers(random), text: () => "plain text" };
}

/**
 * A definition set: three schemas (a base with an extension, another base), two resource types, two
 * schemes. `shape` decides everything but the strings, so plans with the same shape seed differ only
 * in their strings.
 */
export function projectPlan(shape: () => number, strings: StringSource, packageScope: string, adapters: readonly string[]): ProjectPlan {
  const random = shape;
  const t = strings.text;
  // Distinct by their suffix, whatever the hostile part (RFC 7643 §2.3.1 canonical values are a set).
  const values = (): string[] => [0, 1].map((k) => `${t()}${k}`);
  const attributes = (): AttributePlan[] => [
    { name: strings.attributeName(0), type: "string", description: t(), canonicalValues: values(), closed: random() < 0.5 },
    { name: strings.attributeName(1), type: "reference", description: t(), referenceTypes: [t(), "external"] },
    {
      name: strings.attributeName(2),
      type: "complex",
      multiValued: true,
      description: t(),
      subAttributes: [
        { name: strings.attributeName(0), type: "string", description: t(), canonicalValues: values(), closed: random() < 0.5 },
        { name: strings.attributeName(1), type: "boolean", description: t() },
      ],
    },
  ];
  // Schema names are free text, but become SchemaUrn keys through pascalCase: a distinct first word
  // keeps those keys distinct (a collision of derived identifiers is the definitions' to diagnose).
  // Half of them also spell the name of their module's document constant, as the old data
  // placeholder did: any mechanism that finds the constant by its text would be aimed at.
  const schemas: SchemaPlan[] = [0, 1, 2].map((i) => ({
    file: `s${i}`,
    id: strings.schemaId(i),
    name: `S${i} ${random() < 0.5 ? `__scimCodegenLiteral_s${i}Schema__ s${i}Schema ` : ""}${t()}`,
    description: t(),
    attributes: attributes(),
  }));
  const resourceTypes: ResourceTypePlan[] = [0, 1].map((i) => {
    const name = strings.resourceTypeName(i);
    return {
      file: `r${i}`,
      name,
      ...(random() < 0.5 ? { id: name } : {}),
      endpoint: strings.endpoint(i),
      description: t(),
      schema: schemas[i === 0 ? 0 : 2]!.id,
      extensions: i === 0 ? [{ schema: schemas[1]!.id, required: random() < 0.5 }] : [],
    };
  });
  const uri = (): string => `https://docs.example/${t()}`;
  return {
    packageScope,
    adapters,
    ...(random() < 0.7 ? { staticJsonBaseUrl: `https://h.example/${strings.baseUrlPath()}` } : {}),
    documentationUri: uri(),
    schemes: [
      { type: "oauthbearertoken", name: t(), description: t(), specUri: uri(), documentationUri: uri(), primary: true },
      { type: "httpbasic", name: t(), description: t(), specUri: uri(), documentationUri: uri(), primary: false },
    ],
    schemas,
    resourceTypes,
  };
}

const q = yamlQuoted;

function attributeYaml(a: AttributePlan, indent: string): string {
  const lines = [
    `${indent}- name: ${q(a.name)}`,
    `${indent}  type: ${a.type}`,
    `${indent}  description: ${q(a.description)}`,
    ...(a.multiValued ? [`${indent}  multiValued: true`] : []),
    ...(a.canonicalValues ? [`${indent}  canonicalValues: [${a.canonicalValues.map(q).join(", ")}]`] : []),
    ...(a.referenceTypes ? [`${indent}  referenceTypes: [${a.referenceTypes.map(q).join(", ")}]`] : []),
    ...(a.closed ? [`${indent}  codegen:`, `${indent}    closedCanonicalValues: true`] : []),
    ...(a.subAttributes ? [`${indent}  subAttributes:`, ...a.subAttributes.map((s) => attributeYaml(s, `${indent}    `))] : []),
  ];
  return lines.join("\n");
}

/** The definition files of a plan (paths relative to the project root), every string a double-quoted YAML scalar. */
export function planFiles(plan: ProjectPlan): Record<string, string> {
  const files: Record<string, string> = {
    "definitions/scim-codegen.yaml": [
      `packageScope: ${q(plan.packageScope)}`,
      `adapters: [${plan.adapters.join(", ")}]`,
      plan.staticJsonBaseUrl === undefined ? "staticJson: {}" : `staticJson:\n  baseUrl: ${q(plan.staticJsonBaseUrl)}`,
      "",
    ].join("\n"),
    "definitions/service-provider-config.yaml": `${minimalDefinitions["definitions/service-provider-config.yaml"]!.replace(/authenticationSchemes:[\s\S]*$/, "")}documentationUri: ${q(plan.documentationUri)}
authenticationSchemes:
${plan.schemes
  .map((s) =>
    [
      `  - type: ${s.type}`,
      `    name: ${q(s.name)}`,
      `    description: ${q(s.description)}`,
      `    specUri: ${q(s.specUri)}`,
      `    documentationUri: ${q(s.documentationUri)}`,
      `    primary: ${s.primary}`,
    ].join("\n"),
  )
  .join("\n")}
`,
  };
  for (const s of plan.schemas) {
    files[`definitions/schemas/${s.file}.yaml`] = `id: ${q(s.id)}\nname: ${q(s.name)}\ndescription: ${q(s.description)}\nattributes:\n${s.attributes
      .map((a) => attributeYaml(a, ""))
      .join("\n")}\n`;
  }
  for (const r of plan.resourceTypes) {
    files[`definitions/resource-types/${r.file}.yaml`] = [
      `name: ${q(r.name)}`,
      ...(r.id !== undefined ? [`id: ${q(r.id)}`] : []),
      `endpoint: ${q(r.endpoint)}`,
      `description: ${q(r.description)}`,
      `schema: ${q(r.schema)}`,
      ...(r.extensions.length ? ["schemaExtensions:", ...r.extensions.map((e) => `  - schema: ${q(e.schema)}\n    required: ${e.required}`)] : []),
      "",
    ].join("\n");
  }
  return files;
}

let builtins: Promise<DefinitionSource[]> | undefined;

/** The built-in service-provider schemas, read once the way the CLI reads them. */
function builtinSources(): Promise<DefinitionSource[]> {
  builtins ??= (async () => {
    const project = await tempProject(minimalDefinitions);
    try {
      const all = await readDefinitionSources(project.definitionsDir, project.root, new DiagnosticSink());
      return all.filter((s) => s.builtin);
    } finally {
      await project.dispose();
    }
  })();
  return builtins;
}

const kindOf = (path: string): DefinitionSource["kind"] =>
  path.endsWith("/scim-codegen.yaml")
    ? "project"
    : path.endsWith("/service-provider-config.yaml")
      ? "service-provider-config"
      : path.includes("/schemas/")
        ? "schema"
        : "resource-type";

/** Compiles definition files (paths relative to a project root) in memory, as `generate` would. */
export async function compileFiles(files: Readonly<Record<string, string>>, cache: TransformCache): Promise<CompileResult> {
  const sources: DefinitionSource[] = Object.entries(files).map(([path, text]) => ({
    kind: kindOf(path),
    displayPath: path,
    sourceName: path,
    text,
    builtin: false,
  }));
  return compileDefinitions([...sources, ...(await builtinSources())], undefined, cache);
}

/**
 * The Markdown files of definition files, emitted without the format step (Markdown is not formatted),
 * for the plain baselines the READMEs are compared with: about half the cost of `compileFiles`.
 */
export async function emitReadmes(files: Readonly<Record<string, string>>, cache: TransformCache): Promise<GeneratedFile[]> {
  const sources: DefinitionSource[] = Object.entries(files).map(([path, text]) => ({ kind: kindOf(path), displayPath: path, sourceName: path, text, builtin: false }));
  const { model, diagnostics } = compileModel([...sources, ...(await builtinSources())], undefined, cache);
  if (!model) throw new Error(`the plain definitions do not compile: ${JSON.stringify(diagnostics)}`);
  return emitAll(model, memoFrom(cache)).filter((f) => f.path.endsWith(".md"));
}

/** A cache in memory: the test's cases share the formatted runtime and adapters, as one project's runs would. */
export function memoryCache(): TransformCache {
  const entries = new Map<string, string>();
  return { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v), flush: async () => undefined };
}

/** A temp folder for generated cases, with the frameworks the adapters import at run time linked in. */
export async function caseFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "scim-codegen-hostile-"));
  await mkdir(join(root, "node_modules"), { recursive: true });
  for (const name of ["express", "hono"]) {
    await symlink(join(repoRoot, "node_modules", name), join(root, "node_modules", name), "junction");
  }
  return root;
}

/**
 * Writes one case's output under `root/<name>/` and links its core package as `<scope>/core` for its
 * adapters. Cases may share a scope (their adapters are then the same bytes, formatted once).
 */
export async function writeCase(root: string, name: string, scope: string, files: CompileResult["files"] & object): Promise<string> {
  const dir = join(root, name);
  for (const f of files) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.contents);
  }
  await mkdir(join(dir, "node_modules", scope), { recursive: true });
  await symlink(join(dir, "packages", "core"), join(dir, "node_modules", scope, "core"), "junction");
  return dir;
}

/** What the child reports for one case. */
export interface CaseReport {
  readonly name: string;
  /** Path requested → status and parsed body (null: no body). */
  readonly responses: Readonly<Record<string, { readonly status: number; readonly body: unknown }>>;
  /** Names exported by the core package's index. */
  readonly coreExports: readonly string[];
  /** Results of each exported validator on a minimal body: `valid` must be a boolean. */
  readonly validators: Readonly<Record<string, unknown>>;
  /** The configuration error, when the runtime refused the documents (never for free text). */
  readonly handlerError?: string;
}

/** A case for the child: where it is, its scope, which adapters to import, which paths to request. */
export interface ChildCase {
  readonly name: string;
  readonly dir: string;
  readonly scope: string;
  readonly adapters: readonly string[];
  readonly paths: readonly string[];
}

/** The base URL the child's handler serves under. */
export const childBaseUrl = "https://scim.test/v2";

// The child: imports every case's packages and requests the discovery paths. Anything a payload could
// do is visible to the parent: an exit code, output on stdout or stderr, the global flag.
const childSource = `
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
const [plansFile, progressFile, resultFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(plansFile, "utf8"));
const base = ${JSON.stringify(childBaseUrl)};
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const reports = [];
for (const c of cases) {
  appendFileSync(progressFile, c.name + "\\n");
  const module = (path) => import(pathToFileURL(join(c.dir, "packages", path)).href);
  const core = await module("core/index.js");
  const runtime = await module("core/runtime/index.js");
  const validators = await module("core/validators/index.js");
  for (const framework of c.adapters) await module(framework + "/index.js");
  const report = { name: c.name, responses: {}, coreExports: Object.keys(core).sort(), validators: {} };
  for (const [name, validate] of Object.entries(validators)) {
    if (typeof validate === "function" && name.startsWith("validate")) report.validators[name] = typeof validate({ schemas: [] }).valid;
  }
  let handler;
  try {
    handler = runtime.createDiscoveryHandler(core.discoveryDocuments, { baseUrl: base });
  } catch (error) {
    report.handlerError = String(error && error.message);
  }
  const get = (path) => {
    const r = handler({ method: "GET", basePath: "", path, query: "", headers: {} });
    return { status: r.status, body: r.body === null ? null : JSON.parse(decoder.decode(r.body)) };
  };
  if (handler) {
    for (const path of c.paths) report.responses[path] = get(path);
    // Every document's meta.location, as a client follows it.
    for (const { body } of Object.values(report.responses)) {
      for (const doc of [body, ...((body && body.Resources) || [])]) {
        const location = doc && doc.meta && doc.meta.location;
        if (typeof location === "string" && location.startsWith(base) && !(location.slice(base.length) in report.responses)) {
          report.responses[location.slice(base.length)] = get(location.slice(base.length));
        }
      }
    }
  }
  reports.push(report);
}
writeFileSync(resultFile, JSON.stringify({ reports, pwned: globalThis.__scimCodegenPwned ?? null }));
`;

/** What the child did: its exit, its output, and its reports when it finished. */
export interface ChildResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The cases it started, in order: the last one is where it stopped. */
  readonly started: readonly string[];
  readonly reports: readonly CaseReport[];
  readonly pwned: unknown;
}

/** Runs the child over `cases` (all under `root`), with a clean environment and a time bound. */
export async function runChild(root: string, cases: readonly ChildCase[]): Promise<ChildResult> {
  const files = { child: join(root, "child.mjs"), plans: join(root, "cases.json"), progress: join(root, "progress.txt"), result: join(root, "result.json") };
  await writeFile(files.child, childSource);
  await writeFile(files.plans, JSON.stringify(cases));
  await writeFile(files.progress, "");
  const outcome = await run(process.execPath, [files.child, files.plans, files.progress, files.result], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: "" },
    timeout: 120_000,
    maxBuffer: 1 << 24,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }),
  );
  const started = (await readFile(files.progress, "utf8")).split("\n").filter(Boolean);
  const result =
    outcome.code === 0
      ? (await readJsonFile(files.result) as { reports: CaseReport[]; pwned: unknown })
      : { reports: [], pwned: null };
  return { ...outcome, started, reports: result.reports, pwned: result.pwned };
}

// Checks both hostile properties make.

/** The error diagnostics, one line each. */
export const errorsOf = (d: readonly { severity: string; code: string; message: string; file: string }[]): string[] =>
  d.filter((x) => x.severity === "error").map((x) => `${x.file} ${x.code}: ${x.message}`);

/** A path segment for a request; a lone surrogate (hostile identifiers only) is sent as U+FFFD. */
export const segment = (id: string): string =>
  encodeURIComponent(id.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

/** The paths the child requests for a plan (each document's meta.location is followed as well). */
export function requestPaths(plan: ProjectPlan): string[] {
  return [
    "/ServiceProviderConfig",
    "/Schemas",
    "/ResourceTypes",
    ...plan.schemas.map((s) => `/Schemas/${segment(s.id)}`),
    ...plan.resourceTypes.map((r) => `/ResourceTypes/${segment(r.id ?? r.name)}`),
  ];
}

/** Every README of a case has the skeleton of the same README from plain definitions of the same shape. */
export function expectReadmesKeepTheirShape(files: readonly GeneratedFile[], plain: readonly GeneratedFile[], name: string): void {
  const readmes = files.filter((f) => f.path.endsWith(".md"));
  expect(readmes.map((f) => f.path)).toEqual(plain.filter((f) => f.path.endsWith(".md")).map((f) => f.path));
  for (const f of readmes) {
    const baseline = plain.find((p) => p.path === f.path)!;
    expect(markdownSkeleton(f.contents), `${name} ${f.path}`).toEqual(markdownSkeleton(baseline.contents));
  }
}

/** The child ran every case to the end with no sign of a payload: exit 0, no output, the flag unset. */
export function expectNoSideEffect(result: Awaited<ReturnType<typeof runChild>>, cases: readonly ChildCase[]): void {
  expect({ code: result.code, stdout: result.stdout, stderr: result.stderr, pwned: result.pwned, stoppedAt: result.started.at(-1) }).toEqual({
    code: 0,
    stdout: "",
    stderr: "",
    pwned: null,
    stoppedAt: cases.at(-1)?.name,
  });
}
