// Checks an HTTP response against the generated OpenAPI document: the path template it matches, the
// documented status, the body against that status's `application/scim+json` schema (JSON Schema
// 2020-12, ajv with every format), the media type, and the response headers the document requires.

import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { scimAnnotationKeywords } from "../../generator/emit/openapi/schema-object.js";
import { readJsonFileSync } from "../helpers/json.js";

type Json = { readonly [key: string]: unknown };

/** The generated document, read once. */
export const openApiPath: string = fileURLToPath(new URL("../../generated/openapi/openapi.json", import.meta.url));

let cached: Json | undefined;
/** The generated OpenAPI document as data. */
export function openApiDocument(): Json {
  cached ??= readJsonFileSync(openApiPath) as Json;
  return cached;
}

const rootId = "https://scim-codegen.test/openapi.json";

/** Rewrites `#/components/schemas/X…` references to the `$defs` of one schema resource ajv can resolve. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "$ref" && typeof v === "string" && v.startsWith("#/components/schemas/") ? `${rootId}#/$defs/${v.slice("#/components/schemas/".length)}` : rewriteRefs(v),
    ]),
  );
}

/** A strict ajv for the document's schemas: 2020-12, every ajv-formats format, the `x-scim-*` annotations. */
export function newOpenApiAjv(): InstanceType<typeof Ajv2020.default> {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const keyword of scimAnnotationKeywords) ajv.addKeyword({ keyword });
  return ajv;
}

let ajv: InstanceType<typeof Ajv2020.default> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Compiles (once per key) a schema of the document, its component references resolved. */
export function compileDocumentSchema(key: string, schema: unknown): ValidateFunction {
  if (!ajv) {
    ajv = newOpenApiAjv();
    const components = (openApiDocument()["components"] as Json)["schemas"];
    ajv.addSchema({ $id: rootId, $defs: rewriteRefs(components) });
  }
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as object);
    compiled.set(key, validate);
  }
  return validate;
}

function get405(operation: unknown): unknown {
  return ((operation as Json | undefined)?.["responses"] as Json | undefined)?.["405"];
}

function resolve(ref: unknown): Json {
  const value = ref as Json;
  const target = value["$ref"];
  if (typeof target !== "string") return value;
  const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(target) ?? [];
  const found = ((openApiDocument()["components"] as Json)[kind ?? ""] as Json | undefined)?.[name ?? ""];
  if (found === undefined) throw new Error(`unresolvable ${target}`);
  return found as Json;
}

/** Finds the path template a concrete path (relative to the SCIM base) matches; literal segments match case-insensitively, as SCIM endpoints do by default (RFC 7644 §3.10). */
export function matchPathTemplate(path: string): string | undefined {
  const segments = path.split("?")[0]!.split("/");
  const templates = Object.keys(openApiDocument()["paths"] as Json);
  const matches = templates.filter((t) => {
    const parts = t.split("/");
    return (
      parts.length === segments.length &&
      parts.every((p, i) => (/^\{[^}]+\}$/.test(p) ? (segments[i] ?? "") !== "" : p.toLowerCase() === (segments[i] ?? "").toLowerCase()))
    );
  });
  // A literal segment beats a template one (`/Users/me` style), should both match.
  return matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

/** Options of `validateResponseAgainstOpenApi`. */
export interface ResponseValidationOptions {
  /** HTTP method; default `GET`. `HEAD` is checked against the GET operation, without a body. */
  readonly method?: string;
  /** Response headers; when given, the media type and the documented required headers are checked. */
  readonly headers?: Readonly<Record<string, string>> | { get(name: string): string | null };
}

/** The verdict on one response. */
export interface ResponseValidation {
  readonly valid: boolean;
  /** What is wrong, one line each; empty when valid. */
  readonly errors: readonly string[];
  /** `GET /Schemas/{uri} 200`, when the operation and status were found. */
  readonly operation?: string;
}

function header(headers: ResponseValidationOptions["headers"], name: string): string | null {
  if (headers === undefined) return null;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const record = headers as Readonly<Record<string, string>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (record[key] ?? null);
}

/**
 * Validates a response (`path` relative to the SCIM base, e.g. `/Schemas/urn:…:User`) against the
 * OpenAPI response schema for its path, method and status. `body` is the parsed JSON, or `null` /
 * `undefined` when the response has none.
 */
export function validateResponseAgainstOpenApi(path: string, status: number, body: unknown, options: ResponseValidationOptions = {}): ResponseValidation {
  const method = (options.method ?? "GET").toUpperCase();
  const template = matchPathTemplate(path);
  if (template === undefined) return { valid: false, errors: [`no path of the document matches ${path}`] };
  const pathItem = (openApiDocument()["paths"] as Json)[template] as Json;
  let operation = pathItem[method === "HEAD" ? "get" : method.toLowerCase()] as Json | undefined;
  // A 405 answers the methods a path does NOT have; OpenAPI has no path-level responses, so the
  // document lists it on the operations the path has (see the MethodNotAllowed response).
  if (operation === undefined && status === 405) {
    operation = Object.values(pathItem).find((op) => (get405(op) !== undefined)) as Json | undefined;
  }
  if (operation === undefined) return { valid: false, errors: [`${template} documents no ${method} operation`] };
  const name = `${method} ${template} ${status}`;
  const responses = operation["responses"] as Json;
  const documented = responses[String(status)];
  if (documented === undefined) {
    return { valid: false, errors: [`${method} ${template} does not document status ${status} (documented: ${Object.keys(responses).join(", ")})`] };
  }
  const response = resolve(documented);
  const content = response["content"] as Json | undefined;
  const errors: string[] = [];
  const hasBody = body !== null && body !== undefined;
  if (content === undefined) {
    if (hasBody) errors.push(`${name} is documented without a body, but one was given`);
  } else if (!hasBody) {
    if (method !== "HEAD") errors.push(`${name} documents a body, but none was given`);
  } else {
    const media = content["application/scim+json"] as Json | undefined;
    if (media === undefined) {
      errors.push(`${name} documents no application/scim+json body`);
    } else {
      const validate = compileDocumentSchema(`${name}`, media["schema"]);
      if (!validate(body)) {
        for (const e of validate.errors ?? []) errors.push(`body${e.instancePath} ${e.message ?? e.keyword} (${e.schemaPath})`);
      }
    }
  }
  if (options.headers !== undefined) {
    if (content !== undefined) {
      const type = header(options.headers, "content-type");
      // RFC 7644 §8.1; a charset parameter (express, fastify) is allowed.
      if (type === null || type.split(";")[0]!.trim().toLowerCase() !== "application/scim+json") {
        errors.push(`${name}: Content-Type is ${JSON.stringify(type)}, want application/scim+json`);
      }
    }
    for (const [headerName, ref] of Object.entries((response["headers"] as Json | undefined) ?? {})) {
      if (resolve(ref)["required"] === true && header(options.headers, headerName) === null) errors.push(`${name}: header ${headerName} is missing`);
    }
  }
  return { valid: errors.length === 0, errors, operation: name };
}
