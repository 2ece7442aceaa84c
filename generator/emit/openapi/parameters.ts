// Reusable Parameter Objects (OAS 3.1 §4.8.12): list paging, filtering and sorting (RFC 7644 §3.4.2),
// the ETag preconditions (RFC 7644 §3.14) and the resource id.

import type { ServiceProviderConfig } from "../../model/model.js";
import type { ParameterObject } from "./openapi-types.js";

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
