// The resource validators: normalise (names, readOnly, nulls), run the JSON Schema compiled at generate
// time, and explain what failed as SCIM issues and a 400 Error body (RFC 7644 §3.12).

import { errorBody, issuesFromErrors } from "./issues.js";
import { normaliseResource, type PayloadKind } from "./normalise.js";
import type {
  CompiledValidator,
  RequestValidator,
  ResourceRules,
  ResponseValidator,
  ValidationIssue,
  ValidationResult,
  ValidatorOptions,
} from "./types.js";

function run<T>(rules: ResourceRules, compiled: CompiledValidator, kind: PayloadKind, body: unknown, options: ValidatorOptions | undefined): ValidationResult<T> {
  const unknownAttributes = options?.unknownAttributes ?? "reject";
  if (unknownAttributes !== "reject" && unknownAttributes !== "ignore") {
    throw new TypeError(`unknownAttributes must be "reject" or "ignore", got ${JSON.stringify(unknownAttributes)}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const issues: ValidationIssue[] = [
      { attribute: "(body)", location: "(body)", message: `must be a JSON object (a ${rules.resourceType} resource)`, scimType: "invalidSyntax" },
    ];
    return { valid: false, issues, error: errorBody(issues), ignored: [] };
  }
  const normalised = normaliseResource(body, rules, kind, unknownAttributes === "ignore");
  const ok = compiled(normalised.value);
  const issues = [...normalised.issues, ...(ok ? [] : issuesFromErrors(compiled.errors ?? [], rules))];
  if (issues.length > 0) return { valid: false, issues, error: errorBody(issues), ignored: normalised.ignored };
  return { valid: true, value: normalised.value as T, ignored: normalised.ignored };
}

/**
 * A validator of POST (`create`, RFC 7644 §3.3) or PUT (`replace`, RFC 7644 §3.5.1) bodies: readOnly
 * attributes are ignored, names match case-insensitively, every problem is named by attribute path.
 */
export function createRequestValidator<T>(rules: ResourceRules, compiled: CompiledValidator): RequestValidator<T> {
  return (body, options) => run<T>(rules, compiled, "request", body, options);
}

/** A validator of resources as a service returns them: no writeOnly or `returned: never` attribute may appear. */
export function createResponseValidator<T>(rules: ResourceRules, compiled: CompiledValidator): ResponseValidator<T> {
  return (body, options) => run<T>(rules, compiled, "response", body, options);
}
