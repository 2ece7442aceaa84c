// OpenAPI Paths and Operations (OAS 3.1 §4.8.8–§4.8.10): the RFC 7644 §4 discovery endpoints with every
// answer the discovery runtime gives, and each resource type's endpoint with only the operations the
// definitions declare (RFC 7644 §3).

import type { Model, ResourceType } from "../../model/model.js";
import type { ResourceOperation } from "../../model/definition-types.js";
import { buildDiscoveryDocuments, listResponse, withBaseUrl, type JsonObject } from "../discovery-documents.js";
import { markdownText } from "../escape.js";
import { discoveryOperationIds, resourceOperationIds, resourceTypeIdKey, resourceTypeInterfaceName, schemaKey } from "../../names.js";
import { sortedMap, sortedResponses } from "./canonical.js";
import { componentRef, schemaRef, type ComponentNames, type ResourceTypeNames } from "./component-names.js";
import type {
  ExampleObject,
  JsonValue,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
} from "./openapi-types.js";
import { errorContent, scimContent, scimMediaType } from "./responses.js";

/** The tag of the discovery operations. */
export const discoveryTag = "Discovery";

const ref = (name: string): ReferenceObject => componentRef("responses", name);
const param = (name: string): ReferenceObject => componentRef("parameters", name);
const asJson = (value: unknown): JsonValue => value as JsonValue;

/** Every path of the document, in code-unit order. */
export function buildPaths(model: Model, names: ComponentNames, exampleBaseUrl: string): { readonly [path: string]: PathItemObject } {
  const entries: [string, PathItemObject][] = [...discoveryPaths(model, names, exampleBaseUrl)];
  for (const rt of model.resourceTypes) {
    const rtNames = names.resourceTypes.get(rt);
    if (!rtNames) throw new Error(`scim-codegen: no component names for resource type ${rt.name}`);
    entries.push(...resourcePaths(model, rt, rtNames, names.patchOp));
  }
  return sortedMap(entries);
}

// ---------------------------------------------------------------------------------------------------
// Discovery (RFC 7644 §4)

const headNote =
  "HEAD is answered like GET, without a body. Other methods get 405 with `Allow: GET, HEAD` (RFC 7644 §4), before authentication and without reading the body.";
const etagNote = "Every 200 carries a strong ETag; a matching If-None-Match gets 304.";

/** The discovery 200 response: ETag header, the document's schema, examples from the generated documents. */
function discoveryOk(description: string, schemaName: string, examples: { readonly [name: string]: ExampleObject }): ResponseObject {
  return {
    description,
    headers: { ETag: componentRef("headers", "ETag") },
    content: scimContent(schemaRef(schemaName), examples),
  };
}

/** The answers every discovery GET may give besides 200 (the discovery runtime's decisions, in order). */
function discoveryErrors(errorName: string, extra: readonly [number, ResponseObject | ReferenceObject][]): [number, ResponseObject | ReferenceObject][] {
  return [
    [304, ref("NotModified")],
    [
      400,
      {
        description: "Only when the base URL is taken from the request (`trustHost`) and the Host header is missing or invalid.",
        content: errorContent(errorName, 400, "Missing or invalid Host header; cannot build the resource URLs."),
      },
    ],
    [401, ref("Unauthorized")],
    [405, ref("MethodNotAllowed")],
    ...extra,
  ];
}

function discoveryOperation(parts: {
  readonly errorName: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly ok: ResponseObject;
  readonly errors: readonly [number, ResponseObject | ReferenceObject][];
}): OperationObject {
  return {
    tags: [discoveryTag],
    summary: parts.summary,
    description: `${parts.description} ${etagNote} ${headNote}`,
    operationId: parts.operationId,
    parameters: [param("If-None-Match")],
    responses: sortedResponses<ResponseObject | ReferenceObject>([[200, parts.ok], ...discoveryErrors(parts.errorName, parts.errors)]),
  };
}

const example = (summary: string, value: unknown): ExampleObject => ({ summary, value: asJson(value) });

