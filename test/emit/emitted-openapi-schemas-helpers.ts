// Helpers of emitted-openapi-schemas.test.ts: definition texts that reach what the default definitions never
// do (every RFC 7643 §2.3 data type, every §2.2 mutability and `returned`, canonicalValues open and closed,
// a required extension, a resource type without operations, a base schema that declares the RFC 7643 §3.1
// common attributes itself), and the RFC 7643 §3.1 common attributes' schemas written out by hand.

import type { Json } from "./emitted-output-helpers.js";

/** The URNs the variant definitions add. */
export const variantUrn = {
  widget: "urn:example:params:scim:schemas:test:2.0:Widget",
  widgetExtension: "urn:example:params:scim:schemas:test:2.0:WidgetExtension",
  gadget: "urn:example:params:scim:schemas:test:2.0:Gadget",
} as const;

/**
 * A schema with one attribute of each RFC 7643 §2.3 type and of each §2.2 mutability and `returned`. It
 * spells `ExternalId` with a capital E: RFC 7643 §2.1 attribute names are case-insensitive, so it is the
 * common attribute `externalId` declared by the schema.
 */
export const widgetSchema = `id: ${variantUrn.widget}
name: Widget
description: A widget
attributes:
  - name: label
    description: The label.
    required: true
    canonicalValues: [small, large]
  - name: kind
    description: The kind.
    canonicalValues: [round, square]
    codegen:
      closedCanonicalValues: true
  - name: enabled
    type: boolean
    description: Whether it is on.
  - name: weight
    type: decimal
    description: The weight.
    required: true
    returned: request
  - name: count
    type: integer
    description: How many.
    required: true
    returned: always
  - name: madeAt
    type: dateTime
    description: When it was made.
    mutability: immutable
  - name: owner
    type: reference
    description: Who owns it.
    referenceTypes: [User, external]
  - name: photo
    type: binary
    description: A photo.
    caseExact: true
  - name: secret
    description: A secret.
    required: true
    mutability: writeOnly
  - name: hidden
    description: Never returned.
    returned: never
  - name: serial
    description: Assigned by the service provider.
    required: true
    mutability: readOnly
    uniqueness: global
  - name: ExternalId
    description: The widget's own externalId.
  - name: parts
    type: complex
    multiValued: true
    description: The parts.
    subAttributes:
      - name: name
        description: The part's name.
        required: true
      - name: code
        description: The part's code.
        mutability: readOnly
`;

/** An extension schema with no required attribute. */
export const widgetExtensionSchema = `id: ${variantUrn.widgetExtension}
name: WidgetExtension
description: Widget extras
attributes:
  - name: colour
    description: The colour.
`;

/** A resource type with a required extension (RFC 7643 §6 `schemaExtensions.required`) and no operations. */
export const widgetResourceType = `name: Widget
endpoint: /Widgets
description: Widgets
schema: ${variantUrn.widget}
schemaExtensions:
  - schema: ${variantUrn.widgetExtension}
    required: true
codegen:
  operations: []
`;

/** A schema that declares the RFC 7643 §3.1 common attributes `id`, `meta` and `externalId` itself, none required. */
export const gadgetSchema = `id: ${variantUrn.gadget}
name: Gadget
description: "A gadget!"
attributes:
  - name: id
    description: The gadget's own id.
  - name: meta
    description: The gadget's own meta.
  - name: externalId
    description: The gadget's own externalId.
`;

/** A resource type on the Gadget schema, with one operation. */
export const gadgetResourceType = `name: Gadget
endpoint: /Gadgets
schema: ${variantUrn.gadget}
codegen:
  operations: [get]
`;

/** The files `modelOf` adds for the variant. */
export const variantFiles: Readonly<Record<string, string>> = {
  "definitions/schemas/widget.yaml": widgetSchema,
  "definitions/schemas/widget-extension.yaml": widgetExtensionSchema,
  "definitions/resource-types/widget.yaml": widgetResourceType,
  "definitions/schemas/gadget.yaml": gadgetSchema,
  "definitions/resource-types/gadget.yaml": gadgetResourceType,
};

// ---------------------------------------------------------------------------------------------------
// RFC 7643 §3.1 common attributes as property schemas, written out by hand from the RFC text

/** The `x-scim-*` keys of an attribute with the RFC 7643 §2.2 defaults but for what `over` says. */
export function scim(over: Json = {}): Json {
  return {
    "x-scim-type": "string",
    "x-scim-multiValued": false,
    "x-scim-required": false,
    "x-scim-mutability": "readWrite",
    "x-scim-returned": "default",
    ...over,
  };
}

/** RFC 7643 §3.1 `id`: caseExact, readOnly, returned always, unique across the service provider. */
export const idProperty: Json = {
  description:
    "A unique identifier for a SCIM resource as defined by the service provider. Assigned by the service provider; never set by the client (RFC 7643 §3.1).",
  type: "string",
  readOnly: true,
  ...scim({ "x-scim-required": true, "x-scim-caseExact": true, "x-scim-mutability": "readOnly", "x-scim-returned": "always", "x-scim-uniqueness": "server" }),
  "x-scim-common": true,
};

/** RFC 7643 §3.1 `externalId`: caseExact, readWrite, defined by the provisioning client. */
export const externalIdProperty: Json = {
  description: "A String that is an identifier for the resource as defined by the provisioning client (RFC 7643 §3.1).",
  type: "string",
  ...scim({ "x-scim-caseExact": true, "x-scim-uniqueness": "none" }),
  "x-scim-common": true,
};

/** RFC 7643 §3.1 `meta` with `resourceType` fixed to `resourceType`; `location` is a URI reference unless `location` says more. */
export function metaProperty(resourceType: string, extra: { readonly required?: readonly string[]; readonly location?: Json } = {}): Json {
  const readOnly = (over: Json): Json => scim({ "x-scim-mutability": "readOnly", "x-scim-uniqueness": "none", ...over });
  return {
    description: "A complex attribute containing resource metadata (RFC 7643 §3.1). All sub-attributes are assigned by the service provider.",
    type: "object",
    properties: {
      resourceType: {
        description: "The name of the resource type of the resource.",
        type: "string",
        readOnly: true,
        ...readOnly({ "x-scim-caseExact": true }),
        const: resourceType,
      },
      created: {
        description: "The DateTime that the resource was added to the service provider.",
        type: "string",
        format: "date-time",
        readOnly: true,
        ...readOnly({ "x-scim-type": "dateTime" }),
      },
      lastModified: {
        description: "The most recent DateTime that the details of this resource were updated at the service provider.",
        type: "string",
        format: "date-time",
        readOnly: true,
        ...readOnly({ "x-scim-type": "dateTime" }),
      },
      location: {
        description: "The URI of the resource being returned; the same as the Content-Location HTTP response header.",
        type: "string",
        format: "uri-reference",
        readOnly: true,
        ...readOnly({ "x-scim-type": "reference", "x-scim-caseExact": false, "x-scim-referenceTypes": ["uri"] }),
        ...extra.location,
      },
      version: {
        description: "The version of the resource being returned; the same as the ETag HTTP response header (RFC 7644 §3.14).",
        type: "string",
        readOnly: true,
        ...readOnly({ "x-scim-caseExact": true }),
      },
    },
    additionalProperties: false,
    readOnly: true,
    ...scim({ "x-scim-type": "complex", "x-scim-mutability": "readOnly" }),
    "x-scim-common": true,
    ...(extra.required !== undefined ? { required: extra.required } : {}),
  };
}
