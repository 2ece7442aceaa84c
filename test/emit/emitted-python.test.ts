// The Python package's generated text, held to truths the generator did not make: `resources.py` and
// `__init__.py` of a tiny hand-written set of definitions, written out here by hand (each value's Python type
// taken from RFC 7643 §2.3: boolean → bool, integer → int, decimal → float, string, dateTime, reference and
// binary → str, complex → its own TypedDict, multiValued → list), the README's mount examples as the lines a
// user copies, and the Handlebars templates' contract (strict, one memo key per template). Every test calls
// the emitter itself, on models built once in beforeAll, and nothing runs Python, formats or compiles: so that
// mutation testing of generator/emit/python-package/ runs each mutant against the few tests that reach it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Memo } from "../../generator/cache/transform-cache.js";
import { noMemo } from "../../generator/cache/transform-cache.js";
import { emitPythonPackage } from "../../generator/emit/python-package/emit-python-package.js";
import { pyprojectToml } from "../../generator/emit/python-package/pyproject.js";
import { djangoExample, exampleCommands, fastapiExample, pythonReadme } from "../../generator/emit/python-package/readme.js";
import { initModule, resourcesModule } from "../../generator/emit/python-package/resources-module.js";
import { renderPythonAdapter, type PythonAdapterView } from "../../generator/emit/python-package/templates.js";
import type { Model } from "../../generator/model/model.js";
import { repoRoot } from "../helpers/repo.js";
import { fileAt, modelOf, repositorySources } from "./emitted-output-helpers.js";

// ---------------------------------------------------------------------------------------------------
// The tiny definitions. The schema files keep their names (group.yaml, user.yaml, enterprise-user.yaml:
// the Python names come from the file stem) but hold other schemas whose names differ from the stems
// (Team, Person, Employment), so a name taken from the wrong place shows.

const teamSchema = `id: urn:example:scim:Team
name: Team
description: A team
attributes:
  - name: displayName
    description: The team's name.
    required: true
    caseExact: true
    uniqueness: server
  - name: members
    type: complex
    multiValued: true
    description: The people in the team.
    subAttributes:
      - name: value
        description: The member's id.
        required: true
        mutability: immutable
      - name: type
        description: The kind of member.
        canonicalValues: [User, Group]
        codegen:
          closedCanonicalValues: true
`;

const personSchema = `id: urn:example:scim:Person
name: Person
description: A person
attributes:
  - name: userName
    description: Unique login.
    required: true
    uniqueness: global
  - name: active
    type: boolean
    description: Whether the person may sign in.
    returned: always
  - name: loginCount
    type: integer
    description: How often.
    mutability: readOnly
  - name: score
    type: decimal
    description: A rating.
    returned: request
  - name: lastLogin
    type: dateTime
    description: When last.
  - name: homepage
    type: reference
    referenceTypes: [external]
    caseExact: true
    description: A web page.
  - name: photo
    type: binary
    description: A picture.
  - name: password
    description: A secret.
    mutability: writeOnly
    returned: never
  - name: nicknames
    multiValued: true
    description: Other names.
  - name: locale
    description: A language tag.
    canonicalValues: [en, fr]
  - name: tier
    description: A level.
    codegen:
      closedCanonicalValues: true
  - name: address
    type: complex
    description: Where.
    subAttributes:
      - name: city
        description: The city.
      - name: zip
        type: integer
        description: The code.
  - name: class
    description: A Python keyword as key.
`;

const employmentSchema = `id: urn:example:scim:extension:Employment
name: Employment
description: Employment data
attributes:
  - name: employeeNumber
    description: A number.
    required: true
`;

const badgeSchema = `id: urn:example:scim:extension:Badge
name: Badge
description: A badge
attributes:
  - name: color
    description: Its colour.
`;

/** The repository's definitions (scope @scim-discovery, both Python adapters). */
let defaults: Model;
/** The tiny definitions above, scope @acme-corp, FastAPI only; Person has a required and an optional extension. */
let tiny: Model;

