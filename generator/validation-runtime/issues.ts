// Turns the errors of a compiled JSON Schema into SCIM validation issues that name the attribute, as an
// RFC 7644 §3.10 attribute path (`emails.type`, `urn:…:enterprise:2.0:User:manager.value`), and into the
// 400 Error body of RFC 7644 §3.12 with the Table 9 `scimType`.

import type { CompiledValidationError, ResourceRules, ScimErrorBody, ValidationIssue, ValidationScimType } from "./types.js";

/** Schema URI of a SCIM Error message (RFC 7644 §3.12). */
export const SCIM_ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

// RFC 6901 §4: `~1` is `/` and `~0` is `~`.
function pointerSegments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The attribute path and the located path of a JSON pointer into the payload. */
function describePath(segments: readonly string[], extensionUrns: ReadonlySet<string>): { attribute: string; location: string } {
  let attribute = "";
  let location = "";
  segments.forEach((segment, i) => {
    if (/^(0|[1-9][0-9]*)$/.test(segment) && i > 0) {
      location += `[${segment}]`;
      return;
    }
    // RFC 7644 §3.10: an extension attribute is named `<schema URN>:<attribute>`.
    const separator = i === 0 ? "" : i === 1 && extensionUrns.has(segments[0] ?? "") ? ":" : ".";
    attribute += `${separator}${segment}`;
    location += `${separator}${segment}`;
  });
  return { attribute, location };
}

const list = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(", ") : JSON.stringify(values);

/** A message and Table 9 keyword for one ajv error, or undefined for errors that only summarise others. */
function explain(error: CompiledValidationError, all: readonly CompiledValidationError[]): { message: string; scimType: ValidationScimType; child?: string } | undefined {
  const p = error.params;
  switch (error.keyword) {
    case "required":
      // Table 9 invalidValue: "A required value was missing".
      return { message: "is required", scimType: "invalidValue", child: String(p["missingProperty"]) };
    case "additionalProperties":
      // Table 9 invalidSyntax: the body "did not conform to the request schema".
      return { message: "is not an attribute of this resource type", scimType: "invalidSyntax", child: String(p["additionalProperty"]) };
    case "type":
      return { message: `must be ${article(String(p["type"]))}`, scimType: "invalidValue" };
    case "enum":
      return { message: `must be one of ${list(p["allowedValues"])}`, scimType: "invalidValue" };
    case "const":
      return { message: `must be ${list(p["allowedValue"])}`, scimType: "invalidValue" };
    case "format":
      return { message: `must be ${formatName(String(p["format"]))}`, scimType: "invalidValue" };
    case "contains": {
      // The `contains` subschema is a `const`; its per-item failures name the value that is missing.
      const wanted = all.find((e) => e.keyword === "const" && e.schemaPath.startsWith(`${error.schemaPath}/`));
      return { message: wanted ? `must include ${list(wanted.params["allowedValue"])}` : "misses a required value", scimType: "invalidValue" };
    }
    case "minItems":
      return { message: `must have at least ${String(p["limit"])} value(s)`, scimType: "invalidValue" };
    case "maxItems":
      return { message: `must have at most ${String(p["limit"])} value(s)`, scimType: "invalidValue" };
    case "uniqueItems":
      return { message: "must not repeat a value", scimType: "invalidValue" };
    case "minimum":
      return { message: `must be at least ${String(p["limit"])}`, scimType: "invalidValue" };
    case "pattern":
      return { message: `must match ${String(p["pattern"])}`, scimType: "invalidValue" };
    case "if":
    case "allOf":
    case "anyOf":
    case "oneOf":
      return undefined;
    default:
      return { message: error.message ?? `fails ${error.keyword}`, scimType: "invalidValue" };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: "a string",
    boolean: "a boolean",
    number: "a number",
    integer: "an integer",
    object: "a complex value (a JSON object)",
    array: "a list (multi-valued attribute)",
  };
  return names[type] ?? type;
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    "date-time": "a dateTime such as 2008-01-23T04:56:22Z (RFC 3339)",
    uri: "an absolute URI",
    "uri-reference": "a URI or relative reference",
  };
  return names[format] ?? `a valid ${format}`;
}

/** Maps compiled-schema errors to issues, dropping summaries and duplicates; order is the schema's. */
export function issuesFromErrors(errors: readonly CompiledValidationError[], rules: ResourceRules): ValidationIssue[] {
  const extensionUrns = new Set(rules.extensions.map((e) => e.schema));
  const containsPaths = errors.filter((e) => e.keyword === "contains").map((e) => `${e.schemaPath}/`);
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // Per-item failures inside `contains` are explained by the `contains` error itself.
    if (containsPaths.some((p) => error.schemaPath.startsWith(p))) continue;
    const explained = explain(error, errors);
    if (explained === undefined) continue;
    const segments = pointerSegments(error.instancePath);
    if (explained.child !== undefined) segments.push(explained.child);
    const { attribute, location } = describePath(segments, extensionUrns);
    const key = `${location}\u0000${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ attribute: attribute || "(body)", location: location || "(body)", message: explained.message, scimType: explained.scimType });
  }
  return issues;
}

/** The RFC 7644 §3.12 Error body for a 400 answer: the first issue's `scimType`, every issue in `detail`. */
export function errorBody(issues: readonly ValidationIssue[]): ScimErrorBody {
  const scimType = issues[0]?.scimType ?? "invalidValue";
  const detail = issues.map((i) => `${i.location}: ${i.message}`).join("; ");
  return { schemas: [SCIM_ERROR_URN], status: "400", scimType, detail };
}
