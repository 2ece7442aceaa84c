import { lstat, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, posix, relative, sep } from "node:path";
import { printable } from "../diagnostics/diagnostic.js";
import { configFileName } from "../load/config.js";
import { jsonProblem } from "../load/json-text.js";
import { frameworks } from "../emit/adapters/frameworks.js";
import { adapterNames, allAdapters } from "../model/model.js";
import type { AdapterName } from "../model/definition-types.js";
import { packageRoot } from "../package-root.js";

/**
 * `scim-codegen init`: plans every file first (refusing with one line, and writing nothing, if any
 * exists), then writes them. The default definitions are the tool's own `definitions/` (the realistic
 * set the README describes), read from the installed package, so a user starts from what is tested.
 */

/** The scripts init adds to the app's package.json. */
export const initScripts = {
  "scim:generate": "scim-codegen generate",
  "scim:check": "scim-codegen generate --check",
} as const;

/** Refusals and bad input: one line, nothing written. */
export class InitError extends Error {}

export interface InitOptions {
  /** The app folder (the working directory). */
  readonly appDir: string;
  /** As typed; relative to the app. */
  readonly dir: string;
  /** Undefined: detected from the app's dependencies. */
  readonly adapters?: readonly AdapterName[];
  /** Where the default definitions and the format's JSON Schemas are (default: the installed tool). */
  readonly toolRoot?: string;
}

export interface InitPlan {
  /** POSIX, relative to the app. */
  readonly dir: string;
  readonly adapters: readonly AdapterName[];
  /** How the adapters were chosen. */
  readonly adaptersFrom: "flag" | "dependencies" | "default";
  /** New files, absolute path → text. */
  readonly files: ReadonlyMap<string, string>;
  /** The app's package.json with the two scripts added. */
  readonly packageJson: { readonly path: string; readonly text: string };
  /** The package manager the app uses, from its lock file. */
  readonly packageManager: "npm" | "pnpm" | "yarn";
}


/** Parses `--adapters express,fastify` (the Node adapters, and `django`, `fastapi` of the Python package); a string is the error. */
export function parseAdapters(list: string): AdapterName[] | string {
  const names = list.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) return `--adapters needs at least one of ${adapterNames.join(", ")}`;
  const out: AdapterName[] = [];
  for (const name of names) {
    if (!(adapterNames as readonly string[]).includes(name)) return `--adapters: "${printable(name)}" is not an adapter; use ${adapterNames.join(", ")}, comma-separated`;
    if (!out.includes(name as AdapterName)) out.push(name as AdapterName);
  }
  return out;
}

/** Checks `--dir`: a relative path inside the app of portable folder names, no `..`. Returns it in POSIX form. */
export function checkDir(dir: string): string {
  if (dir === "" || dir.includes("\0")) throw new InitError(`--dir needs a folder path inside your app, such as scim`);
  if (isAbsolute(dir) || /^[A-Za-z]:/.test(dir) || dir.startsWith("\\")) {
    throw new InitError(`--dir ${printable(dir)}: must be a path relative to your app folder (such as scim), not an absolute one: the config and the scripts must hold on every machine`);
  }
  const segments = dir.split(/[\\/]+/).filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw new InitError(`--dir ${printable(dir)}: must stay inside your app folder (no ..); use a folder such as scim`);
  if (segments.length === 0) throw new InitError(`--dir ${printable(dir)}: must name a folder below your app folder (such as scim), not the app folder itself`);
  for (const s of segments) {
    if (s === "node_modules" || s === ".git") throw new InitError(`--dir ${printable(dir)}: may not be in ${s}; use a folder such as scim`);
    // The folder name goes into YAML comments, the config and the commands init prints for you to paste:
    // portable characters only, so none of them needs quoting or escaping (a newline made a YAML line).
    const bad = /[^A-Za-z0-9._-]/.exec(s);
    if (bad) throw new InitError(`--dir ${printable(dir)}: ${printable(JSON.stringify(bad[0]))} is not allowed in a folder name here; use letters, digits, '.', '_' and '-' (such as scim or src/scim)`);
  }
  return segments.join("/");
}

