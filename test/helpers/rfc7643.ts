import { join } from "node:path";
import { readJsonFileSync } from "./json.js";
import { repoRoot } from "./repo.js";

// The RFC 7643 §8.7 schema figures with errata (test/fixtures/rfc7643/with-errata/), the outside truth the
// default definitions follow, and the normalisation that lets them be compared attribute by attribute.

type Json = Record<string, unknown>;

/** A figure of test/fixtures/rfc7643/with-errata/, parsed. */
export function rfc7643Fixture(name: string): Json {
  return readJsonFileSync(join(repoRoot, "test/fixtures/rfc7643/with-errata", name)) as Json;
}

/** The six §8.7 schema figures: a label, the fixture's file name and the schema's id. */
export const rfc7643SchemaFigures = [
  ["User", "rfc7643-8.7.1-schema-user.json", "urn:ietf:params:scim:schemas:core:2.0:User"],
  ["Group", "rfc7643-8.7.1-schema-group.json", "urn:ietf:params:scim:schemas:core:2.0:Group"],
  ["EnterpriseUser", "rfc7643-8.7.1-schema-enterprise-user.json", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  ["ServiceProviderConfig schema", "rfc7643-8.7.2-schema-service-provider-config.json", "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
  ["ResourceType schema", "rfc7643-8.7.2-schema-resource-type.json", "urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
  ["Schema schema", "rfc7643-8.7.2-schema-schema.json", "urn:ietf:params:scim:schemas:core:2.0:Schema"],
] as const;

/**
 * The RFC figures leave out characteristics whose RFC 7643 §2.2 default applies, while our output
 * spells every one out; fill the defaults in so the comparison is attribute by attribute. Two
 * documented differences remain: `caseExact` on a complex attribute (x509Certificates in §8.7.1) has
 * no meaning and is not emitted, and `uniqueness` is emitted on every non-complex type (the RFC
 * figures omit it on booleans).
 */
export function normaliseRfcAttribute(attr: Json): Json {
  const type = (attr["type"] as string | undefined) ?? "string";
  const out: Json = {
    ...attr,
    type,
    multiValued: attr["multiValued"] ?? false,
    required: attr["required"] ?? false,
    mutability: attr["mutability"] ?? "readWrite",
    returned: attr["returned"] ?? "default",
  };
  if (["string", "reference", "binary"].includes(type)) out["caseExact"] = attr["caseExact"] ?? false;
  else delete out["caseExact"];
  if (type !== "complex") out["uniqueness"] = attr["uniqueness"] ?? "none";
  if (Array.isArray(attr["subAttributes"])) out["subAttributes"] = (attr["subAttributes"] as Json[]).map(normaliseRfcAttribute);
  return out;
}
