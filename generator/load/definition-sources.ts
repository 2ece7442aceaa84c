// Reading the definition files: the folder's layout, names, sizes and strict UTF-8, before any YAML
// parsing. Kept apart from parsing (definition-files.ts) so that a run whose inputs are unchanged can
// fingerprint them without loading the YAML parser (see cache/compiled-result.ts).
import { lstat, open, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import type { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { fileSystemError } from "../file-error.js";
import { definitionFileNamePattern, describeCharacter, firstBadCharacter, isWindowsDeviceName, maxNameLength, suggestName } from "../names.js";
import { packageRoot } from "../package-root.js";
import { fileTooLargeMessage, loaderLimits } from "./limits.js";
import { decodeUtf8 } from "./utf8.js";

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

/** File names at the top of the definitions folder. */
export const projectFileName = "scim-codegen.yaml";
export const serviceProviderConfigFileName = "service-provider-config.yaml";
/** Breaking changes accepted on purpose: read by `scim-codegen diff` (generator/diff/accepted-changes.ts), not a definition. */
export const acceptedChangesFileName = "accepted-breaking-changes.yaml";

const builtinDir = join(packageRoot, "generator", "builtin-definitions");
// Case-insensitive, so that `Team.YAML` is reported (its name is refused) rather than silently skipped.
const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);
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
  projectRoot?: string,
): Promise<DefinitionSource[]> {
  const sources: DefinitionSource[] = [];
  const display = (abs: string): string => toPosix(relative(cwd, abs) || ".");
  const root = await realpath(definitionsDir).catch(() => definitionsDir);
  const rootEntries = await listDir(definitionsDir, root);
  if (rootEntries === undefined) {
    const exists = (await lstat(definitionsDir).catch(() => null)) !== null;
    sink.error({ file: display(definitionsDir), line: 1, col: 1 }, "no-definitions",
      `The definitions folder ${exists ? "is not a folder" : "does not exist"}; create it with ${serviceProviderConfigFileName}, schemas/ and resource-types/, or pass --definitions DIR.`);
    return sources;
  }
  const unusable = (folder: string, entries: FolderEntries): void => {
    for (const { name, why } of entries.unusable) {
      if (!isYaml(name)) continue;
      sink.error({ file: display(join(folder, name)), line: 1, col: 1 }, "unreadable-definition", `Not read: ${why}.`);
    }
  };
  unusable(definitionsDir, rootEntries);

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
  // Names in generated headers: relative to the project root (never to the working directory, so the
  // bytes are the same wherever the command runs; never absolute), else `definitions/…` as before.
  const folderName = projectRoot === undefined ? "definitions" : toPosix(relative(projectRoot, definitionsDir)) || ".";
  const label = isAbsolute(folderName) ? "definitions" : folderName;
  const defsName = (abs: string): string => `${label}/${toPosix(relative(definitionsDir, abs))}`;

  for (const name of rootEntries.files) {
    const abs = join(definitionsDir, name);
    if (name === projectFileName) await add(abs, "project", false, defsName(abs));
    else if (name === serviceProviderConfigFileName) await add(abs, "service-provider-config", false, defsName(abs));
    else if (name === acceptedChangesFileName) continue; // the diff's allow-list, not a definition
    else if (isYaml(name)) {
      sink.warning({ file: display(abs), line: 1, col: 1 }, "unknown-file",
        `Not a definition file: the top level holds only ${projectFileName} and ${serviceProviderConfigFileName}; schemas go in schemas/, resource types in resource-types/.`);
    }
  }
  if (!rootEntries.files.includes(serviceProviderConfigFileName) && !rootEntries.unusable.some((e) => e.name === serviceProviderConfigFileName)) {
    sink.error({ file: display(join(definitionsDir, serviceProviderConfigFileName)), line: 1, col: 1 }, "no-definitions",
      `Missing ${serviceProviderConfigFileName}: RFC 7643 §5 requires a ServiceProviderConfig; create it with patch, bulk, filter, changePassword, sort, etag and authenticationSchemes.`);
  }
  for (const [folder, kind] of [["schemas", "schema"], ["resource-types", "resource-type"]] as const) {
    const entries = await listDir(join(definitionsDir, folder), root);
    const yamlFiles = entries?.files.filter(isYaml) ?? [];
    if (entries !== undefined) {
      unusable(join(definitionsDir, folder), entries);
      for (const sub of entries.folders) {
        sink.warning({ file: display(join(definitionsDir, folder, sub)), line: 1, col: 1 }, "unknown-file",
          `A folder inside ${folder}/ is not read: definitions go directly in ${folder}/; move its files up, or remove it.`);
      }
    }
    if (yamlFiles.length === 0 && !entries?.unusable.some((e) => isYaml(e.name))) {
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

  const builtins = (await listDir(builtinDir, builtinDir))?.files.filter(isYaml) ?? [];
  for (const name of builtins) {
    await add(join(builtinDir, name), "schema", true, `scim-codegen/builtin-definitions/${name}`);
  }
  return sources;
}

/**
 * Why a file under `schemas/` or `resource-types/` cannot be used, or undefined. Its stem becomes
 * module paths and import specifiers (where `#` and `?` are URL syntax), identifiers and output file
 * names, so it gets the characters that are safe in all of them, on every file system.
 */
export function fileNameProblem(name: string): string | undefined {
  const extension = /\.ya?ml$/i.exec(name)?.[0] ?? "";
  if (extension !== extension.toLowerCase()) {
    return `The file name ${JSON.stringify(name)} cannot be used: write its extension in lower case, ${JSON.stringify(name.slice(0, -extension.length) + extension.toLowerCase())}. The file is not used.`;
  }
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

/** What a definitions folder holds: definition candidates, entries named like one that cannot be read, and folders. */
interface FolderEntries {
  /** Regular files, and symbolic links to regular files inside the definitions folder. */
  readonly files: string[];
  /** Entries named like definition files that are not read, with why. */
  readonly unusable: { readonly name: string; readonly why: string }[];
  readonly folders: string[];
}

/**
 * The entries of a folder, or `undefined` when it does not exist. A symbolic link counts as the file it leads
 * to when that is a regular file inside `root` (the real definitions folder): definitions are only read, but
 * a link out of the folder would let a pull request make the generator read, and quote in a diagnostic, any
 * file on the machine (a token, `/proc/self/environ`). FIFOs, sockets and devices are never opened.
 */
async function listDir(dir: string, root: string): Promise<FolderEntries | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw fileSystemError(err, dir, "read the definitions folder");
  }
  const found: FolderEntries = { files: [], unusable: [], folders: [] };
  for (const e of entries) {
    if (e.isFile()) found.files.push(e.name);
    else if (e.isDirectory()) {
      if (isYaml(e.name)) found.unusable.push({ name: e.name, why: "it is a folder, not a file" });
      else found.folders.push(e.name);
    }
    else if (e.isSymbolicLink()) {
      const target = await realpath(join(dir, e.name)).catch((err: NodeJS.ErrnoException) => err);
      if (!(typeof target === "string")) {
        found.unusable.push({ name: e.name, why: `it is a symbolic link that leads nowhere (${target.code ?? "unreadable"})` });
      } else if (!(await stat(target)).isFile()) {
        found.unusable.push({ name: e.name, why: "it is a symbolic link to something other than a file" });
      } else if (!isInside(target, root)) {
        found.unusable.push({ name: e.name, why: "it is a symbolic link that leads out of the definitions folder, which the generator never follows (a link could make it read, and quote, any file on the machine); copy the file in instead" });
      } else {
        found.files.push(e.name);
      }
    } else {
      found.unusable.push({ name: e.name, why: "it is a FIFO, socket or device, not a file" });
    }
  }
  found.files.sort();
  found.unusable.sort((a, b) => (a.name < b.name ? -1 : 1));
  found.folders.sort();
  return found;
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
