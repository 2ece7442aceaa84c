// The OpenAPI emitter's schema side, piece by piece: one SCIM attribute as a JSON Schema property
// (schema-object.ts), a whole resource or discovery document (resource-representation.ts), the component
// schemas (components.ts, component-names.ts), canonical order (canonical.ts), the OpenAPI Object's own
// keys (openapi-document.ts), the JSON Schema files (json-schema-files.ts), and YAML that YAML 1.1 and 1.2
// read alike (yaml-text.ts). Each test calls the smallest exported function that makes what it checks, on
// models built once, and compares with values written here by hand from RFC 7643/7644, the RFC 7643 §8.7.2
// figures and definitions/*.yaml: so that under mutation testing (per-test coverage) a mutant runs only the
// few tests that reach it, in milliseconds.

import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Memo } from "../../generator/emit/generated-file.js";
import { byCodeUnit, sortedMap, sortedResponses } from "../../generator/emit/openapi/canonical.js";
import { componentNames, schemaRef, serviceProviderSchema } from "../../generator/emit/openapi/component-names.js";
import { buildComponents, componentSchemas } from "../../generator/emit/openapi/components.js";
import { emitOpenApi } from "../../generator/emit/openapi/emit-openapi.js";
import { emitJsonSchemaFiles, jsonSchemaDocument } from "../../generator/emit/openapi/json-schema-files.js";
import { buildOpenApiDocument, exampleBaseUrl } from "../../generator/emit/openapi/openapi-document.js";
import type { SchemaObject } from "../../generator/emit/openapi/openapi-types.js";
import { attributeComponentOf, discoveryRepresentation, resourceRepresentation } from "../../generator/emit/openapi/resource-representation.js";
import {
  appearsIn,
  attributeProperties,
  attributeSchema,
  characteristicKeys,
  constant,
  isRequiredIn,
  schemaAttributesObject,
  sentence,
  type Representation,
} from "../../generator/emit/openapi/schema-object.js";
import { portableDoubleQuoted, portableYaml } from "../../generator/emit/openapi/yaml-text.js";
import type { Attribute, Model, ResourceType, Schema } from "../../generator/model/model.js";
import { rfc7643Fixture } from "../helpers/rfc7643.js";
import { externalIdProperty, idProperty, metaProperty, scim, variantFiles, variantUrn } from "./emitted-openapi-schemas-helpers.js";
import { at, modelOf, repositorySources, urn, type Json } from "./emitted-output-helpers.js";

/** The repository's definitions. */
let defaults: Model;
/** The default definitions plus the Widget (every attribute shape, a required extension, no operations) and Gadget (declares id, meta, externalId) ones. */
let variant: Model;

beforeAll(async () => {
  const sources = await repositorySources();
  defaults = modelOf(sources);
  variant = modelOf(sources, {}, variantFiles);
});

function resourceType(model: Model, name: string): ResourceType {
  const rt = model.resourceTypes.find((r) => r.name === name);
  if (rt === undefined) throw new Error(`no resource type ${name}`);
  return rt;
}

function schemaOf(model: Model, id: string): Schema {
  const schema = [...model.schemas, ...model.serviceProviderSchemas].find((s) => s.id === id);
  if (schema === undefined) throw new Error(`no schema ${id}`);
  return schema;
}

function attributeOf(schema: Schema, name: string): Attribute {
  const attribute = schema.attributes.find((a) => a.name === name);
  if (attribute === undefined) throw new Error(`no attribute ${name}`);
  return attribute;
}

const widget = (): Schema => schemaOf(variant, variantUrn.widget);
const keysOf = (value: unknown): string[] => Object.keys(value as Json);
const propertiesOf = (schema: SchemaObject): Json => schema.properties ?? {};

const representations: readonly Representation[] = ["full", "create", "replace", "response"];

// ---------------------------------------------------------------------------------------------------