beforeAll(async () => {
  const sources = await repositorySources();
  defaults = modelOf(sources);
  tiny = modelOf(
    sources,
    {
      "definitions/scim-codegen.yaml": `packageScope: "@acme-corp"\nadapters: [fastapi]\n`,
      "definitions/schemas/group.yaml": teamSchema,
      "definitions/schemas/user.yaml": personSchema,
      "definitions/schemas/enterprise-user.yaml": employmentSchema,
      "definitions/resource-types/group.yaml": "name: Team\nendpoint: /Teams\ndescription: Teams\nschema: urn:example:scim:Team\n",
      "definitions/resource-types/user.yaml": `name: Person
endpoint: /People
description: People
schema: urn:example:scim:Person
schemaExtensions:
  - schema: urn:example:scim:extension:Employment
    required: true
  - schema: urn:example:scim:extension:Badge
    required: false
`,
    },
    { "definitions/schemas/badge.yaml": badgeSchema },
  );
});

// ---------------------------------------------------------------------------------------------------
// resources.py

/** What every resources.py starts with: its docstring, ResourceMeta and ScimResource (RFC 7643 §3.1). */
const resourcesPrologue = (exports: readonly string[]): string => `"""TypedDicts of the SCIM resources of this service (RFC 7643 §3): each resource type with its schema's
attributes and its extensions under their schema URNs, the twin of the core package's TypeScript types.
"""

from __future__ import annotations

import typing

__all__ = [
${exports.map((n) => `    "${n}",\n`).join("")}]


class ResourceMeta(typing.TypedDict, total=False):
    """\`\`meta\`\` of a SCIM resource (RFC 7643 §3.1)."""

    resourceType: str
    created: str
    lastModified: str
    location: str
    version: str


class _ScimResourceRequired(typing.TypedDict):
    schemas: list[str]


class ScimResource(_ScimResourceRequired, total=False):
    """The common attributes of every SCIM resource (RFC 7643 §3.1): \`\`schemas\`\` lists its base schema and the extensions present."""

    id: str
    externalId: str
    meta: ResourceMeta


`;

/**
 * The names resources.py declares for the tiny model, in declaration order: the schemas by id in code-unit
 * order (urn:example:scim:Person < …:Team < …:extension:Badge < …:extension:Employment), each schema's
 * complex values before its attributes, then the resource types by name.
 */
const tinyExports = [
  "ResourceMeta",
  "ScimResource",
  "UserAddress",
  "UserAttributes",
  "GroupMembers",
  "GroupAttributes",
  "BadgeAttributes",
  "EnterpriseUserAttributes",
  "Person",
  "Team",
];

// Written by hand from the definitions above: the required keys in a total functional TypedDict, the others
// in a total=False one (the package supports Python 3.10: no NotRequired), each key's comment its description
// and its RFC 7643 §2.2 characteristics (uniqueness only when not "none", caseExact only when true).
const userTypes = `_UserAddressRequired = typing.TypedDict(
    "_UserAddressRequired",
    {},
)


_UserAddressOptional = typing.TypedDict(
    "_UserAddressOptional",
    {
        "city": str,  # The city. (mutability: readWrite, returned: default)
        "zip": int,  # The code. (mutability: readWrite, returned: default)
    },
    total=False,
)


class UserAddress(_UserAddressRequired, _UserAddressOptional):
    "The value of Person.address: Where."


_UserAttributesRequired = typing.TypedDict(
    "_UserAttributesRequired",
    {
        "userName": str,  # Unique login. (mutability: readWrite, returned: default, uniqueness: global)
    },
)


_UserAttributesOptional = typing.TypedDict(
    "_UserAttributesOptional",
    {
        "active": bool,  # Whether the person may sign in. (mutability: readWrite, returned: always)
        "loginCount": int,  # How often. (mutability: readOnly, returned: default)
        "score": float,  # A rating. (mutability: readWrite, returned: request)
        "lastLogin": str,  # When last. (mutability: readWrite, returned: default)
        "homepage": str,  # A web page. (mutability: readWrite, returned: default, caseExact)
        "photo": str,  # A picture. (mutability: readWrite, returned: default)
        "password": str,  # A secret. (mutability: writeOnly, returned: never)
        "nicknames": list[str],  # Other names. (mutability: readWrite, returned: default)
        "locale": str,  # A language tag. (mutability: readWrite, returned: default)
        "tier": str,  # A level. (mutability: readWrite, returned: default)
        "address": UserAddress,  # Where. (mutability: readWrite, returned: default)
        "class": str,  # A Python keyword as key. (mutability: readWrite, returned: default)
    },
    total=False,
)


class UserAttributes(_UserAttributesRequired, _UserAttributesOptional):
    "The attributes of the Person schema (urn:example:scim:Person)."
`;

