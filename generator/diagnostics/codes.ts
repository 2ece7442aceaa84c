/**
 * The one table of diagnostic codes. Codes are stable: a code is never reused for another meaning,
 * and the README's table is checked against this one by a test.
 */
export const diagnosticCodes = {
  // Reading the files.
  "no-definitions": "The definitions folder or a file it must hold is missing.",
  "unknown-file": "A YAML file, or a folder inside schemas/ or resource-types/, sits where no definition kind is expected; it is ignored.",
  "unreadable-definition": "An entry named like a definition file that the generator does not read: a symbolic link that leads nowhere or out of the definitions folder, a folder, a FIFO or a device.",
  "invalid-file-name": "A definition file whose name is not a letter or digit, then letters, digits, `-` or `_`, then `.yaml`: its stem names modules, imports and output files. The file is not used.",
  "invalid-encoding": "A file that is not UTF-8, or a YAML escape that makes a lone surrogate (no UTF-8 form). A UTF-8 byte-order mark is allowed and ignored.",
  "yaml-limit": "A file over a loader limit: more than 128 KiB, nesting deeper than 64 levels, or aliases that expand to more than 100,000 values.",
  "yaml-syntax": "The file is not valid YAML.",
  "duplicate-key": "A mapping repeats a key; YAML forbids it and the later value would win silently.",
  "forbidden-key": "A key such as __proto__ or constructor, which could reach an object prototype.",
  "non-string-key": "A mapping key that is not a plain string.",
  // The definition format (JSON Schema, checked by ajv).
  "missing-key": "A key the definition format requires is missing.",
  "unknown-key": "A key the definition format does not know (often a typo).",
  "wrong-type": "A value of the wrong JSON type (YAML 1.2: `yes`/`no` are strings, not booleans).",
  "not-allowed-value": "A value outside the allowed list (SCIM enums are exact-case).",
  "invalid-value": "A value that breaks a constraint of the format (pattern, range, length).",
  // Schemas (RFC 7643 §2, §7).
  "schema-id-not-urn": "A schema id that is not a URN (RFC 8141) whose NSS is RFC 3986 pchar without `/` or `%`: it is served raw as the one path segment of /Schemas/{uri}.",
  "reserved-schema-id": "A schema id from the service-provider or message namespaces, which SCIM defines itself.",
  "duplicate-schema-id": "Two schemas share an id (compared case-insensitively, RFC 7644 §3.10).",
  "invalid-attribute-name": "An attribute name outside the RFC 7643 §2.1 ATTRNAME grammar.",
  "duplicate-attribute": "Two attributes of one level share a name (compared case-insensitively).",
  "sub-attributes-not-complex": "`subAttributes` on an attribute whose type is not complex.",
  "complex-without-sub-attributes": "A complex attribute without sub-attributes.",
  "nested-complex": "A complex sub-attribute (RFC 7643 §2.3.8: complex attributes hold no complex).",
  "reference-types-not-reference": "`referenceTypes` on an attribute whose type is not reference.",
  "reference-without-types": "A reference attribute without `referenceTypes` (RFC 7643 §7).",
  "case-exact-not-meaningful": "`caseExact` on a type that has no case (only string, reference, binary).",
  "uniqueness-not-meaningful": "`uniqueness` on a complex attribute (errata 6004: complex has none).",
  "canonical-value-type": "A canonical value whose JSON type does not match the attribute type.",
  "duplicate-canonical-value": "A canonical value listed twice.",
  "required-read-only": "A required attribute that is readOnly: clients such as Entra drop readOnly attributes from create requests.",
  "required-mismatch": "A top-level attribute whose description says REQUIRED while `required` is false.",
  // Resource types (RFC 7643 §6).
  "duplicate-resource-type": "Two resource types share a name or id (case-insensitively).",
  "duplicate-endpoint": "Two resource types share an endpoint (case-insensitively).",
  "endpoint-not-absolute": "An endpoint that does not start with `/` (RFC 7643 §6).",
  "invalid-endpoint": "An endpoint that is not `/` and one path segment: a letter, then letters, digits, `.`, `_`, `~` or `-`.",
  "reserved-endpoint": "An endpoint RFC 7644 reserves (`/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`, `/Bulk`, `/Me`, `/.search`), compared case-insensitively.",
  "invalid-resource-type-name": "A resource type name or id that is not a letter, then letters, digits, `-` or `_`: it is a URL path segment, a type name and a file name.",
  "resource-type-id-mismatch": "A resource type id that differs from its name; clients look types up by name.",
  "unknown-schema": "A resource type names a schema that no definition file defines.",
  "extension-is-base-schema": "A schema listed as an extension of the resource type it is the base of.",
  "duplicate-extension": "The same extension schema listed twice on one resource type.",
  "extension-used-as-base": "A schema used both as a resource type's base and as an extension elsewhere.",
  "unused-schema": "A schema that no resource type uses; /Schemas lists it but nothing serves it.",
  "missing-core-resource-type": "No resource type named User or Group; SailPoint-class pre-flights demand both.",
  // Names derived from definitions (generator/names.ts).
  "name-too-long": "A resource type name, id or endpoint over 128 characters, or a schema id whose static JSON file name would pass 255 bytes.",
  "name-collision": "Two definitions derive the same identifier, operationId or output file name; one would silently replace the other.",
  // ServiceProviderConfig (RFC 7643 §5).
  "inconsistent-feature": "A feature's numbers contradict its `supported` flag.",
  "relative-uri": "A URI that must be absolute is relative.",
  "multiple-primary-schemes": "More than one authentication scheme marked primary.",
  "unused-filter-operators": "Filter operators listed while filtering is not supported.",
  // The project file.
  "invalid-base-url": "A `staticJson.baseUrl` that is not an absolute http(s) URL with an RFC 3986 pchar path: it is baked into JSON and Markdown.",
  "invalid-python-package-name": "A `packageScope` that cannot name the Python package (adapters `django`, `fastapi`): not a Python identifier once `-` and `.` are `_`, a keyword, or a module it would shadow.",
} as const;

/** A stable diagnostic code, one of {@link diagnosticCodes}. */
export type DiagnosticCode = keyof typeof diagnosticCodes;
