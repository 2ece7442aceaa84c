import type { Attribute, Model, ResourceType, Schema } from "../../model/model.js";
import { attributesInterfaceName, complexInterfaceName, coreIndexNames, fileStem, resourceTypeInterfaceName, schemaKey } from "../../names.js";
import { hashComment, pyString } from "../escape.js";

// The Python face of the core package: the same type and constant names (generator/names.ts), so a name
// validation claims for the core package is claimed for Python too. TypedDicts use the functional syntax,
// whose keys are string literals (`pyString`): an attribute named like a Python keyword, or a URN key, needs no
// identifier. Each type is a class over two functional TypedDicts, its required keys and the others
// (`NotRequired` needs Python 3.11; the package supports 3.10).

/** The Python type of one attribute's value (RFC 7643 §2.3), without the list for multiValued. */
function valueType(attr: Attribute, complexName: string): string {
  switch (attr.type) {
    case "complex":
      return complexName;
    case "boolean":
      return "bool";
    case "integer":
      return "int";
    case "decimal":
      return "float";
    default: {
      // Canonical values are suggestions (RFC 7643 §2.2) unless the definition closes the list; Python has
      // no open union of literals, so an open list is `str`.
      const values = (attr.canonicalValues ?? []).filter((v): v is string => typeof v === "string");
      return attr.closedCanonicalValues && values.length > 0 ? `typing.Literal[${values.map(pyString).join(", ")}]` : "str";
    }
  }
}

function keyLine(attr: Attribute, complexName: string): string {
  const value = valueType(attr, complexName);
  const notes = [`mutability: ${attr.mutability}`, `returned: ${attr.returned}`];
  if (attr.uniqueness && attr.uniqueness !== "none") notes.push(`uniqueness: ${attr.uniqueness}`);
  if (attr.caseExact) notes.push("caseExact");
  return `        ${pyString(attr.name)}: ${attr.multiValued ? `list[${value}]` : value},  # ${hashComment(`${attr.description} (${notes.join(", ")})`)}`;
}

/** `class Name(_NameRequired, _NameOptional)` over the keys `required` and `optional`, with a docstring. */
function typedDict(name: string, doc: string, required: readonly string[], optional: readonly string[], bases: readonly string[] = []): string {
  const functional = (helper: string, lines: readonly string[], total: boolean): string => {
    const keys = lines.length === 0 ? "{}" : `{\n${lines.map((l) => `${l}\n`).join("")}    }`;
    return `${helper} = typing.TypedDict(\n    ${pyString(helper)},\n    ${keys},${total ? "" : "\n    total=False,"}\n)\n`;
  };
  return [
    functional(`_${name}Required`, required, true),
    functional(`_${name}Optional`, optional, false),
    `class ${name}(${[...bases, `_${name}Required`, `_${name}Optional`].join(", ")}):\n    ${pyString(doc)}\n`,
  ].join("\n\n");
}

function schemaTypes(schema: Schema): string[] {
  const stem = fileStem(schema.sourceName);
  const lines = (attributes: readonly Attribute[], required: boolean, complexOf: (a: Attribute) => string): string[] =>
    attributes.filter((a) => a.required === required).map((a) => keyLine(a, complexOf(a)));
  // Complex values first: the schema's type names them, and functional TypedDicts evaluate their types.
  const complex = schema.attributes.filter((a) => a.type === "complex").map((a) =>
    typedDict(
      complexInterfaceName(stem, a.name),
      `${a.multiValued ? "One value" : "The value"} of ${schema.name}.${a.name}: ${a.description}`,
      lines(a.subAttributes ?? [], true, () => "None"),
      lines(a.subAttributes ?? [], false, () => "None"),
    ),
  );
  const complexOf = (a: Attribute): string => complexInterfaceName(stem, a.name);
  return [
    ...complex,
    typedDict(attributesInterfaceName(stem), `The attributes of the ${schema.name} schema (${schema.id}).`,
      lines(schema.attributes, true, complexOf), lines(schema.attributes, false, complexOf)),
  ];
}

function resourceTypeType(rt: ResourceType): string {
  const extension = (required: boolean): string[] =>
    rt.schemaExtensions
      .filter((e) => e.required === required)
      .map((e) => `        ${pyString(e.schema.id)}: ${attributesInterfaceName(fileStem(e.schema.sourceName))},  # ${hashComment(`The ${e.schema.name} extension.`)}`);
  return typedDict(
    resourceTypeInterfaceName(rt.name),
    `A ${rt.name} resource as sent to and returned from ${rt.endpoint} (RFC 7643 §3): the common attributes, the ${rt.schema.name} schema${rt.schemaExtensions.length ? ", and its extensions under their schema URNs" : ""}.`,
    extension(true),
    extension(false),
    ["ScimResource", attributesInterfaceName(fileStem(rt.schema.sourceName))],
  );
}

/** `resources.py`: the common attributes, then each resource schema's types, then each resource type's. */
export function resourcesModule(model: Model): string {
  return `"""TypedDicts of the SCIM resources of this service (RFC 7643 §3): each resource type with its schema's
attributes and its extensions under their schema URNs, the twin of the core package's TypeScript types.
"""

from __future__ import annotations

import typing

__all__ = [
${resourceExports(model).map((n) => `    ${pyString(n)},\n`).join("")}]


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


${[...model.schemas.flatMap(schemaTypes), ...model.resourceTypes.map(resourceTypeType)].join("\n\n")}`;
}

/** The names `resources.py` exports (and `__init__.py` re-exports), in declaration order. */
function resourceExports(model: Model): string[] {
  return [
    "ResourceMeta",
    "ScimResource",
    ...model.schemas.flatMap((schema) => {
      const stem = fileStem(schema.sourceName);
      return [...schema.attributes.filter((a) => a.type === "complex").map((a) => complexInterfaceName(stem, a.name)), attributesInterfaceName(stem)];
    }),
    ...model.resourceTypes.map((rt) => resourceTypeInterfaceName(rt.name)),
  ];
}

/** `__init__.py`: `SchemaUrn` and `ResourceTypeName` as in the core package, and the re-exports. */
export function initModule(model: Model): string {
  const exported = resourceExports(model);
  const constants = (entries: readonly (readonly [string, string])[]): string =>
    entries.map(([key, value]) => `    ${key}: typing.Final = ${pyString(value)}\n`).join("");
  return `"""The SCIM 2.0 discovery documents of this service, the types of its resources, and the discovery runtime
that the Django and FastAPI adapters use (\`\`.django\`\`, \`\`.fastapi\`\`). Generated by scim-codegen.
"""

from __future__ import annotations

import typing

from .discovery_documents import DISCOVERY_DOCUMENTS
from .resources import (
${exported.map((n) => `    ${n},\n`).join("")})

__all__ = [
${["DISCOVERY_DOCUMENTS", coreIndexNames.resourceTypeName, coreIndexNames.schemaUrn, ...exported].map((n) => `    ${pyString(n)},\n`).join("")}]


class ${coreIndexNames.schemaUrn}:
    """The URNs of the resource schemas, by schema name."""

${constants(model.schemas.map((s) => [schemaKey(s.name), s.id] as const))}

class ${coreIndexNames.resourceTypeName}:
    """The resource type names, as clients look them up at /ResourceTypes/{id}."""

${constants(model.resourceTypes.map((r) => [resourceTypeInterfaceName(r.name), r.name] as const))}`;
}