describe("attributeSchema: one RFC 7643 §7 attribute as a JSON Schema 2020-12 property", () => {
  // Each RFC 7643 §2.3 data type as JSON Schema, every §7 characteristic as an x-scim-* key (§2.2 defaults
  // spelled out; caseExact only on string, reference and binary; uniqueness on all but complex, errata 6004).
  const want: Readonly<Record<string, Json>> = {
    // §2.2 canonicalValues are suggestions: JSON Schema `examples`.
    label: { description: "The label.", type: "string", examples: ["small", "large"], ...scim({ "x-scim-required": true, "x-scim-caseExact": false, "x-scim-canonicalValues": ["small", "large"], "x-scim-uniqueness": "none" }) },
    // …unless codegen.closedCanonicalValues closes the list: an `enum`.
    kind: { description: "The kind.", type: "string", enum: ["round", "square"], ...scim({ "x-scim-caseExact": false, "x-scim-canonicalValues": ["round", "square"], "x-scim-uniqueness": "none" }) },
    enabled: { description: "Whether it is on.", type: "boolean", ...scim({ "x-scim-type": "boolean", "x-scim-uniqueness": "none" }) },
    // §2.3.3 decimal: a JSON number.
    weight: { description: "The weight.", type: "number", ...scim({ "x-scim-type": "decimal", "x-scim-required": true, "x-scim-returned": "request", "x-scim-uniqueness": "none" }) },
    count: { description: "How many.", type: "integer", ...scim({ "x-scim-type": "integer", "x-scim-required": true, "x-scim-returned": "always", "x-scim-uniqueness": "none" }) },
    // §2.3.5 dateTime: an RFC 3339 date-time string.
    madeAt: { description: "When it was made.", type: "string", format: "date-time", ...scim({ "x-scim-type": "dateTime", "x-scim-mutability": "immutable", "x-scim-uniqueness": "none" }) },
    // §2.3.7 reference: an absolute or relative URI.
    owner: {
      description: "Who owns it.",
      type: "string",
      format: "uri-reference",
      ...scim({ "x-scim-type": "reference", "x-scim-caseExact": false, "x-scim-referenceTypes": ["User", "external"], "x-scim-uniqueness": "none" }),
    },
    // §2.3.6 binary: base64 (RFC 4648 §4).
    photo: { description: "A photo.", type: "string", contentEncoding: "base64", ...scim({ "x-scim-type": "binary", "x-scim-caseExact": true, "x-scim-uniqueness": "none" }) },
    // §2.2 writeOnly / readOnly as the JSON Schema annotations of the same names (OAS 3.1 §4.8.24).
    secret: { description: "A secret.", type: "string", writeOnly: true, ...scim({ "x-scim-required": true, "x-scim-caseExact": false, "x-scim-mutability": "writeOnly", "x-scim-uniqueness": "none" }) },
    hidden: { description: "Never returned.", type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-returned": "never", "x-scim-uniqueness": "none" }) },
    serial: {
      description: "Assigned by the service provider.",
      type: "string",
      readOnly: true,
      ...scim({ "x-scim-required": true, "x-scim-caseExact": false, "x-scim-mutability": "readOnly", "x-scim-uniqueness": "global" }),
    },
    ExternalId: { description: "The widget's own externalId.", type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) },
    // §2.3.8 complex, multi-valued: an array of objects with exactly the sub-attributes; no caseExact, no uniqueness.
    parts: {
      description: "The parts.",
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { description: "The part's name.", type: "string", ...scim({ "x-scim-required": true, "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) },
          code: { description: "The part's code.", type: "string", readOnly: true, ...scim({ "x-scim-caseExact": false, "x-scim-mutability": "readOnly", "x-scim-uniqueness": "none" }) },
        },
        required: ["name"],
        additionalProperties: false,
      },
      ...scim({ "x-scim-type": "complex", "x-scim-multiValued": true }),
    },
  };

  it("writes each attribute of the Widget schema as its property schema, as /Schemas lists it (full)", () => {
    const schema = widget();
    expect(schema.attributes.map((a) => a.name)).toEqual(Object.keys(want));
    for (const attribute of schema.attributes) expect(attributeSchema(attribute, "full"), attribute.name).toStrictEqual(want[attribute.name]);
  });

  it("keeps a complex value's sub-attributes that appear in the representation (RFC 7644 §3.3: no readOnly one in a request)", () => {
    const parts = attributeOf(widget(), "parts");
    const items = (representation: Representation): unknown => attributeSchema(parts, representation).items;
    expect(keysOf(propertiesOf(items("create") as SchemaObject))).toEqual(["name"]);
    expect(keysOf(propertiesOf(items("replace") as SchemaObject))).toEqual(["name"]);
    expect(keysOf(propertiesOf(items("response") as SchemaObject))).toEqual(["name", "code"]);
    // A complex value without any required sub-attribute has no `required` at all.
    const manager = attributeOf(schemaOf(defaults, urn.enterpriseUser), "manager");
    expect(attributeSchema(manager, "create")).toStrictEqual({
      description: "The User's manager.  A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      type: "object",
      properties: {
        value: { description: "The id of the SCIM resource representing the User's manager.  REQUIRED.", type: "string", ...scim({ "x-scim-caseExact": true, "x-scim-uniqueness": "none" }) },
        $ref: {
          description: "The URI of the SCIM resource representing the User's manager.  REQUIRED.",
          type: "string",
          format: "uri-reference",
          ...scim({ "x-scim-type": "reference", "x-scim-caseExact": false, "x-scim-referenceTypes": ["User"], "x-scim-uniqueness": "none" }),
        },
      },
      additionalProperties: false,
      ...scim({ "x-scim-type": "complex" }),
    });
  });

  it("characteristicKeys lists the RFC 7643 §7 characteristics in /Schemas key order, the optional ones only where they exist", () => {
    expect(Object.keys(characteristicKeys(attributeOf(widget(), "owner")))).toEqual([
      "x-scim-type", "x-scim-multiValued", "x-scim-required", "x-scim-caseExact", "x-scim-referenceTypes", "x-scim-mutability", "x-scim-returned", "x-scim-uniqueness",
    ]);
    expect(Object.keys(characteristicKeys(attributeOf(widget(), "label")))).toEqual([
      "x-scim-type", "x-scim-multiValued", "x-scim-required", "x-scim-caseExact", "x-scim-canonicalValues", "x-scim-mutability", "x-scim-returned", "x-scim-uniqueness",
    ]);
    expect(characteristicKeys(attributeOf(widget(), "parts"))).toStrictEqual(scim({ "x-scim-type": "complex", "x-scim-multiValued": true }));
  });
});

describe("which attributes a representation holds, and which it requires", () => {
  // RFC 7644 §3.3, §3.5.1: a request leaves readOnly attributes out. RFC 7643 §2.2: writeOnly and
  // `returned: never` are never returned; a required `returned: request` one is there only when asked for.
  const all = ["label", "kind", "enabled", "weight", "count", "madeAt", "owner", "photo", "secret", "hidden", "serial", "ExternalId", "parts"];
  const want: Readonly<Record<Representation, { readonly shown: readonly string[]; readonly required: readonly string[] }>> = {
    full: { shown: all, required: ["label", "weight", "count", "secret", "serial"] },
    create: { shown: all.filter((n) => n !== "serial"), required: ["label", "weight", "count", "secret"] },
    replace: { shown: all.filter((n) => n !== "serial"), required: ["label", "weight", "count", "secret"] },
    response: { shown: all.filter((n) => n !== "secret" && n !== "hidden"), required: ["label", "count", "serial"] },
  };

  it("attributeProperties: the Widget's properties in declared order, and `required`, per representation", () => {
    for (const representation of representations) {
      const got = attributeProperties(widget().attributes, representation);
      expect(Object.keys(got), representation).toEqual(["properties", "required"]);
      expect(Object.keys(got.properties), representation).toEqual(want[representation].shown);
      expect(got.required, representation).toEqual(want[representation].required);
    }
  });

  it("appearsIn and isRequiredIn answer attribute by attribute", () => {
    for (const representation of representations) {
      for (const attribute of widget().attributes) {
        const where = `${attribute.name} ${representation}`;
        expect(appearsIn(attribute, representation), where).toBe(want[representation].shown.includes(attribute.name));
        if (appearsIn(attribute, representation)) expect(isRequiredIn(attribute, representation), where).toBe(want[representation].required.includes(attribute.name));
      }
    }
  });

  it("leaves `required` out where no attribute is required", () => {
    for (const representation of representations) {
      expect(attributeProperties(schemaOf(variant, variantUrn.widgetExtension).attributes, representation), representation).toStrictEqual({
        properties: { colour: { description: "The colour.", type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) } },
      });
    }
    expect(attributeProperties([], "full")).toStrictEqual({ properties: {} });
  });

  it("schemaAttributesObject: a schema's attributes as one closed object, titled by its name, x-scim-schema its URN", () => {
    expect(schemaAttributesObject(schemaOf(variant, variantUrn.widgetExtension), "full")).toStrictEqual({
      title: "WidgetExtension",
      description: "Widget extras",
      type: "object",
      properties: { colour: { description: "The colour.", type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) } },
      additionalProperties: false,
      "x-scim-schema": variantUrn.widgetExtension,
    });
  });
});

