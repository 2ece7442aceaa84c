// Public types of the resource validators. This runtime ships verbatim inside the generated core package
// (`validators/runtime/`), so it imports nothing from the generator and nothing from ajv: the schemas
// were compiled to plain functions at generate time.

/** RFC 7643 §2.3 data types. */
export type ScimAttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "binary" | "complex";

/** What the validators need to know of one attribute (RFC 7643 §2.2 characteristics). */
export interface AttributeRule {
  /** The name as /Schemas spells it; request names are matched to it case-insensitively (RFC 7643 §2.1). */
  readonly name: string;
  readonly type: ScimAttributeType;
  readonly multiValued: boolean;
  readonly mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  readonly returned: "always" | "never" | "default" | "request";
  /** String-like types only: whether values compare case-sensitively. */
  readonly caseExact?: boolean;
  /** The closed list of canonical values, when the definitions close it. */
  readonly closedValues?: readonly (string | number | boolean)[];
  /** Complex attributes only. */
  readonly subAttributes?: readonly AttributeRule[];
}

/** A schema extension of a resource type: its URN and its attributes (RFC 7643 §3.3). */
export interface ExtensionRule {
  readonly schema: string;
  readonly attributes: readonly AttributeRule[];
}

/** The attribute rules of one resource type. */
export interface ResourceRules {
  /** The resource type name (RFC 7643 §6). */
  readonly resourceType: string;
  /** The base schema URN. */
  readonly schema: string;
  /** The RFC 7643 §3.1 common attributes and the base schema's attributes. */
  readonly attributes: readonly AttributeRule[];
  readonly extensions: readonly ExtensionRule[];
}

/** One error of an ajv standalone validation function (the subset of ajv's `ErrorObject` used here). */
export interface CompiledValidationError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** An ajv standalone validation function, compiled from a JSON Schema at generate time. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly CompiledValidationError[] | null;
}

/** RFC 7644 §3.12 Table 9 `scimType` values the validators produce. */
export type ValidationScimType = "invalidValue" | "invalidSyntax";

/** One problem found in a payload. */
export interface ValidationIssue {
  /** The attribute, as an RFC 7644 §3.10 attribute path: `emails.type`, `urn:…:enterprise:2.0:User:manager.value`. */
  readonly attribute: string;
  /** Where exactly, with array indices: `emails[1].type`. */
  readonly location: string;
  /** What is wrong, for humans: `must be one of "work", "home", "other"`. */
  readonly message: string;
  /** The RFC 7644 Table 9 keyword of this problem. */
  readonly scimType: ValidationScimType;
}

/** A SCIM Error body (RFC 7644 §3.12) for a 400 response. */
export interface ScimErrorBody {
  readonly schemas: readonly ["urn:ietf:params:scim:api:messages:2.0:Error"];
  readonly status: "400";
  readonly scimType: ValidationScimType;
  readonly detail: string;
}

/** The outcome of a validation. */
export type ValidationResult<T> =
  | {
      readonly valid: true;
      /** The payload with attribute names in /Schemas spelling, ignored attributes removed. */
      readonly value: T;
      /** Locations of the attributes dropped: readOnly ones in a request, null values (RFC 7643 §2.5), unknown ones when ignored. */
      readonly ignored: readonly string[];
    }
  | {
      readonly valid: false;
      readonly issues: readonly ValidationIssue[];
      /** A ready 400 body that names every issue (RFC 7644 §3.12). */
      readonly error: ScimErrorBody;
      readonly ignored: readonly string[];
    };

/** Options of the validators. */
export interface ValidatorOptions {
  /**
   * An attribute no schema of the resource type declares: `"reject"` (default) reports it with scimType
   * `invalidSyntax`; `"ignore"` drops it and lists it in `ignored`.
   */
  readonly unknownAttributes?: "reject" | "ignore";
}

/** Validates a request body of one resource type. */
export type RequestValidator<T> = (body: unknown, options?: ValidatorOptions) => ValidationResult<T>;

/** Validates a resource as a service provider returns it. */
export type ResponseValidator<T> = (body: unknown, options?: ValidatorOptions) => ValidationResult<T>;
