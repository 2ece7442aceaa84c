// The names the generator derives from definitions, and the rules that keep every one of them
// servable, importable and usable as a file name. Load and validate check names against these rules;
// the emitters derive their identifiers with these functions. Pure: no I/O, no YAML, no ajv.

// ---------------------------------------------------------------------------------------------------
// Case conversion

/** Splits a name such as `enterprise-user`, `x509Certificates` or `$ref` into words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `enterprise-user` → `EnterpriseUser`; a leading digit gets an underscore. */
export function pascalCase(name: string): string {
  const out = words(name).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(out) ? `_${out}` : out || "_";
}

/** `enterprise-user` → `enterpriseUser`. */
export function camelCase(name: string): string {
  const p = pascalCase(name);
  return p.startsWith("_") ? p : p[0]!.toLowerCase() + p.slice(1);
}

/** The base name of a definition file: `definitions/schemas/enterprise-user.yaml` → `enterprise-user`. */
export function fileStem(sourceName: string): string {
  const base = sourceName.slice(sourceName.lastIndexOf("/") + 1);
  const stem = base.replace(/\.ya?ml$/, "").replace(/\.schema$/, "");
  // It names modules, JSON Schema files and their relative `$id`: it must read the same as a file name, an
  // import specifier and a URI reference. Validation rejects other file names first, so this is a bug check.
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?$/.test(stem)) {
    throw new Error(`scim-codegen: the definition file ${JSON.stringify(sourceName)} cannot name a module; use letters, digits, - and _`);
  }
  return stem;
}

// ---------------------------------------------------------------------------------------------------
// What a name may be. The patterns are strings because the definition-format JSON Schemas carry the
// same text (a test keeps them equal), so editors flag a bad name as it is typed.

/**
 * A file under `schemas/` or `resource-types/`. Its stem becomes module paths, import specifiers
 * (where `#` and `?` are URL syntax), identifiers and output file names.
 */
export const definitionFileNamePattern = "^[A-Za-z0-9][A-Za-z0-9_-]*\\.ya?ml$";

/**
 * A resource type `name` and `id`: served as the path segment of `/ResourceTypes/{id}`, a TypeScript
 * type name and an output file name (`json/ResourceTypes/{id}.json`).
 */
export const resourceTypeNamePattern = "^[A-Za-z][A-Za-z0-9_-]*$";

/** A resource type `endpoint`: one path segment (RFC 3986 unreserved characters), an OpenAPI path key. */
export const endpointPattern = "^/[A-Za-z][A-Za-z0-9._~-]*$";

/**
 * A schema `id`: a URN (RFC 8141: NID of 2 to 32 letters, digits or hyphens, not ending in a hyphen)
 * whose NSS holds only RFC 3986 `pchar` without percent-encoding and without `/`, because the id is
 * served raw as the single path segment of `/Schemas/{uri}` and `meta.location` must be a valid URI
 * (`/` would need `%2F`, which proxies decode or refuse).
 */
export const schemaIdPattern = "^urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:[A-Za-z0-9._~!$&'()*+,;=:@-]+$";

/**
 * `staticJson.baseUrl`: an absolute http(s) URL, host and optional port, and a path of RFC 3986 pchar
 * (percent-encoding complete); no user info, query or fragment. It is baked into JSON and Markdown.
 */
export const baseUrlPattern =
  "^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*$";

/**
 * The project's `packageScope`: an npm scope (`@acme`), lower case, URL-safe; it names the generated
 * packages and every import specifier of them. npm refuses `~` in new names.
 */
export const packageScopePattern = "^@[a-z0-9][a-z0-9._-]*$";

