// The rules for names that reach URLs, identifiers and file names (see generator/names.ts). The
// definition-format JSON Schemas carry the patterns, so editors flag a bad name as it is typed; the
// explanations here turn ajv's "must match pattern" into what is wrong, why, and what would be right.
// Lengths, Windows device names and reserved endpoints, which a pattern cannot say clearly, are
// checked on the format-valid files.

import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { DiagnosticSink } from "../../diagnostics/diagnostic.js";
import {
  baseUrlPattern,
  describeCharacter,
  documentFileName,
  endpointPattern,
  firstBadCharacter,
  isWindowsDeviceName,
  maxFileNameBytes,
  maxNameLength,
  packageScopePattern,
  pcharCharacters,
  reservedEndpoints,
  resourceTypeNamePattern,
  schemaIdPattern,
  suggestName,
} from "../../names.js";
import type { ResourceTypeDefinition, SchemaDefinition } from "../../model/definition-types.js";
import type { Typed } from "./cross-file-rules.js";

/** A pattern of the definition format, with the diagnostic that explains a value breaking it. */
export interface PatternRule {
  /** `value` breaks the pattern; `where` names it (`name`, `staticJson.baseUrl`). */
  explain(value: string, where: string): { readonly code: DiagnosticCode; readonly message: string };
}

const nameCharacter = /^[A-Za-z0-9_-]$/;
const segmentCharacter = /^[A-Za-z0-9._~-]$/;

/** Why one character cannot stand in a URL path segment or a file name, beyond "not allowed". */
function why(c: string): string {
  switch (c) {
    case "/":
      return " (it would start a second path segment)";
    case "%":
      return " (it starts a percent-encoding, so the served path would differ from the name)";
    case "?":
      return " (it starts the query of a URL)";
    case "#":
      return " (it starts the fragment of a URL)";
    case "\\":
      return " (a path separator on Windows)";
    default:
      return "";
  }
}

const quote = (value: string): string => JSON.stringify(value);

function resourceTypeName(value: string, where: string): { code: DiagnosticCode; message: string } {
  const what = `Resource type ${where} ${quote(value)}`;
  const suggestion = suggestName(value, nameCharacter).replace(/^[^A-Za-z]+/, "");
  const example = suggestion ? `, e.g. ${quote(suggestion)}` : ', e.g. "Device"';
  const rule = `it is served as /ResourceTypes/{id} and becomes a TypeScript type name and an output file name, so it may hold letters, digits, "-" and "_", starting with a letter${example}`;
  if (value === "") return { code: "invalid-resource-type-name", message: `Resource type ${where} is empty; ${rule}.` };
  if (!/^[A-Za-z]/.test(value)) {
    return { code: "invalid-resource-type-name", message: `${what} starts with ${describeCharacter([...value][0]!)}: ${rule}.` };
  }
  const bad = firstBadCharacter(value, nameCharacter);
  return { code: "invalid-resource-type-name", message: bad ? `${what} contains ${describeCharacter(bad.char)}${why(bad.char)}: ${rule}.` : `${what} is not allowed: ${rule}.` };
}

function endpoint(value: string): { code: DiagnosticCode; message: string } {
  if (!value.startsWith("/")) {
    return { code: "endpoint-not-absolute", message: `Endpoint ${quote(value)} must start with "/" (RFC 7643 §6), e.g. ${quote(`/${value}`)}.` };
  }
  const segment = value.slice(1);
  const suggestion = suggestName(segment, segmentCharacter).replace(/^[^A-Za-z]+/, "");
  const example = suggestion ? quote(`/${suggestion}`) : '"/Devices"';
  const rule = `an endpoint is one path segment below the SCIM base (an OpenAPI path beside /Schemas and /ResourceTypes): "/", a letter, then letters, digits, ".", "_", "~" or "-", e.g. ${example}`;
  if (segment === "") return { code: "invalid-endpoint", message: `Endpoint "/" names no path segment; ${rule}.` };
  if (!/^[A-Za-z]/.test(segment)) {
    return { code: "invalid-endpoint", message: `Endpoint ${quote(value)} continues with ${describeCharacter([...segment][0]!)} after "/"; ${rule}.` };
  }
  const bad = firstBadCharacter(segment, segmentCharacter);
  return { code: "invalid-endpoint", message: bad ? `Endpoint ${quote(value)} contains ${describeCharacter(bad.char)}${why(bad.char)}; ${rule}.` : `Endpoint ${quote(value)} is not allowed; ${rule}.` };
}

