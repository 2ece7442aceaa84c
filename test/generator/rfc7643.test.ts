import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { compileRepoDefinitions, repoRoot } from "../helpers/repo.js";
import { readJsonFileSync } from "../helpers/json.js";
import { normaliseRfcAttribute, rfc7643Fixture, rfc7643SchemaFigures } from "../helpers/rfc7643.js";

type Json = Record<string, unknown>;
const generated = (files: readonly { path: string; contents: string }[], path: string): Json => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`not generated: ${path}`);
  return JSON.parse(file.contents.replaceAll("{{SCIM_BASE_URL}}", "https://scim.example.test/v2")) as Json;
};

describe("default schemas equal RFC 7643 §8.7 with errata", async () => {
  const { files } = await compileRepoDefinitions();
  for (const [label, file, id] of rfc7643SchemaFigures) {
    const want = rfc7643Fixture(file);
    const got = generated(files ?? [], `json/Schemas/${encodeURIComponent(id)}.json`);
    it(`${label}: id, name, description`, () => {
      expect([got["id"], got["name"], got["description"]]).toEqual([want["id"], want["name"], want["description"]]);
      expect(got["schemas"]).toEqual(["urn:ietf:params:scim:schemas:core:2.0:Schema"]);
    });
    const wantAttributes = (want["attributes"] as Json[]).map(normaliseRfcAttribute);
    it(`${label}: same attribute names in the same order`, () => {
      expect((got["attributes"] as Json[]).map((a) => a["name"])).toEqual(wantAttributes.map((a) => a["name"]));
    });
    for (const [i, attr] of wantAttributes.entries()) {
      it(`${label}.${String(attr["name"])}`, () => {
        expect((got["attributes"] as Json[])[i]).toEqual(attr);
      });
    }
  }
});

describe("every generated discovery document validates against RFC 7643 §5–§7", async () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const dir = join(repoRoot, "test/fixtures/json-schema");
  for (const name of ["meta", "schema", "resource-type", "service-provider-config", "list-response"]) {
    ajv.addSchema(readJsonFileSync(join(dir, `${name}.schema.json`)) as object, `${name}.schema.json`);
  }
  const validatorFor = (doc: Json): string => {
    const schemas = doc["schemas"] as string[];
    if (schemas[0]?.endsWith(":Schema")) return "schema.schema.json";
    if (schemas[0]?.endsWith(":ResourceType")) return "resource-type.schema.json";
    if (schemas[0]?.endsWith(":ServiceProviderConfig")) return "service-provider-config.schema.json";
    if (schemas[0]?.endsWith(":ListResponse")) return "list-response.schema.json";
    throw new Error(`unexpected document ${schemas.join()}`);
  };
  const { files } = await compileRepoDefinitions();
  const docs = (files ?? []).filter((f) => f.path.startsWith("json/") && f.path.endsWith(".json"));

  it("covers the SPC, both lists, every resource type and every schema", () => {
    expect(docs.map((d) => d.path)).toHaveLength(1 + 2 + 2 + 6);
  });
  for (const file of docs) {
    it(file.path, () => {
      const doc = generated(files ?? [], file.path);
      const validate = ajv.getSchema(validatorFor(doc))!;
      expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
      for (const item of (doc["Resources"] as Json[] | undefined) ?? []) {
        const inner = ajv.getSchema(validatorFor(item))!;
        expect(inner(item), ajv.errorsText(inner.errors)).toBe(true);
      }
    });
  }

  it("the JSON Schemas reject what strict clients reject", () => {
    const schema = generated(files ?? [], `json/Schemas/${encodeURIComponent("urn:ietf:params:scim:schemas:core:2.0:Group")}.json`);
    const attrs = schema["attributes"] as Json[];
    const broken = { ...schema, attributes: [{ ...attrs[0], mutability: "read" }, ...attrs.slice(1)] };
    expect(ajv.getSchema("schema.schema.json")!(broken)).toBe(false);
    const relative = { ...schema, meta: { resourceType: "Schema", location: "/v2/Schemas/x" } };
    expect(ajv.getSchema("schema.schema.json")!(relative)).toBe(false);
  });
});

describe("ListResponses (RFC 7644 §4)", async () => {
  const { files } = await compileRepoDefinitions();
  it("/Schemas lists resource and service-provider schemas, never message schemas, with exact counts", () => {
    const list = generated(files ?? [], "json/Schemas.json");
    const ids = (list["Resources"] as Json[]).map((r) => r["id"]);
    expect(list["totalResults"]).toBe(6);
    expect(list["itemsPerPage"]).toBe(6);
    expect(ids).toContain("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    expect(ids.some((id) => String(id).startsWith("urn:ietf:params:scim:api:messages"))).toBe(false);
  });
  it("every ResourceType names schemas that /Schemas lists, exact string", () => {
    const ids = new Set((generated(files ?? [], "json/Schemas.json")["Resources"] as Json[]).map((r) => r["id"]));
    for (const rt of generated(files ?? [], "json/ResourceTypes.json")["Resources"] as Json[]) {
      expect(ids.has(rt["schema"])).toBe(true);
      for (const ext of rt["schemaExtensions"] as Json[]) expect(ids.has(ext["schema"])).toBe(true);
    }
  });
  it("the ServiceProviderConfig states what the issue asks", () => {
    const spc = generated(files ?? [], "json/ServiceProviderConfig.json");
    expect(spc).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 100 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      meta: { resourceType: "ServiceProviderConfig", location: "https://scim.example.test/v2/ServiceProviderConfig" },
    });
    expect((spc["authenticationSchemes"] as Json[]).map((s) => s["type"])).toEqual(["oauthbearertoken"]);
    expect(spc).not.toHaveProperty("id");
    expect(JSON.stringify(spc)).not.toContain("codegen");
  });
});
