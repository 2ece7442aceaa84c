// generated/openapi/redocly.yaml: the Redocly CLI configuration the README's lint command uses. Redocly's
// recommended ruleset finds nothing in the document but what the two rules turned off here report, and
// test/openapi/openapi-tools.test.ts holds it to that: each rule off must fire without this file, and
// nothing else may.
import { yamlHeader } from "../generated-file.js";

/** The Redocly rules this configuration turns off, each for the reason its comment gives. */
export const redoclyRulesOff: readonly string[] = ["no-unused-components", "info-license"];

/** The text of `redocly.yaml`. Nothing in it depends on the definitions but the folder its header names. */
export function redoclyConfig(definitionsFolder: string): string {
  return `${yamlHeader(definitionsFolder)}# Redocly CLI configuration for openapi.yaml and openapi.json beside it: run in this folder,
#   npx @redocly/cli lint openapi.yaml
# finds it by itself (from elsewhere, pass it with --config <this folder>/redocly.yaml). It is Redocly's
# recommended ruleset with the two rules off whose default is wrong for a generated SCIM document; with
# the recommended ruleset alone, these two are all that lint reports.
extends:
  - recommended
rules:
  # The <Schema>Attributes components (UserAttributes, GroupAttributes, ...) are each SCIM schema's
  # attributes exactly as /Schemas lists them (RFC 7643 §7), every characteristic kept as an x-scim-*
  # key: the schema's /Schemas content in JSON Schema form, and a type for tools. By RFC no body has
  # that shape: a request leaves out readOnly attributes (RFC 7644 §3.3), a response writeOnly and
  # \`returned: never\` ones (RFC 7643 §2.2), so the operations use the request and response components
  # and nothing refers to these. Every other component is referred to: the generator leaves out the
  # responses, parameters and headers that no operation uses.
  no-unused-components: off
  # info.license is the licence under which the API may be used: the service provider's to state. The
  # definitions do not state one (nor does a ServiceProviderConfig, RFC 7643 §5), and a generated one
  # would be a claim nobody made.
  info-license: off
`;
}
