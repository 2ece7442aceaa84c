import { open, readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { noCache, type TransformCache } from "../cache/transform-cache.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { fileSystemError } from "../file-error.js";
import { definitionFileNamePattern, describeCharacter, firstBadCharacter, isWindowsDeviceName, maxNameLength, suggestName } from "../names.js";
import { packageRoot } from "../package-root.js";
import { fileTooLargeMessage, loaderLimits } from "./limits.js";
import { decodeUtf8 } from "./utf8.js";
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
  /**
   * Set when the loader refused the file (a diagnostic says why: its name, size or encoding); `text`
   * is then empty. It still stands in the list, so later steps know a definition of its kind exists
   * and do not report its absence as a second mistake.
   */
  readonly refused?: true;
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
const fileNameRule = new RegExp(definitionFileNamePattern);

/**
 * Reads every definition file below `definitionsDir`, plus the built-in service-provider schemas.
 * Missing folders, misplaced YAML files, unusable file names, files over the size limit and bytes that
 * are not UTF-8 become diagnostics; other I/O failures throw a {@link FileError} naming the path and the error code.
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
    const displayPath = display(abs);
    const read = await readDefinitionFile(abs);
    if (read.ok) {
      sources.push({ kind, displayPath, sourceName, text: read.text, builtin });
    } else {
      sink.error({ file: displayPath, line: read.line, col: read.col }, read.code, read.message);
      sources.push({ kind, displayPath, sourceName, text: "", builtin, refused: true });
    }
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
      const problem = fileNameProblem(name);
      if (problem) {
        sink.error({ file: display(abs), line: 1, col: 1 }, "invalid-file-name", problem);
        sources.push({ kind, displayPath: display(abs), sourceName: defsName(abs), text: "", builtin: false, refused: true });
      } else {
        await add(abs, kind, false, defsName(abs));
      }
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
      ...(s.refused ? refusedFile(s.displayPath) : parseYamlFile(s.displayPath, s.text, sink, cache)),
      kind: s.kind,
      sourceName: s.sourceName,
      builtin: s.builtin,
    }));
}

// A refused file has no value, like an unparsable one: the format check skips it, and the rules
// count it as a definition they cannot see.
function refusedFile(displayPath: string): YamlFile {
  return { displayPath, value: undefined, locate: () => ({ file: displayPath, line: 1, col: 1 }) };
}

/**
 * Why a file under `schemas/` or `resource-types/` cannot be used, or undefined. Its stem becomes
 * module paths and import specifiers (where `#` and `?` are URL syntax), identifiers and output file
 * names, so it gets the characters that are safe in all of them, on every file system.
 */
export function fileNameProblem(name: string): string | undefined {
  const stem = name.replace(/\.ya?ml$/, "");
  const allowed = /^[A-Za-z0-9_-]$/;
  const suggestion = (): string => {
    const s = suggestName(stem, allowed);
    return s && /^[A-Za-z0-9]/.test(s) ? ` e.g. "${s}${name.slice(stem.length)}"` : "";
  };
  const shown = JSON.stringify(name);
  if (!fileNameRule.test(name)) {
    const bad = firstBadCharacter(stem, allowed);
    const why = bad
      ? `${describeCharacter(bad.char)} is not allowed${bad.char === "#" ? " (it starts the fragment of an import specifier)" : bad.char === "?" ? " (it starts the query of an import specifier)" : ""}`
      : `it must start with a letter or digit`;
    return `The file name ${shown} cannot be used: ${why}. Its stem names modules, imports and output files, so use letters, digits, "-" and "_", starting with a letter or digit,${suggestion() || " e.g. \"device.yaml\""}. The file is not used.`;
  }
  if (stem.length > maxNameLength) {
    return `The file name ${shown} cannot be used: its stem has ${stem.length} characters, and output file names built from it must stay within 255 bytes; use at most ${maxNameLength}. The file is not used.`;
  }
  if (isWindowsDeviceName(stem)) {
    return `The file name ${shown} cannot be used: Windows reserves "${stem}" for a device, so no output file may be named after it; rename the file. The file is not used.`;
  }
  return undefined;
}

/** The text of a definition file, or a diagnostic (size or encoding) that refuses it. */
export type DefinitionFileRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: "yaml-limit" | "invalid-encoding"; readonly line: number; readonly col: number; readonly message: string };

/**
 * Reads one definition file as bytes: refused unread when over the size limit, decoded as strict
 * UTF-8. A file-system failure throws a {@link FileError} naming `abs` and the error code.
 */
export async function readDefinitionFile(abs: string): Promise<DefinitionFileRead> {
  let bytes: Buffer;
  try {
    const handle = await open(abs, "r");
    try {
      const { size } = await handle.stat();
      if (size > loaderLimits.maxFileBytes) return tooLarge(size);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw fileSystemError(err, abs, "read the definition file");
  }
  if (bytes.length > loaderLimits.maxFileBytes) return tooLarge(bytes.length); // it grew after stat
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? decoded : { ...decoded, code: "invalid-encoding" };
}

function tooLarge(size: number): DefinitionFileRead {
  return { ok: false, code: "yaml-limit", line: 1, col: 1, message: fileTooLargeMessage(size) };
}

// The files of a folder; a symbolic link counts when it leads to a file (definitions are only read, so a
// link to shared schemas is as good as a copy). FIFOs, sockets and devices are never opened.
async function listDir(dir: string): Promise<{ files: string[] } | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      if (e.isFile() || (e.isSymbolicLink() && (await stat(join(dir, e.name)).then((s) => s.isFile(), () => false)))) files.push(e.name);
    }
    return { files: files.sort() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw fileSystemError(err, dir, "read the definitions folder");
  }
}
