import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { noMemo, type Memo } from "../cache/transform-cache.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import type Ajv2020Module from "ajv/dist/2020.js";
import type StandaloneModule from "ajv/dist/standalone/index.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import type { DefinitionFile, DefinitionKind } from "../load/definition-files.js";
import type { ValuePath } from "../load/yaml-file.js";
import { packageRoot } from "../package-root.js";
import { patternRules } from "./rules/name-rules.js";

const schemaFiles: Record<DefinitionKind, string> = {
  project: "project.schema.json",
  "service-provider-config": "service-provider-config.schema.json",
  schema: "schema.schema.json",
  "resource-type": "resource-type.schema.json",
};

const kinds = Object.keys(schemaFiles) as DefinitionKind[];
const schemaTexts = new Map<DefinitionKind, string>();
function schemaText(kind: DefinitionKind): string {
  let text = schemaTexts.get(kind);
  if (text === undefined) {
    text = readFileSync(join(packageRoot, "generator", "definition-format", schemaFiles[kind]), "utf8");
    schemaTexts.set(kind, text);
  }
  return text;
}

/** The definition-format JSON Schema of a kind, parsed (for the allowed keys of an unknown-key error). */
const parsedSchemas = new Map<DefinitionKind, unknown>();
function schemaOf(kind: DefinitionKind): unknown {
  let schema = parsedSchemas.get(kind);
  if (schema === undefined) {
    schema = JSON.parse(schemaText(kind)) as unknown;
    parsedSchemas.set(kind, schema);
  }
  return schema;
}

// The validators last evaluated: the memo they were asked of, and the code it gave. A run passes one memo
// for all its files, so each run asks its memo once (a later run, or a test recording the memo, is asked
// again) and evaluates the code only when it differs from the last.
let validators: { readonly memo: Memo; readonly code: string; readonly byKind: Record<DefinitionKind, ValidateFunction> } | undefined;
const requireFromHere = createRequire(import.meta.url);

/**
 * The validators of the four file kinds. Compiling them costs about a tenth of a second a run, so ajv's
 * standalone code for them is memoised (on the schema texts) and evaluated as a CommonJS module; its
 * only imports are ajv's own runtime helpers. ajv's compiler is required only when the memo misses:
 * loading it is most of what `diff` would otherwise pay beyond the floor.
 */
function getValidators(memo: Memo): Record<DefinitionKind, ValidateFunction> {
  if (validators?.memo === memo) return validators.byKind;
  const texts = kinds.map(schemaText);
  const code = memo("ajv definition format", JSON.stringify(texts), () => {
    const Ajv2020 = requireFromHere("ajv/dist/2020.js") as typeof Ajv2020Module;
    const standaloneCode = requireFromHere("ajv/dist/standalone/index.js") as typeof StandaloneModule;
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true, code: { source: true } });
    kinds.forEach((kind, i) => ajv.addSchema(JSON.parse(texts[i]!) as object, kind));
    return standaloneCode.default(ajv, Object.fromEntries(kinds.map((k) => [k, k])));
  });
  if (validators?.code === code) {
    validators = { ...validators, memo };
    return validators.byKind;
  }
  const module = { exports: {} as Record<string, ValidateFunction> };
  // The code is ajv's own output for our own schemas (or that output read back from our cache).
  new Function("module", "exports", "require", code)(module, module.exports, requireFromHere);
  const byKind = Object.fromEntries(kinds.map((k) => [k, module.exports[k]!])) as Record<DefinitionKind, ValidateFunction>;
  validators = { memo, code, byKind };
  return byKind;
}

/**
 * Checks a parsed file against the JSON Schema of its kind and reports every violation at its
 * source position. Returns true when the file conforms, so later steps can trust its shape.
 */
export function validateDefinitionFormat(file: DefinitionFile, sink: DiagnosticSink, memo: Memo = noMemo): boolean {
  if (file.value === undefined) return false; // unparsable: the YAML step reported it
  const validate = getValidators(memo)[file.kind];
  if (validate(file.value)) return true;
  for (const error of dedupe(validate.errors ?? [])) report(file, error, sink);
  return false;
}

// ajv repeats an enum error once per alternative branch in some schemas; one report per place is enough.
function dedupe(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toPath(value: unknown, instancePath: string): (string | number)[] {
  const out: (string | number)[] = [];
  let current = value;
  for (const raw of instancePath.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) {
      const index = Number(segment);
      out.push(index);
      current = current[index];
    } else {
      out.push(segment);
      current = (current as Record<string, unknown> | null)?.[segment];
    }
  }
  return out;
}

