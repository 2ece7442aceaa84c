// Test fixtures: the RFC 7643 §8 documents (with errata) shaped as the generator hands them to the
// runtime — `meta` reduced to `resourceType` and a `location` relative to the SCIM base.

import { fileURLToPath } from "node:url";
import type {
  DiscoveryDocuments,
  DiscoveryHandlerRequest,
  DiscoveryResponse,
  ScimDocument,
} from "../../generator/runtime/index.js";
import { readJsonFileSync } from "../helpers/json.js";

const FIXTURES = new URL("../fixtures/rfc7643/with-errata/", import.meta.url);

function read(name: string): unknown {
  return readJsonFileSync(fileURLToPath(new URL(name, FIXTURES)));
}

/** Rewrites `meta` to `{resourceType, location}` with the location relative to the `/v2` base of the RFC examples. */
function relative(document: unknown): ScimDocument {
  const { meta, ...rest } = document as { meta: { resourceType: string; location: string } };
  const at = meta.location.indexOf("/v2/");
  return { ...rest, meta: { resourceType: meta.resourceType, location: meta.location.slice(at + 3) } };
}

/** The RFC 7643 §8 discovery documents as `DiscoveryDocuments`. */
export function rfcDocuments(): DiscoveryDocuments {
  return {
    serviceProviderConfig: relative(read("rfc7643-8.5-service-provider-config.json")),
    resourceTypes: (read("rfc7643-8.6-resource-types.json") as unknown[]).map(relative),
    schemas: (read("rfc7643-8.7.1-resource-schemas.json") as unknown[]).map(relative),
    serviceProviderSchemas: (read("rfc7643-8.7.2-service-provider-schemas.json") as unknown[]).map(relative),
  };
}

/** Ids, in canonical order. */
export const RESOURCE_TYPE_IDS: readonly string[] = ["User", "Group"];
export const RESOURCE_SCHEMA_IDS: readonly string[] = [
  "urn:ietf:params:scim:schemas:core:2.0:User",
  "urn:ietf:params:scim:schemas:core:2.0:Group",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
];
export const SERVICE_PROVIDER_SCHEMA_IDS: readonly string[] = [
  "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  "urn:ietf:params:scim:schemas:core:2.0:Schema",
];

/** A neutral GET request under `/scim/v2`; override any field. */
export function request(path: string, overrides: Partial<DiscoveryHandlerRequest> = {}): DiscoveryHandlerRequest {
  return { method: "GET", basePath: "/scim/v2", path, query: "", headers: {}, ...overrides };
}

/** The body of a response parsed as JSON. */
export function json(response: DiscoveryResponse): Record<string, unknown> {
  if (response.body === null) throw new Error(`response ${response.status} has no body`);
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
}

/** The body as text. */
export function text(response: DiscoveryResponse): string {
  return response.body === null ? "" : new TextDecoder().decode(response.body);
}
