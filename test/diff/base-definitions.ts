// The version every diff case starts from: small, but with a part of each kind the diff compares
// (an optional and a required extension, sub-attributes, a closed and an open list of canonical values, a
// reference attribute, every ServiceProviderConfig feature and limit, two authentication schemes,
// filter operators and resource operations).

const user = `id: urn:ietf:params:scim:schemas:core:2.0:User
name: User
description: User Account
attributes:
  - name: userName
    description: Unique identifier for the User. REQUIRED.
    required: true
    uniqueness: server
  - name: nickName
    description: The casual way to address the user.
  - name: title
    description: The user's title.
  - name: locale
    description: The user's default location.
    mutability: immutable
  - name: password
    description: The user's cleartext password.
    mutability: writeOnly
    returned: never
  - name: userType
    description: The relationship between the organization and the user.
    canonicalValues: [Contractor, Employee, Intern]
    codegen:
      closedCanonicalValues: true
  - name: preferredLanguage
    description: The user's preferred written or spoken language.
    canonicalValues: [en, de]
  - name: sponsor
    type: reference
    referenceTypes: [User, external]
    description: Who vouches for the user.
  - name: emails
    type: complex
    multiValued: true
    description: Email addresses for the user.
    subAttributes:
      - name: value
        description: Email address.
        required: true
      - name: type
        description: A label.
        canonicalValues: [work, home, other]
      - name: primary
        type: boolean
        description: The preferred address.
`;

/** The file map (paths from a project root) of the base version. */
export const baseDefinitions: Readonly<Record<string, string>> = {
  "definitions/scim-codegen.yaml": "adapters: []\n",
  "definitions/service-provider-config.yaml": `documentationUri: https://example.com/help/scim
patch:
  supported: true
bulk:
  supported: true
  maxOperations: 100
  maxPayloadSize: 1048576
filter:
  supported: true
  maxResults: 200
changePassword:
  supported: true
sort:
  supported: false
etag:
  supported: true
authenticationSchemes:
  - type: oauthbearertoken
    name: OAuth Bearer Token
    description: Bearer tokens (RFC 6750)
    specUri: https://www.rfc-editor.org/info/rfc6750
    primary: true
  - type: httpbasic
    name: HTTP Basic
    description: Basic authentication (RFC 7617)
codegen:
  filterOperators: [eq, co, sw]
`,
  "definitions/schemas/user.yaml": user,
  "definitions/schemas/group.yaml": `id: urn:ietf:params:scim:schemas:core:2.0:Group
name: Group
description: Group
attributes:
  - name: displayName
    description: A human-readable name for the Group. REQUIRED.
    required: true
`,
  "definitions/schemas/enterprise-user.yaml": `id: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
name: EnterpriseUser
description: Enterprise User
attributes:
  - name: employeeNumber
    description: Numeric or alphanumeric identifier assigned to a person.
  - name: department
    description: Identifies the name of a department.
`,
  "definitions/schemas/device.yaml": `id: urn:acme:params:scim:schemas:core:2.0:Device
name: Device
description: A device assigned to a user
attributes:
  - name: serialNumber
    description: The manufacturer's serial number.
`,
  "definitions/resource-types/user.yaml": `name: User
endpoint: /Users
description: User Account
schema: urn:ietf:params:scim:schemas:core:2.0:User
schemaExtensions:
  - schema: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
    required: false
`,
  "definitions/resource-types/group.yaml": `name: Group
endpoint: /Groups
schema: urn:ietf:params:scim:schemas:core:2.0:Group
codegen:
  operations: [list, get, create, delete]
`,
  "definitions/resource-types/device.yaml": `name: Device
endpoint: /Devices
schema: urn:acme:params:scim:schemas:core:2.0:Device
schemaExtensions:
  - schema: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
    required: true
`,
};
