// Helpers of emitted-core-and-adapters.test.ts: a tiny project written here by hand, small enough that the
// test can state every line the core package emits for it. Its schemas use each RFC 7643 §2.3 data type
// once, and the §2.2 characteristics the repository's definitions never take (readOnly, writeOnly,
// returned never/request, uniqueness global, caseExact, canonicalValues open and closed).

import type { DefinitionSource } from "../../generator/load/definition-files.js";
import type { Model } from "../../generator/model/model.js";
import { bearerSchemeYaml, modelOf, serviceProviderConfigYaml } from "./emitted-output-helpers.js";

/** The URNs of the tiny project's schemas, in code-unit order (the model's canonical order). */
export const tinyUrn = {
  group: "urn:example:tiny:Group",
  user: "urn:example:tiny:User",
  badge: "urn:example:tiny:ext:Badge",
  locale: "urn:example:tiny:ext:Locale",
} as const;

const tinyFiles: Readonly<Record<string, string>> = {
  "definitions/schemas/user.yaml": `id: ${tinyUrn.user}
name: User
description: A tiny user.
attributes:
  - name: userName
    description: Login name.
    required: true
    caseExact: true
    uniqueness: server
  - name: active
    type: boolean
    description: May log in.
  - name: loginCount
    type: integer
    description: Logins so far.
    mutability: readOnly
  - name: quota
    type: decimal
    description: Quota in GB.
  - name: lastLogin
    type: dateTime
    description: Last login.
    returned: request
  - name: photo
    type: binary
    description: A photo.
  - name: profileUrl
    type: reference
    referenceTypes: [external]
    description: Profile page.
    uniqueness: global
  - name: password
    description: Secret.
    mutability: writeOnly
    returned: never
  - name: roles
    multiValued: true
    description: Roles.
    canonicalValues: [admin, user]
  - name: tags
    multiValued: true
    description: Tags.
  - name: level
    description: Level.
    canonicalValues: [gold, silver]
    codegen:
      closedCanonicalValues: true
  - name: cost-centre
    description: Cost centre.
  - name: name
    type: complex
    description: The name.
    subAttributes:
      - name: givenName
        description: Given name.
  - name: emails
    type: complex
    multiValued: true
    description: Emails.
    subAttributes:
      - name: value
        description: The address.
        required: true
      - name: type
        description: Label.
        canonicalValues: [work, home]
      - name: primary
        type: boolean
        description: Primary flag.
`,
  "definitions/schemas/group.yaml": `id: ${tinyUrn.group}
name: Group
description: A tiny group.
attributes:
  - name: displayName
    description: Shown name.
    required: true
  - name: members
    type: complex
    multiValued: true
    description: Members.
    subAttributes:
      - name: value
        description: Member id.
        mutability: immutable
      - name: $ref
        type: reference
        referenceTypes: [User, Group]
        description: Member URI.
        mutability: immutable
`,
  "definitions/schemas/badge.yaml": `id: ${tinyUrn.badge}
name: Badge
description: A badge extension.
attributes:
  - name: number
    description: Badge number.
`,
  "definitions/schemas/locale.yaml": `id: ${tinyUrn.locale}
name: Locale
description: A locale extension.
attributes:
  - name: tz
    description: Time zone.
`,
  // RFC 7643 §6: description is optional; Group leaves it out. User's extensions are listed Locale first,
  // Badge second (declared order, not code-unit order), one optional and one required.
  "definitions/resource-types/group.yaml": `name: Group
endpoint: /Groups
schema: ${tinyUrn.group}
`,
  "definitions/resource-types/user.yaml": `name: User
endpoint: /Users
description: A user account
schema: ${tinyUrn.user}
schemaExtensions:
  - schema: ${tinyUrn.locale}
    required: false
  - schema: ${tinyUrn.badge}
    required: true
`,
};

/** RFC 7643 §5 without the optional documentationUri, and a bearer-token scheme not marked primary. */
const tinyServiceProviderConfig = serviceProviderConfigYaml({ maxResults: 10, schemes: bearerSchemeYaml(false) });

const isUserDefinition = (s: DefinitionSource): boolean =>
  s.sourceName.startsWith("definitions/schemas/") || s.sourceName.startsWith("definitions/resource-types/");

/** The tiny project: scope `@acme`, every Node adapter, the schemas and resource types above, nothing else. */
export function tinyModel(sources: readonly DefinitionSource[]): Model {
  return modelOf(
    sources.filter((s) => !isUserDefinition(s)),
    {
      "definitions/scim-codegen.yaml": `packageScope: "@acme"\nadapters: [express, fastify, hono, koa, next, node]\n`,
      "definitions/service-provider-config.yaml": tinyServiceProviderConfig,
    },
    tinyFiles,
  );
}

/** A project with no schema and no resource type of its own (validation accepts it): only the RFC 7643 §8.7.2 schemas. */
export function emptyModel(sources: readonly DefinitionSource[]): Model {
  return modelOf(sources.filter((s) => !isUserDefinition(s)));
}

/** The lines of a JSDoc block as ts-morph prints it at `indent` (each line ` * `-prefixed, a blank one as ` *`). */
export function jsDoc(indent: string, ...lines: readonly string[]): string {
  if (lines.length === 1) return `${indent}/** ${lines[0]} */`;
  return [`${indent}/**`, ...lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join("\n");
}