function discoveryPaths(model: Model, names: ComponentNames, baseUrl: string): [string, PathItemObject][] {
  const docs = buildDiscoveryDocuments(model);
  const absolute = (d: JsonObject): JsonObject => withBaseUrl(d, baseUrl);
  const resourceTypes = docs.resourceTypes.map(absolute);
  // `/Schemas` lists the resource schemas and the three service-provider schemas (RFC 7644 §4 "all supported
  // schemas"), in the model's order, as the core package's runtime serves them.
  const schemas = [...docs.schemas, ...docs.serviceProviderSchemas].map(absolute);
  // Example names (generator/names.ts) are claimed by validation, so no two examples of a map share one.
  const named = (list: readonly JsonObject[], key: (name: string) => string, label: (d: JsonObject) => string): { [name: string]: ExampleObject } =>
    Object.fromEntries(list.map((d) => [key(String(d["name"])), example(label(d), d)]));

  const filterForbidden: ResponseObject = {
    description: "A `filter` query parameter was given: discovery lists are never filtered (RFC 7644 §4 SHOULD answer 403).",
    content: errorContent(names.error, 403, "Filtering is not supported on discovery endpoints (RFC 7644 §4)."),
  };
  const notFound = (what: string): ReferenceObject => ({ ...ref("NotFound"), description: `No ${what} with this ${what === "schema" ? "URI" : "id"}.` });

  return [
    [
      "/ServiceProviderConfig",
      {
        get: discoveryOperation({
          errorName: names.error,
          operationId: discoveryOperationIds.getServiceProviderConfig,
          summary: "Get the service provider configuration",
          description:
            "The ServiceProviderConfig (RFC 7643 §5, RFC 7644 §4): the features this service supports and how to authenticate. A `filter` parameter is ignored unless the runtime is configured to reject it (then 403). The runtime can serve this document without authentication (RFC 7643 §5).",
          ok: discoveryOk("The service provider configuration.", names.serviceProviderConfig, {
            serviceProviderConfig: example("This service's configuration", absolute(docs.serviceProviderConfig)),
          }),
          errors: [[403, { ...filterForbidden, description: "Only when the runtime is configured to reject a `filter` on /ServiceProviderConfig." }]],
        }),
      },
    ],
    [
      "/ResourceTypes",
      {
        get: discoveryOperation({
          errorName: names.error,
          operationId: discoveryOperationIds.listResourceTypes,
          summary: "List the resource types",
          description: "Every resource type (RFC 7643 §6) in one ListResponse page (RFC 7644 §4); paging and sorting parameters are ignored.",
          ok: discoveryOk("All resource types.", names.resourceTypeList, { resourceTypes: example("Every resource type", listResponse(resourceTypes)) }),
          errors: [[403, filterForbidden]],
        }),
      },
    ],
    [
      "/ResourceTypes/{id}",
      {
        parameters: [
          {
            name: "id",
            in: "path",
            required: true,
            description: "The resource type's `id` (its name, e.g. `User`). Matched case-insensitively by default (RFC 7644 §3.10).",
            schema: { type: "string" },
            examples: Object.fromEntries(resourceTypes.map((d) => [resourceTypeIdKey(String(d["id"])), { value: String(d["id"]) }])),
          } satisfies ParameterObject,
        ],
        get: discoveryOperation({
          errorName: names.error,
          operationId: discoveryOperationIds.getResourceType,
          summary: "Get one resource type",
          description: "One resource type (RFC 7643 §6), served at its `meta.location`.",
          ok: discoveryOk("The resource type.", names.resourceType, named(resourceTypes, resourceTypeInterfaceName, (d) => `The ${String(d["name"])} resource type`)),
          errors: [[404, notFound("resource type")]],
        }),
      },
    ],
    [
      "/Schemas",
      {
        get: discoveryOperation({
          errorName: names.error,
          operationId: discoveryOperationIds.listSchemas,
          summary: "List the schemas",
          description:
            "Every schema (RFC 7643 §7): the resource schemas and, by default, the three service-provider schemas, in one ListResponse page (RFC 7644 §4). Message schemas are never listed.",
          ok: discoveryOk("All schemas.", names.schemaList, { schemas: example("Every schema", listResponse(schemas)) }),
          errors: [[403, filterForbidden]],
        }),
      },
    ],
    [
      "/Schemas/{uri}",
      {
        parameters: [
          {
            name: "uri",
            in: "path",
            required: true,
            description:
              "The schema URI, raw (`urn:ietf:params:scim:schemas:core:2.0:User`) or percent-encoded (`%3A` for `:`); both are served. Matched case-insensitively by default (RFC 7644 §3.10).",
            schema: { type: "string" },
            examples: Object.fromEntries(schemas.map((d) => [schemaKey(String(d["name"])), { value: String(d["id"]) }])),
          } satisfies ParameterObject,
        ],
        get: discoveryOperation({
          errorName: names.error,
          operationId: discoveryOperationIds.getSchema,
          summary: "Get one schema",
          description: "One schema (RFC 7643 §7) with every attribute characteristic spelled out, served at its `meta.location`.",
          ok: discoveryOk("The schema.", names.schema, named(schemas, schemaKey, (d) => `The ${String(d["name"])} schema`)),
          errors: [[404, notFound("schema")]],
        }),
      },
    ],
  ];
}

// ---------------------------------------------------------------------------------------------------
// Resource endpoints (RFC 7644 §3)

/** Request bodies accept `application/json` too: clients such as Okta and Entra send either. */
function requestBody(description: string, schemaName: string): RequestBodyObject {
  const schema = schemaRef(schemaName);
  return { description, required: true, content: { [scimMediaType]: { schema }, "application/json": { schema } } };
}

function resourceResponse(description: string, schemaName: string, etag: boolean, location = false): ResponseObject {
  const headers = {
    ...(location ? { Location: componentRef("headers", "Location") } : {}),
    ...(etag ? { ETag: componentRef("headers", "ETag") } : {}),
  };
  return { description, ...(Object.keys(headers).length > 0 ? { headers } : {}), content: scimContent(schemaRef(schemaName)) };
}

const noContent = (description: string): ResponseObject => ({ description });

