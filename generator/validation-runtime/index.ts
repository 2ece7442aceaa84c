// Entry of the validation runtime shipped as `validators/runtime/` in the core package.

export { createRequestValidator, createResponseValidator } from "./validate.js";
export { errorBody, issuesFromErrors, SCIM_ERROR_URN } from "./issues.js";
export { normaliseResource } from "./normalise.js";
export type { Normalised, PayloadKind } from "./normalise.js";
export type {
  AttributeRule,
  CompiledValidationError,
  CompiledValidator,
  ExtensionRule,
  RequestValidator,
  ResourceRules,
  ResponseValidator,
  ScimAttributeType,
  ScimErrorBody,
  ValidationIssue,
  ValidationResult,
  ValidationScimType,
  ValidatorOptions,
} from "./types.js";
