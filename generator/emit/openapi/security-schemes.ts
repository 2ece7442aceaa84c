// OpenAPI Security Scheme Objects (OAS 3.1 §4.8.27) from the ServiceProviderConfig's
// authenticationSchemes (RFC 7643 §5), so the document asks for the credentials discovery advertises.

import type { AuthenticationScheme, ServiceProviderConfig } from "../../model/model.js";
import { markdownText } from "../escape.js";
import type { SecurityRequirementObject, SecuritySchemeObject } from "./openapi-types.js";

/** The placeholder token endpoint of an `oauth2` scheme: `.invalid` (RFC 2606 §2) can never resolve. */
export const placeholderTokenUrl = "https://authorization-server.invalid/oauth2/token";

/** One security scheme, named in the document by its component key. */
export interface NamedSecurityScheme {
  readonly key: string;
  readonly scheme: SecuritySchemeObject;
}

// A description is CommonMark (OAS 3.1): the scheme's texts and URIs go in as Markdown text.
function describe(s: AuthenticationScheme): string {
  const links = [
    s.specUri && `Specification: ${markdownText(s.specUri)}.`,
    s.documentationUri && `Documentation: ${markdownText(s.documentationUri)}.`,
  ].filter(Boolean);
  return [`${markdownText(s.name)}: ${markdownText(s.description)}`, ...links].join(" ");
}

/** Maps one RFC 7643 §5 authentication scheme type to the OpenAPI scheme a client would use. */
export function securityScheme(s: AuthenticationScheme): SecuritySchemeObject {
  const description = describe(s);
  switch (s.type) {
    case "oauthbearertoken":
      // RFC 6750: a bearer token in the Authorization header.
      return { type: "http", scheme: "bearer", description };
    case "httpbasic":
      // RFC 7617.
      return { type: "http", scheme: "basic", description };
    case "httpdigest":
      // RFC 7616; "Digest" is the IANA-registered HTTP authentication scheme name.
      return { type: "http", scheme: "digest", description };
    case "oauth":
      // OAuth 1.0 (RFC 5849) has no OpenAPI type of its own; its Authorization scheme is registered as "OAuth".
      return { type: "http", scheme: "OAuth", description };
    case "oauth2":
      // RFC 7643 §5 names the scheme but not its endpoints or scopes, which OpenAPI requires for oauth2.
      // The flow below is a placeholder that a deployment overrides (an overlay or a post-processing step).
      return {
        type: "oauth2",
        description: `${description} The token URL is a placeholder: SCIM's authenticationSchemes (RFC 7643 §5) do not carry the authorization server's endpoints; replace it with yours.`,
        flows: { clientCredentials: { tokenUrl: placeholderTokenUrl, scopes: {} } },
      };
  }
}

/**
 * The security schemes in declared order, keyed by type (`oauthbearertoken`, `httpbasic`, …; a
 * repeated type gets `-2`, `-3`). The primary scheme, if one is marked, comes first in the requirements.
 */
export function securitySchemes(spc: ServiceProviderConfig): readonly NamedSecurityScheme[] {
  const seen = new Map<string, number>();
  return spc.authenticationSchemes.map((s) => {
    const n = (seen.get(s.type) ?? 0) + 1;
    seen.set(s.type, n);
    return { key: n === 1 ? s.type : `${s.type}-${n}`, scheme: securityScheme(s) };
  });
}

/** The global security requirement: any one of the schemes (OAS 3.1 §4.8.30: alternatives), primary first. */
export function securityRequirements(spc: ServiceProviderConfig, named: readonly NamedSecurityScheme[]): readonly SecurityRequirementObject[] {
  const order = named.map((n, i) => ({ n, primary: spc.authenticationSchemes[i]?.primary === true }));
  return [...order.filter((o) => o.primary), ...order.filter((o) => !o.primary)].map((o) => ({ [o.n.key]: [] }));
}
