// Routing of the RFC 7644 §4 discovery endpoints (route.ts): where each raw path leads, the fast path for
// canonical spellings, duplicate ids, and the check that every meta.location serves its own document.

import { describe, expect, it } from "vitest";
import { DISCOVERY_ENDPOINT_PATHS, DiscoveryConfigurationError } from "../../generator/runtime/index.js";
import type { DiscoveryDocuments, ScimDocument } from "../../generator/runtime/index.js";
import { prepareDocuments } from "../../generator/runtime/documents.js";
import { createRouter, verifyLocations } from "../../generator/runtime/route.js";
import type { Route } from "../../generator/runtime/route.js";
import { rfcDocuments } from "./fixtures.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const encode = (uri: string): string => uri.replace(/:/g, "%3A");

type Writable = { -readonly [K in keyof DiscoveryDocuments]: DiscoveryDocuments[K] };

function expectConfigurationError(action: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DiscoveryConfigurationError);
  expect((thrown as Error).message).toBe(message);
}

/** The RFC 7643 §8 documents with one change. */
function rfcWith(change: (documents: Writable) => void): DiscoveryDocuments {
  const documents = structuredClone(rfcDocuments()) as Writable;
  change(documents);
  return documents;
}

const setLocation = (document: ScimDocument | undefined, location: string): void => {
  Object.assign((document as ScimDocument).meta, { location });
};