describe("sentence and constant", () => {
  it("sentence ends text with a full stop unless it ends with one of . ! ? or is empty, trimmed", () => {
    const table: [string, string][] = [
      ["", ""],
      ["   ", ""],
      ["Enterprise User", "Enterprise User."],
      ["  Enterprise User  ", "Enterprise User."],
      ["Done.", "Done."],
      ["Done!", "Done!"],
      ["Done?", "Done?"],
      ["e.g. this", "e.g. this."],
      ["Stryker was here!", "Stryker was here!"],
    ];
    for (const [given, want] of table) expect(sentence(given), JSON.stringify(given)).toBe(want);
  });

  it("constant is a JSON Schema const, with a description only when given", () => {
    expect(constant("x")).toStrictEqual({ const: "x" });
    expect(constant(1, "One.")).toStrictEqual({ description: "One.", const: 1 });
    expect(Object.keys(constant(null, "Nothing."))).toEqual(["description", "const"]);
  });
});

// ---------------------------------------------------------------------------------------------------

const userDescription = (kind: "create" | "replace" | "response"): string =>
  ({
    create: "The body of POST /Users (RFC 7644 §3.3): a User without its readOnly attributes, which a service provider ignores when a client sends them.",
    replace: "The body of PUT /Users/{id} (RFC 7644 §3.5.1): it replaces the readWrite attributes; readOnly attributes are ignored, and immutable ones must equal their current value.",
    response: "A User as the service provider returns it (RFC 7643 §3, RFC 7644 §3.4.1). writeOnly and `returned: never` attributes never appear.",
  })[kind] + " Attribute names are case-insensitive (RFC 7643 §2.1); they are spelled here as /Schemas spells them.";

/** The User schema's attributes (definitions/schemas/user.yaml), in order. */
const userAttributes = [
  "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "active",
  "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates",
];

/** RFC 7643 §3: `schemas` lists the base schema URN and may list each extension's. */
function schemasProperty(base: string, urns: readonly string[]): Json {
  return {
    description: "The URIs of the schemas this resource uses: its base schema, and each extension it carries (RFC 7643 §3).",
    type: "array",
    items: { type: "string", enum: urns },
    minItems: 1,
    uniqueItems: true,
    contains: { const: base },
    "x-scim-common": true,
  };
}