/** The characters of RFC 3986 `pchar` other than percent-encoding. */
export const pcharCharacters = /^[A-Za-z0-9._~!$&'()*+,;=:@-]$/;

/**
 * RFC 7644 §3.2 and §4 reserve these endpoints below the SCIM base; a resource endpoint equal to one,
 * compared case-insensitively (RFC 7644 §3.10 routes case-insensitively), would shadow it.
 */
export const reservedEndpoints: readonly string[] = ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas", "/Bulk", "/Me", "/.search"];

/**
 * Longest stem of a definition file, and longest resource type name or id: output file names add at
 * most 21 characters (`.response.schema.json`), and common file systems allow 255 bytes.
 */
export const maxNameLength = 128;

/** Longest file name common file systems allow (ext4, APFS, NTFS: 255 bytes or UTF-16 units). */
export const maxFileNameBytes = 255;

/** The UTF-8 percent-encoding of every code point of `text` that `keep` does not match (uppercase hex, RFC 3986 §2.1). */
export function percentEncode(text: string, keep: RegExp): string {
  let out = "";
  for (const char of String(text)) {
    if (keep.test(char)) {
      out += char;
      continue;
    }
    // A lone surrogate has no UTF-8 form; TextEncoder writes U+FFFD for it, as a UTF-8 file would.
    for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Windows device names, reserved in any case and with any extension (`CON`, `nul.json`, `Com1.d.ts`). */
export const windowsDeviceName = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)(?:\.|$)/i;

/** True for names Windows reserves for devices (`CON`, `nul`, `COM1`…), which no file may have as its stem. */
export function isWindowsDeviceName(stem: string): boolean {
  return windowsDeviceName.test(stem);
}

/**
 * A file name from `text` (a schema URN, a resource type id), valid as it is on every platform: every
 * character but RFC 3986's unreserved ones (letters, digits, `-._~`) percent-encoded, so `:` (forbidden on
 * Windows), `/`, `\`, NUL, `*`, spaces and non-ASCII never reach the file system and the bytes are the
 * same everywhere; then what is still not a file name gets one more character encoded: `.` and `..`
 * (`%2E`), a trailing dot (Windows drops it) and a Windows device name (`CON` → `%43ON`). It decodes back
 * to `text` with `decodeURIComponent`. `urn:ietf:…:User` gives `urn%3Aietf%3A…%3AUser`. Empty stays
 * empty: callers add an extension. It lives here, and emit/escape.ts re-exports it, because validation
 * measures the very file names the emitters write.
 */
export function fileNameSegment(text: string): string {
  const encoded = percentEncode(text, /^[A-Za-z0-9\-._~]$/);
  if (encoded === "." || encoded === "..") return encoded.replace(/\./g, "%2E");
  const dotless = encoded.replace(/\.$/, "%2E");
  return windowsDeviceName.test(dotless) ? `%${dotless.charCodeAt(0).toString(16).toUpperCase()}${dotless.slice(1)}` : dotless;
}

/**
 * The static JSON file of a schema or resource type document (`json/Schemas/…`, `json/ResourceTypes/…`):
 * its id made a file name by `fileNameSegment`, since `:` is not portable (`urn%3Aietf%3A…%3AUser.json`)
 * and an id must never name a folder. ASCII, so its length is its size in bytes.
 */
export function documentFileName(id: string): string {
  return `${fileNameSegment(id)}.json`;
}

/**
 * How a diagnostic names one character: `"#" (U+0023)`, `U+000A (a control character)`,
 * `"é" (U+00E9, not ASCII)`. Control and invisible characters are never printed raw.
 */
export function describeCharacter(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `${hex} (a control character)`;
  if (code === 0x20) return `a space (${hex})`;
  if (/[\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(c) || (code >= 0xd800 && code <= 0xdfff)) return `${hex} (an invisible character)`;
  if (code > 0x7e) return `"${c}" (${hex}, not ASCII)`;
  if (c === '"') return `a double quote (${hex})`;
  return `"${c}" (${hex})`;
}

/** The first character of `value` that `allowed` rejects, and its index in code points; undefined if none. */
export function firstBadCharacter(value: string, allowed: RegExp): { readonly char: string; readonly index: number } | undefined {
  let index = 0;
  for (const char of value) {
    if (!allowed.test(char)) return { char, index };
    index++;
  }
  return undefined;
}

/** A name built from `value` by replacing each run of characters outside `allowed` with `-`. */
export function suggestName(value: string, allowed: RegExp): string {
  let out = "";
  for (const char of value) out += allowed.test(char) ? char : "-";
  return out.replace(/-{2,}/g, "-").replace(/^[-_]+|[-_]+$/g, "");
}

// ---------------------------------------------------------------------------------------------------
// Identifiers and paths derived from definitions. The emitters make each of these names only with the
// functions here, and validation (validate/rules/identifier-rules.ts) claims each for the definition
// that derives it and reports a name claimed twice, so what it checks is what is emitted.

/** The exports of a schema's core module: its document, its URN and, for a resource schema, its attributes. */
export function schemaModuleNames(stem: string): { readonly constant: string; readonly idConstant: string; readonly attributesInterface: string } {
  const constant = `${camelCase(stem)}Schema`;
  return { constant, idConstant: `${constant}Id`, attributesInterface: attributesInterfaceName(stem) };
}

/** The interface of a schema's attributes: `UserAttributes`; also its OpenAPI component schema name. */
export function attributesInterfaceName(schemaStem: string): string {
  return `${pascalCase(schemaStem)}Attributes`;
}

/** The interface of one complex attribute's value: `UserEmails` for `emails` of `user.yaml`. */
export function complexInterfaceName(schemaStem: string, attributeName: string): string {
  return `${pascalCase(schemaStem)}${pascalCase(attributeName)}`;
}

/** A schema's key in the core package's `SchemaUrn`, and its example name in the OpenAPI `/Schemas` operations. */
export function schemaKey(schemaName: string): string {
  return pascalCase(schemaName);
}

/** The document constant of a resource type's core module. */
export function resourceTypeConstantName(stem: string): string {
  return `${camelCase(stem)}ResourceType`;
}

/**
 * The TypeScript type of a resource (`User`); also its OpenAPI component, its `ResourceTypeName` key and
 * its example name in the OpenAPI `/ResourceTypes/{id}` responses.
 */
export function resourceTypeInterfaceName(name: string): string {
  return pascalCase(name);
}

/** A resource type id's example name in the OpenAPI `/ResourceTypes/{id}` parameter. */
export function resourceTypeIdKey(id: string): string {
  return pascalCase(id);
}

/** The exports of a resource type's validators module. */
export function validatorExportNames(name: string): { readonly rules: string; readonly create: string; readonly replace: string; readonly response: string } {
  const type = pascalCase(name);
  return { rules: `${camelCase(name)}ResourceRules`, create: `validate${type}CreateRequest`, replace: `validate${type}ReplaceRequest`, response: `validate${type}Response` };
}

/** The OpenAPI component schemas of a resource type's representations. */
export function resourceComponentNames(name: string): { readonly response: string; readonly create: string; readonly replace: string; readonly list: string } {
  const type = pascalCase(name);
  return { response: type, create: `${type}CreateRequest`, replace: `${type}ReplaceRequest`, list: `${type}ListResponse` };
}

/**
 * The OpenAPI operationIds of a resource endpoint, one per operation a definition may declare: `list`
 * from the endpoint (`listUsers`), the rest from the name (`createUser`). Validation claims all six,
 * declared or not, so declaring another operation later cannot make a valid project invalid.
 */
export function resourceOperationIds(
  name: string,
  endpoint: string,
): { readonly list: string; readonly create: string; readonly get: string; readonly replace: string; readonly patch: string; readonly delete: string } {
  const type = pascalCase(name);
  return {
    list: `list${pascalCase(endpoint.replace(/^\//, ""))}`,
    create: `create${type}`,
    get: `get${type}`,
    replace: `replace${type}`,
    patch: `patch${type}`,
    delete: `delete${type}`,
  };
}

// Paths. A module path is inside the core package and has no extension (`schemas/user`): the emitters
// write the module as `packages/core/<path>.js` and `.d.ts` and import one module from another by it.
// Output paths are below the output folder. Every stem has passed `fileStem`, so it is one file name.

/** The core package's folder, below the output folder. */
export const corePackageFolder = "packages/core";

/** The folder of the stand-alone JSON Schemas, below the output folder. */
export const jsonSchemaFolder = "json-schema";

/** The output path of a module of the core package, without extension. */
export function coreOutputPath(modulePath: string): string {
  return `${corePackageFolder}/${modulePath}`;
}

/** The module of a resource schema: its document, URN and interfaces. */
export function schemaModulePath(stem: string): string {
  return `schemas/${stem}`;
}

/** The module of an RFC 7643 §8.7.2 service-provider schema (a built-in definition). */
export function serviceProviderSchemaModulePath(stem: string): string {
  return `schemas/service-provider/${stem}`;
}

/** The modules a resource type's file stem names: its document and type, its validators, and their compiled code. */
export function resourceTypeModulePaths(stem: string): { readonly resourceType: string; readonly validators: string; readonly compiledValidators: string } {
  return { resourceType: `resource-types/${stem}`, validators: `validators/${stem}`, compiledValidators: `validators/compiled/${stem}` };
}

/** The module that re-exports every validators module and the validation runtime (the `./validators` entry). */
export const validatorsIndexModulePath = "validators/index";

/** The representations of a resource that get a JSON Schema file, and the compiled validators module's exports, in file-name order. */
export const jsonSchemaRepresentations = ["create", "replace", "response"] as const;

/** The file name of a resource type's JSON Schema for one representation: `user.create.schema.json`. */
export function jsonSchemaFileName(stem: string, representation: string): string {
  return `${stem}.${representation}.schema.json`;
}

/** The output path (without extension) of a resource schema's core module. */
export function schemaOutputPath(stem: string): string {
  return coreOutputPath(schemaModulePath(stem));
}

/**
 * The output paths a resource type's file stem names, without extension: its three core modules, and
 * `json-schema/<stem>`, which stands for the JSON Schema files `<stem>.<representation>.schema.json`.
 */
export function resourceTypeOutputPaths(stem: string): readonly string[] {
  return [...Object.values(resourceTypeModulePaths(stem)).map(coreOutputPath), `${jsonSchemaFolder}/${stem}`];
}

// Package names, from the project's `packageScope`.

/** The npm name of the core package: `@scim-discovery/core`. */
export function corePackageName(scope: string): string {
  return `${scope}/core`;
}

/** The npm name of a framework adapter package: `@scim-discovery/express`. */
export function adapterPackageName(scope: string, framework: string): string {
  return `${scope}/${framework}`;
}

/** The subpath exports of the core package beside its root (`.`): the discovery runtime and the validators. */
export const coreSubpaths = { runtime: "runtime", validators: "validators" } as const;

// ---------------------------------------------------------------------------------------------------
// Names the generator itself uses in the namespaces above. The emitters declare the generator's own
// names from the constants here, so the reserved lists hold them by construction; the names of the
// hand-written runtimes cannot be derived here (this module reads no files), so those lists are
// checked instead: test/generator/names.test.ts compares them with the generated modules.

/** The names the core package's index module declares beside its re-exports. */
export const coreIndexNames = {
  schemaUrn: "SchemaUrn",
  resourceTypeName: "ResourceTypeName",
  resourceTypes: "resourceTypes",
  schemas: "schemas",
  serviceProviderSchemas: "serviceProviderSchemas",
  discoveryDocuments: "discoveryDocuments",
  findResourceType: "findResourceType",
  findSchema: "findSchema",
} as const;

/** The ServiceProviderConfig document's constant, exported by its module `service-provider-config`. */
export const serviceProviderConfigConstantName = "serviceProviderConfig";

/** Runtime names (generator/runtime) the core package's modules import, or its index re-exports. */
const coreRuntimeNames: readonly string[] = [
  // runtime/lookup.ts
  "findById", "LookupOptions",
  // runtime/scim-documents.ts, runtime/types.ts
  "AttributeType", "SchemaAttribute", "DiscoveryMeta", "SchemaDocument", "ResourceTypeDocument", "AuthenticationSchemeDocument",
  "ServiceProviderConfigDocument", "ResourceMeta", "ScimResource", "ScimDocument", "ScimDocumentMeta", "DiscoveryDocuments",
];

/** Names in scope in the core package's modules, or exported by its index, that no definition derives. */
export const reservedCoreExports: readonly string[] = [...Object.values(coreIndexNames), serviceProviderConfigConstantName, ...coreRuntimeNames];

/** Validation-runtime names (generator/validation-runtime) the validators modules import, or their index re-exports. */
const validatorRuntimeNames: readonly string[] = [
  // The wrappers' imports.
  "createRequestValidator", "createResponseValidator", "RequestValidator", "ResponseValidator", "ResourceRules", "CompiledValidator",
  // validation-runtime/index.ts
  "errorBody", "issuesFromErrors", "SCIM_ERROR_URN", "normaliseResource", "Normalised", "PayloadKind", "AttributeRule", "ExtensionRule",
  "CompiledValidationError", "ValidationIssue", "ValidationResult", "ValidationScimType", "ValidatorOptions", "ScimAttributeType", "ScimErrorBody",
];

/**
 * Names in scope in the validators modules (`validators/index` and each wrapper) that no definition
 * derives: the compiled module's exports, which each wrapper imports, and the runtime's.
 */
export const reservedValidatorNames: readonly string[] = [...jsonSchemaRepresentations, ...validatorRuntimeNames];

/** The OpenAPI component schemas of the discovery documents and the RFC 7644 messages. */
export const discoveryComponentNames = {
  serviceProviderConfig: "ServiceProviderConfig",
  resourceType: "ResourceType",
  schema: "Schema",
  attribute: "Attribute",
  resourceTypeList: "ResourceTypeListResponse",
  schemaList: "SchemaListResponse",
  error: "Error",
  patchOp: "PatchOp",
} as const;

/** OpenAPI component schemas that no definition derives. */
export const reservedComponentNames: readonly string[] = Object.values(discoveryComponentNames);

/** The OpenAPI operationIds of the RFC 7644 §4 discovery endpoints. */
export const discoveryOperationIds = {
  getServiceProviderConfig: "getServiceProviderConfig",
  listResourceTypes: "listResourceTypes",
  getResourceType: "getResourceType",
  listSchemas: "listSchemas",
  getSchema: "getSchema",
} as const;

/** OpenAPI operationIds that no definition derives. */
export const reservedOperationIds: readonly string[] = Object.values(discoveryOperationIds);

/** Output paths (without extension) in the folders where definition stems name files. */
export const reservedOutputPaths: readonly string[] = [coreOutputPath(validatorsIndexModulePath)];

// ---------------------------------------------------------------------------------------------------
// The Python package (adapters `django` and `fastapi`), named from the same `packageScope`.

/** The folder of the Python project (pyproject.toml and the import package), below the output folder. */
export const pythonFolder = "python";

/**
 * The Python names of the project's scope: `@scim-discovery` → distribution `scim-discovery` (what pip
 * installs, PEP 508), import package `scim_discovery` (what `import` names: `-` and `.` become `_`).
 */
export function pythonPackageNames(scope: string): { readonly distribution: string; readonly importName: string } {
  const distribution = scope.replace(/^@/, "");
  return { distribution, importName: distribution.replace(/[-.]/g, "_") };
}

/** The project folder of the Python package below the output folder: `python/scim_discovery`. */
export function pythonProjectFolder(scope: string): string {
  return `${pythonFolder}/${pythonPackageNames(scope).importName}`;
}

// Python's keywords (3.10–3.13, `keyword.kwlist`): none can be an import name or a class attribute.
const pythonKeywords: ReadonlySet<string> = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
]);

// Top-level names an import package of ours must not take: it would shadow the module of that name for the
// whole app (`import django` finding this package). The frameworks the adapters use and what they import,
// and the standard library modules the runtime and the adapters import.
const pythonShadowedModules: ReadonlySet<string> = new Set([
  "django", "fastapi", "starlette", "pydantic", "pydantic_core", "anyio", "asgiref", "uvicorn", "gunicorn", "typing_extensions",
  "abc", "asyncio", "collections", "dataclasses", "functools", "hashlib", "http", "inspect", "json", "math", "re", "sys", "types",
  "typing", "urllib",
]);

/**
 * Why a project scope cannot name the Python package, or undefined when it can: its import name must be a
 * Python identifier (no leading digit), not a keyword, and not the name of a module the package or the app
 * imports.
 */
export function pythonPackageNameProblem(scope: string): string | undefined {
  const { importName } = pythonPackageNames(scope);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(importName)) return `its Python import name ${JSON.stringify(importName)} is not a Python identifier (it may not start with a digit)`;
  if (pythonKeywords.has(importName)) return `its Python import name ${JSON.stringify(importName)} is a Python keyword`;
  if (pythonShadowedModules.has(importName)) return `its Python import name ${JSON.stringify(importName)} would shadow the module ${importName} that the package or your app imports`;
  return undefined;
}

/**
 * Names that no definition may derive as a resource type's or schema's Python name (`ResourceTypeName`
 * and `SchemaUrn` keys, TypedDict names: the core package's type names): Python's capitalised keywords.
 * The modules' other names are the core package's (`SchemaUrn`, `ResourceTypeName`, `ScimResource`,
 * `ResourceMeta`, reserved there), `DISCOVERY_DOCUMENTS` (no derived name has an underscore inside) and
 * `typing`, imported as a module (derived names start with a capital or `_`).
 */
export const reservedPythonNames: readonly string[] = ["False", "None", "True"];