function schemaId(value: string): { code: DiagnosticCode; message: string } {
  const what = `Schema id ${quote(value)}`;
  const match = /^urn:([^:]*)(?::(.*))?$/s.exec(value);
  if (!match) {
    const upper = /^urn:/i.test(value) ? ` (write "urn:" in lower case)` : "";
    return {
      code: "schema-id-not-urn",
      message: `${what} is not a URN${upper}; write urn:<namespace>:<rest>, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User or urn:acme:scim:schemas:Device.`,
    };
  }
  const [, nid = "", nss] = match;
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]$/.test(nid)) {
    return {
      code: "schema-id-not-urn",
      message: `${what} has the namespace ${quote(nid)}; an RFC 8141 namespace has 2 to 32 letters, digits or "-", and does not end in "-" (e.g. "acme" in urn:acme:scim:schemas:Device).`,
    };
  }
  if (!nss) return { code: "schema-id-not-urn", message: `${what} has nothing after its namespace; write urn:${nid}:<name>, e.g. urn:${nid}:scim:schemas:Device.` };
  const bad = firstBadCharacter(nss, pcharCharacters);
  if (!bad) return { code: "schema-id-not-urn", message: `${what} is not a URN of the form urn:<namespace>:<name>, e.g. urn:acme:scim:schemas:Device.` };
  const reason =
    bad.char === "/"
      ? ` (it would have to be sent as %2F, which proxies decode or refuse)`
      : bad.char === "%"
        ? ` (percent-encoding would make the served path differ from the id; write the character itself if it is allowed)`
        : why(bad.char);
  return {
    code: "schema-id-not-urn",
    message: `${what} contains ${describeCharacter(bad.char)}${reason}: the id is served raw as the one path segment of /Schemas/{uri} and is its meta.location, so after urn:<namespace>: it may hold letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ only.`,
  };
}

