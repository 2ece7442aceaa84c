// Routing of the RFC 7644 §4 discovery endpoints. A route is decided from the raw path alone.

import { DiscoveryConfigurationError } from "./configuration-error.js";
import type { PreparedDocuments } from "./documents.js";

/**
 * Where a path under the SCIM base leads: the endpoint, and the position of the served object in
 * `RenderedDocuments.resources`, or -1 when nothing is served (an unknown path, or an unknown id or URI on a
 * valid endpoint, whose 404 names what was not found).
 */
export interface Route {
  readonly kind: "serviceProviderConfig" | "resourceTypes" | "resourceType" | "schemas" | "schema" | "unknown";
  readonly slot: number;
}

/** Maps a raw path after the base (`/Schemas/urn%3A…`, `/ResourceTypes/`) to a route; never throws. */
export type Router = (path: string) => Route;

// Slots 0–2 are fixed; resource types follow from 3, then schemas (see `RenderedDocuments.resources`).
const SERVICE_PROVIDER_CONFIG: Route = Object.freeze({ kind: "serviceProviderConfig", slot: 0 });
const RESOURCE_TYPES: Route = Object.freeze({ kind: "resourceTypes", slot: 1 });
const SCHEMAS: Route = Object.freeze({ kind: "schemas", slot: 2 });
const FIRST_RESOURCE_TYPE_SLOT = 3;
const firstSchemaSlot = (prepared: PreparedDocuments): number => FIRST_RESOURCE_TYPE_SLOT + prepared.resourceTypes.length;
const UNKNOWN: Route = Object.freeze({ kind: "unknown", slot: -1 });
const UNKNOWN_RESOURCE_TYPE: Route = Object.freeze({ kind: "resourceType", slot: -1 });
const UNKNOWN_SCHEMA: Route = Object.freeze({ kind: "schema", slot: -1 });

type Endpoint = "ServiceProviderConfig" | "ResourceTypes" | "Schemas";
const ENDPOINTS: readonly Endpoint[] = ["ServiceProviderConfig", "ResourceTypes", "Schemas"];

/**
 * The paths of the three fixed discovery endpoints below the base (RFC 7644 §4), canonical spelling: the
 * ones clients poll. Adapters whose framework router finds a static path faster than a wildcard give these
 * static routes to the same handler; every other spelling still reaches it through the wildcard.
 */
export const DISCOVERY_ENDPOINT_PATHS: readonly string[] = Object.freeze(ENDPOINTS.map((endpoint) => `/${endpoint}`));

/** Percent-decodes one path segment; `null` for malformed encoding (answered 404, never thrown). */
export function decodeSegment(segment: string): string | null {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function indexIds(
  ids: readonly (string | undefined)[],
  fold: boolean,
  what: string,
): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    const key = fold ? (id as string).toLowerCase() : (id as string);
    const previous = index.get(key);
    if (previous !== undefined) {
      throw new DiscoveryConfigurationError(
        `${what} ${JSON.stringify(ids[previous])} and ${JSON.stringify(id)} are the same id${fold ? " ignoring case (RFC 7644 §3.10); rename one or set caseExact: true" : ""}.`,
      );
    }
    index.set(key, i);
  });
  return index;
}

/**
 * Creates the router. Endpoint names, resource type ids and schema URIs match case-insensitively unless
 * `caseExact` (RFC 7644 §3.10: URIs and names are case-insensitive); `{uri}` may have raw or `%3A` colons;
 * one trailing slash is accepted (served the same, never redirected).
 */