describe("resourceRepresentation: a whole SCIM resource (RFC 7643 §3) per representation", () => {
  it("a User response: schemas, id, externalId, meta (RFC 7643 §3.1), the User attributes but password, the enterprise extension under its URN", () => {
    const got = resourceRepresentation(resourceType(defaults, "User"), "response");
    expect(Object.keys(got)).toEqual(["title", "description", "type", "properties", "required", "additionalProperties", "dependentSchemas", "x-scim-schema", "x-scim-resourceType"]);
    expect([got.title, got.description, got.type, got.additionalProperties, got["x-scim-schema"], got["x-scim-resourceType"]]).toEqual([
      "User", userDescription("response"), "object", false, urn.user, "User",
    ]);
    const properties = propertiesOf(got);
    expect(Object.keys(properties)).toEqual(["schemas", "id", "externalId", "meta", ...userAttributes.filter((n) => n !== "password"), urn.enterpriseUser]);
    expect(properties["schemas"]).toStrictEqual(schemasProperty(urn.user, [urn.user, urn.enterpriseUser]));
    expect(properties["id"]).toStrictEqual(idProperty);
    expect(properties["externalId"]).toStrictEqual(externalIdProperty);
    expect(properties["meta"]).toStrictEqual(metaProperty("User"));
    // RFC 7643 §3.1: id is always returned; userName is REQUIRED; the extension is optional (user.yaml).
    expect(got.required).toEqual(["schemas", "id", "userName"]);
    // RFC 7643 §3.3: an extension's attributes sit in an object under its URN.
    const extension = properties[urn.enterpriseUser] as Json;
    expect(Object.keys(extension)).toEqual(["title", "description", "type", "properties", "additionalProperties", "x-scim-schema"]);
    expect([extension["title"], extension["description"], extension["type"], extension["additionalProperties"], extension["x-scim-schema"]]).toEqual([
      "EnterpriseUser",
      "Enterprise User. The EnterpriseUser extension (RFC 7643 §3.3), optional for User; when present, `schemas` lists its URN.",
      "object",
      false,
      urn.enterpriseUser,
    ]);
    expect(Object.keys(extension["properties"] as Json)).toEqual(["employeeNumber", "costCenter", "organization", "division", "department", "manager"]);
    // RFC 7643 §3: `schemas` must name every extension whose attributes the resource carries.
    expect(got.dependentSchemas).toStrictEqual({ [urn.enterpriseUser]: { properties: { schemas: { type: "array", contains: { const: urn.enterpriseUser } } } } });
  });

  it("a User create and replace request: no id or meta, no readOnly attribute (RFC 7644 §3.3, §3.5.1), password in", () => {
    for (const kind of ["create", "replace"] as const) {
      const got = resourceRepresentation(resourceType(defaults, "User"), kind);
      expect([got.title, got.description], kind).toEqual([`User ${kind} request`, userDescription(kind)]);
      expect(Object.keys(propertiesOf(got)), kind).toEqual(["schemas", "externalId", ...userAttributes.filter((n) => n !== "groups"), urn.enterpriseUser]);
      expect(propertiesOf(got)["externalId"], kind).toStrictEqual(externalIdProperty);
      expect(got.required, kind).toEqual(["schemas", "userName"]);
      expect(Object.keys(propertiesOf(propertiesOf(got)[urn.enterpriseUser] as SchemaObject)), kind).toEqual([
        "employeeNumber", "costCenter", "organization", "division", "department", "manager",
      ]);
    }
  });

  it("a Group, which has no extension: schemas lists only its URN, and there is no dependentSchemas", () => {
    const got = resourceRepresentation(resourceType(defaults, "Group"), "response");
    expect(Object.keys(got)).toEqual(["title", "description", "type", "properties", "required", "additionalProperties", "x-scim-schema", "x-scim-resourceType"]);
    expect(got.title).toBe("Group");
    expect(got.description).toBe(
      "A Group as the service provider returns it (RFC 7643 §3, RFC 7644 §3.4.1). writeOnly and `returned: never` attributes never appear. Attribute names are case-insensitive (RFC 7643 §2.1); they are spelled here as /Schemas spells them.",
    );
    expect(Object.keys(propertiesOf(got))).toEqual(["schemas", "id", "externalId", "meta", "displayName", "members"]);
    expect(propertiesOf(got)["schemas"]).toStrictEqual(schemasProperty(urn.group, [urn.group]));
    expect(propertiesOf(got)["meta"]).toStrictEqual(metaProperty("Group"));
    expect(got.required).toEqual(["schemas", "id", "displayName"]);
    expect(resourceRepresentation(resourceType(defaults, "Group"), "create").description).toBe(
      "The body of POST /Groups (RFC 7644 §3.3): a Group without its readOnly attributes, which a service provider ignores when a client sends them. Attribute names are case-insensitive (RFC 7643 §2.1); they are spelled here as /Schemas spells them.",
    );
  });

  it("a required extension is required, and a base schema's `ExternalId` is the common externalId (RFC 7643 §2.1 names are case-insensitive)", () => {
    const rt = resourceType(variant, "Widget");
    const response = resourceRepresentation(rt, "response");
    expect(Object.keys(propertiesOf(response))).toEqual([
      "schemas", "id", "meta", "label", "kind", "enabled", "weight", "count", "madeAt", "owner", "photo", "serial", "ExternalId", "parts", variantUrn.widgetExtension,
    ]);
    expect(response.required).toEqual(["schemas", "id", "label", "count", "serial", variantUrn.widgetExtension]);
    expect(propertiesOf(response)[variantUrn.widgetExtension]).toStrictEqual({
      title: "WidgetExtension",
      description: "Widget extras. The WidgetExtension extension (RFC 7643 §3.3), required for Widget; when present, `schemas` lists its URN.",
      type: "object",
      properties: { colour: { description: "The colour.", type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) } },
      additionalProperties: false,
      "x-scim-schema": variantUrn.widgetExtension,
    });
    const create = resourceRepresentation(rt, "create");
    expect(Object.keys(propertiesOf(create))).toEqual([
      "schemas", "label", "kind", "enabled", "weight", "count", "madeAt", "owner", "photo", "secret", "hidden", "ExternalId", "parts", variantUrn.widgetExtension,
    ]);
    expect(create.required).toEqual(["schemas", "label", "weight", "count", "secret", variantUrn.widgetExtension]);
    expect(create.title).toBe("Widget create request");
    expect(resourceRepresentation(rt, "replace").title).toBe("Widget replace request");
  });

  it("a base schema that declares id, meta and externalId itself: its own declarations, in its order, not required", () => {
    const rt = resourceType(variant, "Gadget");
    const own = (description: string): Json => ({ description, type: "string", ...scim({ "x-scim-caseExact": false, "x-scim-uniqueness": "none" }) });
    for (const kind of ["create", "replace", "response"] as const) {
      const got = resourceRepresentation(rt, kind);
      expect(got.properties, kind).toStrictEqual({
        schemas: schemasProperty(variantUrn.gadget, [variantUrn.gadget]),
        id: own("The gadget's own id."),
        meta: own("The gadget's own meta."),
        externalId: own("The gadget's own externalId."),
      });
      expect(Object.keys(propertiesOf(got)), kind).toEqual(["schemas", "id", "meta", "externalId"]);
      expect(got.required, kind).toEqual(["schemas"]);
    }
  });
});

