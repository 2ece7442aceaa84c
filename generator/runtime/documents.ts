// Serialisation of the discovery documents. Each document is serialised ONCE, at handler creation, with
// a hole where the base URL goes; a base URL is then filled in by string concatenation, encoded and
// fingerprinted once, and the resulting frozen responses are reused by every request with that base.
// No JSON serialisation happens per request, nor per base URL beyond escaping the base itself.

import { bodyView } from "./body-view.js";
import { DiscoveryConfigurationError } from "./configuration-error.js";
import { strongEtag } from "./etag.js";
import { COMMON_HEADERS } from "./scim-error.js";
import type { DiscoveryDocuments, DiscoveryResponse, ScimDocument } from "./types.js";

/** Schema URI of a ListResponse (RFC 7644 §3.4.2). */
export const LIST_RESPONSE_SCHEMA: string = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** URI prefix of SCIM message schemas, which `/Schemas` never lists (they describe messages, not resources). */
export const MESSAGE_SCHEMA_PREFIX: string = "urn:ietf:params:scim:api:messages:";

/** One document serialised with a hole for the base URL: `head + jsonEscape(base) + tail`. */
export interface DocumentTemplate {
  /** `id` of the document (resource type id or schema URI); `undefined` for the ServiceProviderConfig. */
  readonly id: string | undefined;
  /** The relative `meta.location` (`/Schemas/urn:…`). */
  readonly location: string;
  /** Serialised JSON up to the base URL inside `meta.location`. */
  readonly head: string;
  /** Serialised JSON from the relative location on. */
  readonly tail: string;
}

/** The documents as templates, in canonical order, with the served `/Schemas` set already chosen. */
export interface PreparedDocuments {
  /** RFC 7643 §5. */
  readonly serviceProviderConfig: DocumentTemplate;
  /** RFC 7643 §6, canonical order. */
  readonly resourceTypes: readonly DocumentTemplate[];
  /** RFC 7643 §7 schemas served under `/Schemas`, canonical order (resource schemas, then service-provider schemas). */
  readonly schemas: readonly DocumentTemplate[];
  /** ListResponse JSON up to the first element of `Resources` for `/ResourceTypes`. */
  readonly resourceTypeListPrefix: string;
  /** ListResponse JSON up to the first element of `Resources` for `/Schemas`. */
  readonly schemaListPrefix: string;
}

/** The responses for one served object at one base URL, frozen and shared. */
export interface RenderedResource {
  /** Strong ETag of the body (RFC 9110 §8.8.3). */
  readonly etag: string;
  /** 200 response to GET. */
  readonly ok: DiscoveryResponse;
  /** 200 response to HEAD: the same headers, no body. */
  readonly head: DiscoveryResponse;
  /** 304 response to a matching If-None-Match (RFC 9110 §15.4.5): ETag and the other 200 headers, no body. */
  readonly notModified: DiscoveryResponse;
}

/** Every response of the discovery endpoints for one base URL. */
export interface RenderedDocuments {
  /** The absolute base URL these responses were built for. */
  readonly baseUrl: string;
  /**
   * Indexed by `Route.slot`: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`, then
   * `/ResourceTypes/{id}` in the order of `PreparedDocuments.resourceTypes` and `/Schemas/{uri}` in the
   * order of `PreparedDocuments.schemas`. A routed request reaches its response through one array read.
   */
  readonly resources: readonly RenderedResource[];
}

// Stands in for the base URL while serialising. NUL characters cannot occur in a URL, and JSON.stringify
// writes them as the escape `\u0000`, so the serialised marker is unambiguous.
const BASE_MARKER = "\u0000scim-base-url\u0000";
const SERIALISED_BASE_MARKER = JSON.stringify(BASE_MARKER).slice(1, -1);

const encoder = new TextEncoder();
const COMMA = encoder.encode(",");
const LIST_SUFFIX = encoder.encode("]}");

function describe(what: string, document: unknown): string {
  const id = typeof document === "object" && document !== null ? (document as { id?: unknown }).id : undefined;
  return typeof id === "string" ? `${what} ${JSON.stringify(id)}` : what;
}

function templateOf(document: ScimDocument, what: string, resourceType: string, needsId: boolean): DocumentTemplate {
  if (typeof document !== "object" || document === null) {
    throw new DiscoveryConfigurationError(`${what} is not an object.`);
  }
  const name = describe(what, document);
  const id = document.id;
  if (needsId && typeof id !== "string") {
    throw new DiscoveryConfigurationError(`${name} has no string "id" (RFC 7643 §6, §7).`);
  }
  const meta: unknown = document.meta;
  if (typeof meta !== "object" || meta === null) {
    throw new DiscoveryConfigurationError(`${name} has no "meta" object (RFC 7643 §3.1).`);
  }
  const { location, resourceType: metaResourceType } = meta as { location?: unknown; resourceType?: unknown };
  if (typeof location !== "string" || !location.startsWith("/")) {
    throw new DiscoveryConfigurationError(
      `${name} has meta.location ${JSON.stringify(location)}; want a path relative to the SCIM base, starting with "/".`,
    );
  }
  if (metaResourceType !== resourceType) {
    throw new DiscoveryConfigurationError(
      `${name} has meta.resourceType ${JSON.stringify(metaResourceType)}; want ${JSON.stringify(resourceType)} (RFC 7643 §3.1).`,
    );
  }
  const json = JSON.stringify({ ...document, meta: { ...(meta as object), location: BASE_MARKER + location } });
  const parts = json.split(SERIALISED_BASE_MARKER);
  if (parts.length !== 2) {
    throw new DiscoveryConfigurationError(`${name} contains the reserved text ${JSON.stringify(BASE_MARKER)}.`);
  }
  return { id: typeof id === "string" ? id : undefined, location, head: parts[0] as string, tail: parts[1] as string };
}

