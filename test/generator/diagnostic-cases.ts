import { minimalDefinitions } from "../helpers/minimal-definitions.js";

/**
 * Invalid inputs and the exact diagnostics they must give: code, file, line and column locked.
 * Each case replaces files of the minimal definition set (`null` removes one; bytes are written as
 * they are, for encodings).
 */
export interface DiagnosticCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string | Uint8Array | null>>;
  readonly want: readonly string[];
}

const user = "definitions/schemas/user.yaml";
const group = "definitions/schemas/group.yaml";
const spc = "definitions/service-provider-config.yaml";
const userType = "definitions/resource-types/user.yaml";
const groupType = "definitions/resource-types/group.yaml";

const schema = (
  attributes: string,
  head = "id: urn:ietf:params:scim:schemas:core:2.0:User\nname: User\n",
): string => `${head}attributes:\n${attributes}`;

const spcWith = (replace: Record<string, string>): string => {
  let text = minimalDefinitions[spc]!;
  for (const [from, to] of Object.entries(replace))
    text = text.replace(from, to);
  return text;
};

// Safety of names, encodings and budgets (issue 10). Definitions reach URLs, import specifiers,
// identifiers and file names, so each rule of generator/names.ts has a case per branch.
const project = "definitions/scim-codegen.yaml";
const groupSchema = minimalDefinitions[group]!;
const groupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
/** The Group resource type file with another name, endpoint or leading lines. */
const groupTypeWith = (name: string, endpoint = "/Groups", head = ""): string =>
  `${head}name: ${name}\nendpoint: ${endpoint}\nschema: ${groupUrn}\n`;
/** The Group schema and resource type with another schema id (so the only mistake is the id). */
const groupWithId = (id: string): Record<string, string> => ({
  [group]: groupSchema.replace(`id: ${groupUrn}`, `id: ${id}`),
  [groupType]: `name: Group\nendpoint: /Groups\nschema: ${id}\n`,
});
const deviceSchema = "id: urn:acme:scim:schemas:Device\nname: Device\nattributes:\n  - name: serial\n    description: Serial.\n";
const deviceType = (name: string, endpoint: string, head = ""): string => `${head}name: ${name}\nendpoint: ${endpoint}\nschema: urn:acme:scim:schemas:Device\n`;
/** A third resource type (Device) beside User and Group, with its own schema. */
const withDevice = (type: string, file = "device"): Record<string, string> => ({
  "definitions/schemas/device.yaml": deviceSchema,
  [`definitions/resource-types/${file}.yaml`]: type,
});
/** A complex attribute of a schema, with one sub-attribute. */
const complexAttribute = (name: string): string =>
  `  - name: ${name}\n    type: complex\n    description: C.\n    subAttributes:\n      - name: value\n        description: V.\n`;
const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const aliasBomb = ["a", "b", "c", "d", "e", "f", "g", "h"]
  .map((k, i, all) => `${k}: &${k} [${Array(9).fill(i === 0 ? '"lol"' : `*${all[i - 1]}`).join(",")}]\n`)
  .join("");

