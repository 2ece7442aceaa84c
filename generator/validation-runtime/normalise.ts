// Brings a SCIM payload to the form the compiled JSON Schemas describe, before they check it:
// - attribute names, extension URNs and `schemas` values matched case-insensitively (RFC 7643 §2.1,
//   RFC 7644 §3.10) and rewritten as /Schemas spells them;
// - readOnly attributes dropped from requests: RFC 7644 §3.3 and §3.5.1 say they SHALL be ignored;
// - null values dropped: RFC 7643 §2.5 makes null equivalent to unassigned;
// - a value of a closed canonical list that is not caseExact rewritten to its canonical spelling.

import type { AttributeRule, ResourceRules, ValidationIssue } from "./types.js";

/** Whether the payload is a request (readOnly attributes ignored) or a response. */
export type PayloadKind = "request" | "response";

/** The result of normalising one payload. */
export interface Normalised {
  readonly value: unknown;
  readonly ignored: readonly string[];
  /** Problems no JSON Schema can see, such as one attribute given twice in different case. */
  readonly issues: readonly ValidationIssue[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Case-insensitive lookup table of names to rules (RFC 7643 §2.1). */
function byLowerName<T extends { readonly name: string }>(rules: readonly T[]): Map<string, T> {
  return new Map(rules.map((r) => [r.name.toLowerCase(), r]));
}

interface Context {
  readonly kind: PayloadKind;
  readonly dropUnknown: boolean;
  readonly ignored: string[];
  readonly issues: ValidationIssue[];
}

function join(prefix: string, name: string): string {
  return prefix === "" ? name : prefix.endsWith(":") ? `${prefix}${name}` : `${prefix}.${name}`;
}

function normaliseObject(
  input: JsonObject,
  rules: ReadonlyMap<string, AttributeRule>,
  at: { readonly attribute: string; readonly location: string },
  ctx: Context,
  extra?: (key: string, value: unknown, out: JsonObject) => boolean,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (extra?.(key, value, out)) continue;
    const location = join(at.location, key);
    const rule = rules.get(key.toLowerCase());
    if (rule === undefined) {
      if (ctx.dropUnknown) ctx.ignored.push(location);
      else out[key] = value; // left for the schema, which reports it (additionalProperties: false)
      continue;
    }
    const attribute = join(at.attribute, rule.name);
    if (Object.prototype.hasOwnProperty.call(out, rule.name)) {
      ctx.issues.push({
        attribute,
        location,
        message: `is given more than once (attribute names are case-insensitive, RFC 7643 §2.1)`,
        scimType: "invalidSyntax",
      });
      continue;
    }
    if (value === null || (rule.multiValued && Array.isArray(value) && value.length === 0)) {
      // RFC 7643 §2.5: null and [] are the same state as unassigned.
      ctx.ignored.push(location);
      continue;
    }
    if (ctx.kind === "response" && (rule.returned === "never" || rule.mutability === "writeOnly")) {
      // RFC 7643 §2.2: writeOnly values "SHALL NOT be returned"; `returned: never` ones are never returned.
      ctx.issues.push({ attribute, location, message: "must never be returned (RFC 7643 §2.2)", scimType: "invalidValue" });
      continue;
    }
    if (ctx.kind === "request" && rule.mutability === "readOnly") {
      // RFC 7644 §3.3 / §3.5.1: "any values provided SHALL be ignored".
      ctx.ignored.push(location);
      continue;
    }
    out[rule.name] = normaliseValue(value, rule, { attribute, location: join(at.location, rule.name) }, ctx);
  }
  return out;
}

function normaliseValue(value: unknown, rule: AttributeRule, at: { readonly attribute: string; readonly location: string }, ctx: Context): unknown {
  if (rule.multiValued && Array.isArray(value)) {
    return value.map((item, i) => normaliseSingle(item, rule, { attribute: at.attribute, location: `${at.location}[${i}]` }, ctx));
  }
  return normaliseSingle(value, rule, at, ctx);
}

function normaliseSingle(value: unknown, rule: AttributeRule, at: { readonly attribute: string; readonly location: string }, ctx: Context): unknown {
  if (rule.type === "complex" && isObject(value)) {
    return normaliseObject(value, byLowerName(rule.subAttributes ?? []), at, ctx);
  }
  if (typeof value === "string" && rule.closedValues !== undefined && rule.caseExact !== true) {
    // RFC 7643 §2.3.1: caseExact false means "Work" and "work" are the same value.
    const lower = value.toLowerCase();
    const canonical = rule.closedValues.find((v) => typeof v === "string" && v.toLowerCase() === lower);
    if (canonical !== undefined) return canonical;
  }
  return value;
}

/** Normalises a whole resource: common and base attributes at the top, extensions under their URNs. */
export function normaliseResource(body: unknown, rules: ResourceRules, kind: PayloadKind, dropUnknown: boolean): Normalised {
  const ctx: Context = { kind, dropUnknown, ignored: [], issues: [] };
  if (!isObject(body)) return { value: body, ignored: [], issues: [] };
  const extensions = new Map(rules.extensions.map((e) => [e.schema.toLowerCase(), e]));
  const knownUrns = new Map([rules.schema, ...rules.extensions.map((e) => e.schema)].map((u) => [u.toLowerCase(), u]));
  const value = normaliseObject(body, byLowerName(rules.attributes), { attribute: "", location: "" }, ctx, (key, v, out) => {
    const lower = key.toLowerCase();
    if (lower === "schemas") {
      if (Object.prototype.hasOwnProperty.call(out, "schemas")) {
        ctx.issues.push({ attribute: "schemas", location: key, message: "is given more than once", scimType: "invalidSyntax" });
        return true;
      }
      // RFC 7644 §3.10: schema URIs compare case-insensitively; rewrite known ones to their declared spelling.
      out["schemas"] = Array.isArray(v) ? v.map((u) => (typeof u === "string" ? (knownUrns.get(u.toLowerCase()) ?? u) : u)) : v;
      return true;
    }
    const extension = extensions.get(lower);
    if (extension === undefined) return false;
    if (Object.prototype.hasOwnProperty.call(out, extension.schema)) {
      ctx.issues.push({ attribute: extension.schema, location: key, message: "is given more than once", scimType: "invalidSyntax" });
      return true;
    }
    if (v === null) {
      ctx.ignored.push(key);
      return true;
    }
    out[extension.schema] = isObject(v)
      ? normaliseObject(v, byLowerName(extension.attributes), { attribute: `${extension.schema}:`, location: `${extension.schema}:` }, ctx)
      : v;
    return true;
  });
  return { value, ignored: ctx.ignored, issues: ctx.issues };
}
