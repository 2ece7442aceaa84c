/**
 * The one table of `scim-codegen diff` codes: each change between two versions of the definitions has a
 * code, a severity, what it is, and who it affects. Codes are stable (an allow-list entry names one), and
 * the README's table of diff codes is checked against this one by a test.
 *
 * "Breaking" means a client that works against the old version can fail against the new one without
 * changing anything itself: an IdP mapping configured once (Entra, Okta, SailPoint map attributes and then
 * provision for years), a generated client, a pre-flight check. Every rule names the RFC 7643/7644
 * characteristic it rests on.
 */

/** Whether a change can break a client that works against the old version. */
export type DiffSeverity = "breaking" | "compatible";

/** A row of the table. */
export interface DiffCodeInfo {
  readonly severity: DiffSeverity;
  /** What changed, in general (the README's "what" column). */
  readonly what: string;
  /** Who it affects and why (the README's "why a client breaks" column; the end of each report line). */
  readonly affects: string;
}

export const diffCodes = {
  // Schemas (RFC 7643 §7): a schema's id is the URN clients put in every body's `schemas`.
  "schema-removed": {
    severity: "breaking",
    what: "A schema is no longer defined (gone from /Schemas).",
    affects: "clients that send its URN in `schemas` or map its attributes get 400 or lose the data",
  },
  "schema-renamed": {
    severity: "breaking",
    what: "A schema's id (its URN) changed.",
    affects: "request bodies naming the old URN in `schemas`, and mappings keyed by it, no longer match",
  },
  "schema-added": {
    severity: "compatible",
    what: "A new schema.",
    affects: "clients that do not use it are unaffected",
  },
  "schema-name-changed": {
    severity: "compatible",
    what: "A schema's display name changed.",
    affects: "clients key schemas by id (RFC 7643 §7); only the name they display changes",
  },
  // Resource types (RFC 7643 §6).
  "resource-type-removed": {
    severity: "breaking",
    what: "A resource type is no longer defined.",
    affects: "provisioning to its endpoint fails with 404, and clients looking it up in /ResourceTypes do not find it",
  },
  "resource-type-renamed": {
    severity: "breaking",
    what: "A resource type's name (its id) changed.",
    affects: "clients that look it up by name (/ResourceTypes/{id}, the User and Group pre-flight of SailPoint-class tools) or read meta.resourceType no longer find it",
  },
  "resource-type-added": {
    severity: "compatible",
    what: "A new resource type.",
    affects: "clients that do not use it are unaffected",
  },
  "endpoint-changed": {
    severity: "breaking",
    what: "A resource type's endpoint changed.",
    affects: "clients configured with the old path get 404 on every request",
  },
  "resource-type-schema-changed": {
    severity: "breaking",
    what: "A resource type's base schema is another schema.",
    affects: "bodies naming the old base schema in `schemas`, and every mapped attribute of it, are no longer valid",
  },
  "extension-removed": {
    severity: "breaking",
    what: "A schema extension is no longer listed on a resource type.",
    affects: "clients that send or read the extension's attributes (e.g. the enterprise manager) get 400 or lose them",
  },
  "extension-added": {
    severity: "compatible",
    what: "An optional schema extension is listed on a resource type.",
    affects: "clients may leave an optional extension out",
  },
  "required-extension-added": {
    severity: "breaking",
    what: "A required schema extension is listed on a resource type.",
    affects: "creates from clients that do not send the extension fail (RFC 7643 §6 `required`)",
  },
  "extension-made-required": {
    severity: "breaking",
    what: "A schema extension changed from optional to required.",
    affects: "creates from clients that do not send the extension fail (RFC 7643 §6 `required`)",
  },
  "extension-made-optional": {
    severity: "compatible",
    what: "A schema extension changed from required to optional.",
    affects: "clients that send it are still served",
  },
  "operations-reduced": {
    severity: "breaking",
    what: "A resource type's `codegen.operations` lost an operation.",
    affects: "the OpenAPI no longer documents it: generated clients lose the method, and callers of it (PATCH from Entra and Okta, PUT from others) fail",
  },
  "operations-added": {
    severity: "compatible",
    what: "A resource type's `codegen.operations` gained an operation.",
    affects: "existing calls are unaffected",
  },
  // Attributes and sub-attributes (RFC 7643 §2, §7). Matched by name, case-insensitively (RFC 7643 §2.1).
  "attribute-removed": {
    severity: "breaking",
    what: "An attribute or sub-attribute is no longer defined.",
    affects: "IdP mappings that write it get 400 or the value is dropped; readers lose the value",
  },
  "attribute-renamed": {
    severity: "breaking",
    what: "An attribute was renamed (one removed and one added, alike in every characteristic but name and description).",
    affects: "mappings and filters keyed by the old name stop matching",
  },
  "attribute-name-case-changed": {
    severity: "breaking",
    what: "An attribute's name changed in case only.",
    affects: "names are case-insensitive in SCIM (RFC 7643 §2.1), but clients that import /Schemas (Okta) and the generated types key on the exact spelling",
  },
  "attribute-added": {
    severity: "compatible",
    what: "A new optional (or read-only) attribute or sub-attribute.",
    affects: "clients that do not know it send nothing and ignore it when read",
  },
  "required-attribute-added": {
    severity: "breaking",
    what: "A new required attribute that clients can write.",
    affects: "creates and replaces from clients that do not send it fail with 400",
  },
  "type-changed": {
    severity: "breaking",
    what: "An attribute's `type` changed.",
    affects: "values clients send in the old type are rejected, and values they read fail to parse",
  },
  "multi-valued-changed": {
    severity: "breaking",
    what: "An attribute's `multiValued` changed.",
    affects: "a single value where a list is expected, or the reverse: bodies, PATCH paths and filters no longer fit",
  },
  "case-exact-changed": {
    severity: "breaking",
    what: "An attribute's `caseExact` changed.",
    affects: "filters, uniqueness checks and matching (RFC 7643 §2.2) give other results for the values clients hold",
  },
  "attribute-made-required": {
    severity: "breaking",
    what: "An attribute's `required` changed from false to true.",
    affects: "creates and replaces from clients that do not map it fail with 400",
  },
  "attribute-made-optional": {
    severity: "compatible",
    what: "An attribute's `required` changed from true to false.",
    affects: "clients that send it are still served",
  },
  "mutability-narrowed": {
    severity: "breaking",
    what: "An attribute's `mutability` allows less: it can no longer be read, set on create, or changed later (readWrite ⊃ immutable ⊃ readOnly, readWrite ⊃ writeOnly).",
    affects: "writes clients make (POST, PUT, PATCH) are rejected or ignored, or values they read back are gone (RFC 7643 §2.2)",
  },
  "mutability-widened": {
    severity: "compatible",
    what: "An attribute's `mutability` allows more (e.g. immutable to readWrite).",
    affects: "what clients did still works",
  },
  "returned-narrowed": {
    severity: "breaking",
    what: "An attribute is returned in fewer responses (always ⊃ default ⊃ request ⊃ never): changed to `never`, from `always`, or from `default` to `request`.",
    affects: "clients that read it back without asking for it (reconciliation, SailPoint aggregation) no longer get it (RFC 7643 §2.2)",
  },
  "returned-widened": {
    severity: "compatible",
    what: "An attribute is returned in more responses.",
    affects: "clients ignore attributes they do not map",
  },
  "uniqueness-tightened": {
    severity: "breaking",
    what: "An attribute's `uniqueness` is stricter (none < server < global).",
    affects: "creates and updates that repeat a value now fail with 409 `uniqueness` (RFC 7644 §3.12)",
  },
  "uniqueness-relaxed": {
    severity: "compatible",
    what: "An attribute's `uniqueness` is looser.",
    affects: "values that were accepted still are",
  },
  "canonical-values-narrowed": {
    severity: "breaking",
    what: "A closed list of canonical values (`codegen.closedCanonicalValues`) accepts fewer values: a value removed, or an open list closed.",
    affects: "values clients send from their mappings are rejected",
  },
  "canonical-values-changed": {
    severity: "compatible",
    what: "Canonical values changed without accepting fewer (added, removed from an open list, or a closed list opened).",
    affects: "every value that was accepted still is",
  },
  "reference-types-narrowed": {
    severity: "breaking",
    what: "A reference attribute lost one of its `referenceTypes`.",
    affects: "references clients send to the dropped type are rejected",
  },
  "reference-types-widened": {
    severity: "compatible",
    what: "A reference attribute gained `referenceTypes`.",
    affects: "existing references are still accepted",
  },
  "description-changed": {
    severity: "compatible",
    what: "A description changed (schema, resource type, attribute or authentication scheme).",
    affects: "clients show it, none acts on it",
  },
  // ServiceProviderConfig (RFC 7643 §5).
  "feature-turned-off": {
    severity: "breaking",
    what: "A ServiceProviderConfig feature (patch, bulk, filter, sort, etag, changePassword) is no longer supported.",
    affects: "clients that use it get 501 or 400 (Entra and Okta send PATCH; IdPs filter on userName to match accounts)",
  },
  "feature-turned-on": {
    severity: "compatible",
    what: "A ServiceProviderConfig feature is now supported.",
    affects: "clients that did without it are unaffected",
  },
  "limit-lowered": {
    severity: "breaking",
    what: "`filter.maxResults`, `bulk.maxOperations` or `bulk.maxPayloadSize` is lower.",
    affects: "requests sized to the old limit fail with 400 `tooMany` or 413, or come back cut short",
  },
  "limit-raised": {
    severity: "compatible",
    what: "`filter.maxResults`, `bulk.maxOperations` or `bulk.maxPayloadSize` is higher.",
    affects: "requests within the old limit are still served",
  },
  "filter-operators-reduced": {
    severity: "breaking",
    what: "`codegen.filterOperators` lost an operator.",
    affects: "filters using the dropped operator get 400 `invalidFilter` (RFC 7644 §3.4.2.2)",
  },
  "filter-operators-added": {
    severity: "compatible",
    what: "`codegen.filterOperators` gained an operator.",
    affects: "existing filters are still evaluated",
  },
  "authentication-scheme-removed": {
    severity: "breaking",
    what: "An authentication scheme is no longer offered, and no new scheme of its type takes its place.",
    affects: "clients configured with that scheme can no longer authenticate",
  },
  "authentication-scheme-added": {
    severity: "compatible",
    what: "A new authentication scheme.",
    affects: "clients keep the scheme they use",
  },
  "authentication-scheme-changed": {
    severity: "compatible",
    what: "An authentication scheme's name or `primary` changed (same type).",
    affects: "clients authenticate by the scheme's type, which is unchanged",
  },
  "documentation-uri-changed": {
    severity: "compatible",
    what: "A `documentationUri` or `specUri` changed.",
    affects: "people follow the link; no client acts on it",
  },
} as const satisfies Record<string, DiffCodeInfo>;

/** A diff code. */
export type DiffCode = keyof typeof diffCodes;

/** True when `code` is a diff code (an allow-list entry is checked with it). */
export function isDiffCode(code: string): code is DiffCode {
  return Object.hasOwn(diffCodes, code);
}
