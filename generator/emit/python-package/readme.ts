import type { PythonAdapterName } from "../../model/definition-types.js";
import type { Model } from "../../model/model.js";
import { coreIndexNames, pythonPackageNames, pythonProjectFolder } from "../../names.js";
import { markdownCode, markdownFence, markdownText } from "../escape.js";
import { definitionsFolderName, markdownHeader } from "../generated-file.js";

// The mount examples are complete files: test/python/mypy.test.ts extracts each block, type-checks it
// with `mypy --strict`, serves it (gunicorn, uvicorn) and runs `scim-codegen check` against two tenants.
// The package name is a Python identifier (validated), so it stands in code as it is.

/** The tenant-scoped mount of the examples, as Django and Starlette spell its parameter. */
const djangoMount = "api/0/organizations/<str:org>/scim/v2";
const fastapiMount = "/api/0/organizations/{org}/scim/v2";

const sharedSetup = (importName: string, frameworkImports: string): string => `import json
import os

${frameworkImports}

from ${importName}.runtime import DiscoveryRequest, get_header

# The public origin clients reach this service at (https://api.example.com): every meta.location starts
# with it. Unset, it is this server on localhost, which is right for trying it out only: set it when deploying.
ORIGIN = os.environ.get("SCIM_ORIGIN", "http://localhost:8000")
# One bearer token per organization, SCIM_TOKENS='{"acme":"…"}' (in production, look the tenant's token
# up in your database). An organization without a token gets 401 on every request.
TOKENS: dict[str, str] = json.loads(os.environ.get("SCIM_TOKENS", "{}"))


def authenticate(request: DiscoveryRequest) -> bool:
    # \`params["org"]\` is the organization in the path, percent-decoded: its own token, and no other, lets it in.
    token = TOKENS.get(request.params["org"])
    return token is not None and get_header(request.headers, "authorization") == f"Bearer {token}"
`;

/** The Django example: a project's `urls.py`. */
export function djangoExample(importName: string): string {
  return `${sharedSetup(importName, `import ${importName}.django`)}

urlpatterns = [
    # Your SCIM resource routes first, e.g. path("${djangoMount}/Users", users_view),
    # then mount() answers the rest of the base, SCIM 404 included, and the base itself with or without a
    # trailing slash (never APPEND_SLASH's 301), matching it on the raw path as the Node adapters do.
    ${importName}.django.mount("${djangoMount}", origin=ORIGIN, authenticate=authenticate),
]`;
}

/** The FastAPI example: `app.py`. */
export function fastapiExample(importName: string): string {
  return `${sharedSetup(importName, `from fastapi import FastAPI\n\nimport ${importName}.fastapi`)}

app = FastAPI()
# Your SCIM resource routes first, e.g. @app.get("${fastapiMount}/Users"),
# then the discovery router answers the rest of the base, SCIM 404 included.
# include() adds one route for the prefix and everything below it, matched on the raw path as the Node
# adapters do (the prefix itself too: no 307 to a trailing slash).
${importName}.fastapi.include(app, "${fastapiMount}", origin=ORIGIN, authenticate=authenticate)`;
}

/** The shell lines that start each example and check two organizations. */
export function exampleCommands(adapter: PythonAdapterName): string {
  const start =
    adapter === "django"
      ? `SCIM_TOKENS='{"acme":"acme-token","globex":"globex-token"}' DJANGO_SETTINGS_MODULE=mysite.settings gunicorn mysite.wsgi --bind localhost:8000`
      : `SCIM_TOKENS='{"acme":"acme-token","globex":"globex-token"}' uvicorn app:app --port 8000`;
  return `${start}
npx scim-codegen check http://localhost:8000/api/0/organizations/acme/scim/v2 --token acme-token --discovery-only
npx scim-codegen check http://localhost:8000/api/0/organizations/globex/scim/v2 --token globex-token --discovery-only`;
}

/** The Python package's README: install, the mount example of each adapter, and what the package exports. */
export function pythonReadme(model: Model, adapters: readonly PythonAdapterName[]): string {
  const { distribution, importName } = pythonPackageNames(model.project.packageScope);
  const folder = pythonProjectFolder(model.project.packageScope);
  const sections = adapters.map((adapter) =>
    adapter === "django"
      ? `## Django

\`mysite/urls.py\` (Django 5.2, served here by gunicorn; any WSGI or ASGI server does):

${markdownFence(djangoExample(importName), "python")}

${markdownFence(exampleCommands("django"), "sh")}
`
      : `## FastAPI

\`app.py\` (FastAPI 0.142 on Starlette 1.7, served by uvicorn):

${markdownFence(fastapiExample(importName), "python")}

${markdownFence(exampleCommands("fastapi"), "sh")}
`,
  );
  return `${markdownHeader(definitionsFolderName(model))}
# ${markdownText(distribution)}

The SCIM 2.0 discovery endpoints of this service (RFC 7644 §4) for ${adapters.map((a) => (a === "django" ? "Django" : "FastAPI")).join(" and ")}, from the same
definitions and with the same behaviour, byte for byte, as the generated Node packages: the discovery
documents as data, TypedDicts of the resources, and the framework-neutral runtime the adapters share.
Python ≥ 3.10; no dependency but the framework of the adapter you use (the extras below).

Install it from its folder (it is private: not for a package index):

${markdownFence(adapters.map((a) => `pip install './${folder}[${a}]'`).join("\n"), "sh")}

${sections.join("\n")}
- Every \`meta.location\` is \`origin\` plus the path the request matched, so each organization gets its own;
  \`base_url\` (a URL, or a function of the request) or \`trust_host=True\` (behind a proxy you trust) instead.
- \`request.params\` holds the mount's parameters by name, percent-decoded once, as on every Node adapter.

| import | what |
| --- | --- |
| ${markdownCode(`${importName}.DISCOVERY_DOCUMENTS`)} | every discovery document, \`meta.location\` relative to the SCIM base |
| ${markdownCode(`${importName}.${coreIndexNames.schemaUrn}`)}, ${markdownCode(`${importName}.${coreIndexNames.resourceTypeName}`)} | the schema URNs and resource type names as constants |
| ${markdownCode(`${importName}.resources`)} | a TypedDict per resource type, with extensions under their URN keys |
| ${markdownCode(`${importName}.runtime`)} | \`create_discovery_handler\` and \`create_target_handler\`: the endpoints for any other framework |
${adapters.map((a) => `| ${markdownCode(`${importName}.${a}`)} | ${a === "django" ? "`mount(route, **options)`: the URL pattern of the whole base (`urls(**options)`: patterns to `include()` under a route of your own, which Django matches on the decoded path)" : "`include(app, prefix, **options)`: the endpoints under a prefix of an app or router (`router(**options)` is the bare `APIRouter`)"} |\n`).join("")}
Generated from ${markdownCode(definitionsFolderName(model))} by scim-codegen; edit the definitions, not these files.
`;
}
