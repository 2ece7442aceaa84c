import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { noCache, type TransformCache } from "../cache/transform-cache.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { packageRoot } from "../package-root.js";
import { parseYamlFile, type YamlFile } from "./yaml-file.js";

/** The kinds of definition file, each with its own JSON Schema under generator/definition-format/. */
export type DefinitionKind = "project" | "service-provider-config" | "schema" | "resource-type";

/** A definition file's text before parsing. */
export interface DefinitionSource {
  readonly kind: DefinitionKind;
  /** Path shown in diagnostics: relative to the working directory. */
  readonly displayPath: string;
  /** Path named in generated headers: stable across machines (no absolute path), POSIX separators. */
  readonly sourceName: string;
  readonly text: string;
  /** True for the RFC 7643 §8.7.2 service-provider schemas that ship with the generator. */
  readonly builtin: boolean;
}

/** A parsed definition file. */
export interface DefinitionFile extends YamlFile {
  readonly kind: DefinitionKind;
  readonly sourceName: string;
  readonly builtin: boolean;
}

/** File names at the top of the definitions folder. */
export const projectFileName = "scim-codegen.yaml";
export const serviceProviderConfigFileName = "service-provider-config.yaml";

const builtinDir = join(packageRoot, "generator", "builtin-definitions");
const isYaml = (name: string): boolean => name.endsWith(".yaml") || name.endsWith(".yml");
const toPosix = (p: string): string => p.split(sep).join("/");

/**
 * Reads every definition file below `definitionsDir`, plus the built-in service-provider schemas.
 * Missing folders and misplaced YAML files become diagnostics; I/O failures other than "not found" throw.
 */
export async function readDefinitionSources(
  definitionsDir: string,
  cwd: string,
  sink: DiagnosticSink,
): Promise<DefinitionSource[]> {
  const sources: DefinitionSource[] = [];
  const display = (abs: string): string => toPosix(relative(cwd, abs) || ".");
  const rootEntries = await listDir(definitionsDir);
  if (rootEntries === undefined) {
    sink.error({ file: display(definitionsDir), line: 1, col: 1 }, "no-definitions",
      `The definitions folder does not exist; create it with ${serviceProviderConfigFileName}, schemas/ and resource-types/, or pass --definitions DIR.`);
    return sources;
  }

  const add = async (abs: string, kind: DefinitionKind, builtin: boolean, sourceName: string): Promise<void> => {
    sources.push({ kind, displayPath: display(abs), sourceName, text: await readFile(abs, "utf8"), builtin });
  };
  const defsName = (abs: string): string => `definitions/${toPosix(relative(definitionsDir, abs))}`;

  for (const name of rootEntries.files) {
    const abs = join(definitionsDir, name);
    if (name === projectFileName) await add(abs, "project", false, defsName(abs));
    else if (name === serviceProviderConfigFileName) await add(abs, "service-provider-config", false, defsName(abs));
    else if (isYaml(name)) {
      sink.warning({ file: display(abs), line: 1, col: 1 }, "unknown-file",
        `Not a definition file: the top level holds only ${projectFileName} and ${serviceProviderConfigFileName}; schemas go in schemas/, resource types in resource-types/.`);
    }
  }
  if (!rootEntries.files.includes(serviceProviderConfigFileName)) {
    sink.error({ file: display(join(definitionsDir, serviceProviderConfigFileName)), line: 1, col: 1 }, "no-definitions",
      `Missing ${serviceProviderConfigFileName}: RFC 7643 §5 requires a ServiceProviderConfig; create it with patch, bulk, filter, changePassword, sort, etag and authenticationSchemes.`);
  }
  for (const [folder, kind] of [["schemas", "schema"], ["resource-types", "resource-type"]] as const) {
    const entries = await listDir(join(definitionsDir, folder));
    const yamlFiles = entries?.files.filter(isYaml) ?? [];
    if (yamlFiles.length === 0) {
      sink.error({ file: display(join(definitionsDir, folder)), line: 1, col: 1 }, "no-definitions",
        `No ${kind} definitions: add at least one YAML file under ${folder}/.`);
    }
    for (const name of yamlFiles) {
      const abs = join(definitionsDir, folder, name);
      await add(abs, kind, false, defsName(abs));
    }
  }

  const builtins = (await listDir(builtinDir))?.files.filter(isYaml) ?? [];
  for (const name of builtins) {
    await add(join(builtinDir, name), "schema", true, `scim-codegen/builtin-definitions/${name}`);
  }
  return sources;
}

/** Parses definition sources; the result is in code-unit order of `sourceName`, whatever the input order. */
export function parseDefinitionSources(
  sources: readonly DefinitionSource[],
  sink: DiagnosticSink,
  cache: TransformCache = noCache,
): DefinitionFile[] {
  return [...sources]
    .sort((a, b) => (a.sourceName < b.sourceName ? -1 : a.sourceName > b.sourceName ? 1 : 0))
    .map((s) => ({
      ...parseYamlFile(s.displayPath, s.text, sink, cache),
      kind: s.kind,
      sourceName: s.sourceName,
      builtin: s.builtin,
    }));
}

async function listDir(dir: string): Promise<{ files: string[] } | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => e.name);
    return { files: files.sort() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw err;
  }
}