/** Plans init; throws InitError with one line when anything is in the way. Reads only. */
export async function planInit(options: InitOptions): Promise<InitPlan> {
  const { appDir } = options;
  const toolRoot = options.toolRoot ?? packageRoot;
  const dir = checkDir(options.dir);

  const packageJsonPath = join(appDir, "package.json");
  const pkgInfo = await lstat(packageJsonPath).catch(() => null);
  if (!pkgInfo) throw new InitError(`no package.json here; run scim-codegen init in your app's folder (the one with package.json), or create one with \`npm init -y\``);
  if (!pkgInfo.isFile()) throw new InitError(`package.json is not a regular file (${pkgInfo.isSymbolicLink() ? "a symbolic link" : "a folder"}); init edits it in place, so it must be the file itself`);
  const pkgText = await readFile(packageJsonPath, "utf8");
  const problem = jsonProblem(pkgText);
  if (problem) throw new InitError(`package.json:${problem.line}:${problem.col}: not valid JSON (${problem.reason}); fix it, then run init again`);
  const pkg: unknown = JSON.parse(pkgText.replace(/^\uFEFF/, ""));
  if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) throw new InitError(`package.json:1:1: must be a JSON object`);
  const record = pkg as Record<string, unknown>;
  const scripts = record.scripts;
  if (scripts !== undefined && (scripts === null || typeof scripts !== "object" || Array.isArray(scripts))) {
    throw new InitError(`package.json: "scripts" is not an object; fix it, then run init again`);
  }
  for (const name of Object.keys(initScripts)) {
    if (scripts && Object.hasOwn(scripts, name)) {
      throw new InitError(`package.json already has a script "${name}"; init adds "scim:generate" and "scim:check" and changes no script you have: remove or rename it, then run init again`);
    }
  }

  // Every folder on the way to DIR: a file or a symbolic link there is refused (never followed).
  let walked = appDir;
  for (const segment of [...dir.split("/"), "definitions"]) {
    walked = join(walked, segment);
    const info = await lstat(walked).catch(() => null);
    if (!info) break;
    const shown = printable(relative(appDir, walked).split(sep).join("/"));
    if (info.isSymbolicLink()) throw new InitError(`${shown} is a symbolic link; init writes only into real folders: pass --dir with another folder, or remove the link`);
    if (!info.isDirectory()) throw new InitError(`${shown} is a file, not a folder; pass --dir with another folder`);
  }

  let adapters: readonly AdapterName[];
  let adaptersFrom: InitPlan["adaptersFrom"];
  if (options.adapters) {
    adapters = options.adapters;
    adaptersFrom = "flag";
  } else {
    const deps = new Set<string>();
    for (const key of ["dependencies", "devDependencies", "peerDependencies"]) {
      const d = record[key];
      if (d && typeof d === "object" && !Array.isArray(d)) for (const name of Object.keys(d)) deps.add(name);
    }
    // An adapter whose framework (its peer dependency) the app depends on; node has none.
    const found = allAdapters.filter((a) => Object.keys(frameworks[a].peerDependencies).some((name) => deps.has(name)));
    adapters = found.length > 0 ? found : ["node"];
    adaptersFrom = found.length > 0 ? "dependencies" : "default";
  }

  const files = new Map<string, string>();
  const sourceDir = join(toolRoot, "definitions");
  const formatDir = join(toolRoot, "generator", "definition-format");
  const targetDir = join(appDir, ...dir.split("/"), "definitions");
  for (const rel of await listYaml(sourceDir)) {
    const target = join(targetDir, ...rel.split("/"));
    let text = await readFile(join(sourceDir, ...rel.split("/")), "utf8");
    text = pointSchemaComment(text, dirname(target), formatDir);
    if (rel === "scim-codegen.yaml") text = setAdapters(text, adapters, dir);
    files.set(target, text);
  }
  if (files.size === 0) throw new InitError(`the installed scim-codegen has no default definitions in ${printable(sourceDir)}; reinstall it`);
  const configPath = join(appDir, configFileName);
  files.set(configPath, configText(appDir, formatDir, dir));

  const existing: string[] = [];
  for (const path of files.keys()) {
    if ((await lstat(path).catch(() => null)) !== null) existing.push(printable(relative(appDir, path).split(sep).join("/")));
  }
  if (existing.length > 0) {
    throw new InitError(`${existing[0]} already exists${existing.length > 1 ? ` (and ${existing.length - 1} more file${existing.length > 2 ? "s" : ""} init would write)` : ""}; init never overwrites a file: move ${existing.length > 1 ? "them" : "it"} away, or pass --dir with another folder`);
  }

  const lockFile = async (name: string): Promise<boolean> => (await lstat(join(appDir, name)).catch(() => null)) !== null;
  const packageManager = (await lockFile("pnpm-lock.yaml")) ? "pnpm" : (await lockFile("yarn.lock")) ? "yarn" : "npm";
  return { dir, adapters, adaptersFrom, files, packageJson: { path: packageJsonPath, text: withScripts(pkgText, record) }, packageManager };
}