export function createRouter(prepared: PreparedDocuments, caseExact: boolean): Router {
  const resourceTypeIds = prepared.resourceTypes.map((template) => template.id);
  const schemaIds = prepared.schemas.map((template) => template.id);
  const exactResourceTypes = indexIds(resourceTypeIds, false, "Resource types");
  const exactSchemas = indexIds(schemaIds, false, "Schemas");
  const foldedResourceTypes = caseExact ? null : indexIds(resourceTypeIds, true, "Resource types");
  const foldedSchemas = caseExact ? null : indexIds(schemaIds, true, "Schemas");
  const foldedEndpoints = new Map<string, Endpoint>(
    ENDPOINTS.map((endpoint) => [caseExact ? endpoint : endpoint.toLowerCase(), endpoint]),
  );
  const schemaSlots = firstSchemaSlot(prepared);
  const resourceTypeRoute = (index: number): Route => ({ kind: "resourceType", slot: FIRST_RESOURCE_TYPE_SLOT + index });
  const schemaRoute = (index: number): Route => ({ kind: "schema", slot: schemaSlots + index });

  function lookup(exact: ReadonlyMap<string, number>, folded: ReadonlyMap<string, number> | null, id: string): number {
    const index = exact.get(id);
    if (index !== undefined) return index;
    return folded?.get(id.toLowerCase()) ?? -1;
  }

  function slowRoute(path: string): Route {
    let p = path;
    if (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
    if (!p.startsWith("/")) return UNKNOWN;
    const slash = p.indexOf("/", 1);
    const head = decodeSegment(slash === -1 ? p.slice(1) : p.slice(1, slash));
    if (head === null) return UNKNOWN;
    const endpoint = foldedEndpoints.get(caseExact ? head : head.toLowerCase());
    if (endpoint === undefined) return UNKNOWN;
    if (slash === -1) {
      return endpoint === "ServiceProviderConfig" ? SERVICE_PROVIDER_CONFIG : endpoint === "Schemas" ? SCHEMAS : RESOURCE_TYPES;
    }
    const rawId = p.slice(slash + 1);
    // RFC 7644 §4: /ServiceProviderConfig has no sub-resources; ids and URIs are one segment.
    if (endpoint === "ServiceProviderConfig" || rawId.includes("/")) return UNKNOWN;
    const id = decodeSegment(rawId);
    if (endpoint === "ResourceTypes") {
      const index = id === null ? -1 : lookup(exactResourceTypes, foldedResourceTypes, id);
      return index === -1 ? UNKNOWN_RESOURCE_TYPE : resourceTypeRoute(index);
    }
    const index = id === null ? -1 : lookup(exactSchemas, foldedSchemas, id);
    return index === -1 ? UNKNOWN_SCHEMA : schemaRoute(index);
  }

  // Fast path: the canonical spellings (and their trailing-slash twins) resolve with one Map lookup.
  const canonical = new Map<string, Route>();
  const addCanonical = (path: string, route: Route): void => {
    canonical.set(path, route);
    canonical.set(`${path}/`, route);
  };
  addCanonical("/ServiceProviderConfig", SERVICE_PROVIDER_CONFIG);
  addCanonical("/ResourceTypes", RESOURCE_TYPES);
  addCanonical("/Schemas", SCHEMAS);
  prepared.resourceTypes.forEach((template, index) => {
    const route: Route = Object.freeze(resourceTypeRoute(index));
    addCanonical(`/ResourceTypes/${template.id as string}`, route);
    addCanonical(template.location, route);
  });
  prepared.schemas.forEach((template, index) => {
    const route: Route = Object.freeze(schemaRoute(index));
    addCanonical(`/Schemas/${template.id as string}`, route);
    addCanonical(template.location, route);
  });
  // Checks that what the fast path learnt agrees with the full parser (it will unless ids contain "/" or "%").
  for (const [path, route] of canonical) {
    if (JSON.stringify(slowRoute(path)) !== JSON.stringify(route)) canonical.delete(path);
  }

  return (path) => canonical.get(path) ?? slowRoute(path);
}

/** Checks that each document's relative `meta.location` routes, with exact matching, to that very document. */
export function verifyLocations(prepared: PreparedDocuments): void {
  const route = createRouter(prepared, true);
  const check = (location: string, slot: number, what: string): void => {
    if (route(location).slot !== slot) {
      throw new DiscoveryConfigurationError(
        `${what} has meta.location ${JSON.stringify(location)}, which does not serve it; meta.location must be the URL of exactly that object (RFC 7643 §3.1).`,
      );
    }
  };
  check(prepared.serviceProviderConfig.location, SERVICE_PROVIDER_CONFIG.slot, "serviceProviderConfig");
  prepared.resourceTypes.forEach((template, index) =>
    check(template.location, FIRST_RESOURCE_TYPE_SLOT + index, `Resource type ${JSON.stringify(template.id)}`),
  );
  const schemaSlots = firstSchemaSlot(prepared);
  prepared.schemas.forEach((template, index) =>
    check(template.location, schemaSlots + index, `Schema ${JSON.stringify(template.id)}`),
  );
}
