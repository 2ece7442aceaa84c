// The OpenAPI Components Object (OAS 3.1 §4.8.7): every schema, response, parameter, header and
// security scheme the paths refer to, each map in code-unit order.

import type { Model } from "../../model/model.js";
import { markdownText } from "../escape.js";
import { sortedMap } from "./canonical.js";
import { discoverySchemaUrns, schemaRef, serviceProviderSchema, type ComponentNames } from "./component-names.js";
import { errorSchema, listResponseSchema, patchOpSchema } from "./messages.js";
import type { ComponentsObject, SchemaObject } from "./openapi-types.js";
import { attributeComponentOf, discoveryRepresentation, resourceRepresentation } from "./resource-representation.js";
import { headerComponents } from "./headers.js";
import { parameterComponents } from "./parameters.js";
import { responseComponents } from "./responses.js";
import { schemaAttributesObject } from "./schema-object.js";
import type { NamedSecurityScheme } from "./security-schemes.js";

/** Every component schema: the discovery documents, the resources per representation, each schema's attributes, the messages. */
export function componentSchemas(model: Model, names: ComponentNames): { readonly [name: string]: SchemaObject } {
  const entries: [string, SchemaObject][] = [];
  for (const [schema, name] of names.schemaAttributes) {
    entries.push([
      name,
      {
        // `title`, `description` and `x-scim-schema` stay exactly the schema's name, description and id: the round trip to /Schemas.
        $comment: `The attributes of ${schema.id} as /Schemas lists them (RFC 7643 §7): readOnly and writeOnly marked, required as defined, every characteristic as an x-scim-* key.`,
        ...schemaAttributesObject(schema, "full"),
      },
    ]);
  }
  for (const rt of model.resourceTypes) {
    const n = names.resourceTypes.get(rt);
    if (!n) throw new Error(`scim-codegen: no component names for resource type ${rt.name}`);
    entries.push(
      [n.response, resourceRepresentation(rt, "response")],
      [n.create, resourceRepresentation(rt, "create")],
      [n.replace, resourceRepresentation(rt, "replace")],
      [n.list, listResponseSchema(schemaRef(n.response), `${rt.name} list`, `A page of ${markdownText(rt.name)} resources (RFC 7644 §3.4.2).`, false)],
    );
  }
  const spc = serviceProviderSchema(model, discoverySchemaUrns.serviceProviderConfig);
  const resourceType = serviceProviderSchema(model, discoverySchemaUrns.resourceType);
  const schema = serviceProviderSchema(model, discoverySchemaUrns.schema);
  const schemaDocument = attributeComponentOf(
    discoveryRepresentation(schema, "Schema", "A Schema document (RFC 7643 §7) with every attribute characteristic spelled out."),
    schemaRef(names.attribute),
  );
  entries.push(
    [names.serviceProviderConfig, discoveryRepresentation(spc, "ServiceProviderConfig", "The ServiceProviderConfig document (RFC 7643 §5): no `id`, all six features with every sub-attribute.")],
    [names.resourceType, discoveryRepresentation(resourceType, "ResourceType", "A ResourceType document (RFC 7643 §6).")],
    [names.schema, schemaDocument.schema],
    [names.attribute, schemaDocument.attribute],
    [
      names.resourceTypeList,
      listResponseSchema(schemaRef(names.resourceType), "ResourceType list", "Every resource type in one page (RFC 7644 §4): totalResults = itemsPerPage = the number of Resources, startIndex 1.", true),
    ],
    [
      names.schemaList,
      listResponseSchema(schemaRef(names.schema), "Schema list", "Every schema in one page (RFC 7644 §4): totalResults = itemsPerPage = the number of Resources, startIndex 1.", true),
    ],
    [names.error, errorSchema()],
    [names.patchOp, patchOpSchema()],
  );
  return sortedMap(entries);
}

/** The Components Object. */
export function buildComponents(model: Model, names: ComponentNames, security: readonly NamedSecurityScheme[]): ComponentsObject {
  return {
    schemas: componentSchemas(model, names),
    responses: sortedMap(Object.entries(responseComponents(names.error))),
    parameters: sortedMap(Object.entries(parameterComponents(model.serviceProviderConfig))),
    headers: sortedMap(Object.entries(headerComponents())),
    securitySchemes: sortedMap(security.map((s) => [s.key, s.scheme] as const)),
  };
}
