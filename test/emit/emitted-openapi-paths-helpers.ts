// Helpers of emitted-openapi-paths.test.ts: the OpenAPI paths, written by hand from RFC 7644 §3 (the
// resource operations and their answers), §3.12 (errors), §3.14 (ETags) and §4 (discovery), and from
// definitions/*.yaml. Nothing here calls the generator: these are the truths its output is compared with.

import { discoveryTruth, listResponseTruth, resourceTypeTruth, schemaTruth, urn, type Json } from "./emitted-output-helpers.js";

/** RFC 7644 §3.1, §8.1: the media type of every SCIM body. */
export const scim = "application/scim+json";

/** A Reference Object to a reusable component (OAS 3.1 §4.8.23). */
export const refTo = (kind: "responses" | "parameters" | "headers" | "schemas", name: string): Json => ({ $ref: `#/components/${kind}/${name}` });

/**
 * An `application/scim+json` SCIM Error body (RFC 7644 §3.12) whose `status` is the HTTP status as a
 * string, with one example Error message carrying `detail` (and `scimType` where Table 9 has one).
 */
export function errorContentTruth(errorName: string, status: number, detail: string, scimType?: string): Json {
  const value = { schemas: [urn.error], status: String(status), ...(scimType === undefined ? {} : { scimType }), detail };
  return {
    [scim]: {
      schema: { allOf: [refTo("schemas", errorName)], type: "object", properties: { status: { const: String(status) } } },
      examples: { error: { value } },
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// RFC 7644 §4: the discovery endpoints

/** What every discovery operation's description ends with: the discovery runtime's ETag, HEAD and 405 answers. */
export const discoveryNote =
  "Every 200 carries a strong ETag; a matching If-None-Match gets 304. HEAD is answered like GET, without a body. Other methods get 405 with `Allow: GET, HEAD` (RFC 7644 §4), before authentication and without reading the body.";

function discoveryGet(
  errorName: string,
  operationId: string,
  summary: string,
  description: string,
  ok: Json,
  extra: Readonly<Record<string, Json>>,
): Json {
  return {
    tags: ["Discovery"],
    summary,
    description: `${description} ${discoveryNote}`,
    operationId,
    parameters: [refTo("parameters", "If-None-Match")],
    responses: {
      "200": ok,
      // RFC 9110 §15.4.5: If-None-Match matched.
      "304": refTo("responses", "NotModified"),
      "400": {
        description: "Only when the base URL is taken from the request (`trustHost`) and the Host header is missing or invalid.",
        content: errorContentTruth(errorName, 400, "Missing or invalid Host header; cannot build the resource URLs."),
      },
      "401": refTo("responses", "Unauthorized"),
      // RFC 7644 §4: discovery endpoints are read-only.
      "405": refTo("responses", "MethodNotAllowed"),
      ...extra,
    },
  };
}

function discoveryOk(description: string, schemaName: string, examples: Json): Json {
  return { description, headers: { ETag: refTo("headers", "ETag") }, content: { [scim]: { schema: refTo("schemas", schemaName), examples } } };
}

/**
 * The five RFC 7644 §4 discovery paths of the default definitions, their examples the RFC 7643 §8.5–§8.7
 * figures (emitted-output-helpers.ts) with `meta.location` under `base`.
 */
export function discoveryPathsTruth(base: string): Json {
  const truth = discoveryTruth(base);
  const allSchemas = [...truth.schemas, ...truth.serviceProviderSchemas];
  const filterForbidden = {
    description: "A `filter` query parameter was given: discovery lists are never filtered (RFC 7644 §4 SHOULD answer 403).",
    content: errorContentTruth("Error", 403, "Filtering is not supported on discovery endpoints (RFC 7644 §4)."),
  };
  // Example names: the resource types' names, the schemas' names in PascalCase (RFC 7643 §8.7.2 "Service Provider Configuration").
  const schemaNames: readonly (readonly [key: string, id: string, name: string])[] = [
    ["Group", urn.group, "Group"],
    ["User", urn.user, "User"],
    ["EnterpriseUser", urn.enterpriseUser, "EnterpriseUser"],
    ["ResourceType", urn.resourceType, "ResourceType"],
    ["Schema", urn.schema, "Schema"],
    ["ServiceProviderConfiguration", urn.serviceProviderConfig, "Service Provider Configuration"],
  ];
  return {
    "/ServiceProviderConfig": {
      get: discoveryGet(
        "Error",
        "getServiceProviderConfig",
        "Get the service provider configuration",
        "The ServiceProviderConfig (RFC 7643 §5, RFC 7644 §4): the features this service supports and how to authenticate. A `filter` parameter is ignored unless the runtime is configured to reject it (then 403). The runtime can serve this document without authentication (RFC 7643 §5).",
        discoveryOk("The service provider configuration.", "ServiceProviderConfig", {
          serviceProviderConfig: { summary: "This service's configuration", value: truth.serviceProviderConfig },
        }),
        { "403": { ...filterForbidden, description: "Only when the runtime is configured to reject a `filter` on /ServiceProviderConfig." } },
      ),
    },
    "/ResourceTypes": {
      get: discoveryGet(
        "Error",
        "listResourceTypes",
        "List the resource types",
        "Every resource type (RFC 7643 §6) in one ListResponse page (RFC 7644 §4); paging and sorting parameters are ignored.",
        discoveryOk("All resource types.", "ResourceTypeListResponse", {
          resourceTypes: { summary: "Every resource type", value: listResponseTruth(truth.resourceTypes) },
        }),
        { "403": filterForbidden },
      ),
    },
    "/ResourceTypes/{id}": {
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          description: "The resource type's `id` (its name, e.g. `User`). Matched case-insensitively by default (RFC 7644 §3.10).",
          schema: { type: "string" },
          examples: { Group: { value: "Group" }, User: { value: "User" } },
        },
      ],
      get: discoveryGet(
        "Error",
        "getResourceType",
        "Get one resource type",
        "One resource type (RFC 7643 §6), served at its `meta.location`.",
        discoveryOk("The resource type.", "ResourceType", {
          Group: { summary: "The Group resource type", value: resourceTypeTruth("Group", base) },
          User: { summary: "The User resource type", value: resourceTypeTruth("User", base) },
        }),
        { "404": { $ref: "#/components/responses/NotFound", description: "No resource type with this id." } },
      ),
    },
    "/Schemas": {
      get: discoveryGet(
        "Error",
        "listSchemas",
        "List the schemas",
        "Every schema (RFC 7643 §7): the resource schemas and, by default, the three service-provider schemas, in one ListResponse page (RFC 7644 §4). Message schemas are never listed.",
        discoveryOk("All schemas.", "SchemaListResponse", { schemas: { summary: "Every schema", value: listResponseTruth(allSchemas) } }),
        { "403": filterForbidden },
      ),
    },
    "/Schemas/{uri}": {
      parameters: [
        {
          name: "uri",
          in: "path",
          required: true,
          description:
            "The schema URI, raw (`urn:ietf:params:scim:schemas:core:2.0:User`) or percent-encoded (`%3A` for `:`); both are served. Matched case-insensitively by default (RFC 7644 §3.10).",
          schema: { type: "string" },
          examples: Object.fromEntries(schemaNames.map(([key, id]) => [key, { value: id }])),
        },
      ],
      get: discoveryGet(
        "Error",
        "getSchema",
        "Get one schema",
        "One schema (RFC 7643 §7) with every attribute characteristic spelled out, served at its `meta.location`.",
        discoveryOk(
          "The schema.",
          "Schema",
          Object.fromEntries(schemaNames.map(([key, id, name]) => [key, { summary: `The ${name} schema`, value: schemaTruth(id, base) }])),
        ),
        { "404": { $ref: "#/components/responses/NotFound", description: "No schema with this URI." } },
      ),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// RFC 7644 §3: a resource type's endpoint

/** The RFC 7644 §3 operations a resource type may declare (definitions/resource-types/*.yaml, codegen.operations). */
export type Operation = "list" | "get" | "create" | "replace" | "patch" | "delete";

/** What decides a resource endpoint's paths: the resource type and the ServiceProviderConfig's features (RFC 7643 §5). */
export interface EndpointGiven {
  /** The resource type's name, a plain word here (so it reads the same as Markdown text). */
  readonly name: string;
  /** The endpoint, `/` and the plural the operationId of `list` is named after (`/Users` → `listUsers`). */
  readonly endpoint: string;
  readonly operations: readonly Operation[];
  readonly filter: boolean;
  readonly sort: boolean;
  readonly etag: boolean;
}

const body = (description: string, schema: string): Json => ({
  description,
  required: true,
  // Request bodies are accepted as application/json too.
  content: { [scim]: { schema: refTo("schemas", schema) }, "application/json": { schema: refTo("schemas", schema) } },
});

const resource = (description: string, schema: string, headers: Json | undefined): Json => ({
  description,
  ...(headers === undefined ? {} : { headers }),
  content: { [scim]: { schema: refTo("schemas", schema) } },
});

const responseRefs = (pairs: readonly (readonly [number, string])[]): Json => Object.fromEntries(pairs.map(([status, name]) => [String(status), refTo("responses", name)]));

/**
 * The paths of one resource endpoint, written from RFC 7644 §3: list (§3.4.2) and create (§3.3, 201 with
 * Location) on the collection, get (§3.4.1), replace (§3.5.1), patch (§3.5.2, PatchOp body, 200 or 204)
 * and delete (§3.6, 204) on `{id}`; with ETags (§3.14) every resource answer carries ETag, reads take
 * If-None-Match and may answer 304, writes take If-Match and may answer 412. A path with no operation is
 * left out.
 */
export function resourcePathsTruth(given: EndpointGiven): Json {
  const { name, endpoint, etag } = given;
  const has = (op: Operation): boolean => given.operations.includes(op);
  const tags = [name];
  const plural = endpoint.slice(1);
  const etagHeader = etag ? { ETag: refTo("headers", "ETag") } : undefined;
  const ifMatch = etag ? { parameters: [refTo("parameters", "If-Match")] } : {};
  const failed = etag ? responseRefs([[412, "PreconditionFailed"]]) : {};
  const collection: Record<string, Json> = {};
  if (has("list")) {
    collection["get"] = {
      tags,
      summary: `List ${name} resources`,
      description: `Lists ${name} resources in a ListResponse (RFC 7644 §3.4.2)${given.filter ? ", optionally filtered" : ""}, paged with startIndex and count.`,
      operationId: `list${plural}`,
      parameters: [
        ...(given.filter ? ["filter"] : []),
        "startIndex",
        "count",
        ...(given.sort ? ["sortBy", "sortOrder"] : []),
      ].map((p) => refTo("parameters", p)),
      // A ListResponse carries no ETag (RFC 7644 §3.14 versions single resources).
      responses: { "200": resource(`A page of ${name} resources.`, `${name}ListResponse`, undefined), ...responseRefs([[400, "BadRequest"], [401, "Unauthorized"], [403, "Forbidden"]]) },
    };
  }
  if (has("create")) {
    collection["post"] = {
      tags,
      summary: `Create a ${name}`,
      description: `Creates a ${name} (RFC 7644 §3.3). readOnly attributes in the body are ignored; the service returns the resource as stored.`,
      operationId: `create${name}`,
      requestBody: body(`The ${name} to create.`, `${name}CreateRequest`),
      responses: {
        // RFC 7644 §3.3: 201 Created with the resource's URL in Location (and its version as ETag, §3.14).
        "201": resource(`The created ${name}, with its Location.`, name, { Location: refTo("headers", "Location"), ...etagHeader }),
        ...responseRefs([[400, "BadRequest"], [401, "Unauthorized"], [403, "Forbidden"], [409, "Conflict"]]),
      },
    };
  }
  const item: Record<string, Json> = {};
  if (has("get")) {
    item["get"] = {
      tags,
      summary: `Get a ${name}`,
      description: `Retrieves one ${name} by id (RFC 7644 §3.4.1).`,
      operationId: `get${name}`,
      ...(etag ? { parameters: [refTo("parameters", "If-None-Match")] } : {}),
      responses: {
        "200": resource(`The ${name}.`, name, etagHeader),
        ...(etag ? responseRefs([[304, "NotModified"]]) : {}),
        ...responseRefs([[401, "Unauthorized"], [403, "Forbidden"], [404, "NotFound"]]),
      },
    };
  }
  if (has("replace")) {
    item["put"] = {
      tags,
      summary: `Replace a ${name}`,
      description: `Replaces a ${name}'s attributes (RFC 7644 §3.5.1). readOnly attributes are ignored; immutable ones must match their current value (else 400, scimType \`mutability\`).`,
      operationId: `replace${name}`,
      ...ifMatch,
      requestBody: body(`The ${name}'s new state.`, `${name}ReplaceRequest`),
      responses: {
        "200": resource(`The ${name} as stored.`, name, etagHeader),
        ...responseRefs([[400, "BadRequest"], [401, "Unauthorized"], [403, "Forbidden"], [404, "NotFound"], [409, "Conflict"]]),
        ...failed,
      },
    };
  }
  if (has("patch")) {
    item["patch"] = {
      tags,
      summary: `Modify a ${name}`,
      description: `Applies a PatchOp (RFC 7644 §3.5.2) to a ${name}: add, remove and replace operations, all or none.`,
      operationId: `patch${name}`,
      ...ifMatch,
      requestBody: body("The operations to apply.", "PatchOp"),
      responses: {
        "200": resource(`The modified ${name}.`, name, etagHeader),
        // RFC 7644 §3.5.2: 204 No Content when the service does not return the resource.
        "204": { description: "Modified; the service chose not to return the resource (RFC 7644 §3.5.2)." },
        ...responseRefs([[400, "BadRequest"], [401, "Unauthorized"], [403, "Forbidden"], [404, "NotFound"], [409, "Conflict"]]),
        ...failed,
      },
    };
  }
  if (has("delete")) {
    item["delete"] = {
      tags,
      summary: `Delete a ${name}`,
      description: `Deletes a ${name} (RFC 7644 §3.6); it is then no longer returned by any operation.`,
      operationId: `delete${name}`,
      ...ifMatch,
      // RFC 7644 §3.6: 204 No Content.
      responses: { "204": { description: `The ${name} was deleted.` }, ...responseRefs([[401, "Unauthorized"], [403, "Forbidden"], [404, "NotFound"]]), ...failed },
    };
  }
  return {
    ...(Object.keys(collection).length > 0 ? { [endpoint]: collection } : {}),
    ...(Object.keys(item).length > 0 ? { [`${endpoint}/{id}`]: { parameters: [refTo("parameters", "id")], ...item } } : {}),
  };
}