describe("discoveryRepresentation: a discovery document as served (RFC 7643 §5–§7)", () => {
  it("the ResourceType document: exactly its schema URN, the RFC 7643 §8.7.2 attributes, meta with resourceType and an absolute location", () => {
    const schema = schemaOf(defaults, urn.resourceType);
    const got = discoveryRepresentation(schema, "ResourceType", "A ResourceType document.");
    const figure = rfc7643Fixture("rfc7643-8.7.2-schema-resource-type.json")["attributes"] as Json[];
    expect(Object.keys(got)).toEqual(["title", "description", "type", "properties", "required", "additionalProperties", "x-scim-schema", "x-scim-resourceType"]);
    expect([got.title, got.description, got.type, got.additionalProperties, got["x-scim-schema"], got["x-scim-resourceType"]]).toEqual([
      "ResourceType", "A ResourceType document.", "object", false, urn.resourceType, "ResourceType",
    ]);
    expect(Object.keys(propertiesOf(got))).toEqual(["schemas", ...figure.map((a) => a["name"]), "meta"]);
    expect(propertiesOf(got)["schemas"]).toStrictEqual({
      description: "Exactly the ResourceType schema URI (RFC 7643 §3).",
      type: "array",
      items: { type: "string", const: urn.resourceType },
      minItems: 1,
      maxItems: 1,
      "x-scim-common": true,
    });
    // RFC 7644 §3.1: location is the absolute URI of the document.
    expect(propertiesOf(got)["meta"]).toStrictEqual(metaProperty("ResourceType", { required: ["resourceType", "location"], location: { format: "uri" } }));
    // The figure's required attributes (all returned by default), between `schemas` and `meta`.
    expect(got.required).toEqual(["schemas", ...figure.filter((a) => a["required"] === true).map((a) => a["name"]), "meta"]);
    expect(got.required).toEqual(["schemas", "name", "endpoint", "schema", "schemaExtensions", "meta"]);
  });

  it("a schema without required attributes: only schemas and meta are required; the name is Markdown text", () => {
    const got = discoveryRepresentation(schemaOf(variant, variantUrn.widgetExtension), "Thing", "d");
    expect(got.required).toEqual(["schemas", "meta"]);
    expect(at(propertiesOf(got)["meta"], "properties", "resourceType", "const")).toBe("Thing");
    expect(at(propertiesOf(got)["schemas"], "description")).toBe("Exactly the WidgetExtension schema URI (RFC 7643 §3).");
  });
});