function valueAt(value: unknown, path: ValuePath): unknown {
  let current = value;
  for (const s of path) current = (current as Record<string | number, unknown> | null)?.[s];
  return current;
}

function label(path: ValuePath): string {
  if (path.length === 0) return "the file";
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function report(file: DefinitionFile, error: ErrorObject, sink: DiagnosticSink): void {
  const path = toPath(file.value, error.instancePath);
  const where = label(path);
  const actual = valueAt(file.value, path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params["missingProperty"]);
      sink.error(file.locate(path), "missing-key", `${where === "the file" ? "The file" : where} is missing the required key "${missing}"${hintFor(missing)}.`);
      return;
    }
    case "additionalProperties": {
      const extra = String(params["additionalProperty"]);
      const allowed = Object.keys((schemaForInstance(schemaOf(file.kind), path) as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(extra, allowed);
      sink.error(file.locate([...path, extra], "key"), "unknown-key",
        `Unknown key "${extra}" in ${where}; ${guess ? `did you mean "${guess}"?` : `allowed keys: ${allowed.join(", ")}.`}`);
      return;
    }
    case "type": {
      const expected = String(params["type"]);
      const yaml11 = expected === "boolean" && typeof actual === "string" && /^(yes|no|on|off|y|n|true|false)$/i.test(actual);
      sink.error(file.locate(path), "wrong-type",
        `${where} must be ${article(expected)} ${expected}, not ${describe(actual)}${yaml11 ? `; YAML 1.2 reads "${actual}" as a string: write true or false` : ""}.`);
      return;
    }
    case "enum": {
      const allowed = (params["allowedValues"] as unknown[]).map(String);
      const caseFix = allowed.find((a) => typeof actual === "string" && a.toLowerCase() === actual.toLowerCase());
      sink.error(file.locate(path), "not-allowed-value",
        `${where} is ${describe(actual)}, which is not allowed; ${caseFix ? `SCIM values are exact-case: write "${caseFix}"` : `use one of ${allowed.join(", ")}`}.`);
      return;
    }
    case "pattern": {
      // Names that reach URLs, identifiers and file names: say which character is wrong and why.
      const rule = patternRules.get(String(params["pattern"]));
      if (rule && typeof actual === "string") {
        const { code, message } = rule.explain(actual, where);
        sink.error(file.locate(path), code, message);
        return;
      }
      sink.error(file.locate(path), "invalid-value", `${where} ${error.message ?? "is invalid"}${describeActual(actual)}.`);
      return;
    }
    default:
      sink.error(file.locate(path), "invalid-value", `${where} ${error.message ?? "is invalid"}${describeActual(actual)}.`);
  }
}

function hintFor(key: string): string {
  const hints: Record<string, string> = {
    description: " (a human-readable text; strict clients need every attribute described)",
    supported: " (true or false)",
    maxResults: " (an integer, greater than 0 when filtering is supported)",
    maxOperations: " (an integer, 0 when bulk is not supported)",
    maxPayloadSize: " (an integer in bytes, 0 when bulk is not supported)",
    authenticationSchemes: " (a list with at least one scheme, e.g. type: oauthbearertoken)",
    schema: " (the URN of a schema defined under definitions/schemas/)",
    endpoint: " (e.g. /Users)",
  };
  return hints[key] ?? "";
}

function describeActual(actual: unknown): string {
  return actual === undefined || typeof actual === "object" ? "" : `; got ${describe(actual)}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

// A value shown in a message, at most this long: enough to recognise a typo, too short to dump a file (a
// definition file that is one long string) into a CI log.
const shownLength = 60;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    return value.length > shownLength ? `${JSON.stringify(value.slice(0, shownLength))}… (${value.length} characters)` : JSON.stringify(value);
  }
  return `${typeof value} ${String(value)}`;
}

/** The allowed key nearest to `word` by edit distance, when it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode } | undefined;

/** The subschema that describes the value at `path` (following `properties`, `items` and local `$ref`s). */
function schemaForInstance(root: unknown, path: ValuePath): unknown {
  const deref = (node: SchemaNode): SchemaNode => {
    let current = node;
    for (let guard = 0; current?.$ref !== undefined && guard < 8; guard++) {
      const pointer = current.$ref.replace(/^#\/?/, "").split("/").filter(Boolean);
      let target: unknown = root;
      for (const seg of pointer) target = (target as Record<string, unknown> | undefined)?.[seg];
      current = target as SchemaNode;
    }
    return current;
  };
  let node = deref(root as SchemaNode);
  for (const segment of path) {
    node = deref(typeof segment === "number" ? node?.items : node?.properties?.[segment]);
  }
  return node;
}
