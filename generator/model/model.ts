import type {
  AdapterName,
  NodeAdapterName,
  AttributeType,
  AuthenticationSchemeDefinition,
  CanonicalValue,
  Mutability,
  ResourceOperation,
  Returned,
  ServiceProviderFeatures,
  Uniqueness,
} from "./definition-types.js";

/**
 * The intermediate model: readonly plain data with every default applied, references resolved and
 * canonical order decided once. Emitters read only this.
 */

/** An attribute with every RFC 7643 §7 characteristic decided. */
export interface Attribute {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  /** Present for string, reference and binary only (the types that have case). */
  readonly caseExact?: boolean;
  readonly canonicalValues?: readonly CanonicalValue[];
  /** Present for reference only. */
  readonly referenceTypes?: readonly string[];
  readonly mutability: Mutability;
  readonly returned: Returned;
  /** Present for every type but complex (errata 6004). */
  readonly uniqueness?: Uniqueness;
  /** Present for complex only, in declared order. */
  readonly subAttributes?: readonly Attribute[];
  /** Generator-only: canonicalValues is a closed list (an enum in OpenAPI/JSON Schema). */
  readonly closedCanonicalValues: boolean;
}

/** A SCIM schema (RFC 7643 §7). */
export interface Schema {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly Attribute[];
  /** The definition file it came from, as named in generated headers. */
  readonly sourceName: string;
}

/** A schema extension of a resource type, with the extension schema resolved. */
export interface SchemaExtension {
  readonly schema: Schema;
  readonly required: boolean;
}

/** A resource type (RFC 7643 §6) with its schemas resolved. */
export interface ResourceType {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: Schema;
  /** In declared order. */
  readonly schemaExtensions: readonly SchemaExtension[];
  /** Generator-only: the operations the endpoint has, in canonical order. */
  readonly operations: readonly ResourceOperation[];
  readonly sourceName: string;
}

/** An authentication scheme (RFC 7643 §5), as written: every field is RFC, none has a default. */
export type AuthenticationScheme = AuthenticationSchemeDefinition;

/** The service provider configuration (RFC 7643 §5). */
export interface ServiceProviderConfig extends ServiceProviderFeatures {
  readonly documentationUri?: string;
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  /** Generator-only: the filter operators the service evaluates. */
  readonly filterOperators: readonly string[];
  readonly sourceName: string;
}

/** Generator options from the project file. */
export interface Project {
  readonly packageScope: string;
  readonly adapters: readonly AdapterName[];
  /** Base URL baked into the static JSON's meta.location; undefined means the placeholder. */
  readonly staticJsonBaseUrl?: string;
}

/** Everything the emitters need. Lists are in canonical order: code-unit order of their ids. */
export interface Model {
  readonly project: Project;
  readonly serviceProviderConfig: ServiceProviderConfig;
  readonly resourceTypes: readonly ResourceType[];
  /** The resource schemas from the definitions (bases and extensions). */
  readonly schemas: readonly Schema[];
  /** The three RFC 7643 §8.7.2 schemas: ServiceProviderConfig, ResourceType, Schema. */
  readonly serviceProviderSchemas: readonly Schema[];
}

/**
 * Every Node adapter, in canonical order: what a project file that lists no adapters gets (the Python
 * package only when asked for, so an existing project's output does not grow a Python folder).
 */
export const allAdapters: readonly NodeAdapterName[] = ["express", "fastify", "hono", "koa", "next", "node"];
/** Every adapter the project file may list, in canonical order (the Node ones, then the Python ones). */
export const adapterNames: readonly AdapterName[] = [...allAdapters, "django", "fastapi"];
/** Every resource operation, in canonical order. */
export const allOperations: readonly ResourceOperation[] = ["list", "get", "create", "replace", "patch", "delete"];
/** The default npm scope of the generated packages. */
export const defaultPackageScope = "@scim-discovery";