describe("attributeComponentOf: one `Attribute` shape for an attribute at any depth (RFC 7643 §7)", () => {
  const ref: SchemaObject = { $ref: "#/components/schemas/Attribute" };
  const document = (): SchemaObject => ({
    title: "Schema",
    type: "object",
    properties: {
      id: { type: "string" },
      attributes: {
        type: "array",
        items: {
          type: "object",
          properties: { name: { type: "string" }, subAttributes: { type: "array", minItems: 1, items: { type: "object", properties: { name: { type: "string" } } } } },
          required: ["name"],
        },
      },
    },
  });

  it("names the items of `attributes` Attribute, whose subAttributes items refer to Attribute itself", () => {
    expect(attributeComponentOf(document(), ref)).toStrictEqual({
      attribute: {
        title: "Attribute",
        description:
          "An attribute of a SCIM schema with its RFC 7643 §7 characteristics, as a Schema document lists it; a complex attribute's `subAttributes` have the same characteristics (RFC 7643 §7), to any depth.",
        type: "object",
        properties: { name: { type: "string" }, subAttributes: { type: "array", minItems: 1, items: ref } },
        required: ["name"],
      },
      schema: {
        title: "Schema",
        type: "object",
        properties: { id: { type: "string" }, attributes: { type: "array", items: ref } },
      },
    });
  });

  it("throws, as a generator bug, when the Schema schema has no attributes.subAttributes", () => {
    const message = "scim-codegen: the Schema schema has no attributes.subAttributes (RFC 7643 §8.7.2)";
    expect(() => attributeComponentOf({ type: "object", properties: {} }, ref)).toThrow(message);
    expect(() => attributeComponentOf({ type: "object", properties: { attributes: { type: "array" } } }, ref)).toThrow(message);
    expect(() => attributeComponentOf({ type: "object", properties: { attributes: { type: "array", items: { type: "object" } } } }, ref)).toThrow(message);
    expect(() => attributeComponentOf({ properties: { attributes: { items: { properties: { subAttributes: { type: "array" } } } } } }, ref)).toThrow(message);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("componentSchemas and componentNames", () => {
  it("names every component as the core package names its types, and refuses a service-provider schema it lacks", () => {
    const names = componentNames(defaults);
    // One per schema, in the /Schemas order.
    expect([...names.schemaAttributes].map(([schema, name]) => [schema.id, name])).toEqual([
      [urn.group, "GroupAttributes"],
      [urn.user, "UserAttributes"],
      [urn.enterpriseUser, "EnterpriseUserAttributes"],
      [urn.resourceType, "ResourceTypeAttributes"],
      [urn.schema, "SchemaAttributes"],
      [urn.serviceProviderConfig, "ServiceProviderConfigAttributes"],
    ]);
    expect([...names.resourceTypes].map(([rt, n]) => [rt.name, n])).toEqual([
      ["Group", { response: "Group", create: "GroupCreateRequest", replace: "GroupReplaceRequest", list: "GroupListResponse" }],
      ["User", { response: "User", create: "UserCreateRequest", replace: "UserReplaceRequest", list: "UserListResponse" }],
    ]);
    expect(schemaRef("User")).toStrictEqual({ $ref: "#/components/schemas/User" });
    expect(serviceProviderSchema(defaults, urn.schema).name).toBe("Schema");
    expect(() => serviceProviderSchema(defaults, urn.user)).toThrow(`scim-codegen: the model has no ${urn.user} schema`);
  });

  it("refuses names made for another model's resource types, as a generator bug", () => {
    expect(() => componentSchemas(variant, componentNames(defaults))).toThrow("scim-codegen: no component names for resource type Gadget");
  });

  it("holds exactly these schemas, in code-unit order", () => {
    const schemas = componentSchemas(defaults, componentNames(defaults));
    expect(Object.keys(schemas)).toEqual([
      "Attribute", "EnterpriseUserAttributes", "Error", "Group", "GroupAttributes", "GroupCreateRequest", "GroupListResponse", "GroupReplaceRequest",
      "PatchOp", "ResourceType", "ResourceTypeAttributes", "ResourceTypeListResponse", "Schema", "SchemaAttributes", "SchemaListResponse",
      "ServiceProviderConfig", "ServiceProviderConfigAttributes", "User", "UserAttributes", "UserCreateRequest", "UserListResponse", "UserReplaceRequest",
    ]);
    const userAttributesComponent = schemas["UserAttributes"] ?? {};
    expect(Object.keys(userAttributesComponent)).toEqual(["$comment", "title", "description", "type", "properties", "required", "additionalProperties", "x-scim-schema"]);
    expect(userAttributesComponent.$comment).toBe(
      `The attributes of ${urn.user} as /Schemas lists them (RFC 7643 §7): readOnly and writeOnly marked, required as defined, every characteristic as an x-scim-* key.`,
    );
    // `full`: password (writeOnly) and groups (readOnly) are both there, marked.
    expect(Object.keys(propertiesOf(userAttributesComponent))).toEqual(userAttributes);
    expect([at(userAttributesComponent, "properties", "password", "writeOnly"), at(userAttributesComponent, "properties", "groups", "readOnly")]).toEqual([true, true]);
    expect([schemas["User"]?.title, schemas["UserCreateRequest"]?.title, schemas["UserReplaceRequest"]?.title]).toEqual(["User", "User create request", "User replace request"]);
  });

  it("the list responses: a resource list may be paged (RFC 7644 §3.4.2), the discovery lists come in one page (§4)", () => {
    const schemas = componentSchemas(defaults, componentNames(defaults));
    const list = (name: string): Json => schemas[name] as Json;
    expect([list("UserListResponse")["title"], list("UserListResponse")["description"], list("UserListResponse")["required"]]).toEqual([
      "User list", "A page of User resources (RFC 7644 §3.4.2).", ["schemas", "totalResults"],
    ]);
    expect(at(list("UserListResponse"), "properties", "Resources", "items")).toStrictEqual({ $ref: "#/components/schemas/User" });
    expect([list("ResourceTypeListResponse")["title"], list("ResourceTypeListResponse")["description"], list("ResourceTypeListResponse")["required"]]).toEqual([
      "ResourceType list",
      "Every resource type in one page (RFC 7644 §4): totalResults = itemsPerPage = the number of Resources, startIndex 1.",
      ["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"],
    ]);
    expect([list("SchemaListResponse")["title"], list("SchemaListResponse")["description"], list("SchemaListResponse")["required"]]).toEqual([
      "Schema list",
      "Every schema in one page (RFC 7644 §4): totalResults = itemsPerPage = the number of Resources, startIndex 1.",
      ["schemas", "totalResults", "itemsPerPage", "startIndex", "Resources"],
    ]);
    expect(at(list("SchemaListResponse"), "properties", "Resources", "items")).toStrictEqual({ $ref: "#/components/schemas/Schema" });
  });

  it("the discovery documents: titles, descriptions and meta.resourceType of RFC 7643 §5–§7; Schema's attributes are Attribute", () => {
    const schemas = componentSchemas(defaults, componentNames(defaults));
    const summary = (name: string): unknown[] => [schemas[name]?.title, schemas[name]?.description, at(schemas[name], "properties", "meta", "properties", "resourceType", "const")];
    // The titles are the RFC 7643 §8.7.2 schema names.
    expect(summary("ServiceProviderConfig")).toEqual([
      "Service Provider Configuration",
      "The ServiceProviderConfig document (RFC 7643 §5): no `id`, all six features with every sub-attribute.",
      "ServiceProviderConfig",
    ]);
    expect(summary("ResourceType")).toEqual(["ResourceType", "A ResourceType document (RFC 7643 §6).", "ResourceType"]);
    expect(summary("Schema")).toEqual(["Schema", "A Schema document (RFC 7643 §7) with every attribute characteristic spelled out.", "Schema"]);
    expect(at(schemas["Schema"], "properties", "attributes", "items")).toStrictEqual({ $ref: "#/components/schemas/Attribute" });
    expect(schemas["Attribute"]?.title).toBe("Attribute");
    expect(at(schemas["Attribute"], "properties", "subAttributes", "items")).toStrictEqual({ $ref: "#/components/schemas/Attribute" });
  });

  it("buildComponents sorts every map (HOUSE-STYLE canonical order)", () => {
    const components = buildComponents(defaults, componentNames(defaults), []);
    expect(Object.keys(components)).toEqual(["schemas", "responses", "parameters", "headers", "securitySchemes"]);
    for (const map of Object.values(components)) expect(Object.keys(map)).toEqual(Object.keys(map).sort());
    expect(components.securitySchemes).toStrictEqual({});
  });
});

describe("canonical order", () => {
  it("byCodeUnit compares UTF-16 code units: -1, 0, 1", () => {
    expect([byCodeUnit("a", "b"), byCodeUnit("b", "a"), byCodeUnit("a", "a"), byCodeUnit("B", "a"), byCodeUnit("", "a")]).toEqual([-1, 1, 0, -1, -1]);
    // Not locale order: "Z" (U+005A) before "a" (U+0061), "é" (U+00E9) after "z".
    expect(["é", "a", "Z", "z"].sort(byCodeUnit)).toEqual(["Z", "a", "z", "é"]);
  });

  it("sortedMap sorts by key and refuses a duplicate key as a generator bug", () => {
    const got = sortedMap([["b", 1], ["a", 2], ["C", 3]]);
    expect(Object.keys(got)).toEqual(["C", "a", "b"]);
    expect(got).toStrictEqual({ C: 3, a: 2, b: 1 });
    expect(() => sortedMap([["b", 1], ["a", 2], ["b", 3]])).toThrow('scim-codegen: duplicate key "b" in an OpenAPI map');
    expect(Object.keys(sortedResponses([[404, "x"], [200, "y"], [304, "z"]]))).toEqual(["200", "304", "404"]);
    expect(() => sortedResponses([[200, "x"], [200, "y"]])).toThrow('scim-codegen: duplicate key "200" in an OpenAPI map');
  });
});

// ---------------------------------------------------------------------------------------------------

describe("the OpenAPI Object (OAS 3.1 §4.8.1)", () => {
  it("info, externalDocs, one {baseUrl} server and a tag per resource type that has operations", () => {
    const document = buildOpenApiDocument(variant);
    expect(Object.keys(document)).toEqual(["openapi", "info", "externalDocs", "servers", "security", "tags", "paths", "components"]);
    expect(document.info).toStrictEqual({
      title: "SCIM 2.0 service provider",
      // RFC 7644 §3.13: the protocol version, not a release.
      version: "2.0",
      description: `The SCIM 2.0 API of this service provider (RFC 7643, RFC 7644), generated by scim-codegen from the same definitions as its discovery documents, so the two cannot disagree.

Every body is \`application/scim+json\`. Errors are SCIM Error messages whose \`status\` is the HTTP status as a string (RFC 7644 §3.12). Attribute names are case-insensitive (RFC 7643 §2.1); schemas here spell them as /Schemas does. Every schema attribute keeps its RFC 7643 §7 characteristics as \`x-scim-*\` keys.`,
    });
    // definitions/service-provider-config.yaml documentationUri (RFC 7643 §5).
    expect(document.externalDocs).toStrictEqual({ description: "Service provider documentation (ServiceProviderConfig documentationUri, RFC 7643 §5).", url: "https://docs.example.com/scim" });
    expect(document.servers).toStrictEqual([
      {
        url: "{baseUrl}",
        description:
          "The SCIM base URL of the service provider, without a trailing slash: the prefix of every `meta.location` it returns (RFC 7644 §3.13 lets it carry a version, e.g. /scim/v2). Set the `baseUrl` variable to yours.",
        variables: { baseUrl: { default: "https://scim.example.org/scim/v2" } },
      },
    ]);
    // Widget declares no operation, so it has no tag; Gadget has no description, so its name stands in.
    expect(document.tags).toStrictEqual([
      { name: "Discovery", description: "Service provider configuration, resource types and schemas (RFC 7644 §4)." },
      { name: "Gadget", description: `Gadget: the /Gadgets endpoint (RFC 7644 §3), schema ${variantUrn.gadget}.` },
      { name: "Group", description: `Group: the /Groups endpoint (RFC 7644 §3), schema ${urn.group}.` },
      { name: "User", description: `User Account: the /Users endpoint (RFC 7644 §3), schema ${urn.user}.` },
    ]);
    expect(exampleBaseUrl(variant)).toBe("https://scim.example.org/scim/v2");
  });
});

describe("emitOpenApi and the JSON Schema files", () => {
  it("memoises the YAML body on the JSON text under a kind of its own, and writes the same document as YAML", () => {
    const calls: [string, string][] = [];
    // Only the OpenAPI document's own computation runs: the validators' (ajv, ts-morph) would take seconds.
    const recording: Memo = (kind, input, compute) => {
      calls.push([kind, input]);
      return /^\{\s*"openapi":/.test(input) ? compute() : "";
    };
    const files = emitOpenApi(defaults, recording);
    const json = files.find((f) => f.path === "openapi/openapi.json")?.contents ?? "";
    const yaml = files.find((f) => f.path === "openapi/openapi.yaml")?.contents ?? "";
    // A memo's key is its kind and input (generator/cache/transform-cache.ts): each computation names its kind.
    for (const [kind] of calls) expect(kind).not.toBe("");
    const yamlCalls = calls.filter(([, input]) => input === json);
    expect(yamlCalls.map(([kind]) => kind)).toEqual(["openapi-yaml-body"]);
    expect(yaml.slice(0, yaml.indexOf("\n"))).toBe("# Code generated by scim-codegen from definitions/. DO NOT EDIT.");
    // YAML 1.1 readers (PyYAML, SnakeYAML) must read the same document as the JSON.
    expect(parseYaml(yaml, { version: "1.1" })).toStrictEqual(JSON.parse(json));
  });

  it("jsonSchemaDocument: a self-contained JSON Schema 2020-12 document whose $id is its relative file name", () => {
    const got = jsonSchemaDocument(resourceType(defaults, "Group"), "replace");
    expect(Object.keys(got).slice(0, 3)).toEqual(["$schema", "$id", "title"]);
    expect([got.$schema, got.$id, got.title]).toEqual(["https://json-schema.org/draft/2020-12/schema", "group.replace.schema.json", "Group replace request"]);
    expect(emitJsonSchemaFiles(variant).map((f) => f.path)).toEqual(
      ["gadget", "group", "user", "widget"].flatMap((stem) => ["create", "replace", "response"].map((r) => `json-schema/${stem}.${r}.schema.json`)),
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe("portableYaml: YAML that YAML 1.1 and YAML 1.2 parsers read alike", () => {
  it("portableDoubleQuoted writes the YAML 1.1 §5.7 escapes, \\xXX and \\uXXXX for the other non-printables, the rest raw", () => {
    expect(portableDoubleQuoted("\u0000\u0007\b\t\n\u000b\f\r\u001b\"\\\u0085\u2028\u2029")).toBe('"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\"\\\\\\N\\L\\P"');
    expect(portableDoubleQuoted("a\u0001\u007f\u009f\ufeff\ufffe\uffff\u00ff é")).toBe('"a\\x01\\x7F\\x9F\\uFEFF\\uFFFE\\uFFFFÿ é"');
    expect(portableDoubleQuoted("")).toBe('""');
    for (const text of ["tab\there", "\u0000\u0007\b\t\n\u000b\f\r\u001b\"\\\u0085\u2028\u2029", "a\u0001\u007f\u009f\ufeff é"]) {
      expect(parseYaml(portableDoubleQuoted(text), { version: "1.1" }), JSON.stringify(text)).toBe(text);
      expect(parseYaml(portableDoubleQuoted(text), { version: "1.2" }), JSON.stringify(text)).toBe(text);
    }
  });

  it("double-quotes a string a YAML 1.1 reader would break or refuse, and `=`; the rest as the package writes it", () => {
    const value = { a: "plain", b: "tab\there", c: "=", d: "line\u2028sep", n: 1, t: true, z: null, e: "", f: "a\nb" };
    const text = portableYaml(value);
    // `n` is a boolean in YAML 1.1 (§10.3): quoted as a key.
    expect(text).toBe('a: plain\nb: "tab\\there"\nc: "="\nd: "line\\Lsep"\n"n": 1\nt: true\nz: null\ne: ""\nf: |-\n  a\n  b\n');
    expect(parseYaml(text, { version: "1.1" })).toStrictEqual(value);
  });

  it("writes values that are not a non-empty map whole, and leaves out a pair whose value is undefined", () => {
    expect(portableYaml("text")).toBe("text\n");
    expect(portableYaml(["a", "b"])).toBe("- a\n- b\n");
    expect(portableYaml([])).toBe("[]\n");
    expect(portableYaml({})).toBe("{}\n");
    expect(portableYaml(null)).toBe("null\n");
    expect(portableYaml({ a: {} })).toBe("a: {}\n");
    expect(portableYaml({ a: ["x"], b: { c: [] } })).toBe("a:\n  - x\nb:\n  c: []\n");
    expect(portableYaml({ a: 1, b: undefined, c: 2 })).toBe("a: 1\nc: 2\n");
  });

  it("nests maps two spaces a level, deeper than the pieces it writes separately", () => {
    const value = { paths: { "/Users": { get: { responses: { "200": { description: "OK" } } } } } };
    const text = portableYaml(value);
    expect(text).toBe('paths:\n  /Users:\n    get:\n      responses:\n        "200":\n          description: OK\n');
    expect(parseYaml(text, { version: "1.1" })).toStrictEqual(value);
    const nullProto = Object.assign(Object.create(null) as Json, { a: { b: 1 } });
    expect(portableYaml(nullProto)).toBe("a:\n  b: 1\n");
  });

  it("a key too long for an implicit key (over 1024 characters, YAML 1.2 §7.4) is written as an explicit `? ` key", () => {
    const key = "k".repeat(1030);
    const text = portableYaml({ [key]: { x: 1 } });
    expect(text).toBe(`? ${key}\n: x: 1\n`);
    expect(parseYaml(text, { version: "1.1" })).toStrictEqual({ [key]: { x: 1 } });
  });
});