/** Writes a plan: the new files (never over an existing one), then package.json. On a failure, removes what it wrote. */
export async function applyInit(plan: InitPlan): Promise<void> {
  const written: string[] = [];
  try {
    for (const [path, text] of plan.files) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text, { flag: "wx" });
      written.push(path);
    }
    await writeFile(plan.packageJson.path, plan.packageJson.text);
  } catch (err) {
    for (const path of written.reverse()) await rm(path, { force: true }).catch(() => undefined);
    throw err;
  }
}

async function listYaml(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listYaml(dir, rel)));
    else if (e.isFile() && e.name.endsWith(".yaml")) out.push(rel);
  }
  return out;
}

const toPosix = (p: string): string => p.split(sep).join("/");

/**
 * Rewrites the `# yaml-language-server: $schema=…` first line to the path, relative to the written
 * file, of the same JSON Schema in the installed tool (wherever npm put it: hoisted, nested or linked).
 */
export function pointSchemaComment(text: string, fromDir: string, formatDir: string): string {
  return text.replace(/^(# yaml-language-server: \$schema=)(\S*\/)?([A-Za-z0-9.-]+\.schema\.json)$/m, (_m, lead: string, _old: string, file: string) => {
    const rel = toPosix(relative(fromDir, join(formatDir, file)));
    return `${lead}${isAbsolute(rel) || rel.startsWith(".") ? rel : `./${rel}`}`;
  });
}

/** The `adapters:` line of scim-codegen.yaml set to the chosen list (the comment above it kept). */
function setAdapters(text: string, adapters: readonly AdapterName[], dir: string): string {
  const line = `adapters: [${adapters.join(", ")}]`;
  // The comments name the output folder; in the app it is DIR/generated/.
  const replaced = text
    .replace(/^adapters:.*$/m, line)
    .replace(/^#.*$/gm, (comment) => comment.replace(/(^|[\s(])generated\//g, `$1${dir}/generated/`));
  return replaced.includes(line) ? replaced : `${replaced.replace(/\n?$/, "\n")}${line}\n`;
}

function configText(appDir: string, formatDir: string, dir: string): string {
  const schema = toPosix(relative(appDir, join(formatDir, "config.schema.json")));
  const config = {
    $schema: isAbsolute(schema) || schema.startsWith(".") ? schema : `./${schema}`,
    definitions: posix.join(dir, "definitions"),
    out: posix.join(dir, "generated"),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** package.json with the scripts added: its indentation, key order, line endings and final newline kept. */
export function withScripts(text: string, pkg: Record<string, unknown>): string {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const indent = /^[{\[][^\n]*\n([ \t]+)\S/.exec(text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"))?.[1] ?? "  ";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const finalNewline = /\r?\n$/.test(text);
  const next = { ...pkg, scripts: { ...((pkg.scripts as Record<string, unknown> | undefined) ?? {}), ...initScripts } };
  const body = JSON.stringify(next, null, indent).replace(/\n/g, eol);
  return `${bom}${body}${finalNewline ? eol : ""}`;
}
