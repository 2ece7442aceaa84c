import { lstat, readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { DiagnosticSink } from "../diagnostics/diagnostic.js";
import { printable } from "../diagnostics/diagnostic.js";
import { displayPath } from "../file-error.js";
import { jsonProblem } from "./json-text.js";
import { decodeUtf8 } from "./utf8.js";

/**
 * The project config: where a project keeps its definitions and its output, so that
 * `scim-codegen generate` and `scim-codegen generate --check` need no flags.
 *
 * It is a file of its own at the app root, `scim-codegen.config.json`, not a key in package.json:
 * package.json belongs to npm and to every tool that rewrites it (`npm pkg set`, formatters), a file of
 * our own can carry a `$schema` for editor completion, a mistake in it is reported against a file that
 * holds nothing else, and it works the same in a folder that is not a package. It is JSON (not YAML like
 * the definitions) because it sits beside package.json and tsconfig.json and holds two paths.
 */
export const configFileName = "scim-codegen.config.json";

/** What a config file says; paths are absolute, resolved from the config file's folder. */
export interface ProjectConfig {
  /** The config file, absolute. */
  readonly file: string;
  /** Its folder: the project root that generated headers and the cache are relative to. */
  readonly dir: string;
  readonly definitions?: string;
  readonly out?: string;
}

/** A config file that cannot be used: one line, `file:line:col - what is wrong; what would be right`. */
export class ConfigError extends Error {}

/** The keys a config may hold (`generator/definition-format/config.schema.json` lists the same). */
export const configKeys = ["$schema", "definitions", "out"] as const;
const knownKeys = configKeys;

/**
 * Finds the config from `cwd`: the working directory and its parents, up to and including the nearest
 * folder with a package.json (the project root; a config above it belongs to another project).
 * Undefined when there is none. Throws ConfigError when the file found cannot be used.
 */
export async function findConfig(cwd: string): Promise<ProjectConfig | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, configFileName);
    if (await exists(file)) return loadConfig(file, cwd);
    if ((await exists(join(dir, "package.json"))) || dirname(dir) === dir) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}

/** Reads and checks one config file; `cwd` is only for how its name is shown. */
export async function loadConfig(file: string, cwd: string): Promise<ProjectConfig> {
  const shown = displayPath(cwd, file);
  let bytes: Buffer;
  try {
    const info = await lstat(file);
    if (!info.isFile()) throw new ConfigError(`${shown}:1:1 - the config must be a regular file (this is ${info.isSymbolicLink() ? "a symbolic link" : "a folder or device"}); write it as a plain JSON file.`);
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${shown}:1:1 - cannot read the config: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
  // Strict UTF-8, as the definitions are read: a lenient decode would make a bad byte U+FFFD in a folder name.
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new ConfigError(`${shown}:${decoded.line}:${decoded.col} - ${decoded.message}`);
  const bare = decoded.text;
  const problem = jsonProblem(bare);
  if (problem) {
    throw new ConfigError(`${shown}:${problem.line}:${problem.col} - not valid JSON (${problem.reason}); the config is a JSON object such as {"definitions": "scim/definitions", "out": "scim/generated"}.`);
  }
  // Parsed again with positions (JSON is YAML 1.2), so that a wrong value is reported where it stands.
  // Loaded here, not at the top: a run whose inputs are unchanged never needs the YAML parser otherwise.
  const { parseYamlFile } = await import("./yaml-file.js");
  const sink = new DiagnosticSink();
  const parsed = parseYamlFile(shown, bare, sink);
  const value = parsed.value;
  const where = (path: (string | number)[], part: "key" | "value" = "value"): string => {
    const p = parsed.locate(path, part);
    return `${shown}:${p.line}:${p.col}`;
  };
  if (sink.items.length > 0) {
    const d = sink.items[0]!;
    throw new ConfigError(`${shown}:${d.line}:${d.col} - ${printable(d.message)}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigError(`${where([])} - the config must be a JSON object such as {"definitions": "scim/definitions", "out": "scim/generated"}.`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(knownKeys as readonly string[]).includes(key)) {
      throw new ConfigError(`${where([key], "key")} - unknown key "${printable(key)}"; the config knows ${knownKeys.map((k) => `"${k}"`).join(", ")}.`);
    }
  }
  const dir = dirname(file);
  const path = (key: "definitions" | "out"): string | undefined => {
    const v = record[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v === "" || v.includes("\0")) {
      throw new ConfigError(`${where([key])} - "${key}" must be a non-empty folder path relative to ${configFileName}, such as "scim/${key === "out" ? "generated" : "definitions"}".`);
    }
    if (isAbsolute(v)) {
      throw new ConfigError(`${where([key])} - "${key}" must be relative to ${configFileName} (an absolute path would not hold on another machine): "${printable(v)}".`);
    }
    const resolved = resolve(dir, v);
    // Paths of the project: a config that sends the output (or reads definitions) outside its own folder
    // would write where nobody reviewing the project looks, and its headers would name ../ paths.
    if (relative(dir, resolved).split(sep)[0] === "..") {
      throw new ConfigError(`${where([key])} - "${key}" must stay inside the folder of ${configFileName} (no ..): "${printable(v)}"; use a folder such as "scim/${key === "out" ? "generated" : "definitions"}".`);
    }
    return resolved;
  };
  if (record.$schema !== undefined && typeof record.$schema !== "string") {
    throw new ConfigError(`${where(["$schema"])} - "$schema" must be a string (a path or URL of the config's JSON Schema).`);
  }
  const definitions = path("definitions");
  const out = path("out");
  return { file, dir, ...(definitions ? { definitions } : {}), ...(out ? { out } : {}) };
}