const groupTypes = `_GroupMembersRequired = typing.TypedDict(
    "_GroupMembersRequired",
    {
        "value": str,  # The member's id. (mutability: immutable, returned: default)
    },
)


_GroupMembersOptional = typing.TypedDict(
    "_GroupMembersOptional",
    {
        "type": typing.Literal["User", "Group"],  # The kind of member. (mutability: readWrite, returned: default)
    },
    total=False,
)


class GroupMembers(_GroupMembersRequired, _GroupMembersOptional):
    "One value of Team.members: The people in the team."


_GroupAttributesRequired = typing.TypedDict(
    "_GroupAttributesRequired",
    {
        "displayName": str,  # The team's name. (mutability: readWrite, returned: default, uniqueness: server, caseExact)
    },
)


_GroupAttributesOptional = typing.TypedDict(
    "_GroupAttributesOptional",
    {
        "members": list[GroupMembers],  # The people in the team. (mutability: readWrite, returned: default)
    },
    total=False,
)


class GroupAttributes(_GroupAttributesRequired, _GroupAttributesOptional):
    "The attributes of the Team schema (urn:example:scim:Team)."
`;

const badgeTypes = `_BadgeAttributesRequired = typing.TypedDict(
    "_BadgeAttributesRequired",
    {},
)


_BadgeAttributesOptional = typing.TypedDict(
    "_BadgeAttributesOptional",
    {
        "color": str,  # Its colour. (mutability: readWrite, returned: default)
    },
    total=False,
)


class BadgeAttributes(_BadgeAttributesRequired, _BadgeAttributesOptional):
    "The attributes of the Badge schema (urn:example:scim:extension:Badge)."
`;

const employmentTypes = `_EnterpriseUserAttributesRequired = typing.TypedDict(
    "_EnterpriseUserAttributesRequired",
    {
        "employeeNumber": str,  # A number. (mutability: readWrite, returned: default)
    },
)


_EnterpriseUserAttributesOptional = typing.TypedDict(
    "_EnterpriseUserAttributesOptional",
    {},
    total=False,
)


class EnterpriseUserAttributes(_EnterpriseUserAttributesRequired, _EnterpriseUserAttributesOptional):
    "The attributes of the Employment schema (urn:example:scim:extension:Employment)."
`;

// RFC 7643 §3: a resource is the common attributes, its schema's attributes at the top level, and each
// extension's attributes under the extension's schema URN; a required extension's key is required.
const personType = `_PersonRequired = typing.TypedDict(
    "_PersonRequired",
    {
        "urn:example:scim:extension:Employment": EnterpriseUserAttributes,  # The Employment extension.
    },
)


_PersonOptional = typing.TypedDict(
    "_PersonOptional",
    {
        "urn:example:scim:extension:Badge": BadgeAttributes,  # The Badge extension.
    },
    total=False,
)


class Person(ScimResource, UserAttributes, _PersonRequired, _PersonOptional):
    "A Person resource as sent to and returned from /People (RFC 7643 §3): the common attributes, the Person schema, and its extensions under their schema URNs."
`;

const teamType = `_TeamRequired = typing.TypedDict(
    "_TeamRequired",
    {},
)


_TeamOptional = typing.TypedDict(
    "_TeamOptional",
    {},
    total=False,
)


class Team(ScimResource, GroupAttributes, _TeamRequired, _TeamOptional):
    "A Team resource as sent to and returned from /Teams (RFC 7643 §3): the common attributes, the Team schema."
`;

