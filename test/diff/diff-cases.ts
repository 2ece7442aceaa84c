// The given/want table of `scim-codegen diff`: each case edits the base version (base-definitions.ts) and
// wants exactly these changes, each as `position severity code subject` (the position in the current
// version, or in the old one for a removal). One case per diff code at least, and the non-changes.

/** A file map being edited: paths from the project root; a deleted file is removed from the map. */
export type Files = Record<string, string>;

export interface DiffCase {
  readonly name: string;
  readonly edit: (files: Files) => void;
  /** `file:line:col severity code subject`, sorted as the report sorts. */
  readonly want: readonly string[];
}

/** Replaces `from` by `to` in a file; throws when `from` is not there, so a case cannot silently edit nothing. */
export function replace(files: Files, path: string, from: string, to: string): void {
  const text = files[path];
  if (text === undefined || !text.includes(from)) throw new Error(`case edit: ${JSON.stringify(from)} is not in ${path}`);
  files[path] = text.replace(from, to);
}

function move(files: Files, from: string, to: string): void {
  if (files[from] === undefined) throw new Error(`case edit: no ${from}`);
  files[to] = files[from];
  delete files[from];
}

const S = "definitions/schemas/";
const R = "definitions/resource-types/";
const SPC = "definitions/service-provider-config.yaml";
const U = `${S}user.yaml`;
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const DEVICE = "urn:acme:params:scim:schemas:core:2.0:Device";
const noExtension = "schemaExtensions:\n  - schema: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\n    required: false\n";

