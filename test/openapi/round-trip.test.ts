// The OpenAPI document round-trips to /Schemas: every SCIM schema, and every attribute with all of its
// RFC 7643 §7 characteristics, can be rebuilt from the `<Schema>Attributes` component schemas alone
// (their `x-scim-*` keys, `title`, `description` and property order), and equals what /Schemas serves.
// Both of those are the generator's own output; the first suite holds the rebuilt schemas to a truth it did
// not make, the RFC 7643 §8.7 figures with errata (test/fixtures/rfc7643/), which the default definitions
// follow.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/repo.js";
import { openApiDocument } from "./openapi-response-validator.js";
import { readJsonFileSync } from "../helpers/json.js";
import { normaliseRfcAttribute, rfc7643Fixture, rfc7643SchemaFigures } from "../helpers/rfc7643.js";
import { schemaContentFromComponent } from "../emit/emitted-output-helpers.js";

type Json = { readonly [key: string]: unknown };

/** A /Schemas document's content (no `schemas`, no `meta`) rebuilt from a component schema. */
const schemaFrom = schemaContentFromComponent;

/** Every attribute path of a /Schemas document, with its attribute. */
function flatten(attributes: readonly Json[], prefix = ""): [string, Json][] {
  return attributes.flatMap((a): [string, Json][] => {
    const path = `${prefix}${String(a["name"])}`;
    return [[path, a], ...flatten((a["subAttributes"] ?? []) as Json[], `${path}.`)];
  });
}

const served = readdirSync(`${repoRoot}generated/json/Schemas`)
  .sort()
  .map((file) => readJsonFileSync(`${repoRoot}generated/json/Schemas/${file}`) as Json);

function componentFor(id: unknown): Json {
  const schemas = (openApiDocument()["components"] as Json)["schemas"] as Json;
  const found = Object.entries(schemas).find(([name, s]) => name.endsWith("Attributes") && (s as Json)["x-scim-schema"] === id);
  if (!found) throw new Error(`no <Schema>Attributes component for ${String(id)}`);
  return found[1] as Json;
}

const cases = served.flatMap((doc) => {
  const rebuilt = schemaFrom(componentFor(doc["id"]));
  const rebuiltByPath = new Map(flatten(rebuilt["attributes"] as Json[]));
  return flatten(doc["attributes"] as Json[]).map(([path, attribute]) => [`${String(doc["name"])}: ${path}`, attribute, rebuiltByPath.get(path)] as const);
});

describe("the OpenAPI document rebuilds RFC 7643 §8.7 (with errata), attribute by attribute", () => {
  it.each(rfc7643SchemaFigures)("%s", (_label, file, id) => {
    const want = rfc7643Fixture(file);
    const rebuilt = schemaFrom(componentFor(id));
    expect([rebuilt["id"], rebuilt["name"], rebuilt["description"]]).toEqual([want["id"], want["name"], want["description"]]);
    // Attribute order too: the component's property order is the figure's.
    expect(rebuilt["attributes"]).toStrictEqual((want["attributes"] as Json[]).map(normaliseRfcAttribute));
  });
});

describe("round trip OpenAPI → /Schemas", () => {
  it("covers every schema /Schemas serves", () => {
    expect(served.map((d) => d["id"])).toEqual([
      "urn:ietf:params:scim:schemas:core:2.0:Group",
      "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
      "urn:ietf:params:scim:schemas:core:2.0:Schema",
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    ]);
  });

  it.each(served.map((d) => [String(d["id"]), d] as const))("%s: the whole document, key order included", (_id, doc) => {
    const { schemas: _schemas, meta: _meta, ...content } = doc;
    const rebuilt = schemaFrom(componentFor(doc["id"]));
    expect(rebuilt).toStrictEqual(content);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(content));
  });

  it.each(cases)("%s", (_path, attribute, rebuilt) => {
    const { subAttributes: _sub, ...characteristics } = attribute;
    const { subAttributes: _rebuiltSub, ...rebuiltCharacteristics } = rebuilt ?? {};
    expect(rebuiltCharacteristics).toStrictEqual(characteristics);
    expect(Object.keys(rebuiltCharacteristics)).toEqual(Object.keys(characteristics));
  });

  it("the JSON Schema keywords agree with the x-scim-* characteristics", () => {
    const check = (node: Json, required: readonly string[], name: string, at: string): void => {
      const where = `${at}${name}`;
      expect(node["readOnly"] === true, `${where} readOnly`).toBe(node["x-scim-mutability"] === "readOnly");
      expect(node["writeOnly"] === true, `${where} writeOnly`).toBe(node["x-scim-mutability"] === "writeOnly");
      expect(required.includes(name), `${where} required`).toBe(node["x-scim-required"]);
      expect(node["type"], `${where} multiValued`).toBe(node["x-scim-multiValued"] === true ? "array" : node["type"] === "array" ? "not an array" : node["type"]);
      const value = (node["x-scim-multiValued"] === true ? node["items"] : node) as Json;
      const want: Record<string, Json> = {
        string: { type: "string" },
        boolean: { type: "boolean" },
        decimal: { type: "number" },
        integer: { type: "integer" },
        dateTime: { type: "string", format: "date-time" },
        reference: { type: "string", format: "uri-reference" },
        binary: { type: "string", contentEncoding: "base64" },
        complex: { type: "object" },
      };
      expect(value, `${where} type`).toMatchObject(want[String(node["x-scim-type"])]!);
      for (const [sub, subNode] of Object.entries((value["properties"] ?? {}) as Json)) check(subNode as Json, (value["required"] ?? []) as string[], sub, `${where}.`);
    };
    for (const doc of served) {
      const component = componentFor(doc["id"]);
      for (const [name, node] of Object.entries(component["properties"] as Json)) check(node as Json, (component["required"] ?? []) as string[], name, `${String(doc["name"])}: `);
    }
  });
});
