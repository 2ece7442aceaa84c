// Reusable Response, Header and Parameter Objects (OAS 3.1 §4.8.17, §4.8.21, §4.8.12): the SCIM errors
// (RFC 7644 §3.12) with their status as a string, 304, and the query and precondition parameters.

import type { ServiceProviderConfig } from "../../model/model.js";
import { schemaUrns } from "../discovery-documents.js";
import { schemaRef } from "./component-names.js";
import { errorWithStatus } from "./messages.js";
import type { HeaderObject, MediaTypeObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from "./openapi-types.js";

/** RFC 7644 §3.1, §8.1: the media type of every SCIM response body, errors included. */
export const scimMediaType = "application/scim+json";

/** A reference to a component of the given kind. */
export function componentRef(kind: "responses" | "parameters" | "headers", name: string): ReferenceObject {
  return { $ref: `#/components/${kind}/${name}` };
}

/** A body in `application/scim+json` with optional named examples. */
export function scimContent(schema: SchemaObject, examples?: MediaTypeObject["examples"]): { readonly [mediaType: string]: MediaTypeObject } {
  return { [scimMediaType]: { schema, ...(examples !== undefined && Object.keys(examples).length > 0 ? { examples } : {}) } };
}

/** The reusable response headers. */
export function headerComponents(): { readonly [name: string]: HeaderObject } {
  return {
    Allow: {
      description: "The methods the path supports (RFC 9110 §10.2.1): discovery endpoints are read-only, so `GET, HEAD`.",
      required: true,
      schema: { type: "string", examples: ["GET, HEAD"] },
    },
    ETag: {
      description: "The entity tag of the representation (RFC 9110 §8.8.3; RFC 7644 §3.14), for If-None-Match and If-Match.",
      required: true,
      schema: { type: "string", examples: ['"3694e05e9dff592"', 'W/"a330bc54f0671c9"'] },
    },
    Location: {
      description: "The URL of the created resource, the same as its `meta.location` (RFC 7644 §3.3).",
      required: true,
      schema: { type: "string", format: "uri" },
    },
    "WWW-Authenticate": {
      description: "The authentication challenge (RFC 9110 §11.6.1), e.g. `Bearer realm=\"SCIM\"` (RFC 6750 §3).",
      required: true,
      schema: { type: "string", examples: ['Bearer realm="SCIM"'] },
    },
  };
}

/** An `application/scim+json` Error body whose `status` is `status`, with one example. */
export function errorContent(errorName: string, status: number, detail: string, scimType?: string): { readonly [mediaType: string]: MediaTypeObject } {
  const example = { schemas: [schemaUrns.error], status: String(status), ...(scimType !== undefined ? { scimType } : {}), detail };
  return scimContent(errorWithStatus(schemaRef(errorName), String(status)), { error: { value: example } });
}

/** One SCIM error response: an Error body whose `status` is `status`, with an example. */
function errorResponse(
  errorName: string,
  status: number,
  description: string,
  detail: string,
  headers?: ResponseObject["headers"],
  scimType?: string,
): ResponseObject {
  return { description, ...(headers !== undefined ? { headers } : {}), content: errorContent(errorName, status, detail, scimType) };
}

/** The reusable responses: 304 and the SCIM errors. */
export function responseComponents(errorName: string): { readonly [name: string]: ResponseObject } {
  return {
    NotModified: {
      description: "Not Modified (RFC 9110 §15.4.5): If-None-Match matched the current entity tag. No body.",
      headers: { ETag: componentRef("headers", "ETag") },
    },
    BadRequest: errorResponse(
      errorName,
      400,
      "Bad Request (RFC 7644 §3.12): the request is malformed or a value is invalid; `scimType` says which rule failed (RFC 7644 Table 9).",
      "Attribute 'userName' is required.",
      undefined,
      "invalidValue",
    ),
    Unauthorized: errorResponse(errorName, 401, "Unauthorized: the request carries no valid credentials (RFC 7644 §2).", "Authentication required.", {
      "WWW-Authenticate": componentRef("headers", "WWW-Authenticate"),
    }),
    Forbidden: errorResponse(errorName, 403, "Forbidden: the client may not perform this operation.", "Operation not permitted."),
    NotFound: errorResponse(errorName, 404, "Not Found: no resource with this id or URI (RFC 7644 §3.12).", "Resource not found."),
    MethodNotAllowed: errorResponse(
      errorName,
      405,
      "Method Not Allowed: discovery endpoints are read-only (RFC 7644 §4). Every method but GET, HEAD and OPTIONS gets this answer, decided before authentication and without reading the body. OpenAPI has no path-level responses, so it is listed on the GET operation.",
      "Discovery endpoints are read-only: use GET or HEAD (RFC 7644 §4).",
      { Allow: componentRef("headers", "Allow") },
    ),
    Conflict: errorResponse(
      errorName,
      409,
      "Conflict: a value that must be unique is already taken (RFC 7644 §3.3, scimType `uniqueness`).",
      "userName is already in use.",
      undefined,
      "uniqueness",
    ),
    PreconditionFailed: errorResponse(
      errorName,
      412,
      "Precondition Failed: If-Match did not match the current version (RFC 7644 §3.14).",
      "The resource has changed.",
    ),
  };
}

/** The reusable parameters: list paging and filtering (RFC 7644 §3.4.2) and the ETag preconditions. */
export function parameterComponents(spc: ServiceProviderConfig): { readonly [name: string]: ParameterObject } {
  const operators = spc.filterOperators;
  const filterText = [
    "A filter expression (RFC 7644 §3.4.2.2), e.g. `userName eq \"bjensen\"`.",
    operators.length > 0
      ? `This service evaluates the operators ${operators.map((o) => `\`${o}\``).join(", ")}; any other gets 400 with scimType \`invalidFilter\`.`
      : "The definitions list no filter operators.",
    `At most ${spc.filter.maxResults} resources are returned (ServiceProviderConfig \`filter.maxResults\`); more matches give 400 with scimType \`tooMany\`.`,
  ].join(" ");
  return {
    ...(spc.filter.supported ? { filter: { name: "filter", in: "query", description: filterText, schema: { type: "string" } } } : {}),
    startIndex: {
      name: "startIndex",
      in: "query",
      description: "The 1-based index of the first result (RFC 7644 §3.4.2.4). A value below 1 is taken as 1.",
      schema: { type: "integer", default: 1 },
    },
    count: {
      name: "count",
      in: "query",
      description: `The maximum number of results per page (RFC 7644 §3.4.2.4). A negative value is taken as 0; the service returns at most ${spc.filter.maxResults}.`,
      schema: { type: "integer", minimum: 0 },
    },
    ...(spc.sort.supported
      ? {
          sortBy: { name: "sortBy", in: "query", description: "The attribute to sort by (RFC 7644 §3.4.2.3).", schema: { type: "string" } },
          sortOrder: {
            name: "sortOrder",
            in: "query",
            description: "The order of the sort (RFC 7644 §3.4.2.3); default `ascending`.",
            schema: { type: "string", enum: ["ascending", "descending"] },
          },
        }
      : {}),
    "If-None-Match": {
      name: "If-None-Match",
      in: "header",
      description: "Entity tags the client holds (RFC 9110 §13.1.2); a match answers 304 without a body.",
      schema: { type: "string" },
    },
    ...(spc.etag.supported
      ? {
          "If-Match": {
            name: "If-Match",
            in: "header",
            description: "Apply the change only if the resource still has this version (RFC 7644 §3.14); otherwise 412.",
            schema: { type: "string" },
          },
        }
      : {}),
    id: {
      name: "id",
      in: "path",
      required: true,
      description: "The resource's `id`, assigned by the service provider (RFC 7643 §3.1).",
      schema: { type: "string" },
    },
  };
}