function resourcePaths(model: Model, rt: ResourceType, names: ResourceTypeNames, patchOpName: string): [string, PathItemObject][] {
  const spc = model.serviceProviderConfig;
  const etag = spc.etag.supported;
  const has = (op: ResourceOperation): boolean => rt.operations.includes(op);
  const tags = [rt.name];
  // Descriptions are CommonMark (OAS 3.1 §4.8.10.1): a name goes in as Markdown text; summaries are plain.
  const shown = markdownText(rt.name);
  const operationIds = resourceOperationIds(rt.name, rt.endpoint);
  const preconditions = etag ? [param("If-Match")] : [];
  const failed: [number, ReferenceObject][] = etag ? [[412, ref("PreconditionFailed")]] : [];

  const collection: { -readonly [K in keyof PathItemObject]: PathItemObject[K] } = {};
  if (has("list")) {
    collection.get = {
      tags,
      summary: `List ${rt.name} resources`,
      description: `Lists ${shown} resources in a ListResponse (RFC 7644 §3.4.2)${spc.filter.supported ? ", optionally filtered" : ""}, paged with startIndex and count.`,
      operationId: operationIds.list,
      parameters: [
        ...(spc.filter.supported ? [param("filter")] : []),
        param("startIndex"),
        param("count"),
        ...(spc.sort.supported ? [param("sortBy"), param("sortOrder")] : []),
      ],
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [200, resourceResponse(`A page of ${shown} resources.`, names.list, false)],
        [400, ref("BadRequest")],
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
      ]),
    };
  }
  if (has("create")) {
    collection.post = {
      tags,
      summary: `Create a ${rt.name}`,
      description: `Creates a ${shown} (RFC 7644 §3.3). readOnly attributes in the body are ignored; the service returns the resource as stored.`,
      operationId: operationIds.create,
      requestBody: requestBody(`The ${shown} to create.`, names.create),
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [201, resourceResponse(`The created ${shown}, with its Location.`, names.response, etag, true)],
        [400, ref("BadRequest")],
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
        [409, ref("Conflict")],
      ]),
    };
  }

  const item: { -readonly [K in keyof PathItemObject]: PathItemObject[K] } = { parameters: [param("id")] };
  if (has("get")) {
    item.get = {
      tags,
      summary: `Get a ${rt.name}`,
      description: `Retrieves one ${shown} by id (RFC 7644 §3.4.1).`,
      operationId: operationIds.get,
      ...(etag ? { parameters: [param("If-None-Match")] } : {}),
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [200, resourceResponse(`The ${shown}.`, names.response, etag)],
        ...(etag ? ([[304, ref("NotModified")]] as [number, ReferenceObject][]) : []),
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
        [404, ref("NotFound")],
      ]),
    };
  }
  if (has("replace")) {
    item.put = {
      tags,
      summary: `Replace a ${rt.name}`,
      description: `Replaces a ${shown}'s attributes (RFC 7644 §3.5.1). readOnly attributes are ignored; immutable ones must match their current value (else 400, scimType \`mutability\`).`,
      operationId: operationIds.replace,
      ...(preconditions.length > 0 ? { parameters: preconditions } : {}),
      requestBody: requestBody(`The ${shown}'s new state.`, names.replace),
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [200, resourceResponse(`The ${shown} as stored.`, names.response, etag)],
        [400, ref("BadRequest")],
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
        [404, ref("NotFound")],
        [409, ref("Conflict")],
        ...failed,
      ]),
    };
  }
  if (has("patch")) {
    item.patch = {
      tags,
      summary: `Modify a ${rt.name}`,
      description: `Applies a PatchOp (RFC 7644 §3.5.2) to a ${shown}: add, remove and replace operations, all or none.`,
      operationId: operationIds.patch,
      ...(preconditions.length > 0 ? { parameters: preconditions } : {}),
      requestBody: requestBody("The operations to apply.", patchOpName),
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [200, resourceResponse(`The modified ${shown}.`, names.response, etag)],
        [204, noContent("Modified; the service chose not to return the resource (RFC 7644 §3.5.2).")],
        [400, ref("BadRequest")],
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
        [404, ref("NotFound")],
        [409, ref("Conflict")],
        ...failed,
      ]),
    };
  }
  if (has("delete")) {
    item.delete = {
      tags,
      summary: `Delete a ${rt.name}`,
      description: `Deletes a ${shown} (RFC 7644 §3.6); it is then no longer returned by any operation.`,
      operationId: operationIds.delete,
      ...(preconditions.length > 0 ? { parameters: preconditions } : {}),
      responses: sortedResponses<ResponseObject | ReferenceObject>([
        [204, noContent(`The ${shown} was deleted.`)],
        [401, ref("Unauthorized")],
        [403, ref("Forbidden")],
        [404, ref("NotFound")],
        ...failed,
      ]),
    };
  }

  const paths: [string, PathItemObject][] = [];
  if (collection.get || collection.post) paths.push([rt.endpoint, collection]);
  if (item.get || item.put || item.patch || item.delete) paths.push([`${rt.endpoint}/{id}`, item]);
  return paths;
}
