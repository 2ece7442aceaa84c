// The subset of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0) and JSON Schema 2020-12 this emitter
// builds. Typed objects rather than templates: the compiler checks each spec object's shape, and the
// serialiser only has to print what was built.

/** A JSON value, as OpenAPI examples and JSON Schema `const`/`enum` hold them. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** RFC 7643 §7 characteristics kept on a schema object as `x-scim-*` keys, so the document round-trips to /Schemas. */
export interface ScimCharacteristicKeys {
  readonly "x-scim-type"?: string;
  readonly "x-scim-multiValued"?: boolean;
  readonly "x-scim-required"?: boolean;
  readonly "x-scim-caseExact"?: boolean;
  readonly "x-scim-canonicalValues"?: readonly (string | number | boolean)[];
  readonly "x-scim-referenceTypes"?: readonly string[];
  readonly "x-scim-mutability"?: string;
  readonly "x-scim-returned"?: string;
  readonly "x-scim-uniqueness"?: string;
  /** On an object built from a whole SCIM schema: its URN (RFC 7643 §7 `id`). */
  readonly "x-scim-schema"?: string;
  /** On a resource representation: the RFC 7643 §6 resource type it represents. */
  readonly "x-scim-resourceType"?: string;
  /** On a RFC 7643 §3.1 common attribute, which no /Schemas document lists. */
  readonly "x-scim-common"?: boolean;
}

/** A JSON Schema 2020-12 schema object as OpenAPI 3.1 uses it (only the keywords this generator emits). */
export interface SchemaObject extends ScimCharacteristicKeys {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $comment?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: "object" | "array" | "string" | "number" | "integer" | "boolean";
  readonly format?: string;
  readonly contentEncoding?: string;
  readonly pattern?: string;
  readonly const?: JsonValue;
  readonly enum?: readonly JsonValue[];
  readonly examples?: readonly JsonValue[];
  readonly default?: JsonValue;
  readonly minimum?: number;
  readonly readOnly?: boolean;
  readonly writeOnly?: boolean;
  readonly properties?: { readonly [name: string]: SchemaObject };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaObject;
  readonly dependentSchemas?: { readonly [name: string]: SchemaObject };
  readonly items?: SchemaObject;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly contains?: SchemaObject;
  readonly allOf?: readonly SchemaObject[];
  readonly if?: SchemaObject;
  readonly then?: SchemaObject;
  readonly else?: SchemaObject;
}

/** OpenAPI Reference Object (§4.8.23). */
export interface ReferenceObject {
  readonly $ref: string;
  readonly description?: string;
}

/** OpenAPI Example Object (§4.8.19). */
export interface ExampleObject {
  readonly summary?: string;
  readonly description?: string;
  readonly value: JsonValue;
}

/** OpenAPI Media Type Object (§4.8.14). */
export interface MediaTypeObject {
  readonly schema: SchemaObject;
  readonly examples?: { readonly [name: string]: ExampleObject };
}

/** OpenAPI Header Object (§4.8.21). */
export interface HeaderObject {
  readonly description: string;
  readonly required?: boolean;
  readonly schema: SchemaObject;
}

/** OpenAPI Response Object (§4.8.17). */
export interface ResponseObject {
  readonly description: string;
  readonly headers?: { readonly [name: string]: HeaderObject | ReferenceObject };
  readonly content?: { readonly [mediaType: string]: MediaTypeObject };
}

/** OpenAPI Parameter Object (§4.8.12). */
export interface ParameterObject {
  readonly name: string;
  readonly in: "query" | "header" | "path";
  readonly description: string;
  readonly required?: boolean;
  readonly schema: SchemaObject;
  readonly examples?: { readonly [name: string]: ExampleObject };
}

/** OpenAPI Request Body Object (§4.8.13). */
export interface RequestBodyObject {
  readonly description: string;
  readonly required: boolean;
  readonly content: { readonly [mediaType: string]: MediaTypeObject };
}

/** OpenAPI Operation Object (§4.8.10). */
export interface OperationObject {
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description: string;
  readonly operationId: string;
  readonly parameters?: readonly (ParameterObject | ReferenceObject)[];
  readonly requestBody?: RequestBodyObject;
  readonly responses: { readonly [status: string]: ResponseObject | ReferenceObject };
  readonly security?: readonly SecurityRequirementObject[];
}

/** OpenAPI Path Item Object (§4.8.9); only the methods this API documents. */
export interface PathItemObject {
  readonly summary?: string;
  readonly parameters?: readonly (ParameterObject | ReferenceObject)[];
  readonly get?: OperationObject;
  readonly put?: OperationObject;
  readonly post?: OperationObject;
  readonly delete?: OperationObject;
  readonly patch?: OperationObject;
}

/** OpenAPI OAuth Flows Object (§4.8.28), the one flow used for the placeholder. */
export interface OAuthFlowsObject {
  readonly clientCredentials: { readonly tokenUrl: string; readonly scopes: { readonly [scope: string]: string } };
}

/** OpenAPI Security Scheme Object (§4.8.27). */
export type SecuritySchemeObject =
  | { readonly type: "http"; readonly scheme: string; readonly description: string; readonly bearerFormat?: string }
  | { readonly type: "oauth2"; readonly description: string; readonly flows: OAuthFlowsObject };

/** OpenAPI Security Requirement Object (§4.8.30). */
export type SecurityRequirementObject = { readonly [scheme: string]: readonly string[] };

/** OpenAPI Components Object (§4.8.7). */
export interface ComponentsObject {
  readonly schemas: { readonly [name: string]: SchemaObject };
  readonly responses: { readonly [name: string]: ResponseObject };
  readonly parameters: { readonly [name: string]: ParameterObject };
  readonly headers: { readonly [name: string]: HeaderObject };
  readonly securitySchemes: { readonly [name: string]: SecuritySchemeObject };
}

/** OpenAPI Server Object (§4.8.5) with its variables. */
export interface ServerObject {
  readonly url: string;
  readonly description: string;
  readonly variables: { readonly [name: string]: { readonly default: string } };
}

/** OpenAPI Tag Object (§4.8.22). */
export interface TagObject {
  readonly name: string;
  readonly description: string;
}

/** OpenAPI Object (§4.8.1): the document root. */
export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
  };
  readonly externalDocs?: { readonly description: string; readonly url: string };
  readonly servers: readonly ServerObject[];
  readonly security: readonly SecurityRequirementObject[];
  readonly tags: readonly TagObject[];
  readonly paths: { readonly [path: string]: PathItemObject };
  readonly components: ComponentsObject;
}
