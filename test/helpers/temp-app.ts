import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "./repo.js";
import { readJsonFile } from "./json.js";

/**
 * Helpers for tests that use scim-codegen as a user does: `npm pack` the tool, install the tarball into a
 * throw-away app outside the repository, and run npm, npx and node there. Everything installs with
 * `--prefer-offline`, so a warm npm cache is enough.
 */

/** What `npm pack` reads: the package's files and everything its `prepack` build needs. */
const packInputs = [
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "README.md",
  "LICENSE",
  "CHANGELOG.md",
  "scripts/build.mjs",
  "scripts/precompile-modules.mjs",
  "generator",
  "templates",
  "definitions",
] as const;

/** The result of a command; `code` is its exit code (a signal counts as 128). */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for npm and node in a temp app: this process's, without what `npm test` adds for its
 * own lifecycle (`npm_package_*`, `npm_lifecycle_*`, `npm_config_local_prefix`, `INIT_CWD`), so that an
 * npm started in the app takes the app, not this repository, for its project.
 */
export function appEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", ...extra };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/i.test(key) || /^npm_config_local_prefix$/i.test(key) || key === "INIT_CWD") delete env[key];
  }
  return env;
}

/** Runs `command` in `cwd`; never throws for a non-zero exit (the result says it). */
export function run(command: string, args: readonly string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { cwd, env: options.env ?? appEnv(), timeout: options.timeoutMs ?? 180_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 128;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs `command` and throws with its output unless it exits 0; returns its stdout. */
export async function runOk(command: string, args: readonly string[], cwd: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const result = await run(command, args, cwd, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  return result.stdout;
}

/** The exact version of a package this repository pins (so an install finds it in the npm cache). */
export async function repoPinnedVersion(name: string): Promise<string> {
  const pkg = await readJsonFile(join(repoRoot, "package.json")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  if (version === undefined) throw new Error(`${name} is not a dependency of the repository`);
  return `${name}@${version}`;
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return [];
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => filesUnder(join(path, e.name))));
  return nested.flat();
}

/** A hash of every file `npm pack` reads: the same tree packs to the same tarball, so one is reused. */
export async function packInputHash(): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(packInputs.map((p) => filesUnder(join(repoRoot, p))))).flat().sort();
  for (const file of files) hash.update(relative(repoRoot, file)).update("\0").update(await readFile(file)).update("\0");
  return hash.digest("hex").slice(0, 20);
}

let packed: Promise<string> | undefined;

/**
 * The path of a tarball of the tool as `npm pack` makes it, `prepack` build included: made once per test
 * run, and kept in the temp folder under the hash of its inputs, so a later run with the same tree (or
 * another test file of this run, in another worker) reuses it; a lock folder keeps two workers from
 * packing at once. It packs a copy of the repository (its node_modules linked), because `prepack`
 * rebuilds dist/ from scratch, which would pull the build from under the other tests.
 */
