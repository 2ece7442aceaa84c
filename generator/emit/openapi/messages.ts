// The RFC 7644 message schemas as JSON Schema: Error (§3.12), ListResponse (§3.4.2) and PatchOp
// (§3.5.2). Their URNs are `urn:ietf:params:scim:api:messages:2.0:*`; /Schemas never lists them.

import { schemaUrns } from "../discovery-documents.js";
import type { SchemaObject } from "./openapi-types.js";

/** URN of the PatchOp message (RFC 7644 §3.5.2). */
export const patchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** RFC 7644 §3.12 Table 9: every `scimType` an Error may carry, in the table's order. */
export const scimTypes = [
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
] as const;

/** A `schemas` array that holds exactly one message URN. */
function exactlySchema(urn: string): SchemaObject {
  return { description: `Exactly \`${urn}\`.`, type: "array", items: { type: "string", const: urn }, minItems: 1, maxItems: 1 };
}

/** RFC 7644 §3.12: the Error message; `status` is the HTTP status as a JSON string, no other keys. */
export function errorSchema(): SchemaObject {
  return {
    title: "Error",
    description:
      "A SCIM error (RFC 7644 §3.12), served as `application/scim+json` like every other response. `status` repeats the HTTP status code as a string; `scimType` is present only where RFC 7644 Table 9 defines one.",
    type: "object",
    properties: {
      schemas: exactlySchema(schemaUrns.error),
      status: {
        description: "The HTTP status code, expressed as a JSON string (RFC 7644 §3.12).",
        type: "string",
        pattern: "^[1-5][0-9][0-9]$",
        examples: ["404"],
      },
      scimType: { description: "A SCIM detail error keyword (RFC 7644 §3.12, Table 9).", type: "string", enum: scimTypes },
      detail: { description: "A detailed human-readable message.", type: "string" },
    },
    required: ["schemas", "status"],
    additionalProperties: false,
  };
}

/** An Error whose `status` is the given HTTP status (RFC 7644 §3.12: "status" equals the HTTP status code). */
export function errorWithStatus(errorRef: SchemaObject, status: string): SchemaObject {
  return { allOf: [errorRef], type: "object", properties: { status: { const: status } } };
}

/**
 * RFC 7644 §3.4.2: a ListResponse of `item`. `singlePage`: the discovery lists, answered whole, so every
 * field is present (authentik checks `itemsPerPage` against the item count).
 */
export function listResponseSchema(item: SchemaObject, title: string, description: string, singlePage: boolean): SchemaObject {
  const integer = (text: string): SchemaObject => ({ description: text, type: "integer", minimum: 0 });
  const resources: SchemaObject = { description: "The resources of this page.", type: "array", items: item };
  return {
    title,
    description,
    type: "object",
    properties: {
      schemas: exactlySchema(schemaUrns.listResponse),
      totalResults: integer("The total number of results returned by the list or query operation."),
      itemsPerPage: integer("The number of resources returned in this list response page."),
      startIndex: { description: "The 1-based index of the first result in this page.", type: "integer", minimum: 1 },
      Resources: resources,
    },
    required: singlePage ? ["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"] : ["schemas", "totalResults"],
    additionalProperties: false,
    // RFC 7644 §3.4.2: "Resources" is REQUIRED if "totalResults" is non-zero.
    // (`then` restates the property so that every `required` name is defined beside it.)
    ...(singlePage
      ? {}
      : {
          if: { properties: { totalResults: { type: "integer", minimum: 1 } }, required: ["totalResults"] },
          then: { properties: { Resources: { type: "array" } }, required: ["Resources"] },
        }),
  };
}

/** RFC 7644 §3.5.2: the PatchOp request; `path` is required for `remove`, `value` for `add` and `replace`. */
export function patchOpSchema(): SchemaObject {
  return {
    title: "PatchOp",
    description:
      "A PATCH request (RFC 7644 §3.5.2): operations applied in order, all or none. `path` is an attribute path (RFC 7644 §3.10) and may hold a value filter.",
    type: "object",
    properties: {
      schemas: exactlySchema(patchOpUrn),
      Operations: {
        description: "The operations, applied in sequence.",
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          properties: {
            op: { description: "The operation (RFC 7644 §3.5.2.1–§3.5.2.3).", type: "string", enum: ["add", "remove", "replace"] },
            path: { description: "The attribute path the operation targets (RFC 7644 §3.5.2, §3.10).", type: "string" },
            value: { description: "The value(s) to add or to replace with; an object of attributes when `path` is absent." },
          },
          required: ["op"],
          additionalProperties: false,
          // RFC 7644 §3.5.2.2: remove without a path fails with `noTarget`; §3.5.2.1/.3: add and replace carry a value.
          if: { properties: { op: { const: "remove" } } },
          then: { properties: { path: { type: "string" } }, required: ["path"] },
          else: { properties: { value: {} }, required: ["value"] },
        },
      },
    },
    required: ["schemas", "Operations"],
    additionalProperties: false,
  };
}