function baseUrl(value: string, where: string): { code: DiagnosticCode; message: string } {
  const what = `${where} ${quote(value)}`;
  const fix = "it is baked into every static document's meta.location and into a README";
  const scheme = /^https?:\/\//.exec(value);
  if (!scheme) {
    return { code: "invalid-base-url", message: `${what} must be an absolute http or https URL (lower-case scheme), e.g. https://api.example.com/scim/v2; ${fix}.` };
  }
  const rest = value.slice(scheme[0].length);
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "" : rest.slice(slash);
  if (/[?#]/.test(value)) {
    return { code: "invalid-base-url", message: `${what} has a query or fragment; a base URL is a scheme, a host and a path, since each meta.location appends a path to it.` };
  }
  if (authority.includes("@")) {
    return { code: "invalid-base-url", message: `${what} carries user information ("user:password@"); ${fix}, so leave credentials out.` };
  }
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/.test(authority)) {
    return { code: "invalid-base-url", message: `${what} has the host ${quote(authority)}, which is not a host name (letters, digits, "-" and ".") or an [IPv6] literal, with an optional :port.` };
  }
  const badPercent = /%(?![0-9A-Fa-f]{2})/.exec(path);
  const bad = firstBadCharacter(path.replace(/%[0-9A-Fa-f]{2}/g, "").replace(/\//g, ""), /^[A-Za-z0-9._~!$&'()*+,;=:@%-]$/);
  if (badPercent) {
    return { code: "invalid-base-url", message: `${what} has a "%" that is not followed by two hex digits; write a literal "%" as %25; ${fix}.` };
  }
  if (!bad) return { code: "invalid-base-url", message: `${what} is not an absolute http(s) URL with an RFC 3986 path; ${fix}.` };
  return {
    code: "invalid-base-url",
    message: `${what} contains ${describeCharacter(bad.char)} in its path, which RFC 3986 allows only percent-encoded (e.g. %${(bad.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(2, "0")}); ${fix}.`,
  };
}

function packageScope(value: string, where: string): { code: DiagnosticCode; message: string } {
  const suggestion = `@${value.replace(/^@/, "").toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "")}`;
  return {
    code: "invalid-value",
    message: `${where} ${quote(value)} is not an npm scope: write "@", then lower-case letters, digits, ".", "_" or "-", starting with a letter or digit${suggestion.length > 1 ? `, e.g. ${quote(suggestion)}` : ""}; it names the generated packages and every import of them.`,
  };
}

/** The explanation of each pattern of the definition format, by the pattern's text. */
export const patternRules: ReadonlyMap<string, PatternRule> = new Map<string, PatternRule>([
  [resourceTypeNamePattern, { explain: resourceTypeName }],
  [endpointPattern, { explain: (value) => endpoint(value) }],
  [schemaIdPattern, { explain: (value) => schemaId(value) }],
  [baseUrlPattern, { explain: baseUrl }],
  [packageScopePattern, { explain: packageScope }],
]);

/**
 * Checks what the patterns leave out: lengths that would make a file name too long, names Windows
 * reserves for devices, and endpoints RFC 7644 reserves.
 */
export function checkNames(schemas: readonly Typed<SchemaDefinition>[], resourceTypes: readonly Typed<ResourceTypeDefinition>[], sink: DiagnosticSink): void {
  for (const { file, value } of schemas) {
    // The very name the static JSON emitter writes (json/Schemas/<file>), ASCII: its length is its size.
    const length = documentFileName(value.id).length;
    if (length > maxFileNameBytes) {
      sink.error(file.locate(["id"]), "name-too-long",
        `Schema id ${quote(value.id)} is too long: its static JSON file (the id percent-encoded, plus .json) takes ${length} bytes, and file systems allow ${maxFileNameBytes}. Shorten it.`);
    }
  }
  for (const { file, value } of resourceTypes) {
    for (const key of ["name", "id"] as const) {
      const name = value[key];
      if (name === undefined || (key === "id" && name === value.name)) continue;
      if (name.length > maxNameLength) {
        sink.error(file.locate([key]), "name-too-long",
          `Resource type ${key} ${quote(`${name.slice(0, 24)}…`)} has ${name.length} characters; output file names are built from it, so use at most ${maxNameLength}.`);
      } else if (isWindowsDeviceName(name)) {
        sink.error(file.locate([key]), "invalid-resource-type-name",
          `Resource type ${key} ${quote(name)} is a device name on Windows (json/ResourceTypes/${name}.json could not be written there); choose another ${key}.`);
      }
    }
    const reserved = reservedEndpoints.find((r) => r.toLowerCase() === value.endpoint.toLowerCase());
    if (reserved) {
      sink.error(file.locate(["endpoint"]), "reserved-endpoint",
        `Endpoint ${quote(value.endpoint)} is ${reserved}, which RFC 7644 reserves (§3.2, §4; paths compare case-insensitively), so it would shadow that endpoint; choose another, e.g. "/Devices".`);
    } else if (value.endpoint.length - 1 > maxNameLength) {
      sink.error(file.locate(["endpoint"]), "name-too-long",
        `Endpoint ${quote(`${value.endpoint.slice(0, 24)}…`)} has ${value.endpoint.length} characters; use at most ${maxNameLength + 1}.`);
    }
  }
}