export function packTool(): Promise<string> {
  packed ??= (async () => {
    const cacheDir = join(tmpdir(), "scim-codegen-packed");
    await mkdir(cacheDir, { recursive: true });
    const hash = await packInputHash();
    const tarball = join(cacheDir, `scim-codegen-${hash}.tgz`);
    const lock = join(cacheDir, `${hash}.lock`);
    for (;;) {
      if (await stat(tarball).catch(() => undefined)) return tarball;
      const taken = await mkdir(lock).then(() => true, () => false);
      if (taken) break;
      // Another worker packs; a lock older than 5 minutes was left by a killed run.
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > 300_000) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const work = await mkdtemp(join(tmpdir(), "scim-codegen-pack-"));
    try {
      const copy = join(work, "scim-codegen");
      for (const p of packInputs) {
        if (await stat(join(repoRoot, p)).catch(() => undefined)) await cp(join(repoRoot, p), join(copy, p), { recursive: true });
      }
      await symlink(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
      const out = await runOk("npm", ["pack", "--json", "--pack-destination", work], copy);
      const [info] = JSON.parse(out) as [{ filename: string }];
      // rename is atomic: a reader sees no tarball or a whole one.
      await rename(join(work, info.filename), tarball);
      return tarball;
    } finally {
      await rm(work, { recursive: true, force: true });
      await rm(lock, { recursive: true, force: true });
    }
  })();
  return packed;
}

/** The definitions the installed tool ships, copied into `<app>/<dir>/definitions` with the adapters given. */
export async function copyShippedDefinitions(app: TempApp, adapters: readonly string[], dir = "scim"): Promise<void> {
  const target = join(app.dir, dir, "definitions");
  await cp(join(app.dir, "node_modules", "scim-codegen", "definitions"), target, { recursive: true });
  const config = join(target, "scim-codegen.yaml");
  const text = await readFile(config, "utf8");
  const replaced = text.replace(/^adapters: .*$/m, `adapters: [${adapters.join(", ")}]`);
  if (replaced === text) throw new Error(`no adapters: line in ${config}`);
  await writeFile(config, replaced);
}

/** A throw-away app outside the repository. */
export interface TempApp {
  readonly dir: string;
  /** Runs a command in the app with `appEnv()`. */
  run(command: string, args: readonly string[], options?: { timeoutMs?: number }): Promise<RunResult>;
  /** The same, throwing unless it exits 0; returns stdout. */
  runOk(command: string, args: readonly string[], options?: { timeoutMs?: number }): Promise<string>;
  /** The package names directly under node_modules (`@scope/name` for scoped ones), sorted. */
  topLevelPackages(): Promise<string[]>;
  dispose(): Promise<void>;
}

/**
 * Creates an app in a new temp folder (`package.json` with `type`), and installs `install` (tarball paths
 * or `name@version` specs) with npm, or with `packageManager: ["npx", "-y", "pnpm@…"]` for pnpm.
 */
export async function createTempApp(options: {
  install: readonly string[];
  type?: "module" | "commonjs";
  packageManager?: readonly string[];
}): Promise<TempApp> {
  const dir = await mkdtemp(join(tmpdir(), "scim-codegen-app-"));
  const app: TempApp = {
    dir,
    run: (command, args, opts = {}) => run(command, args, dir, opts),
    runOk: (command, args, opts = {}) => runOk(command, args, dir, opts),
    topLevelPackages: async () => {
      const names: string[] = [];
      for (const entry of await readdir(join(dir, "node_modules")).catch(() => [] as string[])) {
        if (entry.startsWith(".")) continue;
        if (entry.startsWith("@")) for (const inner of await readdir(join(dir, "node_modules", entry))) names.push(`${entry}/${inner}`);
        else names.push(entry);
      }
      return names.sort();
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
  try {
    await writeFile(join(dir, "package.json"), `${JSON.stringify({ name: "scim-codegen-temp-app", version: "1.0.0", private: true, type: options.type ?? "module" }, null, 2)}\n`);
    if (options.install.length > 0) {
      const [command = "npm", ...prefix] = options.packageManager ?? ["npm"];
      const args = options.packageManager ? [...prefix, "add", "--prefer-offline", ...options.install] : ["install", "--prefer-offline", "--no-audit", "--no-fund", ...options.install];
      await app.runOk(command, args);
    }
    return app;
  } catch (err) {
    await app.dispose();
    throw err;
  }
}

/** The pnpm this repository tests with, run through npx (pnpm 11 does not run on Node 20). */
export const pnpmCommand: readonly string[] = ["npx", "-y", "pnpm@10.34.9"];

/** Whether pnpm runs here (npx can fetch or finds it in the npm cache); the reason when it does not. */
export async function pnpmAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [command = "npx", ...args] = pnpmCommand;
  const result = await run(command, [...args, "--version"], tmpdir(), { timeoutMs: 60_000 });
  return result.code === 0 ? { ok: true } : { ok: false, reason: `${pnpmCommand.join(" ")} --version exited ${result.code}: ${result.stderr.trim().split("\n").at(-1) ?? ""}` };
}
