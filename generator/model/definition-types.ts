/**
 * The shapes of the definition files as written in YAML, after the JSON Schema check has passed.
 * Optional fields are the ones the RFC 7643 §2.2 defaults (or generator defaults) fill in.
 */

/** RFC 7643 §2.3 data types. */
export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "binary" | "complex";
/** RFC 7643 §2.2 mutability. */
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
/** RFC 7643 §2.2 returned. */
export type Returned = "always" | "never" | "default" | "request";
/** RFC 7643 §2.2 uniqueness. */
export type Uniqueness = "none" | "server" | "global";
/** A canonical value: RFC 7643 §2.2 allows any simple value. */
export type CanonicalValue = string | number | boolean;
/** The RESTful operations of a resource endpoint (RFC 7644 §3), named for the OpenAPI. */
export type ResourceOperation = "list" | "get" | "create" | "replace" | "patch" | "delete";
/** The Node framework adapters: one package each under packages/. */
export type NodeAdapterName = "express" | "fastify" | "hono" | "koa" | "next" | "node";
/** The Python framework adapters: modules of the one Python package under python/. */
export type PythonAdapterName = "django" | "fastapi";
/** The framework adapters the generator can emit. */
export type AdapterName = NodeAdapterName | PythonAdapterName;
/** The Python adapters, in canonical order. */
export const pythonAdapters: readonly PythonAdapterName[] = ["django", "fastapi"];
/** RFC 7643 §5 authentication scheme types. */
export type AuthenticationSchemeType = "oauth" | "oauth2" | "oauthbearertoken" | "httpbasic" | "httpdigest";

/** An attribute as written in a schema file. */
export interface AttributeDefinition {
  readonly name: string;
  readonly type?: AttributeType;
  readonly multiValued?: boolean;
  readonly description: string;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly canonicalValues?: readonly CanonicalValue[];
  readonly referenceTypes?: readonly string[];
  readonly mutability?: Mutability;
  readonly returned?: Returned;
  readonly uniqueness?: Uniqueness;
  readonly subAttributes?: readonly AttributeDefinition[];
  readonly codegen?: { readonly closedCanonicalValues?: boolean };
}

/** A schema file. */
export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly AttributeDefinition[];
}

/** A resource type file. */
export interface ResourceTypeDefinition {
  readonly id?: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: string;
  readonly schemaExtensions?: readonly { readonly schema: string; readonly required?: boolean }[];
  readonly codegen?: { readonly operations?: readonly ResourceOperation[] };
}

/** An authentication scheme as written. */
export interface AuthenticationSchemeDefinition {
  readonly type: AuthenticationSchemeType;
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

/** The six RFC 7643 §5 features: the same shape as written, as modelled and as served. */
export interface ServiceProviderFeatures {
  readonly patch: { readonly supported: boolean };
  readonly bulk: { readonly supported: boolean; readonly maxOperations: number; readonly maxPayloadSize: number };
  readonly filter: { readonly supported: boolean; readonly maxResults: number };
  readonly changePassword: { readonly supported: boolean };
  readonly sort: { readonly supported: boolean };
  readonly etag: { readonly supported: boolean };
}

/** The service-provider-config.yaml file. */
export interface ServiceProviderConfigDefinition extends ServiceProviderFeatures {
  readonly documentationUri?: string;
  readonly authenticationSchemes: readonly AuthenticationSchemeDefinition[];
  readonly codegen?: { readonly filterOperators?: readonly string[] };
}

/** The scim-codegen.yaml project file. */
export interface ProjectDefinition {
  readonly packageScope?: string;
  readonly adapters?: readonly AdapterName[];
  readonly staticJson?: { readonly baseUrl?: string };
}
