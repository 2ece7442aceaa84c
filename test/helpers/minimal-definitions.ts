/** A small valid definition set; the diagnostics tests change one file at a time. */
export const minimalDefinitions: Readonly<Record<string, string>> = {
  // No adapters: these tests are about the definitions and the output mechanics, and run faster so.
  "definitions/scim-codegen.yaml": "adapters: []\n",
  "definitions/service-provider-config.yaml": `patch:
  supported: true
bulk:
  supported: false
  maxOperations: 0
  maxPayloadSize: 0
filter:
  supported: true
  maxResults: 100
changePassword:
  supported: false
sort:
  supported: false
etag:
  supported: false
authenticationSchemes:
  - type: oauthbearertoken
    name: OAuth Bearer Token
    description: Bearer tokens (RFC 6750)
`,
  "definitions/schemas/user.yaml": `id: urn:ietf:params:scim:schemas:core:2.0:User
name: User
description: User Account
attributes:
  - name: userName
    description: Unique identifier for the User. REQUIRED.
    required: true
    uniqueness: server
  - name: emails
    type: complex
    multiValued: true
    description: Email addresses for the user.
    subAttributes:
      - name: value
        description: Email address.
      - name: type
        description: A label.
        canonicalValues: [work, home, other]
      - name: primary
        type: boolean
        description: The preferred address.
`,
  "definitions/schemas/group.yaml": `id: urn:ietf:params:scim:schemas:core:2.0:Group
name: Group
description: Group
attributes:
  - name: displayName
    description: A human-readable name for the Group. REQUIRED.
    required: true
`,
  "definitions/resource-types/user.yaml": `name: User
endpoint: /Users
schema: urn:ietf:params:scim:schemas:core:2.0:User
`,
  "definitions/resource-types/group.yaml": `name: Group
endpoint: /Groups
schema: urn:ietf:params:scim:schemas:core:2.0:Group
`,
};