// Name rules (generator/validate/rules/name-rules.ts): each explanation branch, and the length limits at their boundary.
const nameRuleCases: readonly DiagnosticCase[] = [
  {
    name: "resource type name with two leading digits: the example drops both",
    files: { [groupType]: groupTypeWith('"12Group"') },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name "12Group" starts with "1" (U+0031): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Group".',
    ],
  },
  {
    name: "endpoint with two leading digits: the example drops both",
    files: { [groupType]: groupTypeWith("Group", '"/12groups"') },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint "/12groups" continues with "1" (U+0031) after "/"; an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): "/", a letter, then letters, digits, ".", "_", "~" or "-", e.g. "/groups".',
    ],
  },
  {
    name: "resource type name Gr%oup says why the character is wrong",
    files: { [groupType]: groupTypeWith("Gr%oup") },
    want: [
      "definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name \"Gr%oup\" contains \"%\" (U+0025) (it starts a percent-encoding, so the served path would differ from the name): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, \"-\" and \"_\", starting with a letter, e.g. \"Gr-oup\".",
    ],
  },
  {
    name: "resource type name Gr?oup says why the character is wrong",
    files: { [groupType]: groupTypeWith("Gr?oup") },
    want: [
      "definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name \"Gr?oup\" contains \"?\" (U+003F) (it starts the query of a URL): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, \"-\" and \"_\", starting with a letter, e.g. \"Gr-oup\".",
    ],
  },
  {
    name: "resource type name Gr#oup says why the character is wrong",
    files: { [groupType]: groupTypeWith("Gr#oup") },
    want: [
      "definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name \"Gr#oup\" contains \"#\" (U+0023) (it starts the fragment of a URL): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, \"-\" and \"_\", starting with a letter, e.g. \"Gr-oup\".",
    ],
  },
  {
    name: "resource type name Gr\\oup says why the character is wrong",
    files: { [groupType]: groupTypeWith("Gr\\oup") },
    want: [
      "definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name \"Gr\\\\oup\" contains \"\\\" (U+005C) (a path separator on Windows): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, \"-\" and \"_\", starting with a letter, e.g. \"Gr-oup\".",
    ],
  },
  {
    name: "endpoint /Gr%oups says why the character is wrong",
    files: { [groupType]: groupTypeWith("Group", "/Gr%oups") },
    want: [
      "definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint \"/Gr%oups\" contains \"%\" (U+0025) (it starts a percent-encoding, so the served path would differ from the name); an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): \"/\", a letter, then letters, digits, \".\", \"_\", \"~\" or \"-\", e.g. \"/Gr-oups\".",
    ],
  },
  {
    name: "endpoint /Gr?oups says why the character is wrong",
    files: { [groupType]: groupTypeWith("Group", "/Gr?oups") },
    want: [
      "definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint \"/Gr?oups\" contains \"?\" (U+003F) (it starts the query of a URL); an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): \"/\", a letter, then letters, digits, \".\", \"_\", \"~\" or \"-\", e.g. \"/Gr-oups\".",
    ],
  },
  {
    name: "endpoint /Gr#oups says why the character is wrong",
    files: { [groupType]: groupTypeWith("Group", "/Gr#oups") },
    want: [
      "definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint \"/Gr#oups\" contains \"#\" (U+0023) (it starts the fragment of a URL); an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): \"/\", a letter, then letters, digits, \".\", \"_\", \"~\" or \"-\", e.g. \"/Gr-oups\".",
    ],
  },
  {
    name: "endpoint /Gr\\oups says why the character is wrong",
    files: { [groupType]: groupTypeWith("Group", "/Gr\\oups") },
    want: [
      "definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint \"/Gr\\\\oups\" contains \"\\\" (U+005C) (a path separator on Windows); an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): \"/\", a letter, then letters, digits, \".\", \"_\", \"~\" or \"-\", e.g. \"/Gr-oups\".",
    ],
  },
  {
    name: "schema id with text before urn: is not a URN",
    files: groupWithId("xurn:acme:Device"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"xurn:acme:Device\" is not a URN; write urn:<namespace>:<rest>, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User or urn:acme:scim:schemas:Device.",
    ],
  },
  {
    name: "schema id with urn: not at the start gets no lower-case hint",
    files: groupWithId("x:urn:acme:Device"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"x:urn:acme:Device\" is not a URN; write urn:<namespace>:<rest>, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User or urn:acme:scim:schemas:Device.",
    ],
  },
  {
    name: "schema id whose namespace starts with -",
    files: groupWithId("urn:-acme:Device"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:-acme:Device\" has the namespace \"-acme\"; an RFC 8141 namespace has 2 to 32 letters, digits or \"-\", and does not end in \"-\" (e.g. \"acme\" in urn:acme:scim:schemas:Device).",
    ],
  },
  {
    name: "schema id whose namespace ends with -",
    files: groupWithId("urn:acme-:Device"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:acme-:Device\" has the namespace \"acme-\"; an RFC 8141 namespace has 2 to 32 letters, digits or \"-\", and does not end in \"-\" (e.g. \"acme\" in urn:acme:scim:schemas:Device).",
    ],
  },
  {
    name: "schema id with nothing after its namespace",
    files: groupWithId("urn:acme"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:acme\" has nothing after its namespace; write urn:acme:<name>, e.g. urn:acme:scim:schemas:Device.",
    ],
  },
  {
    name: "staticJson.baseUrl with text before the scheme",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("xhttps://api.example.com/scim")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"xhttps://api.example.com/scim\" must be an absolute http or https URL (lower-case scheme), e.g. https://api.example.com/scim/v2; it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl http with a bad path character",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("http://api.example.com/a b")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"http://api.example.com/a b\" contains a space (U+0020) in its path, which RFC 3986 allows only percent-encoded (e.g. %20); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with a bad host and no path",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://bad_host")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://bad_host\" has the host \"bad_host\", which is not a host name (letters, digits, \"-\" and \".\") or an [IPv6] literal, with an optional :port.",
    ],
  },
  {
    name: "staticJson.baseUrl with a one-letter host and a bad path",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://a/b c")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://a/b c\" contains a space (U+0020) in its path, which RFC 3986 allows only percent-encoded (e.g. %20); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    // A long first label, a one-letter label and a four-digit port are all a host: the path is what is wrong.
    name: "staticJson.baseUrl with a host of every label length and a port, and a bad path",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://abcd.x.example.com:8443/a b")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://abcd.x.example.com:8443/a b\" contains a space (U+0020) in its path, which RFC 3986 allows only percent-encoded (e.g. %20); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with an IPv6 host and a bad path",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://[::1]/a b")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://[::1]/a b\" contains a space (U+0020) in its path, which RFC 3986 allows only percent-encoded (e.g. %20); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with % and one hex digit",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://api.example.com/a%2g")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/a%2g\" has a \"%\" that is not followed by two hex digits; write a literal \"%\" as %25; it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with % and no hex digit",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://api.example.com/a%zz")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/a%zz\" has a \"%\" that is not followed by two hex digits; write a literal \"%\" as %25; it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with a percent-encoding before a bad character (upper-case hex)",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://api.example.com/%41^")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/%41^\" contains \"^\" (U+005E) in its path, which RFC 3986 allows only percent-encoded (e.g. %5E); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "staticJson.baseUrl with a control character (two hex digits)",
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: ${JSON.stringify("https://api.example.com/a\tb")}\n` },
    want: [
      "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/a\\tb\" contains U+0009 (a control character) in its path, which RFC 3986 allows only percent-encoded (e.g. %09); it is baked into every static document's meta.location and into a README.",
    ],
  },
  {
    name: "packageScope with @ inside",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("Acme@Corp")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"Acme@Corp\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme-corp\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope upper case",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@Acme")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@Acme\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope with a run of spaces",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@acme  corp")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@acme  corp\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme-corp\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope starting with _",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@_Acme")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@_Acme\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope with a dot inside",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@Acme.Corp")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@Acme.Corp\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme.corp\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope starting with a run of _",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@__acme")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@__acme\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit, e.g. \"@acme\"; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "packageScope with nothing to suggest",
    files: { [project]: `adapters: []\npackageScope: ${JSON.stringify("@__")}\n` },
    want: [
      "definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope \"@__\" is not an npm scope: write \"@\", then lower-case letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit; it names the generated packages and every import of them.",
    ],
  },
  {
    name: "resource type name and id CON are reported once",
    files: { [groupType]: groupTypeWith("CON", "/Groups", "id: CON\n") },
    want: [
      "definitions/resource-types/group.yaml:1:1 - warning missing-core-resource-type: No resource type is named exactly \"Group\"; SailPoint-class pre-flights reject services without /ResourceTypes/Group.",
      "definitions/resource-types/group.yaml:2:7 - error invalid-resource-type-name: Resource type name \"CON\" is a device name on Windows (json/ResourceTypes/CON.json could not be written there); choose another name.",
    ],
  },
  {
    name: "resource type id CON beside name Group",
    files: { [groupType]: groupTypeWith("Group", "/Groups", "id: CON\n") },
    want: [
      "definitions/resource-types/group.yaml:1:5 - error invalid-resource-type-name: Resource type id \"CON\" is a device name on Windows (json/ResourceTypes/CON.json could not be written there); choose another id.",
      "definitions/resource-types/group.yaml:1:5 - warning resource-type-id-mismatch: Resource type id \"CON\" differs from its name \"Group\"; clients fetch /ResourceTypes/Group, so leave id out or make them equal.",
    ],
  },
  {
    name: "resource type name of exactly 128 characters is allowed",
    files: { [groupType]: groupTypeWith(`G${"a".repeat(127)}`) },
    want: [
      "definitions/resource-types/group.yaml:1:1 - warning missing-core-resource-type: No resource type is named exactly \"Group\"; SailPoint-class pre-flights reject services without /ResourceTypes/Group.",
    ],
  },
  {
    name: "endpoint of exactly 128 characters after / is allowed",
    files: { [groupType]: groupTypeWith("Group", `/G${"a".repeat(127)}`) },
    want: [],
  },
  {
    name: "schema id whose static JSON file name is exactly 255 bytes is allowed",
    files: groupWithId(`urn:acme:${"a".repeat(237)}`),
    want: [],
  },
];

// Definition format (generator/validate/definition-format.ts) and cross-file rules (rules/cross-file-rules.ts):
// each message branch, the typo-distance and length limits, and the lookups across files.
const formatAndCrossFileCases: readonly DiagnosticCase[] = [
  {
    name: "service provider config missing the keys of each feature",
    files: { [spc]: "patch: {}\nbulk:\n  supported: true\nfilter:\n  supported: true\nchangePassword:\n  supported: false\nsort:\n  supported: false\netag:\n  supported: false\n" },
    want: [
      'definitions/service-provider-config.yaml:1:1 - error missing-key: The file is missing the required key "authenticationSchemes" (a list with at least one scheme, e.g. type: oauthbearertoken).',
      'definitions/service-provider-config.yaml:1:8 - error missing-key: patch is missing the required key "supported" (true or false).',
      'definitions/service-provider-config.yaml:3:3 - error missing-key: bulk is missing the required key "maxOperations" (an integer, 0 when bulk is not supported).',
      'definitions/service-provider-config.yaml:3:3 - error missing-key: bulk is missing the required key "maxPayloadSize" (an integer in bytes, 0 when bulk is not supported).',
      'definitions/service-provider-config.yaml:5:3 - error missing-key: filter is missing the required key "maxResults" (an integer, greater than 0 when filtering is supported).',
    ],
  },
  {
    name: "resource type without endpoint and schema",
    files: { [groupType]: "name: Group\n" },
    want: [
      'definitions/resource-types/group.yaml:1:1 - error missing-key: The file is missing the required key "endpoint" (e.g. /Users).',
      'definitions/resource-types/group.yaml:1:1 - error missing-key: The file is missing the required key "schema" (the URN of a schema defined under definitions/schemas/).',
    ],
  },
  {
    name: "unknown key far from every allowed key",
    files: { [group]: schema("  - name: displayName\n    description: Name.\n    xyzzy: 1\n", `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:5 - error unknown-key: Unknown key "xyzzy" in attributes[0]; allowed keys: name, type, multiValued, description, required, caseExact, canonicalValues, referenceTypes, mutability, returned, uniqueness, subAttributes, codegen.',
    ],
  },
  {
    // "naype" is two edits from both name and type: the first allowed key wins. "zq" is as far from every
    // key as its length, and "namexyz" one edit past the typo distance: neither gets a guess.
    name: "unknown keys: a tie in typo distance, a short word, and one just too far",
    files: { [group]: schema("  - name: displayName\n    description: Name.\n    naype: string\n    zq: 1\n    namexyz: 1\n", `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:5 - error unknown-key: Unknown key "naype" in attributes[0]; did you mean "name"?',
      'definitions/schemas/group.yaml:7:5 - error unknown-key: Unknown key "zq" in attributes[0]; allowed keys: name, type, multiValued, description, required, caseExact, canonicalValues, referenceTypes, mutability, returned, uniqueness, subAttributes, codegen.',
      'definitions/schemas/group.yaml:8:5 - error unknown-key: Unknown key "namexyz" in attributes[0]; allowed keys: name, type, multiValued, description, required, caseExact, canonicalValues, referenceTypes, mutability, returned, uniqueness, subAttributes, codegen.',
    ],
  },
  {
    name: "unknown key at the edge of typo distance",
    files: { [group]: schema("  - name: displayName\n    description: Name.\n    caseExactness: true\n", `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:5 - error unknown-key: Unknown key "caseExactness" in attributes[0]; did you mean "caseExact"?',
    ],
  },
  {
    name: "YAML 1.1 lookalikes that are only words",
    files: { [group]: schema("  - name: displayName\n    description: Name.\n    required: mandatory\n    multiValued: none\n", `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:15 - error wrong-type: attributes[0].required must be a boolean, not "mandatory".',
      'definitions/schemas/group.yaml:7:18 - error wrong-type: attributes[0].multiValued must be a boolean, not "none".',
    ],
  },
  {
    name: "YAML 1.1 word where an integer belongs",
    files: { [spc]: spcWith({ "maxResults: 100": "maxResults: no" }) },
    want: [
      'definitions/service-provider-config.yaml:9:15 - error wrong-type: filter.maxResults must be an integer, not "no".',
    ],
  },
  {
    name: "null, a list and a mapping where a boolean belongs",
    files: { [group]: schema("  - name: displayName\n    description: Name.\n    required: null\n    caseExact: [true]\n    multiValued: {x: 1}\n", `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:15 - error wrong-type: attributes[0].required must be a boolean, not null.',
      'definitions/schemas/group.yaml:7:16 - error wrong-type: attributes[0].caseExact must be a boolean, not a list.',
      'definitions/schemas/group.yaml:8:18 - error wrong-type: attributes[0].multiValued must be a boolean, not a mapping.',
    ],
  },
  {
    name: "long values are cut at 60 characters",
    files: { [group]: schema(`  - name: displayName\n    description: Name.\n    mutability: ${"r".repeat(60)}\n  - name: nickName\n    description: Nick.\n    mutability: ${"r".repeat(61)}\n`, `id: ${groupUrn}\nname: Group\n`) },
    want: [
      'definitions/schemas/group.yaml:6:17 - error not-allowed-value: attributes[0].mutability is "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr", which is not allowed; use one of readOnly, readWrite, immutable, writeOnly.',
      'definitions/schemas/group.yaml:9:17 - error not-allowed-value: attributes[1].mutability is "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"… (61 characters), which is not allowed; use one of readOnly, readWrite, immutable, writeOnly.',
    ],
  },
  {
    name: "empty list of authentication schemes",
    files: { [spc]: spcWith({ "authenticationSchemes:\n  - type: oauthbearertoken\n    name: OAuth Bearer Token\n    description: Bearer tokens (RFC 6750)\n": "authenticationSchemes: []\n" }) },
    want: [
      'definitions/service-provider-config.yaml:16:24 - error invalid-value: authenticationSchemes must NOT have fewer than 1 items.',
    ],
  },
  {
    name: "resource type id that is another's name",
    files: { ...withDevice(`id: Group\nname: Team\nendpoint: /Teams\nschema: urn:acme:scim:schemas:Device\n`, "team") },
    want: [
      'definitions/resource-types/team.yaml:1:5 - error duplicate-resource-type: Resource type "Group" is also defined in definitions/resource-types/group.yaml (names compare case-insensitively); keep one.',
      'definitions/resource-types/team.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "Group" differs from its name "Team"; clients fetch /ResourceTypes/Team, so leave id out or make them equal.',
    ],
  },
  {
    name: "resource type name that is another's, with an id of its own",
    files: { ...withDevice(`id: Members\nname: User\nendpoint: /Members\nschema: urn:acme:scim:schemas:Device\n`, "users2") },
    want: [
      'definitions/resource-types/users2.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "Members" differs from its name "User"; clients fetch /ResourceTypes/User, so leave id out or make them equal.',
      'definitions/resource-types/users2.yaml:2:7 - error duplicate-resource-type: Resource type "User" is also defined in definitions/resource-types/user.yaml (names compare case-insensitively); keep one.',
    ],
  },
  {
    name: "resource type id equal to its name, endpoint in another case",
    files: { [groupType]: `id: Group\nname: Group\nendpoint: /users\nschema: ${groupUrn}\n` },
    want: [
      'definitions/resource-types/user.yaml:2:11 - error duplicate-endpoint: Endpoint "/Users" is also used in definitions/resource-types/group.yaml; each resource type needs its own.',
    ],
  },
  {
    name: "unknown schema as a base and as an extension",
    files: {
      "definitions/schemas/audit.yaml": "id: urn:zeta:scim:schemas:Audit\nname: Audit\nattributes:\n  - name: actor\n    description: Actor.\n",
      [groupType]: "name: Group\nendpoint: /Groups\nschema: urn:acme:scim:schemas:Missing\n",
      [userType]: "name: User\nendpoint: /Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\nschemaExtensions:\n  - schema: urn:acme:scim:schemas:Missing\n",
    },
    want: [
      'definitions/resource-types/group.yaml:3:9 - error unknown-schema: Schema "urn:acme:scim:schemas:Missing" is not defined; add a file under definitions/schemas/ with id: urn:acme:scim:schemas:Missing, or fix the URN (defined: urn:ietf:params:scim:schemas:core:2.0:Group, urn:ietf:params:scim:schemas:core:2.0:User, urn:zeta:scim:schemas:Audit).',
      'definitions/resource-types/user.yaml:5:13 - error unknown-schema: Extension schema "urn:acme:scim:schemas:Missing" is not defined; add a file under definitions/schemas/ with id: urn:acme:scim:schemas:Missing, or fix the URN (defined: urn:ietf:params:scim:schemas:core:2.0:Group, urn:ietf:params:scim:schemas:core:2.0:User, urn:zeta:scim:schemas:Audit).',
      "definitions/schemas/audit.yaml:1:5 - warning unused-schema: No resource type uses schema \"urn:zeta:scim:schemas:Audit\"; add it to a resource type's schema or schemaExtensions, or remove the file.",
      "definitions/schemas/group.yaml:1:5 - warning unused-schema: No resource type uses schema \"urn:ietf:params:scim:schemas:core:2.0:Group\"; add it to a resource type's schema or schemaExtensions, or remove the file.",
    ],
  },
  {
    name: "schema with a format error, used as a base and as an extension",
    files: {
      ...withDevice(deviceType("Device", "/Devices")),
      "definitions/schemas/device.yaml": "id: urn:acme:scim:schemas:Device\nname: Device\nattributes:\n  - name: serial\n",
      [groupType]: `name: Group\nendpoint: /Groups\nschema: ${groupUrn}\nschemaExtensions:\n  - schema: urn:acme:scim:schemas:Device\n`,
    },
    want: [
      'definitions/schemas/device.yaml:4:5 - error missing-key: attributes[0] is missing the required key "description" (a human-readable text; strict clients need every attribute described).',
    ],
  },
  {
    name: "base schema used as the second extension",
    files: {
      "definitions/schemas/device.yaml": deviceSchema,
      [userType]: `name: User\nendpoint: /Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\nschemaExtensions:\n  - schema: urn:acme:scim:schemas:Device\n  - schema: ${groupUrn}\n`,
    },
    want: [
      'definitions/resource-types/user.yaml:6:13 - error extension-used-as-base: "urn:ietf:params:scim:schemas:core:2.0:Group" is the base schema of the resource type in definitions/resource-types/group.yaml; an extension schema extends a base, it cannot be one. Define a separate extension schema.',
    ],
  },
  {
    name: "no resource types",
    files: { [userType]: null, [groupType]: null },
    want: [
      'definitions/resource-types:1:1 - error no-definitions: No resource-type definitions: add at least one YAML file under resource-types/.',
    ],
  },
  {
    name: "no schemas: each resource type's schema is unknown, with no list of defined ones",
    files: { [group]: null, "definitions/schemas/user.yaml": null },
    want: [
      'definitions/resource-types/group.yaml:3:9 - error unknown-schema: Schema "urn:ietf:params:scim:schemas:core:2.0:Group" is not defined; add a file under definitions/schemas/ with id: urn:ietf:params:scim:schemas:core:2.0:Group, or fix the URN.',
      'definitions/resource-types/user.yaml:3:9 - error unknown-schema: Schema "urn:ietf:params:scim:schemas:core:2.0:User" is not defined; add a file under definitions/schemas/ with id: urn:ietf:params:scim:schemas:core:2.0:User, or fix the URN.',
      "definitions/schemas:1:1 - error no-definitions: No schema definitions: add at least one YAML file under schemas/.",
    ],
  },
  {
    name: "bulk supported without a payload limit",
    files: { [spc]: spcWith({ "supported: false\n  maxOperations: 0\n  maxPayloadSize: 0": "supported: true\n  maxOperations: 1000\n  maxPayloadSize: 0" }) },
    want: [
      'definitions/service-provider-config.yaml:6:19 - error inconsistent-feature: bulk is supported, so maxPayloadSize must be greater than 0; set it to the real limit, or set supported: false.',
    ],
  },
  {
    name: "bulk supported without an operations limit",
    files: { [spc]: spcWith({ "supported: false\n  maxOperations: 0\n  maxPayloadSize: 0": "supported: true\n  maxOperations: 0\n  maxPayloadSize: 1048576" }) },
    want: [
      'definitions/service-provider-config.yaml:5:18 - error inconsistent-feature: bulk is supported, so maxOperations must be greater than 0; set it to the real limit, or set supported: false.',
    ],
  },
  {
    name: "bulk not supported with a payload limit",
    files: { [spc]: spcWith({ "maxPayloadSize: 0": "maxPayloadSize: 1048576" }) },
    want: [
      'definitions/service-provider-config.yaml:6:19 - warning inconsistent-feature: bulk is not supported, but maxPayloadSize is not 0; clients read the maxima as a promise, so set them to 0.',
    ],
  },
  {
    name: "relative URIs, with supported bulk and unsupported filter",
    files: {
      [spc]: spcWith({
        "patch:": "documentationUri: /help?see=https://docs.example.com\npatch:",
        "supported: false\n  maxOperations: 0\n  maxPayloadSize: 0": "supported: true\n  maxOperations: 1000\n  maxPayloadSize: 1048576",
        "filter:\n  supported: true\n  maxResults: 100": "filter:\n  supported: false\n  maxResults: 0",
        "description: Bearer tokens (RFC 6750)\n": "description: Bearer tokens (RFC 6750)\n    specUri: rfc6750\n    documentationUri: docs/oauth\n",
      }),
    },
    want: [
      'definitions/service-provider-config.yaml:1:19 - error relative-uri: "/help?see=https://docs.example.com" must be an absolute URL (RFC 7643 §5), e.g. https://docs.example.com/scim.',
      'definitions/service-provider-config.yaml:21:14 - error relative-uri: "rfc6750" must be an absolute URL (RFC 7643 §5), e.g. https://docs.example.com/scim.',
      'definitions/service-provider-config.yaml:22:23 - error relative-uri: "docs/oauth" must be an absolute URL (RFC 7643 §5), e.g. https://docs.example.com/scim.',
    ],
  },
  {
    name: "a second primary scheme after one that is not",
    files: {
      [spc]: spcWith({
        "description: Bearer tokens (RFC 6750)\n": "description: Bearer tokens (RFC 6750)\n    primary: true\n  - type: httpbasic\n    name: HTTP Basic\n    description: Basic (RFC 7617)\n  - type: oauth2\n    name: OAuth 2\n    description: OAuth 2.0\n    primary: true\n",
      }),
    },
    want: [
      'definitions/service-provider-config.yaml:27:14 - error multiple-primary-schemes: Only one authentication scheme can be primary (RFC 7643 §5); set primary: false on the others.',
    ],
  },
];

export const diagnosticCases: readonly DiagnosticCase[] = [
  ...formatAndCrossFileCases,
  {
    name: "YAML syntax error",
    files: {
      [user]: "id: urn:ietf:params:scim:schemas:core:2.0:User\nname: [User\n",
    },
    // At the "[" that opens the sequence, not at the end of the file.
    want: [
      'definitions/schemas/user.yaml:2:7 - error yaml-syntax: This flow sequence opens with "[" but never ends with "]" (or a line inside it is not indented more than its key); close it.',
    ],
  },
  {
    name: "duplicate key",
    files: {
      [group]:
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\nname: Team\nattributes:\n  - name: displayName\n    description: Name.\n",
    },
    want: [
      'definitions/schemas/group.yaml:3:1 - error duplicate-key: The key "name" appears twice in one mapping; keep one of them.',
    ],
  },
  {
    name: "__proto__ key never reaches a prototype",
    files: {
      [group]:
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n__proto__:\n  polluted: true\nattributes:\n  - name: displayName\n    description: Name.\n",
    },
    want: [
      'definitions/schemas/group.yaml:3:1 - error forbidden-key: The key "__proto__" is not allowed in a definition; remove it.',
    ],
  },
  {
    name: "non-string key",
    files: {
      [group]:
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n42: answer\nattributes:\n  - name: displayName\n    description: Name.\n",
    },
    want: [
      "definitions/schemas/group.yaml:3:1 - error non-string-key: Mapping keys must be plain strings; got number 42.",
    ],
  },
  {
    name: "attribute without description",
    files: {
      [group]:
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\nattributes:\n  - name: displayName\n    required: true\n",
    },
    want: [
      'definitions/schemas/group.yaml:4:5 - error missing-key: attributes[0] is missing the required key "description" (a human-readable text; strict clients need every attribute described).',
    ],
  },
  {
    name: "misspelt characteristic",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    mutabilty: readWrite\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:5 - error unknown-key: Unknown key "mutabilty" in attributes[0]; did you mean "mutability"?',
    ],
  },
  {
    name: "YAML 1.1 boolean",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    required: yes\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:15 - error wrong-type: attributes[0].required must be a boolean, not "yes"; YAML 1.2 reads "yes" as a string: write true or false.',
    ],
  },
  {
    name: "mutability read (seen in the wild)",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    mutability: read\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:17 - error not-allowed-value: attributes[0].mutability is "read", which is not allowed; use one of readOnly, readWrite, immutable, writeOnly.',
    ],
  },
  {
    name: "enum in the wrong case",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    uniqueness: Server\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:17 - error not-allowed-value: attributes[0].uniqueness is "Server", which is not allowed; SCIM values are exact-case: write "server".',
    ],
  },
  {
    name: "negative maxResults",
    files: { [spc]: spcWith({ "maxResults: 100": "maxResults: -1" }) },
    want: [
      "definitions/service-provider-config.yaml:9:15 - error invalid-value: filter.maxResults must be >= 0; got number -1.",
    ],
  },
  {
    name: "schema id not a URN",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n",
        "id: Group\nname: Group\n",
      ),
      [groupType]: "name: Group\nendpoint: /Groups\nschema: Group\n",
    },
    want: [
      'definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id "Group" is not a URN; write urn:<namespace>:<rest>, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User or urn:acme:scim:schemas:Device.',
    ],
  },
  {
    name: "schema id of a service-provider schema",
    files: {
      // Not schema.yaml, nor name: Schema: those derive the names of the built-in Schema schema
      // (a name-collision case below).
      "definitions/schemas/my-schema.yaml": schema(
        "  - name: id\n    description: The id.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Schema\nname: MySchema\n",
      ),
    },
    want: [
      'definitions/schemas/my-schema.yaml:1:5 - error reserved-schema-id: Schema id "urn:ietf:params:scim:schemas:core:2.0:Schema" is a service-provider schema that scim-codegen already serves (RFC 7643 §8.7.2); choose another id.',
      'definitions/schemas/my-schema.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:ietf:params:scim:schemas:core:2.0:Schema"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "schema id in the message namespace",
    files: {
      "definitions/schemas/error.yaml": schema(
        "  - name: detail\n    description: Detail.\n",
        "id: urn:ietf:params:scim:api:messages:2.0:Error\nname: Error\n",
      ),
    },
    want: [
      'definitions/schemas/error.yaml:1:5 - error reserved-schema-id: Schema id "urn:ietf:params:scim:api:messages:2.0:Error" is in the SCIM message namespace (RFC 7644 §3.1); choose another id.',
      'definitions/schemas/error.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:ietf:params:scim:api:messages:2.0:Error"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "two schemas with ids differing in case",
    files: {
      "definitions/schemas/user-copy.yaml": schema(
        "  - name: userName\n    description: Name.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:user\nname: UserCopy\n",
      ),
    },
    want: [
      'definitions/schemas/user-copy.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:ietf:params:scim:schemas:core:2.0:user"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
      'definitions/schemas/user.yaml:1:5 - error duplicate-schema-id: Schema id "urn:ietf:params:scim:schemas:core:2.0:User" is also defined in definitions/schemas/user-copy.yaml (ids compare case-insensitively); keep one.',
    ],
  },
  {
    name: "attribute name with a space",
    files: {
      [group]: schema(
        "  - name: display name\n    description: Name.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:4:11 - error invalid-attribute-name: "display name" is not a valid attribute name: RFC 7643 §2.1 allows a letter followed by letters, digits, "-" or "_".',
    ],
  },
  {
    name: "attribute names equal but for case",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n  - name: DisplayName\n    description: Again.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:11 - error duplicate-attribute: Attribute "DisplayName" repeats "displayName" on the same level (names compare case-insensitively); rename or remove one.',
    ],
  },
  {
    name: "subAttributes on a string",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    subAttributes:\n      - name: value\n        description: V.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:5 - error sub-attributes-not-complex: "displayName" has subAttributes but its type is string; set type: complex or remove subAttributes.',
    ],
  },
  {
    name: "complex without subAttributes",
    files: {
      [group]: schema(
        "  - name: owner\n    type: complex\n    description: Owner.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:5:11 - error complex-without-sub-attributes: Complex attribute "owner" has no subAttributes; add them, or use a simple type.',
    ],
  },
  {
    name: "complex inside complex",
    files: {
      [group]: schema(
        "  - name: owner\n    type: complex\n    description: Owner.\n    subAttributes:\n      - name: address\n        type: complex\n        description: A.\n        subAttributes:\n          - name: street\n            description: S.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:9:15 - error nested-complex: Sub-attribute "owner.address" is complex, but RFC 7643 §2.3.8 forbids complex attributes inside complex ones; flatten it into "owner".',
    ],
  },
  {
    name: "referenceTypes on a string",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    referenceTypes: [external]\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:5 - error reference-types-not-reference: "displayName" has referenceTypes but its type is string; referenceTypes only apply to type: reference.',
    ],
  },
  {
    name: "reference without referenceTypes",
    files: {
      [group]: schema(
        "  - name: homepage\n    type: reference\n    description: A page.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:5:11 - error reference-without-types: Reference attribute "homepage" needs referenceTypes (RFC 7643 §7), e.g. [external], [uri] or resource type names such as [User, Group].',
    ],
  },
  {
    name: "caseExact on a boolean",
    files: {
      [group]: schema(
        "  - name: active\n    type: boolean\n    description: Active.\n    caseExact: true\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:5 - error case-exact-not-meaningful: "active" is boolean, which has no case; caseExact applies to string, reference and binary only. Remove it.',
    ],
  },
  {
    name: "uniqueness on a complex attribute (errata 6004)",
    files: {
      [group]: schema(
        "  - name: owner\n    type: complex\n    description: Owner.\n    uniqueness: server\n    subAttributes:\n      - name: value\n        description: V.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:5 - error uniqueness-not-meaningful: Complex attribute "owner" cannot have uniqueness (RFC 7643 errata 6004); set it on a sub-attribute instead.',
    ],
  },
  {
    name: "canonical value of the wrong type",
    files: {
      [group]: schema(
        "  - name: level\n    type: integer\n    description: Level.\n    canonicalValues: [1, high]\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:26 - error canonical-value-type: Canonical value "high" of "level" does not match its type integer; write an integer.',
    ],
  },
  {
    // Kills issue 14's planted bug "integer canonicalValues accept 1.5": 1.5 is a JSON number, so only
    // Number.isInteger tells it from an integer (RFC 7643 §2.3.4: an integer has no fractional part).
    name: "fractional canonical value of an integer attribute",
    files: {
      [group]: schema(
        "  - name: level\n    type: integer\n    description: Level.\n    canonicalValues: [1, 1.5]\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:26 - error canonical-value-type: Canonical value 1.5 of "level" does not match its type integer; write an integer.',
    ],
  },
  {
    // A decimal attribute takes any number, 1.5 and 2 alike: the integer check is for integers only.
    name: "decimal canonical values, fractional and whole, are fine beside a wrong one",
    files: {
      [group]: schema(
        "  - name: weight\n    type: decimal\n    description: Weight.\n    canonicalValues: [1.5, 2, heavy]\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:31 - error canonical-value-type: Canonical value "heavy" of "weight" does not match its type decimal; write a number.',
    ],
  },
  {
    name: "sub-attribute name outside the grammar ($ref is the one exception)",
    files: {
      [group]: schema(
        "  - name: owner\n    type: complex\n    description: Owner.\n    subAttributes:\n      - name: 9value\n        description: Value.\n      - name: $ref\n        type: reference\n        referenceTypes: [User]\n        description: Ref.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:8:15 - error invalid-attribute-name: "9value" is not a valid attribute name: RFC 7643 §2.1 allows a letter followed by letters, digits, "-" or "_" (and "$ref" for sub-attributes).',
    ],
  },
  {
    name: "canonical values on a complex attribute",
    files: {
      [group]: schema(
        "  - name: owner\n    type: complex\n    description: Owner.\n    canonicalValues: [a]\n    subAttributes:\n      - name: value\n        description: Value.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:23 - error canonical-value-type: Complex attribute "owner" cannot have canonicalValues; put them on a sub-attribute such as "type".',
    ],
  },
  {
    name: "a number as a canonical value of a string attribute",
    files: {
      [group]: schema("  - name: kind\n    description: Kind.\n    canonicalValues: [team, 7]\n", "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n"),
    },
    want: [
      'definitions/schemas/group.yaml:6:29 - error canonical-value-type: Canonical value 7 of "kind" does not match its type string; write a string (quote it in YAML).',
    ],
  },
  {
    // YAML 1.2 reads yes as a string, never a boolean.
    name: "yes as a canonical value of a boolean attribute",
    files: {
      [group]: schema("  - name: active\n    type: boolean\n    description: Active.\n    canonicalValues: [true, yes]\n", "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n"),
    },
    want: [
      'definitions/schemas/group.yaml:7:29 - error canonical-value-type: Canonical value "yes" of "active" does not match its type boolean; write a boolean.',
    ],
  },
  {
    name: "bulk maxima while bulk is not supported (warning)",
    files: { [spc]: spcWith({ "maxOperations: 0": "maxOperations: 5" }) },
    want: [
      'definitions/service-provider-config.yaml:5:18 - warning inconsistent-feature: bulk is not supported, but maxOperations is not 0; clients read the maxima as a promise, so set them to 0.',
    ],
  },
  {
    // caseExact has meaning on string, reference and binary (RFC 7643 §2.2): on a reference it is no
    // mistake (kills the Stryker mutant that drops "reference" from the case types).
    name: "caseExact on a reference and a binary attribute is fine; on a boolean it is not",
    files: {
      [group]: schema(
        "  - name: link\n    type: reference\n    referenceTypes: [external]\n    caseExact: true\n    description: Link.\n  - name: blob\n    type: binary\n    caseExact: true\n    description: Blob.\n  - name: flag\n    type: boolean\n    caseExact: true\n    description: Flag.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:15:5 - error case-exact-not-meaningful: "flag" is boolean, which has no case; caseExact applies to string, reference and binary only. Remove it.',
    ],
  },
  {
    name: "canonical value listed twice",
    files: {
      [group]: schema(
        "  - name: kind\n    description: Kind.\n    canonicalValues: [team, team]\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:6:29 - error duplicate-canonical-value: Canonical value "team" of "kind" is listed twice; remove one.',
    ],
  },
  {
    name: "required readOnly attribute (warning)",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: Name.\n    required: true\n    mutability: readOnly\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:7:17 - warning required-read-only: "displayName" is required but readOnly: clients drop readOnly attributes from create requests, so none can send it. Use immutable or readWrite.',
    ],
  },
  {
    name: "description says REQUIRED, required is false (warning)",
    files: {
      [group]: schema(
        "  - name: displayName\n    description: A name. REQUIRED.\n",
        "id: urn:ietf:params:scim:schemas:core:2.0:Group\nname: Group\n",
      ),
    },
    want: [
      'definitions/schemas/group.yaml:5:18 - warning required-mismatch: The description of "displayName" says REQUIRED, but required is false; set required: true or fix the description.',
    ],
  },
  {
    name: "two resource types named alike",
    files: {
      "definitions/resource-types/user-again.yaml":
        "name: user\nendpoint: /People\nschema: urn:ietf:params:scim:schemas:core:2.0:User\n",
    },
    want: [
      'definitions/resource-types/user.yaml:1:7 - error duplicate-resource-type: Resource type "User" is also defined in definitions/resource-types/user-again.yaml (names compare case-insensitively); keep one.',
    ],
  },
  {
    name: "two resource types on one endpoint",
    files: {
      [groupType]:
        "name: Group\nendpoint: /users\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    },
    want: [
      'definitions/resource-types/user.yaml:2:11 - error duplicate-endpoint: Endpoint "/Users" is also used in definitions/resource-types/group.yaml; each resource type needs its own.',
    ],
  },
  {
    name: "endpoint without a leading slash",
    files: {
      [groupType]:
        "name: Group\nendpoint: Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error endpoint-not-absolute: Endpoint "Groups" must start with "/" (RFC 7643 §6), e.g. "/Groups".',
    ],
  },
  {
    name: "id differs from name (warning)",
    files: {
      [groupType]:
        "id: Groups\nname: Group\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    },
    want: [
      'definitions/resource-types/group.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "Groups" differs from its name "Group"; clients fetch /ResourceTypes/Group, so leave id out or make them equal.',
    ],
  },
  {
    name: "unknown base schema",
    files: {
      [groupType]:
        "name: Group\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Team\n",
    },
    want: [
      'definitions/resource-types/group.yaml:3:9 - error unknown-schema: Schema "urn:ietf:params:scim:schemas:core:2.0:Team" is not defined; add a file under definitions/schemas/ with id: urn:ietf:params:scim:schemas:core:2.0:Team, or fix the URN (defined: urn:ietf:params:scim:schemas:core:2.0:Group, urn:ietf:params:scim:schemas:core:2.0:User).',
      'definitions/schemas/group.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:ietf:params:scim:schemas:core:2.0:Group"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "schema reference in the wrong case",
    files: {
      [groupType]:
        "name: Group\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:group\n",
    },
    want: [
      'definitions/resource-types/group.yaml:3:9 - error unknown-schema: Schema "urn:ietf:params:scim:schemas:core:2.0:group" differs in case from the defined schema "urn:ietf:params:scim:schemas:core:2.0:Group"; clients compare exactly, so write "urn:ietf:params:scim:schemas:core:2.0:Group".',
      'definitions/schemas/group.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:ietf:params:scim:schemas:core:2.0:Group"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "extension equal to the base schema",
    files: {
      [userType]:
        "name: User\nendpoint: /Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\nschemaExtensions:\n  - schema: urn:ietf:params:scim:schemas:core:2.0:User\n",
    },
    want: [
      'definitions/resource-types/user.yaml:5:13 - error extension-is-base-schema: "urn:ietf:params:scim:schemas:core:2.0:User" is the base schema of User; it cannot also be its extension. Remove it from schemaExtensions.',
    ],
  },
  {
    name: "extension listed twice, and a base used as an extension",
    files: {
      [userType]:
        "name: User\nendpoint: /Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\nschemaExtensions:\n  - schema: urn:ietf:params:scim:schemas:core:2.0:Group\n  - schema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    },
    want: [
      'definitions/resource-types/user.yaml:5:13 - error extension-used-as-base: "urn:ietf:params:scim:schemas:core:2.0:Group" is the base schema of the resource type in definitions/resource-types/group.yaml; an extension schema extends a base, it cannot be one. Define a separate extension schema.',
      'definitions/resource-types/user.yaml:6:13 - error duplicate-extension: Extension "urn:ietf:params:scim:schemas:core:2.0:Group" is listed twice on User; remove one.',
    ],
  },
  {
    name: "schema no resource type uses (warning)",
    files: {
      "definitions/schemas/device.yaml": schema(
        "  - name: serial\n    description: Serial number.\n",
        "id: urn:acme:scim:schemas:Device\nname: Device\n",
      ),
    },
    want: [
      'definitions/schemas/device.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:acme:scim:schemas:Device"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "no resource type named Group (warning)",
    files: {
      [groupType]:
        "name: Team\nendpoint: /Teams\nschema: urn:ietf:params:scim:schemas:core:2.0:Group\n",
    },
    want: [
      'definitions/resource-types/group.yaml:1:1 - warning missing-core-resource-type: No resource type is named exactly "Group"; SailPoint-class pre-flights reject services without /ResourceTypes/Group.',
    ],
  },
  {
    name: "filter supported with maxResults 0",
    files: { [spc]: spcWith({ "maxResults: 100": "maxResults: 0" }) },
    want: [
      "definitions/service-provider-config.yaml:9:15 - error inconsistent-feature: filter is supported, so maxResults must be greater than 0 (RFC 7643 §5: the most resources one filter returns).",
    ],
  },
  {
    name: "bulk supported with no limits",
    files: {
      [spc]: spcWith({
        "bulk:\n  supported: false": "bulk:\n  supported: true",
      }),
    },
    want: [
      "definitions/service-provider-config.yaml:5:18 - error inconsistent-feature: bulk is supported, so maxOperations must be greater than 0; set it to the real limit, or set supported: false.",
    ],
  },
  {
    name: "relative specUri",
    files: {
      [spc]: spcWith({
        "description: Bearer tokens (RFC 6750)\n":
          "description: Bearer tokens (RFC 6750)\n    specUri: /rfc6750\n",
      }),
    },
    want: [
      'definitions/service-provider-config.yaml:20:14 - error relative-uri: "/rfc6750" must be an absolute URL (RFC 7643 §5), e.g. https://docs.example.com/scim.',
    ],
  },
  {
    name: "two primary authentication schemes",
    files: {
      [spc]: spcWith({
        "description: Bearer tokens (RFC 6750)\n":
          "description: Bearer tokens (RFC 6750)\n    primary: true\n  - type: httpbasic\n    name: HTTP Basic\n    description: Basic (RFC 7617)\n    primary: true\n",
      }),
    },
    want: [
      "definitions/service-provider-config.yaml:24:14 - error multiple-primary-schemes: Only one authentication scheme can be primary (RFC 7643 §5); set primary: false on the others.",
    ],
  },
  {
    name: "unknown authentication scheme type",
    files: { [spc]: spcWith({ "type: oauthbearertoken": "type: bearer" }) },
    want: [
      'definitions/service-provider-config.yaml:17:11 - error not-allowed-value: authenticationSchemes[0].type is "bearer", which is not allowed; use one of oauth, oauth2, oauthbearertoken, httpbasic, httpdigest.',
    ],
  },
  {
    name: "feature missing from the ServiceProviderConfig",
    files: { [spc]: spcWith({ "etag:\n  supported: false\n": "" }) },
    want: [
      'definitions/service-provider-config.yaml:1:1 - error missing-key: The file is missing the required key "etag".',
    ],
  },
  {
    name: "filter operators while filtering is off (warning)",
    files: {
      [spc]:
        spcWith({
          "supported: true\n  maxResults: 100":
            "supported: false\n  maxResults: 0",
        }) + "codegen:\n  filterOperators: [eq]\n",
    },
    want: [
      "definitions/service-provider-config.yaml:21:20 - warning unused-filter-operators: filterOperators are listed, but filter.supported is false; remove them or support filtering.",
    ],
  },
  {
    name: "no ServiceProviderConfig",
    files: { [spc]: null },
    want: [
      "definitions/service-provider-config.yaml:1:1 - error no-definitions: Missing service-provider-config.yaml: RFC 7643 §5 requires a ServiceProviderConfig; create it with patch, bulk, filter, changePassword, sort, etag and authenticationSchemes.",
    ],
  },
  {
    name: "stray YAML file (warning)",
    files: { "definitions/users.yaml": "name: User\n" },
    want: [
      "definitions/users.yaml:1:1 - warning unknown-file: Not a definition file: the top level holds only scim-codegen.yaml and service-provider-config.yaml; schemas go in schemas/, resource types in resource-types/.",
    ],
  },
  {
    name: "unknown adapter in the project file",
    files: {
      "definitions/scim-codegen.yaml":
        "adapters: [express, flask]\npackageScope: Acme\n",
    },
    want: [
      'definitions/scim-codegen.yaml:1:21 - error not-allowed-value: adapters[1] is "flask", which is not allowed; use one of express, fastify, hono, koa, next, node, django, fastapi.',
      'definitions/scim-codegen.yaml:2:15 - error invalid-value: packageScope "Acme" is not an npm scope: write "@", then lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. "@acme"; it names the generated packages and every import of them.',
    ],
  },
  {
    name: "generator-only field in the wrong place",
    files: {
      [userType]:
        "name: User\nendpoint: /Users\nschema: urn:ietf:params:scim:schemas:core:2.0:User\ncodegen:\n  operations: [list, fetch]\n",
    },
    want: [
      'definitions/resource-types/user.yaml:5:22 - error not-allowed-value: codegen.operations[1] is "fetch", which is not allowed; use one of list, get, create, replace, patch, delete.',
    ],
  },
  // --- Definition file names: the stem names modules, imports, identifiers and files.
  {
    name: "file name with # (a fragment in an import specifier)",
    files: { "definitions/schemas/group#2.yaml": groupSchema },
    want: [
      'definitions/schemas/group#2.yaml:1:1 - error invalid-file-name: The file name "group#2.yaml" cannot be used: "#" (U+0023) is not allowed (it starts the fragment of an import specifier). Its stem names modules, imports and output files, so use letters, digits, "-" and "_", starting with a letter or digit, e.g. "group-2.yaml". The file is not used.',
    ],
  },
  {
    name: "file name with ? (a query in an import specifier)",
    files: { "definitions/resource-types/group?x.yaml": groupTypeWith("Team", "/Teams") },
    want: [
      'definitions/resource-types/group?x.yaml:1:1 - error invalid-file-name: The file name "group?x.yaml" cannot be used: "?" (U+003F) is not allowed (it starts the query of an import specifier). Its stem names modules, imports and output files, so use letters, digits, "-" and "_", starting with a letter or digit, e.g. "group-x.yaml". The file is not used.',
    ],
  },
  {
    name: "file name with a newline, shown escaped",
    files: { "definitions/schemas/group\n.yaml": groupSchema },
    want: [
      'definitions/schemas/group\\u000a.yaml:1:1 - error invalid-file-name: The file name "group\\n.yaml" cannot be used: U+000A (a control character) is not allowed. Its stem names modules, imports and output files, so use letters, digits, "-" and "_", starting with a letter or digit, e.g. "group.yaml". The file is not used.',
    ],
  },
  {
    name: "file name starting with -",
    files: { "definitions/schemas/-group.yaml": groupSchema },
    want: [
      'definitions/schemas/-group.yaml:1:1 - error invalid-file-name: The file name "-group.yaml" cannot be used: it must start with a letter or digit. Its stem names modules, imports and output files, so use letters, digits, "-" and "_", starting with a letter or digit, e.g. "group.yaml". The file is not used.',
    ],
  },
  {
    name: "file name too long for the output file names",
    files: { [`definitions/schemas/${"g".repeat(129)}.yaml`]: groupSchema },
    want: [
      'definitions/schemas/ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg.yaml:1:1 - error invalid-file-name: The file name "ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg.yaml" cannot be used: its stem has 129 characters, and output file names built from it must stay within 255 bytes; use at most 128. The file is not used.',
    ],
  },
  {
    name: "file name Windows reserves for a device",
    files: { "definitions/resource-types/aux.yaml": groupTypeWith("Team", "/Teams") },
    want: [
      'definitions/resource-types/aux.yaml:1:1 - error invalid-file-name: The file name "aux.yaml" cannot be used: Windows reserves "aux" for a device, so no output file may be named after it; rename the file. The file is not used.',
    ],
  },
  {
    name: "file name with an upper-case extension",
    files: { "definitions/resource-types/team.YAML": groupTypeWith("Team", "/Teams") },
    want: [
      'definitions/resource-types/team.YAML:1:1 - error invalid-file-name: The file name "team.YAML" cannot be used: write its extension in lower case, "team.yaml". The file is not used.',
    ],
  },
  {
    name: "a folder named like a definition file, and a folder inside resource-types/",
    files: { "definitions/resource-types/team.yaml/notes.txt": "x\n", "definitions/resource-types/more/team.yaml": groupTypeWith("Team", "/Teams") },
    want: [
      "definitions/resource-types/more:1:1 - warning unknown-file: A folder inside resource-types/ is not read: definitions go directly in resource-types/; move its files up, or remove it.",
      "definitions/resource-types/team.yaml:1:1 - error unreadable-definition: Not read: it is a folder, not a file.",
    ],
  },
  // --- Encodings: bytes, not text; never a silent U+FFFD.
  {
    name: "Latin-1 byte, at the line and column of the first bad byte",
    files: { [group]: latin1(groupSchema.replace("description: Group", "description: Gr\u00fcppe")) },
    want: [
      'definitions/schemas/group.yaml:3:16 - error invalid-encoding: The file is not UTF-8: byte 0xFC here starts no valid UTF-8 character (was the file saved as Latin-1 or Windows-1252?). Save it as UTF-8; every output is UTF-8 and would carry U+FFFD in its place.',
    ],
  },
  {
    name: "UTF-8 sequence cut off at the end of the file",
    files: { [group]: Uint8Array.from([...Buffer.from(`${groupSchema}# caf`), 0xc3]) },
    want: [
      'definitions/schemas/group.yaml:8:6 - error invalid-encoding: The file is not UTF-8: byte 0xC3 here starts no valid UTF-8 character (was the file saved as Latin-1 or Windows-1252?). Save it as UTF-8; every output is UTF-8 and would carry U+FFFD in its place.',
    ],
  },
  {
    name: "UTF-16 file",
    files: { [group]: Uint8Array.from([0xff, 0xfe, ...[...groupSchema].flatMap((c) => [c.charCodeAt(0), 0])]) },
    want: [
      'definitions/schemas/group.yaml:1:1 - error invalid-encoding: The file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8.',
    ],
  },
  {
    name: "UTF-8 byte-order mark is ignored: columns count from after it",
    files: { [group]: Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(groupSchema.replace(`id: ${groupUrn}`, "id: 42"))]) },
    want: [
      'definitions/schemas/group.yaml:1:5 - error wrong-type: id must be a string, not number 42.',
    ],
  },
  {
    name: "YAML escape making a lone surrogate",
    files: { [group]: groupSchema.replace("description: Group", 'description: "Gr\\uD800oup"') },
    want: [
      'definitions/schemas/group.yaml:3:14 - error invalid-encoding: A YAML escape here makes a lone UTF-16 surrogate (\\uD800–\\uDFFF), which has no UTF-8 form: every output would carry U+FFFD instead. Write the character itself, or both halves of its surrogate pair.',
    ],
  },
  // --- Loader budgets: a positioned diagnostic, never a slow or crashing run.
  {
    name: "file over the size limit",
    files: { [group]: `${groupSchema}# ${"x".repeat(128 * 1024)}\n` },
    want: [
      'definitions/schemas/group.yaml:1:1 - error yaml-limit: The file is 129 KiB; a definition file may have at most 128 KiB (the largest default one has 13 KB). Split the schema, or check that this is the file you meant.',
    ],
  },
  {
    name: "flow collections nested too deep (found by the lexer, before parsing)",
    files: { [group]: `${groupSchema}extra: ${"[".repeat(70)}${"]".repeat(70)}\n` },
    want: [
      'definitions/schemas/group.yaml:8:72 - error yaml-limit: Mappings and sequences nest deeper than 64 levels here; definitions nest about 6 deep. The limit keeps a hostile file from exhausting the loader.',
    ],
  },
  {
    name: "block indicators nested too deep on one line (found by the lexer, before parsing)",
    files: { [group]: `${groupSchema}extra:\n${"- ".repeat(70)}x\n` },
    want: [
      'definitions/schemas/group.yaml:9:129 - error yaml-limit: Mappings and sequences nest deeper than 64 levels here; definitions nest about 6 deep. The limit keeps a hostile file from exhausting the loader.',
    ],
  },
  {
    name: "mappings nested too deep by indentation",
    files: { [group]: `${groupSchema}extra:\n${Array.from({ length: 66 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n")} x\n` },
    want: [
      'definitions/schemas/group.yaml:72:65 - error yaml-limit: Mappings and sequences nest deeper than 64 levels here; definitions nest about 6 deep. The limit keeps a hostile file from exhausting the loader.',
    ],
  },
  {
    name: "alias bomb: 8 levels of 9 aliases (310 bytes)",
    files: { [group]: groupSchema + aliasBomb },
    want: [
      'definitions/schemas/group.yaml:13:8 - error yaml-limit: Aliases in this file expand to more than 100,000 values (an alias bomb); definitions need a few hundred at most. Write the repeated part out, or nest aliases less.',
    ],
  },
  {
    name: "alias that contains itself",
    files: { [group]: `${groupSchema}extra: &x [*x]\n` },
    want: [
      'definitions/schemas/group.yaml:8:12 - error yaml-limit: This alias nests its value deeper than 64 levels (or contains itself); definitions nest about 6 deep.',
    ],
  },
  // --- YAML syntax, reported where the mistake is.
  {
    name: "unterminated double-quoted string, at its opening quote",
    files: { [group]: groupSchema.replace("name: Group\n", 'name: "Group\n') },
    want: [
      'definitions/schemas/group.yaml:2:7 - error yaml-syntax: This double-quoted string is never closed; add the closing " where it should end.',
    ],
  },
  {
    name: "unterminated single-quoted string, at its opening quote",
    files: { [group]: groupSchema.replace("description: Group\n", "description: 'it''s a group\n") },
    want: [
      "definitions/schemas/group.yaml:3:14 - error yaml-syntax: This single-quoted string is never closed; add the closing ' where it should end.",
    ],
  },
  {
    name: "unterminated flow map, at its opening brace",
    files: { [group]: groupSchema.replace("name: Group\n", "name: {first: Group\n") },
    want: [
      'definitions/schemas/group.yaml:2:7 - error yaml-syntax: This flow map opens with "{" but never ends with "}" (or a line inside it is not indented more than its key); close it.',
    ],
  },
  {
    name: "unterminated string inside a flow sequence: one diagnostic, at the quote",
    files: { [group]: groupSchema.replace("name: Group\n", 'name: [Group, "Team\n') },
    want: [
      'definitions/schemas/group.yaml:2:15 - error yaml-syntax: This double-quoted string is never closed; add the closing " where it should end.',
    ],
  },
  {
    name: "two YAML documents in one file",
    files: { [group]: `${groupSchema}---\nid: x\n` },
    want: [
      'definitions/schemas/group.yaml:8:1 - error yaml-syntax: A definition file holds one YAML document; remove this second document (and the --- before it), or move it into a file of its own.',
    ],
  },
  {
    name: ".inf has no JSON form",
    files: { [spc]: spcWith({ "maxResults: 100": "maxResults: .inf" }) },
    want: [
      'definitions/service-provider-config.yaml:9:15 - error invalid-value: Infinity (YAML .inf) has no JSON form, since JSON numbers are finite; write a finite number.',
    ],
  },
  // --- Resource type names and ids: /ResourceTypes/{id}, a type name, a file name.
  {
    name: "resource type name with a space and % (every adapter refused to start)",
    files: { [groupType]: groupTypeWith('"Device 100%"') },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name "Device 100%" contains a space (U+0020): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Device-100".',
    ],
  },
  {
    name: "resource type name that climbs out of --out",
    files: { [groupType]: groupTypeWith("../../../../escaped") },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name "../../../../escaped" starts with "." (U+002E): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "escaped".',
    ],
  },
  {
    name: "resource type name with a NUL",
    files: { [groupType]: groupTypeWith('"Gr\\0oup"') },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name "Gr\\u0000oup" contains U+0000 (a control character): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Gr-oup".',
    ],
  },
  {
    name: "resource type name starting with a digit",
    files: { [groupType]: groupTypeWith('"1Group"') },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name "1Group" starts with "1" (U+0031): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Group".',
    ],
  },
  {
    name: "empty resource type name",
    files: { [groupType]: groupTypeWith('""') },
    want: [
      'definitions/resource-types/group.yaml:1:7 - error invalid-resource-type-name: Resource type name is empty; it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Device".',
    ],
  },
  {
    name: "resource type id with a /",
    files: { [groupType]: groupTypeWith("Group", "/Groups", "id: Group/x\n") },
    want: [
      'definitions/resource-types/group.yaml:1:5 - error invalid-resource-type-name: Resource type id "Group/x" contains "/" (U+002F) (it would start a second path segment): it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter, e.g. "Group-x".',
    ],
  },
  {
    name: "resource type name Windows reserves for a device",
    files: withDevice(deviceType("Con", "/Devices")),
    want: [
      'definitions/resource-types/device.yaml:1:7 - error invalid-resource-type-name: Resource type name "Con" is a device name on Windows (json/ResourceTypes/Con.json could not be written there); choose another name.',
    ],
  },
  {
    name: "resource type name too long",
    files: withDevice(deviceType(`D${"x".repeat(128)}`, "/Devices")),
    want: [
      'definitions/resource-types/device.yaml:1:7 - error name-too-long: Resource type name "Dxxxxxxxxxxxxxxxxxxxxxxx…" has 129 characters; output file names are built from it, so use at most 128.',
    ],
  },
  // --- Endpoints: one path segment, not one RFC 7644 reserves.
  {
    name: "endpoint of two path segments",
    files: { [groupType]: groupTypeWith("Group", "/Groups/all") },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint "/Groups/all" contains "/" (U+002F) (it would start a second path segment); an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): "/", a letter, then letters, digits, ".", "_", "~" or "-", e.g. "/Groups-all".',
    ],
  },
  {
    name: "endpoint that is only /",
    files: { [groupType]: groupTypeWith("Group", "/") },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint "/" names no path segment; an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): "/", a letter, then letters, digits, ".", "_", "~" or "-", e.g. "/Devices".',
    ],
  },
  {
    name: "endpoint starting with a digit",
    files: { [groupType]: groupTypeWith("Group", "/1Groups") },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error invalid-endpoint: Endpoint "/1Groups" continues with "1" (U+0031) after "/"; an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): "/", a letter, then letters, digits, ".", "_", "~" or "-", e.g. "/Groups".',
    ],
  },
  {
    name: "endpoint RFC 7644 reserves, in another case",
    files: { [groupType]: groupTypeWith("Group", "/schemas") },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error reserved-endpoint: Endpoint "/schemas" is /Schemas, which RFC 7644 reserves (§3.2, §4; paths compare case-insensitively), so it would shadow that endpoint; choose another, e.g. "/Devices".',
    ],
  },
  {
    name: "endpoint too long",
    files: { [groupType]: groupTypeWith("Group", `/G${"x".repeat(128)}`) },
    want: [
      'definitions/resource-types/group.yaml:2:11 - error name-too-long: Endpoint "/Gxxxxxxxxxxxxxxxxxxxxxx…" has 130 characters; use at most 129.',
    ],
  },
  // --- Schema ids: a URN served raw as the one segment of /Schemas/{uri}.
  {
    name: "schema id with a / (every adapter refused to start)",
    files: groupWithId("urn:acme:scim/Group"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:acme:scim/Group\" contains \"/\" (U+002F) (it would have to be sent as %2F, which proxies decode or refuse): the id is served raw as the one path segment of /Schemas/{uri} and is its meta.location, so after urn:<namespace>: it may hold letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ only.",
    ],
  },
  {
    name: "schema id with percent-encoding",
    files: groupWithId("urn:acme:scim%3AGroup"),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:acme:scim%3AGroup\" contains \"%\" (U+0025) (percent-encoding would make the served path differ from the id; write the character itself if it is allowed): the id is served raw as the one path segment of /Schemas/{uri} and is its meta.location, so after urn:<namespace>: it may hold letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ only.",
    ],
  },
  {
    name: "schema id with a space",
    files: groupWithId('"urn:acme:scim Group"'),
    want: [
      "definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id \"urn:acme:scim Group\" contains a space (U+0020): the id is served raw as the one path segment of /Schemas/{uri} and is its meta.location, so after urn:<namespace>: it may hold letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ only.",
    ],
  },
  {
    name: "schema id with a one-letter namespace",
    files: groupWithId("urn:a:Group"),
    want: [
      'definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id "urn:a:Group" has the namespace "a"; an RFC 8141 namespace has 2 to 32 letters, digits or "-", and does not end in "-" (e.g. "acme" in urn:acme:scim:schemas:Device).',
    ],
  },
  {
    name: "schema id with nothing after its namespace",
    files: groupWithId("'urn:acme:'"),
    want: [
      'definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id "urn:acme:" has nothing after its namespace; write urn:acme:<name>, e.g. urn:acme:scim:schemas:Device.',
    ],
  },
  {
    name: "schema id with URN in upper case",
    files: groupWithId("URN:acme:Group"),
    want: [
      'definitions/schemas/group.yaml:1:5 - error schema-id-not-urn: Schema id "URN:acme:Group" is not a URN (write "urn:" in lower case); write urn:<namespace>:<rest>, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User or urn:acme:scim:schemas:Device.',
    ],
  },
  {
    name: "schema id whose static JSON file name would pass 255 bytes",
    files: groupWithId(`urn:acme:${"@".repeat(84)}x`),
    want: [
      'definitions/schemas/group.yaml:1:5 - error name-too-long: Schema id "urn:acme:@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@x" is too long: its static JSON file (the id percent-encoded, plus .json) takes 271 bytes, and file systems allow 255. Shorten it.',
    ],
  },
  {
    // A trailing dot is encoded too (Windows drops it): the file name is 2 bytes longer than one escape per
    // character outside RFC 3986 unreserved, so an estimate that counts only those lets it reach the
    // emitter, which cannot write it (a throw, not a diagnostic).
    name: "schema id ending in a dot whose static JSON file name would pass 255 bytes",
    files: groupWithId(`urn:acme:${"a".repeat(236)}.`),
    want: [
      `definitions/schemas/group.yaml:1:5 - error name-too-long: Schema id "urn:acme:${"a".repeat(236)}." is too long: its static JSON file (the id percent-encoded, plus .json) takes 257 bytes, and file systems allow 255. Shorten it.`,
    ],
  },
  // --- Names derived from definitions never collide.
  {
    name: "resource type named like a runtime type",
    files: withDevice(deviceType("ScimResource", "/Devices")),
    want: [
      'definitions/resource-types/device.yaml:1:7 - error name-collision: The resource type name "ScimResource" gives the core package export "ScimResource", which scim-codegen itself uses; choose another name.',
    ],
  },
  {
    name: "resource type named like a discovery component and operation",
    files: withDevice(deviceType("Schema", "/Devices")),
    want: [
      'definitions/resource-types/device.yaml:1:7 - error name-collision: The resource type name "Schema" gives the OpenAPI component schema "Schema", which scim-codegen itself uses; choose another name.',
    ],
  },
  {
    name: "two file stems with the same camelCase",
    files: {
      ...withDevice(`${deviceType("Device", "/Devices")}schemaExtensions:\n  - schema: urn:acme:scim:schemas:Kind\n  - schema: urn:acme:scim:schemas:Sort\n`),
      "definitions/schemas/device-kind.yaml": deviceSchema.replace("Device\nname: Device", "Kind\nname: Kind"),
      "definitions/schemas/device_kind.yaml": deviceSchema.replace("Device\nname: Device", "Sort\nname: Sort"),
    },
    want: [
      'definitions/schemas/device_kind.yaml:1:1 - error name-collision: The file name "device_kind.yaml" gives the core package export "deviceKindSchema", as does the file name "device-kind.yaml" (definitions/schemas/device-kind.yaml:1:1); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "two file stems that differ only in case",
    files: { "definitions/schemas/Group.yaml": deviceSchema, "definitions/resource-types/device.yaml": deviceType("Device", "/Devices") },
    want: [
      'definitions/schemas/group.yaml:1:1 - error name-collision: The file name "group.yaml" gives the output file "packages/core/schemas/group", and the file name "Group.yaml" (definitions/schemas/Group.yaml:1:1) gives "packages/core/schemas/Group": they differ only in case, so a case-insensitive file system (macOS, Windows) holds one of them. Rename one.',
    ],
  },
  {
    name: "schema file stem of a built-in schema",
    files: { "definitions/schemas/resource-type.yaml": deviceSchema, "definitions/resource-types/device.yaml": deviceType("Device", "/Devices") },
    want: [
      'definitions/schemas/resource-type.yaml:1:1 - error name-collision: The file name "resource-type.yaml" gives the core package export "resourceTypeSchema", which the built-in ResourceType schema (RFC 7643 §8.7.2) already gives; choose another name.',
    ],
  },
  {
    name: "schema name of a built-in schema",
    files: { ...withDevice(deviceType("Device", "/Devices")), "definitions/schemas/device.yaml": deviceSchema.replace("name: Device", "name: Resource Type") },
    want: [
      'definitions/schemas/device.yaml:2:7 - error name-collision: The schema name "Resource Type" gives the SchemaUrn key and OpenAPI example name "ResourceType", which the built-in ResourceType schema (RFC 7643 §8.7.2) already gives; choose another name.',
    ],
  },
  {
    name: "two schema names with the same PascalCase",
    files: { ...withDevice(deviceType("Device", "/Devices")), "definitions/schemas/device.yaml": deviceSchema.replace("name: Device", "name: group") },
    want: [
      'definitions/schemas/group.yaml:2:7 - error name-collision: The schema name "Group" gives the SchemaUrn key and OpenAPI example name "Group", as does the schema name "group" (definitions/schemas/device.yaml:2:7); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "complex attribute whose interface is the schema's attributes interface",
    files: { [group]: `${groupSchema}  - name: attributes\n    type: complex\n    description: A.\n    subAttributes:\n      - name: value\n        description: V.\n` },
    want: [
      'definitions/schemas/group.yaml:8:11 - error name-collision: The complex attribute "attributes" of group.yaml gives the core package export "GroupAttributes", as does the file name "group.yaml" (definitions/schemas/group.yaml:1:1); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "resource type name that is another's create request component",
    files: { ...withDevice(deviceType("Device", "/Devices")), "definitions/resource-types/device-create.yaml": deviceType("DeviceCreateRequest", "/DeviceCreates") },
    want: [
      'definitions/resource-types/device.yaml:1:7 - error name-collision: The resource type name "Device" gives the OpenAPI component schema "DeviceCreateRequest", as does the resource type name "DeviceCreateRequest" (definitions/resource-types/device-create.yaml:1:7); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "two resource type names with the same PascalCase",
    files: { ...withDevice(deviceType("Device", "/Devices")), "definitions/resource-types/gadget.yaml": deviceType("device_", "/Gadgets") },
    want: [
      'definitions/resource-types/gadget.yaml:1:7 - error name-collision: The resource type name "device_" gives the core package export "Device", as does the resource type name "Device" (definitions/resource-types/device.yaml:1:7); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "two endpoints with the same list operationId",
    files: { ...withDevice(deviceType("Device", "/my-devices")), "definitions/resource-types/gadget.yaml": deviceType("Gadget", "/myDevices") },
    want: [
      'definitions/resource-types/gadget.yaml:2:11 - error name-collision: The endpoint "/myDevices" gives the OpenAPI operationId "listMyDevices", as does the endpoint "/my-devices" (definitions/resource-types/device.yaml:2:11); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "resource type file named index (validators/index.js)",
    files: withDevice(deviceType("Device", "/Devices"), "index"),
    want: [
      'definitions/resource-types/index.yaml:1:1 - error name-collision: The file name "index.yaml" gives the output file "packages/core/validators/index", which scim-codegen itself uses; choose another name.',
    ],
  },
  {
    name: "resource type id whose example name is another's",
    files: { ...withDevice(deviceType("Device", "/Devices", "id: Group_\n")) },
    want: [
      'definitions/resource-types/device.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "Group_" differs from its name "Device"; clients fetch /ResourceTypes/Device, so leave id out or make them equal.',
      'definitions/resource-types/group.yaml:1:7 - error name-collision: The resource type name "Group" gives the OpenAPI example name "Group", as does the resource type id "Group_" (definitions/resource-types/device.yaml:1:5); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    // Schemas are claimed before resource types, but the report goes to the later position: resource-types/
    // sorts before schemas/, so the resource type holds the name and the schema file is the one to rename.
    name: "resource type name that is a schema file's attributes interface, and two complex attributes alike in one file",
    files: {
      ...withDevice(deviceType("DeviceAttributes", "/Devices")),
      [group]: `${groupSchema}${complexAttribute("x_y")}${complexAttribute("xY")}`,
    },
    want: [
      'definitions/schemas/device.yaml:1:1 - error name-collision: The file name "device.yaml" gives the core package export "DeviceAttributes", as does the resource type name "DeviceAttributes" (definitions/resource-types/device.yaml:1:7); one would silently replace the other, so rename one of them.',
      'definitions/schemas/group.yaml:14:11 - error name-collision: The complex attribute "xY" of group.yaml gives the core package export "GroupXY", as does the complex attribute "x_y" of group.yaml (definitions/schemas/group.yaml:8:11); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    // Three owners of one name: the first by path, then line (a.yaml's name is on line 2, b.yaml's on line 1);
    // each other owner is reported against it.
    name: "three owners of one core export: ordered by file, not by line",
    files: {
      "definitions/schemas/device.yaml": deviceSchema,
      "definitions/resource-types/a.yaml": "description: First.\nname: DeviceAttributes\nendpoint: /As\nschema: urn:acme:scim:schemas:Device\n",
      "definitions/resource-types/b.yaml": "name: Device_Attributes\nendpoint: /Bs\nschema: urn:acme:scim:schemas:Device\n",
    },
    want: [
      'definitions/resource-types/b.yaml:1:7 - error name-collision: The resource type name "Device_Attributes" gives the core package export "DeviceAttributes", as does the resource type name "DeviceAttributes" (definitions/resource-types/a.yaml:2:7); one would silently replace the other, so rename one of them.',
      'definitions/schemas/device.yaml:1:1 - error name-collision: The file name "device.yaml" gives the core package export "DeviceAttributes", as does the resource type name "DeviceAttributes" (definitions/resource-types/a.yaml:2:7); one would silently replace the other, so rename one of them.',
    ],
  },
  {
    name: "schema file stem of the second built-in schema",
    files: { "definitions/schemas/schema.yaml": deviceSchema, "definitions/resource-types/device.yaml": deviceType("Device", "/Devices") },
    want: [
      'definitions/schemas/schema.yaml:1:1 - error name-collision: The file name "schema.yaml" gives the core package export "schemaSchema", which the built-in Schema schema (RFC 7643 §8.7.2) already gives; choose another name.',
    ],
  },
  {
    name: "two resource type ids with the same example name",
    files: {
      ...withDevice(deviceType("Device", "/Devices", "id: Gadget_\n")),
      "definitions/resource-types/gizmo.yaml": deviceType("Gizmo", "/Gizmos", "id: gadget\n"),
    },
    want: [
      'definitions/resource-types/device.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "Gadget_" differs from its name "Device"; clients fetch /ResourceTypes/Device, so leave id out or make them equal.',
      'definitions/resource-types/gizmo.yaml:1:5 - error name-collision: The resource type id "gadget" gives the OpenAPI example name "Gadget", as does the resource type id "Gadget_" (definitions/resource-types/device.yaml:1:5); one would silently replace the other, so rename one of them.',
      'definitions/resource-types/gizmo.yaml:1:5 - warning resource-type-id-mismatch: Resource type id "gadget" differs from its name "Gizmo"; clients fetch /ResourceTypes/Gizmo, so leave id out or make them equal.',
    ],
  },
  // --- staticJson.baseUrl: an absolute http(s) URL with an RFC 3986 path.
  ...(
    [
      ['https://api.example.com/scim v2', "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/scim v2\" contains a space (U+0020) in its path, which RFC 3986 allows only percent-encoded (e.g. %20); it is baked into every static document's meta.location and into a README."],
      ['https://user:secret@api.example.com/scim/v2', "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://user:secret@api.example.com/scim/v2\" carries user information (\"user:password@\"); it is baked into every static document's meta.location and into a README, so leave credentials out."],
      ['https://api.example.com/scim/v2?tenant=1', 'definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl "https://api.example.com/scim/v2?tenant=1" has a query or fragment; a base URL is a scheme, a host and a path, since each meta.location appends a path to it.'],
      ['https://api_example.com/scim/v2', 'definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl "https://api_example.com/scim/v2" has the host "api_example.com", which is not a host name (letters, digits, "-" and ".") or an [IPv6] literal, with an optional :port.'],
      ['https://api.example.com/100%', "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/100%\" has a \"%\" that is not followed by two hex digits; write a literal \"%\" as %25; it is baked into every static document's meta.location and into a README."],
      ['ftp://api.example.com/scim/v2', "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"ftp://api.example.com/scim/v2\" must be an absolute http or https URL (lower-case scheme), e.g. https://api.example.com/scim/v2; it is baked into every static document's meta.location and into a README."],
      ['https://api.example.com/"v2"', "definitions/scim-codegen.yaml:3:12 - error invalid-base-url: staticJson.baseUrl \"https://api.example.com/\\\"v2\\\"\" contains a double quote (U+0022) in its path, which RFC 3986 allows only percent-encoded (e.g. %22); it is baked into every static document's meta.location and into a README."],
    ] as const
  ).map(([url, want]): DiagnosticCase => ({
    name: `staticJson.baseUrl ${url}`,
    files: { [project]: `adapters: []\nstaticJson:\n  baseUrl: '${url}'\n` },
    want: [want],
  })),
  // --- packageScope names the Python package when django or fastapi is listed.
  ...(
    [
      ["@9lives", "its Python import name \"9lives\" is not a Python identifier (it may not start with a digit)"],
      ["@class", "its Python import name \"class\" is a Python keyword"],
      ["@django", "its Python import name \"django\" would shadow the module django that the package or your app imports"],
    ] as const
  ).map(([scope, problem]): DiagnosticCase => ({
    name: `packageScope ${scope} with the Python adapters`,
    files: { [project]: `packageScope: "${scope}"\nadapters: [fastapi]\n` },
    want: [
      `definitions/scim-codegen.yaml:1:15 - error invalid-python-package-name: packageScope "${scope}" names the Python package of the django and fastapi adapters, but ${problem}; choose another scope (e.g. "@acme-scim"), or leave django and fastapi out of adapters.`,
    ],
  })),
  {
    // One Python adapter among others is enough for the package to be generated.
    name: "packageScope @class with a Node adapter and a Python one",
    files: { [project]: `packageScope: "@class"\nadapters: [node, django]\n` },
    want: [
      `definitions/scim-codegen.yaml:1:15 - error invalid-python-package-name: packageScope "@class" names the Python package of the django and fastapi adapters, but its Python import name "class" is a Python keyword; choose another scope (e.g. "@acme-scim"), or leave django and fastapi out of adapters.`,
    ],
  },
  {
    name: "packageScope that cannot name a Python package, without the Python adapters",
    files: { [project]: `packageScope: "@class"\nadapters: [node]\n` },
    want: [],
  },
  {
    // The default adapters are the Node ones: no Python package, so no Python name rule.
    name: "packageScope that cannot name a Python package, with the default adapters",
    files: { [project]: `packageScope: "@class"\n` },
    want: [],
  },
  // A file that fails the format check is left out of the cross-file rules, and what it still tells is kept
  // so that its mistake is not reported twice (validate-definitions.ts); but it must hide nothing else.
  {
    name: "a broken schema file does not hide that another schema is unused",
    files: {
      "definitions/schemas/broken.yaml": "id: urn:acme:scim:schemas:Broken\nname: Broken\nattributes: 5\n",
      "definitions/schemas/device.yaml": deviceSchema,
    },
    want: [
      "definitions/schemas/broken.yaml:3:13 - error wrong-type: attributes must be an array, not number 5.",
      'definitions/schemas/device.yaml:1:5 - warning unused-schema: No resource type uses schema "urn:acme:scim:schemas:Device"; add it to a resource type\'s schema or schemaExtensions, or remove the file.',
    ],
  },
  {
    name: "a broken resource type without an id does not hide an unknown schema elsewhere",
    files: {
      "definitions/resource-types/device.yaml": "name: Device\nendpoint: 5\n",
      [groupType]: "name: Group\nendpoint: /Groups\nschema: urn:ietf:params:scim:schemas:core:2.0:Team\n",
    },
    want: [
      'definitions/resource-types/device.yaml:1:1 - error missing-key: The file is missing the required key "schema" (the URN of a schema defined under definitions/schemas/).',
      "definitions/resource-types/device.yaml:2:11 - error wrong-type: endpoint must be a string, not number 5.",
      'definitions/resource-types/group.yaml:3:9 - error unknown-schema: Schema "urn:ietf:params:scim:schemas:core:2.0:Team" is not defined; add a file under definitions/schemas/ with id: urn:ietf:params:scim:schemas:core:2.0:Team, or fix the URN (defined: urn:ietf:params:scim:schemas:core:2.0:Group, urn:ietf:params:scim:schemas:core:2.0:User).',
    ],
  },
  ...nameRuleCases,
];

/**
 * Every branch of generator/validate/rules/ that reports a diagnostic (issue 14), as the rule file, the code
 * and a fragment of the message only that branch writes. diagnostics.test.ts ticks each one against the
 * golden cases above (a case's `want` must hold the code and the fragment), and holds the list to the rule
 * files: a file with more `sink.error`/`sink.warning` calls for a code than branches listed here fails, so a
 * new branch needs its line here and its golden case. The pattern explanations of name-rules.ts
 * (`patternRules`) are reached through the definition format's `invalid-value` and have their own cases in
 * names.test.ts.
 */
export const ruleBranches: readonly (readonly [file: string, code: string, fragment: string])[] = [
  ["attribute-rules.ts", "invalid-attribute-name", 'allows a letter followed by letters, digits, "-" or "_".'],
  ["attribute-rules.ts", "invalid-attribute-name", '(and "$ref" for sub-attributes)'],
  ["attribute-rules.ts", "duplicate-attribute", "on the same level (names compare case-insensitively)"],
  ["attribute-rules.ts", "complex-without-sub-attributes", "has no subAttributes"],
  ["attribute-rules.ts", "nested-complex", "forbids complex attributes inside complex ones"],
  ["attribute-rules.ts", "sub-attributes-not-complex", "has subAttributes but its type is"],
  ["attribute-rules.ts", "reference-types-not-reference", "referenceTypes only apply to type: reference"],
  ["attribute-rules.ts", "reference-without-types", "needs referenceTypes (RFC 7643 §7)"],
  ["attribute-rules.ts", "case-exact-not-meaningful", "which has no case"],
  ["attribute-rules.ts", "uniqueness-not-meaningful", "cannot have uniqueness"],
  ["attribute-rules.ts", "canonical-value-type", "cannot have canonicalValues"],
  ["attribute-rules.ts", "canonical-value-type", "does not match its type integer; write an integer."],
  ["attribute-rules.ts", "canonical-value-type", "Canonical value 1.5 of"],
  ["attribute-rules.ts", "canonical-value-type", "does not match its type decimal; write a number."],
  ["attribute-rules.ts", "canonical-value-type", "(quote it in YAML)"],
  ["attribute-rules.ts", "canonical-value-type", "does not match its type boolean; write a boolean."],
  ["attribute-rules.ts", "duplicate-canonical-value", "is listed twice"],
  ["attribute-rules.ts", "required-read-only", "is required but readOnly"],
  ["attribute-rules.ts", "required-mismatch", "says REQUIRED, but required is false"],
  ["cross-file-rules.ts", "reserved-schema-id", "a service-provider schema that scim-codegen already serves"],
  ["cross-file-rules.ts", "reserved-schema-id", "in the SCIM message namespace"],
  ["cross-file-rules.ts", "duplicate-schema-id", "(ids compare case-insensitively)"],
  ["cross-file-rules.ts", "unknown-schema", "differs in case from the defined schema"],
  ["cross-file-rules.ts", "unknown-schema", "is not defined; add a file under definitions/schemas/"],
  ["cross-file-rules.ts", "duplicate-resource-type", "(names compare case-insensitively); keep one."],
  ["cross-file-rules.ts", "resource-type-id-mismatch", "so leave id out or make them equal"],
  ["cross-file-rules.ts", "duplicate-endpoint", "each resource type needs its own"],
  ["cross-file-rules.ts", "extension-is-base-schema", "it cannot also be its extension"],
  ["cross-file-rules.ts", "duplicate-extension", "is listed twice on"],
  ["cross-file-rules.ts", "extension-used-as-base", "an extension schema extends a base, it cannot be one"],
  ["cross-file-rules.ts", "unused-schema", "No resource type uses schema"],
  ["cross-file-rules.ts", "missing-core-resource-type", "No resource type is named exactly"],
  ["cross-file-rules.ts", "inconsistent-feature", "filter is supported, so maxResults must be greater than 0"],
  ["cross-file-rules.ts", "inconsistent-feature", "bulk is supported, so"],
  ["cross-file-rules.ts", "inconsistent-feature", "bulk is not supported, but"],
  ["cross-file-rules.ts", "relative-uri", "must be an absolute URL (RFC 7643 §5)"],
  ["cross-file-rules.ts", "multiple-primary-schemes", "Only one authentication scheme can be primary"],
  ["cross-file-rules.ts", "unused-filter-operators", "filterOperators are listed, but filter.supported is false"],
  ["name-rules.ts", "name-too-long", "its static JSON file (the id percent-encoded, plus .json) takes"],
  ["name-rules.ts", "name-too-long", "output file names are built from it"],
  ["name-rules.ts", "invalid-resource-type-name", "is a device name on Windows"],
  ["name-rules.ts", "reserved-endpoint", "which RFC 7644 reserves"],
  ["name-rules.ts", "name-too-long", "characters; use at most"],
  ["identifier-rules.ts", "name-collision", "they differ only in case"],
  ["identifier-rules.ts", "name-collision", "one would silently replace the other"],
  ["python-rules.ts", "invalid-python-package-name", "names the Python package of the django and fastapi adapters"],
];