export const diffCases: readonly DiffCase[] = [
  // No change at all, and the changes that are not changes to a client.
  { name: "nothing changed", edit: () => undefined, want: [] },
  {
    name: "an attribute moved within its file",
    edit: (f) => replace(f, U,
      "  - name: nickName\n    description: The casual way to address the user.\n  - name: title\n    description: The user's title.\n",
      "  - name: title\n    description: The user's title.\n  - name: nickName\n    description: The casual way to address the user.\n"),
    want: [],
  },
  {
    name: "two schema files swapped their contents (files reordered)",
    edit: (f) => {
      const group = f[`${S}group.yaml`]!;
      f[`${S}group.yaml`] = f[U]!;
      f[U] = group;
    },
    want: [],
  },
  { name: "a definition file renamed", edit: (f) => move(f, `${S}device.yaml`, `${S}gadget.yaml`), want: [] },
  {
    name: "YAML reformatted (flow style, quotes, defaults spelled out)",
    edit: (f) => {
      replace(f, U, "    canonicalValues: [Contractor, Employee, Intern]\n", "    canonicalValues:\n      - \"Contractor\"\n      - 'Employee'\n      - Intern\n");
      replace(f, U, "  - name: nickName\n    description: The casual way to address the user.\n",
        "  - { name: \"nickName\", description: \"The casual way to address the user.\", type: string, multiValued: false, required: false, mutability: readWrite, returned: default, uniqueness: none }\n");
      replace(f, `${R}group.yaml`, "codegen:\n  operations: [list, get, create, delete]\n", "codegen: { operations: [delete, create, get, list] }\n");
    },
    want: [],
  },
  {
    name: "comments added and changed",
    edit: (f) => {
      f[U] = `# The core User schema (RFC 7643 §4.1)\n${f[U]!.replace("  - name: title\n", "  # shown in the directory\n  - name: title # a job title\n")}`;
      f[SPC] = `${f[SPC]}# end\n`;
    },
    want: [],
  },

  // Schemas.
  {
    name: "schema removed (with the extension link to it, reported once)",
    edit: (f) => {
      delete f[`${S}enterprise-user.yaml`];
      replace(f, `${R}user.yaml`, noExtension, "");
      replace(f, `${R}device.yaml`, "schemaExtensions:\n  - schema: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\n    required: true\n", "");
    },
    want: [`${S}enterprise-user.yaml:1:5 breaking schema-removed ${ENTERPRISE}`],
  },
  {
    name: "schema renamed (its id changed, found in its extension slot)",
    edit: (f) => {
      for (const p of [`${S}enterprise-user.yaml`, `${R}user.yaml`, `${R}device.yaml`]) replace(f, p, ENTERPRISE, "urn:acme:params:scim:schemas:extension:2.0:Employee");
    },
    want: [`${S}enterprise-user.yaml:1:5 breaking schema-renamed ${ENTERPRISE}`],
  },
  {
    name: "schema added (with a resource type)",
    edit: (f) => {
      f[`${S}printer.yaml`] = "id: urn:acme:params:scim:schemas:core:2.0:Printer\nname: Printer\ndescription: A printer\nattributes:\n  - name: location\n    description: Where it stands.\n";
      f[`${R}printer.yaml`] = "name: Printer\nendpoint: /Printers\nschema: urn:acme:params:scim:schemas:core:2.0:Printer\n";
    },
    want: [
      `${R}printer.yaml:1:7 compatible resource-type-added ResourceType:Printer`,
      `${S}printer.yaml:1:5 compatible schema-added urn:acme:params:scim:schemas:core:2.0:Printer`,
    ],
  },
  {
    name: "schema and its resource type renamed together (the schema found by its file, the type by its schema)",
    edit: (f) => {
      replace(f, `${S}device.yaml`, DEVICE, "urn:acme:params:scim:schemas:core:2.0:Gadget");
      replace(f, `${R}device.yaml`, DEVICE, "urn:acme:params:scim:schemas:core:2.0:Gadget");
      replace(f, `${R}device.yaml`, "name: Device", "name: Gadget");
    },
    want: [
      `${R}device.yaml:1:7 breaking resource-type-renamed ResourceType:Device`,
      `${S}device.yaml:1:5 breaking schema-renamed ${DEVICE}`,
    ],
  },
  {
    name: "schema display name changed",
    edit: (f) => replace(f, `${S}enterprise-user.yaml`, "name: EnterpriseUser", "name: Enterprise"),
    want: [`${S}enterprise-user.yaml:2:7 compatible schema-name-changed ${ENTERPRISE}`],
  },
  {
    name: "schema description changed",
    edit: (f) => replace(f, `${S}device.yaml`, "description: A device assigned to a user", "description: A device lent to a user"),
    want: [`${S}device.yaml:3:14 compatible description-changed ${DEVICE}`],
  },

  // Resource types.
  {
    name: "resource type removed",
    edit: (f) => void delete f[`${R}device.yaml`],
    want: [`${R}device.yaml:1:7 breaking resource-type-removed ResourceType:Device`],
  },
  {
    name: "resource type renamed (same base schema)",
    edit: (f) => replace(f, `${R}device.yaml`, "name: Device", "name: Gadget"),
    want: [`${R}device.yaml:1:7 breaking resource-type-renamed ResourceType:Device`],
  },
  {
    name: "endpoint changed",
    edit: (f) => replace(f, `${R}device.yaml`, "endpoint: /Devices", "endpoint: /Gadgets"),
    want: [`${R}device.yaml:2:11 breaking endpoint-changed ResourceType:Device`],
  },
  {
    name: "base schema of a resource type replaced",
    edit: (f) => {
      f[`${S}gadget.yaml`] = "id: urn:acme:params:scim:schemas:core:2.0:Gadget\nname: Gadget\ndescription: A gadget\nattributes:\n  - name: serialNumber\n    description: The serial number.\n";
      replace(f, `${R}device.yaml`, DEVICE, "urn:acme:params:scim:schemas:core:2.0:Gadget");
    },
    want: [
      `${R}device.yaml:3:9 breaking resource-type-schema-changed ResourceType:Device`,
      `${S}gadget.yaml:1:5 compatible schema-added urn:acme:params:scim:schemas:core:2.0:Gadget`,
    ],
  },
  {
    name: "resource type description changed",
    edit: (f) => replace(f, `${R}user.yaml`, "description: User Account", "description: A person's account"),
    want: [`${R}user.yaml:3:14 compatible description-changed ResourceType:User`],
  },
  {
    name: "extension removed from a resource type",
    edit: (f) => replace(f, `${R}user.yaml`, noExtension, ""),
    want: [`${R}user.yaml:6:13 breaking extension-removed ResourceType:User:${ENTERPRISE}`],
  },
  {
    name: "optional extension added",
    edit: (f) => { f[`${R}group.yaml`] += `schemaExtensions:\n  - schema: ${ENTERPRISE}\n`; },
    want: [`${R}group.yaml:7:13 compatible extension-added ResourceType:Group:${ENTERPRISE}`],
  },
  {
    name: "required extension added",
    edit: (f) => { f[`${R}group.yaml`] += `schemaExtensions:\n  - schema: ${ENTERPRISE}\n    required: true\n`; },
    want: [`${R}group.yaml:7:13 breaking required-extension-added ResourceType:Group:${ENTERPRISE}`],
  },
  {
    name: "extension made required",
    edit: (f) => replace(f, `${R}user.yaml`, "    required: false\n", "    required: true\n"),
    want: [`${R}user.yaml:7:15 breaking extension-made-required ResourceType:User:${ENTERPRISE}`],
  },
  {
    name: "extension made optional",
    edit: (f) => replace(f, `${R}device.yaml`, "    required: true\n", "    required: false\n"),
    want: [`${R}device.yaml:6:15 compatible extension-made-optional ResourceType:Device:${ENTERPRISE}`],
  },
  {
    name: "codegen.operations reduced (an absent list is every operation)",
    edit: (f) => { f[`${R}user.yaml`] += "codegen:\n  operations: [list, get, create, replace, patch]\n"; },
    want: [`${R}user.yaml:9:15 breaking operations-reduced ResourceType:User`],
  },
  {
    name: "codegen.operations extended",
    edit: (f) => replace(f, `${R}group.yaml`, "[list, get, create, delete]", "[list, get, create, replace, delete]"),
    want: [`${R}group.yaml:5:15 compatible operations-added ResourceType:Group`],
  },

  // Attributes.
  {
    name: "attribute removed",
    edit: (f) => replace(f, U, "  - name: nickName\n    description: The casual way to address the user.\n", ""),
    want: [`${U}:9:11 breaking attribute-removed ${USER}:nickName`],
  },
  {
    name: "sub-attribute removed",
    edit: (f) => replace(f, U, "      - name: primary\n        type: boolean\n        description: The preferred address.\n", ""),
    want: [`${U}:43:15 breaking attribute-removed ${USER}:emails.primary`],
  },
  {
    name: "attribute renamed (alike in every other characteristic)",
    edit: (f) => replace(f, U, "  - name: nickName\n", "  - name: casualName\n"),
    want: [`${U}:9:11 breaking attribute-renamed ${USER}:nickName`],
  },
  {
    name: "attribute name changed in case only",
    edit: (f) => replace(f, U, "  - name: nickName\n", "  - name: nickname\n"),
    want: [`${U}:9:11 breaking attribute-name-case-changed ${USER}:nickName`],
  },
  {
    name: "optional attribute added",
    edit: (f) => { f[U] += "  - name: displayName\n    description: The name shown.\n"; },
    want: [`${U}:46:11 compatible attribute-added ${USER}:displayName`],
  },
  {
    name: "required read-only attribute added (the service fills it)",
    edit: (f) => { f[U] += "  - name: tenantCode\n    description: Assigned by the service.\n    required: true\n    mutability: readOnly\n"; },
    want: [`${U}:46:11 compatible attribute-added ${USER}:tenantCode`],
  },
  {
    name: "required attribute added",
    edit: (f) => { f[U] += "  - name: costCenter\n    description: Charged for the account.\n    required: true\n"; },
    want: [`${U}:46:11 breaking required-attribute-added ${USER}:costCenter`],
  },
  {
    name: "sub-attribute added",
    edit: (f) => { f[U] += "      - name: verified\n        type: boolean\n        description: Whether the address was confirmed.\n"; },
    want: [`${U}:46:15 compatible attribute-added ${USER}:emails.verified`],
  },
  {
    name: "type changed",
    edit: (f) => replace(f, U, "  - name: title\n", "  - name: title\n    type: integer\n"),
    want: [`${U}:12:11 breaking type-changed ${USER}:title`],
  },
  {
    name: "multiValued changed",
    edit: (f) => replace(f, U, "  - name: title\n", "  - name: title\n    multiValued: true\n"),
    want: [`${U}:12:18 breaking multi-valued-changed ${USER}:title`],
  },
  {
    name: "caseExact changed",
    edit: (f) => replace(f, U, "    uniqueness: server\n", "    uniqueness: server\n    caseExact: true\n"),
    want: [`${U}:9:16 breaking case-exact-changed ${USER}:userName`],
  },
  {
    name: "attribute made required",
    edit: (f) => replace(f, U, "    description: The user's title.\n", "    description: The user's title.\n    required: true\n"),
    want: [`${U}:13:15 breaking attribute-made-required ${USER}:title`],
  },
  {
    name: "sub-attribute made optional",
    edit: (f) => replace(f, U, "        description: Email address.\n        required: true\n", "        description: Email address.\n"),
    want: [`${U}:37:15 compatible attribute-made-optional ${USER}:emails.value`],
  },
  {
    name: "mutability narrowed (readWrite to immutable)",
    edit: (f) => replace(f, U, "    description: The user's title.\n", "    description: The user's title.\n    mutability: immutable\n"),
    want: [`${U}:13:17 breaking mutability-narrowed ${USER}:title`],
  },
  {
    name: "mutability widened (immutable to readWrite)",
    edit: (f) => replace(f, U, "    mutability: immutable\n", "    mutability: readWrite\n"),
    want: [`${U}:15:17 compatible mutability-widened ${USER}:locale`],
  },
  {
    name: "returned narrowed (default to request)",
    edit: (f) => replace(f, U, "    description: The user's title.\n", "    description: The user's title.\n    returned: request\n"),
    want: [`${U}:13:15 breaking returned-narrowed ${USER}:title`],
  },
  {
    name: "returned widened (default to always)",
    edit: (f) => replace(f, U, "    description: The user's title.\n", "    description: The user's title.\n    returned: always\n"),
    want: [`${U}:13:15 compatible returned-widened ${USER}:title`],
  },
  {
    name: "uniqueness tightened",
    edit: (f) => replace(f, U, "uniqueness: server", "uniqueness: global"),
    want: [`${U}:8:17 breaking uniqueness-tightened ${USER}:userName`],
  },
  {
    name: "uniqueness relaxed",
    edit: (f) => replace(f, U, "uniqueness: server", "uniqueness: none"),
    want: [`${U}:8:17 compatible uniqueness-relaxed ${USER}:userName`],
  },
  {
    name: "closed canonical values narrowed",
    edit: (f) => replace(f, U, "[Contractor, Employee, Intern]", "[Contractor, Employee]"),
    want: [`${U}:22:22 breaking canonical-values-narrowed ${USER}:userType`],
  },
  {
    name: "open canonical values closed",
    edit: (f) => replace(f, U, "    canonicalValues: [en, de]\n", "    canonicalValues: [en, de]\n    codegen:\n      closedCanonicalValues: true\n"),
    want: [`${U}:29:30 breaking canonical-values-narrowed ${USER}:preferredLanguage`],
  },
  {
    name: "open canonical values changed",
    edit: (f) => replace(f, U, "[en, de]", "[en, fr]"),
    want: [`${U}:27:22 compatible canonical-values-changed ${USER}:preferredLanguage`],
  },
  {
    name: "closed canonical values widened, and in another case (caseExact is false)",
    edit: (f) => replace(f, U, "[Contractor, Employee, Intern]", "[contractor, EMPLOYEE, Intern, Temp]"),
    want: [`${U}:22:22 compatible canonical-values-changed ${USER}:userType`],
  },
  {
    name: "reference types narrowed",
    edit: (f) => replace(f, U, "[User, external]", "[User]"),
    want: [`${U}:30:21 breaking reference-types-narrowed ${USER}:sponsor`],
  },
  {
    name: "reference types widened",
    edit: (f) => replace(f, U, "[User, external]", "[User, Group, external]"),
    want: [`${U}:30:21 compatible reference-types-widened ${USER}:sponsor`],
  },
  {
    name: "attribute description changed",
    edit: (f) => replace(f, U, "The casual way to address the user.", "How the user likes to be called."),
    want: [`${U}:10:18 compatible description-changed ${USER}:nickName`],
  },
  {
    name: "sub-attribute mutability narrowed (writeOnly via readWrite to readOnly)",
    edit: (f) => replace(f, U, "        description: A label.\n", "        description: A label.\n        mutability: readOnly\n"),
    want: [`${U}:42:21 breaking mutability-narrowed ${USER}:emails.type`],
  },

  // ServiceProviderConfig.
  {
    name: "a feature turned off",
    edit: (f) => replace(f, SPC, "patch:\n  supported: true", "patch:\n  supported: false"),
    want: [`${SPC}:3:14 breaking feature-turned-off ServiceProviderConfig:patch`],
  },
  {
    name: "a feature turned on",
    edit: (f) => replace(f, SPC, "sort:\n  supported: false", "sort:\n  supported: true"),
    want: [`${SPC}:14:14 compatible feature-turned-on ServiceProviderConfig:sort`],
  },
  {
    name: "filter.maxResults lowered",
    edit: (f) => replace(f, SPC, "maxResults: 200", "maxResults: 50"),
    want: [`${SPC}:10:15 breaking limit-lowered ServiceProviderConfig:filter.maxResults`],
  },
  {
    name: "bulk.maxPayloadSize lowered and bulk.maxOperations raised",
    edit: (f) => {
      replace(f, SPC, "maxPayloadSize: 1048576", "maxPayloadSize: 65536");
      replace(f, SPC, "maxOperations: 100", "maxOperations: 1000");
    },
    want: [
      `${SPC}:6:18 compatible limit-raised ServiceProviderConfig:bulk.maxOperations`,
      `${SPC}:7:19 breaking limit-lowered ServiceProviderConfig:bulk.maxPayloadSize`,
    ],
  },
  {
    name: "bulk turned off: its limits go to 0 without a second report",
    edit: (f) => replace(f, SPC, "bulk:\n  supported: true\n  maxOperations: 100\n  maxPayloadSize: 1048576", "bulk:\n  supported: false\n  maxOperations: 0\n  maxPayloadSize: 0"),
    want: [`${SPC}:5:14 breaking feature-turned-off ServiceProviderConfig:bulk`],
  },
  {
    name: "filter operators reduced",
    edit: (f) => replace(f, SPC, "[eq, co, sw]", "[eq, sw]"),
    want: [`${SPC}:27:20 breaking filter-operators-reduced ServiceProviderConfig:filterOperators`],
  },
  {
    name: "filter operators added",
    edit: (f) => replace(f, SPC, "[eq, co, sw]", "[eq, co, sw, pr]"),
    want: [`${SPC}:27:20 compatible filter-operators-added ServiceProviderConfig:filterOperators`],
  },
  {
    name: "authentication scheme removed",
    edit: (f) => replace(f, SPC, "  - type: httpbasic\n    name: HTTP Basic\n    description: Basic authentication (RFC 7617)\n", ""),
    want: [`${SPC}:23:11 breaking authentication-scheme-removed ServiceProviderConfig:authenticationSchemes:httpbasic:HTTP Basic`],
  },
  {
    name: "authentication scheme added",
    edit: (f) => replace(f, SPC, "codegen:\n", "  - type: oauth2\n    name: OAuth 2.0\n    description: Client credentials\ncodegen:\n"),
    want: [`${SPC}:26:11 compatible authentication-scheme-added ServiceProviderConfig:authenticationSchemes:oauth2:OAuth 2.0`],
  },
  {
    name: "authentication scheme renamed (same type)",
    edit: (f) => replace(f, SPC, "name: HTTP Basic", "name: Basic"),
    want: [`${SPC}:24:11 compatible authentication-scheme-changed ServiceProviderConfig:authenticationSchemes:httpbasic:HTTP Basic`],
  },
  {
    name: "documentation URIs changed",
    edit: (f) => {
      replace(f, SPC, "https://example.com/help/scim", "https://example.com/docs/scim");
      replace(f, SPC, "https://www.rfc-editor.org/info/rfc6750", "https://datatracker.ietf.org/doc/html/rfc6750");
    },
    want: [
      `${SPC}:1:19 compatible documentation-uri-changed ServiceProviderConfig:documentationUri`,
      `${SPC}:21:14 compatible documentation-uri-changed ServiceProviderConfig:authenticationSchemes:oauthbearertoken:OAuth Bearer Token`,
    ],
  },
];