describe("DISCOVERY_ENDPOINT_PATHS", () => {
  it("names the three fixed endpoints in their canonical spelling (RFC 7644 §4)", () => {
    expect(DISCOVERY_ENDPOINT_PATHS).toEqual(["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]);
  });
});

describe("createRouter over the RFC 7643 §8 documents", () => {
  // Slots: 0 /ServiceProviderConfig, 1 /ResourceTypes, 2 /Schemas, 3–4 User and Group, 5–10 the six schemas.
  const router = createRouter(prepareDocuments(rfcDocuments(), true), false);

  it.each<[string, Route]>([
    ["/ServiceProviderConfig", { kind: "serviceProviderConfig", slot: 0 }],
    ["/ResourceTypes", { kind: "resourceTypes", slot: 1 }],
    ["/Schemas", { kind: "schemas", slot: 2 }],
    ["/Schemas/", { kind: "schemas", slot: 2 }],
    ["/ResourceTypes/User", { kind: "resourceType", slot: 3 }],
    ["/resourcetypes/group/", { kind: "resourceType", slot: 4 }],
    [`/Schemas/${encode(ENTERPRISE)}`, { kind: "schema", slot: 7 }],
    [`/schemas/${SCHEMA_SCHEMA.toLowerCase()}`, { kind: "schema", slot: 10 }],
    // A valid endpoint with an id it does not serve: a 404 that names what was not found.
    ["/ResourceTypes/Nope", { kind: "resourceType", slot: -1 }],
    ["/Schemas/urn:nope", { kind: "schema", slot: -1 }],
    // Malformed percent-encoding is an id that is not there, never another one.
    ["/ResourceTypes/%zz", { kind: "resourceType", slot: -1 }],
    ["/Schemas/%zz", { kind: "schema", slot: -1 }],
    // /ServiceProviderConfig has no sub-resources, and ids are one segment: no endpoint at all.
    ["/ServiceProviderConfig/x", { kind: "unknown", slot: -1 }],
    [`/ServiceProviderConfig/${USER}`, { kind: "unknown", slot: -1 }],
    ["/ResourceTypes/User/extra", { kind: "unknown", slot: -1 }],
    [`/Schemas/${USER}/extra`, { kind: "unknown", slot: -1 }],
    // A path below the base starts with "/": one that does not is no endpoint, whatever follows.
    ["xSchemas", { kind: "unknown", slot: -1 }],
    ["xResourceTypes/User", { kind: "unknown", slot: -1 }],
    ["Schemas", { kind: "unknown", slot: -1 }],
    ["/", { kind: "unknown", slot: -1 }],
    ["", { kind: "unknown", slot: -1 }],
  ])("%j → %j", (path, want) => {
    expect(router(path)).toEqual(want);
  });

  it.each(["/ResourceTypes/User", "/ResourceTypes/User/", `/Schemas/${USER}`, `/Schemas/${USER}/`, "/Schemas"])(
    "answers the canonical spelling %s from the table built at creation: one shared, frozen Route, no allocation per request",
    (path) => {
      const route = router(path);
      expect(Object.isFrozen(route)).toBe(true);
      expect(router(path)).toBe(route);
    },
  );
});

describe("createRouter, documents whose meta.location is percent-encoded", () => {
  const documents = rfcWith((d) => {
    setLocation(d.resourceTypes[0], "/ResourceTypes/%55ser");
    setLocation(d.schemas[0], `/Schemas/${encode(USER)}`);
  });
  const router = createRouter(prepareDocuments(documents, true), false);

  it.each<[string, Route]>([
    ["/ResourceTypes/User", { kind: "resourceType", slot: 3 }],
    ["/ResourceTypes/%55ser", { kind: "resourceType", slot: 3 }],
    [`/Schemas/${USER}`, { kind: "schema", slot: 5 }],
    [`/Schemas/${encode(USER)}/`, { kind: "schema", slot: 5 }],
  ])("takes both the plain id and the location's spelling %j on the fast path", (path, want) => {
    const route = router(path);
    expect(route).toEqual(want);
    expect(Object.isFrozen(route)).toBe(true);
    expect(router(path)).toBe(route);
  });
});

describe("createRouter refuses ids that would serve two documents at one URL", () => {
  const withResourceType = (id: string): DiscoveryDocuments =>
    rfcWith((d) => {
      d.resourceTypes = [...d.resourceTypes, { ...(d.resourceTypes[0] as ScimDocument), id, meta: { resourceType: "ResourceType", location: `/ResourceTypes/${id}` } }];
    });
  const withSchema = (id: string): DiscoveryDocuments =>
    rfcWith((d) => {
      d.schemas = [...d.schemas, { ...(d.schemas[0] as ScimDocument), id, meta: { resourceType: "Schema", location: `/Schemas/${id}` } }];
    });

  it.each<[string, DiscoveryDocuments, boolean, string]>([
    ["a resource type id given twice", withResourceType("User"), true, 'Resource types "User" and "User" are the same id.'],
    ["a resource type id given twice (caseExact: false)", withResourceType("User"), false, 'Resource types "User" and "User" are the same id.'],
    ["a schema URI given twice", withSchema(USER), false, `Schemas "${USER}" and "${USER}" are the same id.`],
    [
      "resource type ids that differ only in case",
      withResourceType("user"),
      false,
      'Resource types "User" and "user" are the same id ignoring case (RFC 7644 §3.10); rename one or set caseExact: true.',
    ],
    [
      "schema URIs that differ only in case",
      withSchema(USER.toUpperCase()),
      false,
      `Schemas "${USER}" and "${USER.toUpperCase()}" are the same id ignoring case (RFC 7644 §3.10); rename one or set caseExact: true.`,
    ],
  ])("%s", (_, documents, caseExact, message) => {
    expectConfigurationError(() => createRouter(prepareDocuments(documents, true), caseExact), message);
  });

  it("accepts ids that differ only in case with caseExact: true, each at its own URL", () => {
    const router = createRouter(prepareDocuments(withSchema(USER.toUpperCase()), true), true);
    expect(router(`/Schemas/${USER}`)).toEqual({ kind: "schema", slot: 5 });
    expect(router(`/Schemas/${USER.toUpperCase()}`)).toEqual({ kind: "schema", slot: 8 });
  });
});

describe("verifyLocations: each meta.location must serve its own document (RFC 7643 §3.1)", () => {
  const tail = "which does not serve it; meta.location must be the URL of exactly that object (RFC 7643 §3.1).";
  it.each<[string, DiscoveryDocuments, string]>([
    [
      "the ServiceProviderConfig",
      rfcWith((d) => setLocation(d.serviceProviderConfig, "/ServiceProviderConfigs")),
      `serviceProviderConfig has meta.location "/ServiceProviderConfigs", ${tail}`,
    ],
    [
      "a resource type pointing at another one",
      rfcWith((d) => setLocation(d.resourceTypes[0], "/ResourceTypes/Group")),
      `Resource type "User" has meta.location "/ResourceTypes/Group", ${tail}`,
    ],
    [
      "a schema in a spelling that only case-insensitive routing accepts",
      rfcWith((d) => setLocation(d.schemas[0], `/schemas/${USER}`)),
      `Schema "${USER}" has meta.location "/schemas/${USER}", ${tail}`,
    ],
  ])("names %s and its location", (_, documents, message) => {
    expectConfigurationError(() => verifyLocations(prepareDocuments(documents, true)), message);
  });

  it("accepts the RFC documents, plain and with percent-encoded locations", () => {
    expect(() => verifyLocations(prepareDocuments(rfcDocuments(), true))).not.toThrow();
    const encoded = rfcWith((d) => setLocation(d.schemas[1], `/Schemas/${encode(d.schemas[1]?.id as string)}`));
    expect(() => verifyLocations(prepareDocuments(encoded, true))).not.toThrow();
  });
});