describe("resources.py", () => {
  it("is, for the tiny definitions, exactly the hand-written module", () => {
    const want = resourcesPrologue(tinyExports) + [userTypes, groupTypes, badgeTypes, employmentTypes, personType, teamType].join("\n\n");
    expect(resourcesModule(tiny)).toBe(want);
  });

  it("declares the default User with the enterprise extension as an optional URN key (definitions/resource-types/user.yaml)", () => {
    const module = resourcesModule(defaults);
    const start = module.indexOf("_UserRequired = ");
    expect(module.slice(start)).toBe(`_UserRequired = typing.TypedDict(
    "_UserRequired",
    {},
)


_UserOptional = typing.TypedDict(
    "_UserOptional",
    {
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": EnterpriseUserAttributes,  # The EnterpriseUser extension.
    },
    total=False,
)


class User(ScimResource, UserAttributes, _UserRequired, _UserOptional):
    "A User resource as sent to and returned from /Users (RFC 7643 §3): the common attributes, the User schema, and its extensions under their schema URNs."
`);
  });

  it("is the module of resources.py under its generated header", () => {
    const file = fileAt(emitPythonPackage(tiny), "python/acme_corp/acme_corp/resources.py");
    expect(file.contents.startsWith('# Code generated by scim-codegen from definitions/. DO NOT EDIT.\n"""TypedDicts of the SCIM resources')).toBe(true);
    expect(file.contents.endsWith(teamType)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// __init__.py

describe("__init__.py", () => {
  it("re-exports the resource types and holds SchemaUrn and ResourceTypeName as the literal URNs and names", () => {
    expect(initModule(tiny)).toBe(`"""The SCIM 2.0 discovery documents of this service, the types of its resources, and the discovery runtime
that the Django and FastAPI adapters use (\`\`.django\`\`, \`\`.fastapi\`\`). Generated by scim-codegen.
"""

from __future__ import annotations

import typing

from .discovery_documents import DISCOVERY_DOCUMENTS
from .resources import (
${tinyExports.map((n) => `    ${n},\n`).join("")})

__all__ = [
    "DISCOVERY_DOCUMENTS",
    "ResourceTypeName",
    "SchemaUrn",
${tinyExports.map((n) => `    "${n}",\n`).join("")}]


class SchemaUrn:
    """The URNs of the resource schemas, by schema name."""

    Person: typing.Final = "urn:example:scim:Person"
    Team: typing.Final = "urn:example:scim:Team"
    Badge: typing.Final = "urn:example:scim:extension:Badge"
    Employment: typing.Final = "urn:example:scim:extension:Employment"


class ResourceTypeName:
    """The resource type names, as clients look them up at /ResourceTypes/{id}."""

    Person: typing.Final = "Person"
    Team: typing.Final = "Team"
`);
  });
});

// ---------------------------------------------------------------------------------------------------
// README.md: the mount examples are whole files a user copies (test/python/mypy.test.ts runs them).

/** The lines both examples share, for the import package `name`, after the framework's imports. */
const sharedSetupLines = (name: string, frameworkImports: string): string => `import json
import os

${frameworkImports}

from ${name}.runtime import DiscoveryRequest, get_header

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

// Django spells a path parameter <str:org> (django.urls.path converters), with no leading slash;
// Starlette spells it {org}, with one.
const djangoUrlsPy = (name: string): string => `${sharedSetupLines(name, `import ${name}.django`)}

urlpatterns = [
    # Your SCIM resource routes first, e.g. path("api/0/organizations/<str:org>/scim/v2/Users", users_view),
    # then mount() answers the rest of the base, SCIM 404 included, and the base itself with or without a
    # trailing slash (never APPEND_SLASH's 301), matching it on the raw path as the Node adapters do.
    ${name}.django.mount("api/0/organizations/<str:org>/scim/v2", origin=ORIGIN, authenticate=authenticate),
]`;

const fastapiAppPy = (name: string): string => `${sharedSetupLines(name, `from fastapi import FastAPI\n\nimport ${name}.fastapi`)}

app = FastAPI()
# Your SCIM resource routes first, e.g. @app.get("/api/0/organizations/{org}/scim/v2/Users"),
# then the discovery router answers the rest of the base, SCIM 404 included.
# include() adds one route for the prefix and everything below it, matched on the raw path as the Node
# adapters do (the prefix itself too: no 307 to a trailing slash).
${name}.fastapi.include(app, "/api/0/organizations/{org}/scim/v2", origin=ORIGIN, authenticate=authenticate)`;

// Two organizations, each checked with its own token against its own base (RFC 7644 §4 discovery only).
const checkLines = `npx scim-codegen check http://localhost:8000/api/0/organizations/acme/scim/v2 --token acme-token --discovery-only
npx scim-codegen check http://localhost:8000/api/0/organizations/globex/scim/v2 --token globex-token --discovery-only`;
const djangoCommands = `SCIM_TOKENS='{"acme":"acme-token","globex":"globex-token"}' DJANGO_SETTINGS_MODULE=mysite.settings gunicorn mysite.wsgi --bind localhost:8000\n${checkLines}`;
const fastapiCommands = `SCIM_TOKENS='{"acme":"acme-token","globex":"globex-token"}' uvicorn app:app --port 8000\n${checkLines}`;

const djangoSection = (name: string): string => `## Django

\`mysite/urls.py\` (Django 5.2, served here by gunicorn; any WSGI or ASGI server does):

\`\`\`python
${djangoUrlsPy(name)}
\`\`\`

\`\`\`sh
${djangoCommands}
\`\`\`
`;

const fastapiSection = (name: string): string => `## FastAPI

\`app.py\` (FastAPI 0.142 on Starlette 1.7, served by uvicorn):

\`\`\`python
${fastapiAppPy(name)}
\`\`\`

\`\`\`sh
${fastapiCommands}
\`\`\`
`;

const djangoRow = (name: string): string =>
  `| \`${name}.django\` | \`mount(route, **options)\`: the URL pattern of the whole base (\`urls(**options)\`: patterns to \`include()\` under a route of your own, which Django matches on the decoded path) |\n`;
const fastapiRow = (name: string): string =>
  `| \`${name}.fastapi\` | \`include(app, prefix, **options)\`: the endpoints under a prefix of an app or router (\`router(**options)\` is the bare \`APIRouter\`) |\n`;

/** The whole README of a distribution, its import name, the frameworks named, the pip lines, sections and rows. */
const readmeText = (distribution: string, name: string, frameworks: string, pip: string, sections: string, rows: string): string => `<!-- Code generated by scim-codegen from definitions/. DO NOT EDIT. -->

# ${distribution}

The SCIM 2.0 discovery endpoints of this service (RFC 7644 §4) for ${frameworks}, from the same
definitions and with the same behaviour, byte for byte, as the generated Node packages: the discovery
documents as data, TypedDicts of the resources, and the framework-neutral runtime the adapters share.
Python ≥ 3.10; no dependency but the framework of the adapter you use (the extras below).

Install it from its folder (it is private: not for a package index):

\`\`\`sh
${pip}
\`\`\`

${sections}
- Every \`meta.location\` is \`origin\` plus the path the request matched, so each organization gets its own;
  \`base_url\` (a URL, or a function of the request) or \`trust_host=True\` (behind a proxy you trust) instead.
- \`request.params\` holds the mount's parameters by name, percent-decoded once, as on every Node adapter.

| import | what |
| --- | --- |
| \`${name}.DISCOVERY_DOCUMENTS\` | every discovery document, \`meta.location\` relative to the SCIM base |
| \`${name}.SchemaUrn\`, \`${name}.ResourceTypeName\` | the schema URNs and resource type names as constants |
| \`${name}.resources\` | a TypedDict per resource type, with extensions under their URN keys |
| \`${name}.runtime\` | \`create_discovery_handler\` and \`create_target_handler\`: the endpoints for any other framework |
${rows}
Generated from \`definitions/\` by scim-codegen; edit the definitions, not these files.
`;

describe("README.md", () => {
  it("the Django example mounts the tenant base api/0/organizations/<str:org>/scim/v2 with the import name", () => {
    const text = djangoExample("acme_corp");
    expect(text).toBe(djangoUrlsPy("acme_corp"));
    expect(text.split("\n")).toContain('    acme_corp.django.mount("api/0/organizations/<str:org>/scim/v2", origin=ORIGIN, authenticate=authenticate),');
    expect(text.split("\n")).toContain("import acme_corp.django");
  });

  it("the FastAPI example includes the router under /api/0/organizations/{org}/scim/v2 with the import name", () => {
    const text = fastapiExample("acme_corp");
    expect(text).toBe(fastapiAppPy("acme_corp"));
    expect(text.split("\n")).toContain('acme_corp.fastapi.include(app, "/api/0/organizations/{org}/scim/v2", origin=ORIGIN, authenticate=authenticate)');
    expect(text.split("\n").slice(3, 6)).toEqual(["from fastapi import FastAPI", "", "import acme_corp.fastapi"]);
  });

  it("the shell lines start gunicorn for Django and uvicorn for FastAPI, then check two organizations", () => {
    expect(exampleCommands("django")).toBe(djangoCommands);
    expect(exampleCommands("fastapi")).toBe(fastapiCommands);
  });

  it("for [django, fastapi] is install, both sections and both rows, under the distribution name", () => {
    const want = readmeText(
      "scim-discovery",
      "scim_discovery",
      "Django and FastAPI",
      "pip install './python/scim_discovery[django]'\npip install './python/scim_discovery[fastapi]'",
      `${djangoSection("scim_discovery")}\n${fastapiSection("scim_discovery")}`,
      djangoRow("scim_discovery") + fastapiRow("scim_discovery"),
    );
    expect(pythonReadme(defaults, ["django", "fastapi"])).toBe(want);
  });

  it("for [fastapi] alone has only FastAPI; the import name (acme_corp) differs from the distribution (acme-corp)", () => {
    const want = readmeText("acme-corp", "acme_corp", "FastAPI", "pip install './python/acme_corp[fastapi]'", fastapiSection("acme_corp"), fastapiRow("acme_corp"));
    expect(pythonReadme(tiny, ["fastapi"])).toBe(want);
  });

  it("for [django] alone has only Django", () => {
    const want = readmeText("acme-corp", "acme_corp", "Django", "pip install './python/acme_corp[django]'", djangoSection("acme_corp"), djangoRow("acme_corp"));
    expect(pythonReadme(tiny, ["django"])).toBe(want);
  });
});

// ---------------------------------------------------------------------------------------------------
// pyproject.toml

describe("pyproject.toml", () => {
  it("is, for FastAPI alone, exactly the hand-written PEP 621 project", () => {
    expect(pyprojectToml(tiny, ["fastapi"])).toBe(`# Code generated by scim-codegen from definitions/. DO NOT EDIT.

[build-system]
requires = ["hatchling>=1.26"]
build-backend = "hatchling.build"

[project]
name = "acme-corp"
version = "0.0.0"
description = "SCIM 2.0 discovery documents (RFC 7643 §5-§7), resource TypedDicts, and Django and FastAPI adapters of the RFC 7644 §4 endpoints. Generated by scim-codegen."
readme = "README.md"
requires-python = ">=3.10"
dependencies = []
classifiers = ["Private :: Do Not Upload", "Typing :: Typed"]

[project.optional-dependencies]
fastapi = ["fastapi>=0.142.2,<0.143"]

[tool.hatch.build.targets.wheel]
packages = ["acme_corp"]
`);
  });
});

// ---------------------------------------------------------------------------------------------------
// The adapter templates (templates/python/*.py.hbs): Handlebars, strict, no HTML escaping.

/** A template's text with `{{packageName}}` replaced, which is all a logic-free template may do. */
const filled = (adapter: "django" | "fastapi", name: string): string =>
  readFileSync(join(repoRoot, `templates/python/${adapter}.py.hbs`), "utf8").replaceAll("{{packageName}}", name);

/** A memo backed by a Map, as a transform cache is: `kind` and `input` form the key. */
function mapMemo(): { readonly memo: Memo; readonly keys: string[] } {
  const cache = new Map<string, string>();
  const keys: string[] = [];
  const memo: Memo = (kind, input, compute) => {
    const key = JSON.stringify([kind, input]);
    keys.push(key);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    cache.set(key, value);
    return value;
  };
  return { memo, keys };
}

describe("renderPythonAdapter", () => {
  it("prints the import name where the template says {{packageName}}, and names the template", () => {
    expect(renderPythonAdapter("django", { packageName: "acme_corp" }, noMemo)).toEqual({ sourceName: "templates/python/django.py.hbs", text: filled("django", "acme_corp") });
    expect(renderPythonAdapter("fastapi", { packageName: "_x9" }, noMemo)).toEqual({ sourceName: "templates/python/fastapi.py.hbs", text: filled("fastapi", "_x9") });
  });

  it("memoises each template under its own key: the same view gives Django's module, then FastAPI's", () => {
    const { memo, keys } = mapMemo();
    const view = { packageName: "acme_corp" };
    expect(renderPythonAdapter("django", view, memo).text).toBe(filled("django", "acme_corp"));
    expect(renderPythonAdapter("fastapi", view, memo).text).toBe(filled("fastapi", "acme_corp"));
    expect(new Set(keys).size).toBe(2);
  });

  it("refuses a package name that is not a Python identifier, anywhere in it (a bug check: validation comes first)", () => {
    for (const bad of ["9lives", "acme-corp", "acme corp", "", "acme.corp", "acme\n"]) {
      expect(() => renderPythonAdapter("django", { packageName: bad }, noMemo), JSON.stringify(bad)).toThrow(
        `scim-codegen: ${JSON.stringify(bad)} is not a Python identifier`,
      );
    }
  });

  it("is strict: a view without the name fails instead of printing an empty import", () => {
    // `undefined` passes the identifier check as the string "undefined"; strict mode is what stops it.
    const missing = {} as PythonAdapterView;
    expect(() => renderPythonAdapter("fastapi", missing, noMemo)).toThrow(/packageName/);
    expect(() => renderPythonAdapter("django", missing, noMemo)).toThrow(/packageName/);
  });
});
