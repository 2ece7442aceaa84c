// Validation and serialisation of the discovery documents (documents.ts): the exact bytes served, and the
// exact configuration error for each kind of broken document, naming the document by its id when it has one
// and by its position otherwise.

import { describe, expect, it } from "vitest";
import { DiscoveryConfigurationError, LIST_RESPONSE_SCHEMA } from "../../generator/runtime/index.js";
import type { DiscoveryDocuments, DiscoveryResponse, ScimDocument } from "../../generator/runtime/index.js";
import { prepareDocuments, renderDocuments } from "../../generator/runtime/documents.js";
import { rfcDocuments, text } from "./fixtures.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const BASE = "https://api.example.com/scim/v2";

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

const replaceAt = <T>(list: readonly T[], index: number, value: unknown): T[] =>
  list.map((item, i) => (i === index ? (value as T) : item));

describe("LIST_RESPONSE_SCHEMA", () => {
  it("is the ListResponse URN of RFC 7644 §3.4.2", () => {
    expect(LIST_RESPONSE_SCHEMA).toBe("urn:ietf:params:scim:api:messages:2.0:ListResponse");
  });
});

describe("renderDocuments: the bytes served", () => {
  const documents: DiscoveryDocuments = {
    serviceProviderConfig: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      meta: { resourceType: "ServiceProviderConfig", location: "/ServiceProviderConfig" },
    },
    resourceTypes: [
      { id: "User", name: "User", meta: { resourceType: "ResourceType", location: "/ResourceTypes/User" } },
      { id: "Group", name: "Group", meta: { resourceType: "ResourceType", location: "/ResourceTypes/Group" } },
    ],
    schemas: [],
    serviceProviderSchemas: [],
  };
  const rendered = renderDocuments(prepareDocuments(documents, true), BASE);
  const body = (slot: number): string => text((rendered.resources[slot] as { ok: DiscoveryResponse }).ok);

  it("serves the ServiceProviderConfig with its location made absolute, nothing else changed", () => {
    expect(body(0)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],"meta":{"resourceType":"ServiceProviderConfig","location":"https://api.example.com/scim/v2/ServiceProviderConfig"}}',
    );
  });

  it("lists the resource types in one ListResponse page (RFC 7644 §3.4.2)", () => {
    expect(body(1)).toBe(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":2,"itemsPerPage":2,"startIndex":1,"Resources":[' +
        '{"id":"User","name":"User","meta":{"resourceType":"ResourceType","location":"https://api.example.com/scim/v2/ResourceTypes/User"}},' +
        '{"id":"Group","name":"Group","meta":{"resourceType":"ResourceType","location":"https://api.example.com/scim/v2/ResourceTypes/Group"}}]}',
    );
  });

  it("lists no schemas as an empty ListResponse", () => {
    expect(body(2)).toBe(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":0,"startIndex":1,"Resources":[]}',
    );
  });

  it("serves each resource type alone with the same bytes as in the list", () => {
    expect(body(4)).toBe(
      '{"id":"Group","name":"Group","meta":{"resourceType":"ResourceType","location":"https://api.example.com/scim/v2/ResourceTypes/Group"}}',
    );
    expect(rendered.resources).toHaveLength(5);
  });
});

describe("prepareDocuments refuses broken documents with an error that names the document", () => {
  const cases: [string, unknown, string][] = [
    ["null instead of the documents", null, "documents must be the DiscoveryDocuments object of the generated package."],
    ["a string instead of the documents", "documents", "documents must be the DiscoveryDocuments object of the generated package."],
    [
      "a ServiceProviderConfig that is null",
      rfcWith((d) => {
        (d as { serviceProviderConfig: unknown }).serviceProviderConfig = null;
      }),
      "serviceProviderConfig is not an object.",
    ],
    [
      "a ServiceProviderConfig without meta (it has no id: named by its key)",
      rfcWith((d) => {
        delete (d.serviceProviderConfig as { meta?: unknown }).meta;
      }),
      'serviceProviderConfig has no "meta" object (RFC 7643 §3.1).',
    ],
    [
      "a resource type that is a number",
      rfcWith((d) => {
        d.resourceTypes = replaceAt(d.resourceTypes, 1, 42);
      }),
      "resourceTypes[1] is not an object.",
    ],
    [
      "a resource type without id",
      rfcWith((d) => {
        delete (d.resourceTypes[1] as { id?: unknown }).id;
      }),
      'resourceTypes[1] has no string "id" (RFC 7643 §6, §7).',
    ],
    [
      "a resource type whose id is not a string (named by its position, not by the id)",
      rfcWith((d) => {
        (d.resourceTypes[0] as { id?: unknown }).id = 42;
      }),
      'resourceTypes[0] has no string "id" (RFC 7643 §6, §7).',
    ],
    [
      "a resource type whose meta is null (named by its id)",
      rfcWith((d) => {
        (d.resourceTypes[0] as { meta: unknown }).meta = null;
      }),
      'resourceTypes[0] "User" has no "meta" object (RFC 7643 §3.1).',
    ],
    [
      "a schema that is null",
      rfcWith((d) => {
        d.schemas = replaceAt(d.schemas, 0, null);
      }),
      "schemas[0] is not an object.",
    ],
    [
      "a schema whose meta.resourceType is wrong",
      rfcWith((d) => {
        Object.assign((d.schemas[2] as ScimDocument).meta, { resourceType: "ResourceType" });
      }),
      'schemas[2] "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" has meta.resourceType "ResourceType"; want "Schema" (RFC 7643 §3.1).',
    ],
    [
      "a service-provider schema without id (numbered after the resource schemas)",
      rfcWith((d) => {
        delete (d.serviceProviderSchemas[0] as { id?: unknown }).id;
      }),
      'schemas[3] has no string "id" (RFC 7643 §6, §7).',
    ],
    [
      "a schema holding the text that stands in for the base URL",
      rfcWith((d) => {
        d.schemas = replaceAt(d.schemas, 0, { ...d.schemas[0], description: "\u0000scim-base-url\u0000" });
      }),
      `schemas[0] "${USER}" contains the reserved text "\\u0000scim-base-url\\u0000".`,
    ],
    [
      "a message schema",
      rfcWith((d) => {
        d.schemas = [
          ...d.schemas,
          { id: "urn:ietf:params:scim:api:messages:2.0:Error", meta: { resourceType: "Schema", location: "/Schemas/urn:ietf:params:scim:api:messages:2.0:Error" } },
        ];
      }),
      'schema "urn:ietf:params:scim:api:messages:2.0:Error" is a message schema; /Schemas lists resource and service-provider schemas only (RFC 7644 §4).',
    ],
  ];
  it.each(cases)("%s", (_, documents, message) => {
    expectConfigurationError(() => prepareDocuments(documents as DiscoveryDocuments, true), message);
  });

  it("accepts the marker's escaped spelling as ordinary text (backslashes, no NUL characters)", () => {
    const documents = rfcWith((d) => {
      d.schemas = replaceAt(d.schemas, 0, { ...d.schemas[0], description: "\\u0000scim-base-url\\u0000" });
    });
    expect(prepareDocuments(documents, true).schemas).toHaveLength(6);
  });
});