function listPrefix(count: number): string {
  // RFC 7644 §3.4.2: the whole list in one page, so totalResults == itemsPerPage == len(Resources), startIndex 1.
  const json = JSON.stringify({
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: count,
    itemsPerPage: count,
    startIndex: 1,
    Resources: [],
  });
  return json.slice(0, -2); // drop "]}"
}

/**
 * Validates the documents and serialises them into templates. `listServiceProviderSchemas` chooses whether
 * the three RFC 7643 §8.7.2 schemas are served under `/Schemas`; message schemas are refused outright.
 */
export function prepareDocuments(documents: DiscoveryDocuments, listServiceProviderSchemas: boolean): PreparedDocuments {
  if (typeof documents !== "object" || documents === null) {
    throw new DiscoveryConfigurationError("documents must be the DiscoveryDocuments object of the generated package.");
  }
  const lists = ["resourceTypes", "schemas", "serviceProviderSchemas"] as const;
  for (const key of lists) {
    if (!Array.isArray(documents[key])) throw new DiscoveryConfigurationError(`documents.${key} must be an array.`);
  }
  const serviceProviderConfig = templateOf(
    documents.serviceProviderConfig,
    "serviceProviderConfig",
    "ServiceProviderConfig",
    false,
  );
  const resourceTypes = documents.resourceTypes.map((document, i) =>
    templateOf(document, `resourceTypes[${i}]`, "ResourceType", true),
  );
  const served = listServiceProviderSchemas
    ? [...documents.schemas, ...documents.serviceProviderSchemas]
    : documents.schemas;
  const schemas = served.map((document, i) => {
    const template = templateOf(document, `schemas[${i}]`, "Schema", true);
    if ((template.id as string).toLowerCase().startsWith(MESSAGE_SCHEMA_PREFIX)) {
      throw new DiscoveryConfigurationError(
        `${describe("schema", document)} is a message schema; /Schemas lists resource and service-provider schemas only (RFC 7644 §4).`,
      );
    }
    return template;
  });
  return {
    serviceProviderConfig,
    resourceTypes,
    schemas,
    resourceTypeListPrefix: listPrefix(resourceTypes.length),
    schemaListPrefix: listPrefix(schemas.length),
  };
}

function resource(bytes: Uint8Array<ArrayBuffer>, extraHeaders: Readonly<Record<string, string>>): RenderedResource {
  const body = bodyView(bytes);
  const etag = strongEtag(body);
  const notModifiedHeaders = Object.freeze({ ...COMMON_HEADERS, etag, ...extraHeaders });
  const headers = Object.freeze({ ...notModifiedHeaders, "content-length": String(body.byteLength) });
  return Object.freeze({
    etag,
    ok: Object.freeze({ status: 200, headers, body }),
    head: Object.freeze({ status: 200, headers, body: null }),
    // RFC 9110 §15.4.5: no Content-Length of the 200 body; ETag and the other representation headers stay.
    notModified: Object.freeze({ status: 304, headers: notModifiedHeaders, body: null }),
  });
}

function renderList(
  prefix: string,
  templates: readonly DocumentTemplate[],
  escapedBase: string,
  extraHeaders: Readonly<Record<string, string>>,
): { readonly list: RenderedResource; readonly items: readonly RenderedResource[] } {
  const prefixBytes = encoder.encode(prefix);
  const itemBytes = templates.map((template) => encoder.encode(template.head + escapedBase + template.tail));
  let length = prefixBytes.byteLength + LIST_SUFFIX.byteLength + Math.max(0, itemBytes.length - 1);
  for (const bytes of itemBytes) length += bytes.byteLength;
  // One buffer per list; each single document is a view into it, so a base URL costs one copy of the bytes.
  const listBytes = new Uint8Array(length);
  listBytes.set(prefixBytes, 0);
  let offset = prefixBytes.byteLength;
  const views: Uint8Array<ArrayBuffer>[] = [];
  itemBytes.forEach((bytes, i) => {
    if (i > 0) {
      listBytes.set(COMMA, offset);
      offset += COMMA.byteLength;
    }
    listBytes.set(bytes, offset);
    views.push(listBytes.subarray(offset, offset + bytes.byteLength));
    offset += bytes.byteLength;
  });
  listBytes.set(LIST_SUFFIX, offset);
  return {
    list: resource(listBytes, extraHeaders),
    items: Object.freeze(views.map((view) => resource(view, extraHeaders))),
  };
}

/**
 * Builds every response for one absolute base URL (no trailing slash). `extraHeaders` go on every 200/304
 * (e.g. `vary` when the base comes from Host headers).
 */
export function renderDocuments(
  prepared: PreparedDocuments,
  baseUrl: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): RenderedDocuments {
  const escapedBase = JSON.stringify(baseUrl).slice(1, -1);
  const spc = prepared.serviceProviderConfig;
  const resourceTypes = renderList(prepared.resourceTypeListPrefix, prepared.resourceTypes, escapedBase, extraHeaders);
  const schemas = renderList(prepared.schemaListPrefix, prepared.schemas, escapedBase, extraHeaders);
  const serviceProviderConfig = resource(encoder.encode(spc.head + escapedBase + spc.tail), extraHeaders);
  return Object.freeze({
    baseUrl,
    resources: Object.freeze([serviceProviderConfig, resourceTypes.list, schemas.list, ...resourceTypes.items, ...schemas.items]),
  });
}
