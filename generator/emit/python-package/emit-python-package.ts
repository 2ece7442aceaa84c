import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { noMemo, type Memo } from "../../cache/transform-cache.js";
import { pythonAdapters, type PythonAdapterName } from "../../model/definition-types.js";
import type { Model } from "../../model/model.js";
import { pythonPackageNames, pythonProjectFolder } from "../../names.js";
import { packageRoot } from "../../package-root.js";
import { buildDiscoveryDocuments } from "../discovery-documents.js";
import { pyData } from "../escape.js";
import { definitionsFolderName, type GeneratedFile } from "../generated-file.js";
import { outputPath } from "../output-path.js";
import { pythonHeader } from "./python-header.js";
import { pythonReadme } from "./readme.js";
import { pyprojectToml } from "./pyproject.js";
import { initModule, resourcesModule } from "./resources-module.js";
import { renderPythonAdapter } from "./templates.js";

/** Where the hand-written Python runtime lives, relative to scim-codegen's package root (named in headers). */
export const pythonRuntimeDir = "generator/runtime-python";

/**
 * Emits the Python package when the project lists `django` or `fastapi` among its adapters:
 * `python/<import name>/` holds `pyproject.toml`, a README and the import package, whose modules are the
 * discovery documents as data (`discovery_documents.py`), TypedDicts of the resources (`resources.py`), the
 * URN and name constants (`__init__.py`), the hand-written runtime (`runtime/`, verbatim) and one adapter
 * module per listed framework, rendered from `templates/python/`.
 */
export function emitPythonPackage(model: Model, memo: Memo = noMemo): GeneratedFile[] {
  const adapters = pythonAdapters.filter((a) => model.project.adapters.includes(a));
  if (adapters.length === 0) return [];
  const names = pythonPackageNames(model.project.packageScope);
  const project = pythonProjectFolder(model.project.packageScope);
  const pkg = outputPath(project, names.importName);
  const definitions = definitionsFolderName(model);
  const python = (path: string, sourceName: string, body: string): GeneratedFile => ({
    path,
    contents: pythonHeader(sourceName) + body,
    language: "python",
  });
  return [
    { path: outputPath(project, "pyproject.toml"), contents: pyprojectToml(model, adapters), language: "toml" },
    { path: outputPath(project, "README.md"), contents: pythonReadme(model, adapters), language: "markdown" },
    python(outputPath(pkg, "__init__.py"), definitions, initModule(model)),
    // PEP 561: the package ships its own types.
    { path: outputPath(pkg, "py.typed"), contents: "", language: "text" },
    python(outputPath(pkg, "discovery_documents.py"), definitions, discoveryDocumentsModule(model)),
    python(outputPath(pkg, "resources.py"), definitions, resourcesModule(model)),
    ...emitPythonRuntime(pkg),
    ...adapters.map((adapter: PythonAdapterName) => {
      const rendered = renderPythonAdapter(adapter, { packageName: names.importName }, memo);
      return python(outputPath(pkg, `${adapter}.py`), rendered.sourceName, rendered.text);
    }),
  ];
}

/**
 * `DISCOVERY_DOCUMENTS`: the same documents, in the same order, as the core package's `discoveryDocuments`
 * (built by the same function), as Python data with `meta.location` relative to the SCIM base.
 */
function discoveryDocumentsModule(model: Model): string {
  const documents = buildDiscoveryDocuments(model);
  const data = {
    service_provider_config: documents.serviceProviderConfig,
    resource_types: documents.resourceTypes,
    schemas: documents.schemas,
    service_provider_schemas: documents.serviceProviderSchemas,
  };
  return `"""The SCIM discovery documents (RFC 7643 §5-§7) that the runtime serves (RFC 7644 §4), as plain JSON data.

\`\`meta.location\`\` is relative to the SCIM base; the runtime makes it absolute per request.
"""

from __future__ import annotations

from .runtime.types import DiscoveryDocuments

__all__ = ["DISCOVERY_DOCUMENTS"]

DISCOVERY_DOCUMENTS: DiscoveryDocuments = ${pyData(data, 4)}
`;
}

/** The hand-written runtime, shipped verbatim as `runtime/*.py`, each file under its header. */
function emitPythonRuntime(pkg: string): GeneratedFile[] {
  const dir = join(packageRoot, pythonRuntimeDir);
  const names = readdirSync(dir).filter((n) => n.endsWith(".py")).sort();
  return names.map((name) => ({
    path: outputPath(pkg, "runtime", name),
    contents: pythonHeader(`${pythonRuntimeDir}/${name}`) + readFileSync(join(dir, name), "utf8"),
    language: "python" as const,
  }));
}
