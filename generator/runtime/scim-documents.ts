// The shapes of the discovery documents (RFC 7643 §5–§7) and of a SCIM resource's common attributes
// (RFC 7643 §3.1). Hand-written: they do not depend on the definitions, so the generated constants
// and resource types refer to them instead of repeating them.
import type { ScimDocument, ScimDocumentMeta } from "./types.js";

/** RFC 7643 §2.3 attribute data types. */
export type AttributeType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "binary" | "complex";

/** One attribute definition of a Schema document, every characteristic explicit (RFC 7643 §7). */
export interface SchemaAttribute {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  /** Present for string, reference and binary attributes. */
  readonly caseExact?: boolean;
  readonly canonicalValues?: readonly (string | number | boolean)[];
  /** Present for reference attributes. */
  readonly referenceTypes?: readonly string[];
  readonly mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  readonly returned: "always" | "never" | "default" | "request";
  /** Present for every type but complex. */
  readonly uniqueness?: "none" | "server" | "global";
  /** Present for complex attributes. */
  readonly subAttributes?: readonly SchemaAttribute[];
}

/** `meta` of a discovery document; `location` is relative to the SCIM base until served. */
export interface DiscoveryMeta extends ScimDocumentMeta {
  readonly resourceType: "Schema" | "ResourceType" | "ServiceProviderConfig";
  readonly location: string;
}

/** A Schema document (RFC 7643 §7). */
export interface SchemaDocument extends ScimDocument {
  readonly schemas: readonly ["urn:ietf:params:scim:schemas:core:2.0:Schema"];
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly SchemaAttribute[];
  readonly meta: DiscoveryMeta & { readonly resourceType: "Schema" };
}

/** A ResourceType document (RFC 7643 §6). */
export interface ResourceTypeDocument extends ScimDocument {
  readonly schemas: readonly ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"];
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: string;
  readonly schemaExtensions: readonly { readonly schema: string; readonly required: boolean }[];
  readonly meta: DiscoveryMeta & { readonly resourceType: "ResourceType" };
}

/** An authentication scheme of the ServiceProviderConfig (RFC 7643 §5). */
export interface AuthenticationSchemeDocument {
  readonly type: "oauth" | "oauth2" | "oauthbearertoken" | "httpbasic" | "httpdigest";
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

/** The ServiceProviderConfig document (RFC 7643 §5): every feature present, even when unsupported. */
export interface ServiceProviderConfigDocument extends ScimDocument {
  readonly schemas: readonly ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"];
  readonly documentationUri?: string;
  readonly patch: { readonly supported: boolean };
  readonly bulk: { readonly supported: boolean; readonly maxOperations: number; readonly maxPayloadSize: number };
  readonly filter: { readonly supported: boolean; readonly maxResults: number };
  readonly changePassword: { readonly supported: boolean };
  readonly sort: { readonly supported: boolean };
  readonly etag: { readonly supported: boolean };
  readonly authenticationSchemes: readonly AuthenticationSchemeDocument[];
  readonly meta: DiscoveryMeta & { readonly resourceType: "ServiceProviderConfig" };
}

/** `meta` of a SCIM resource (RFC 7643 §3.1). */
export interface ResourceMeta {
  readonly resourceType?: string;
  readonly created?: string;
  readonly lastModified?: string;
  readonly location?: string;
  readonly version?: string;
}

/** The common attributes of every SCIM resource (RFC 7643 §3.1). */
export interface ScimResource {
  /** The schema URNs this resource carries: its base schema and any extensions present. */
  schemas: string[];
  /** Assigned by the service provider; readOnly, returned always. */
  readonly id?: string;
  /** The provisioning client's own identifier for the resource. */
  externalId?: string;
  /** Assigned by the service provider; readOnly. */
  readonly meta?: ResourceMeta;
}
