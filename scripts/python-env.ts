// The Python virtual environment of the tests, `npm run serve -- --framework django|fastapi` and the bench:
// created on first use from test/python/requirements.txt (every package pinned exactly, transitive ones
// included, installed with `pip install --no-deps` so nothing floats), in an ignored folder named after the
// hash of that file, so a changed pin gets a fresh environment. pip reads its index from the machine's own
// configuration (pip.conf / PIP_INDEX_URL), like `npm ci` reads npm's. A lock folder keeps parallel vitest
// workers from building it twice; a marker file written last says it is complete, so an environment that a
// killed run left half-built is built again.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The pinned requirements every environment is made from. */
export const pythonRequirementsFile = join(repoRoot, "test", "python", "requirements.txt");
/** The generated Python project (pyproject.toml) of the default definitions. */
export const generatedPythonProject = join(repoRoot, "generated", "python", "scim_discovery");
/** The folder holding the generated import package (`scim_discovery/`): what goes on PYTHONPATH. */
export const generatedPythonPath = generatedPythonProject;

/** A ready environment: its interpreter, and the environment variables to run it with. */
export interface PythonEnv {
  /** `<venv>/bin/python`. */
  readonly python: string;
  readonly dir: string;
  /** `process.env` plus PYTHONPATH (the generated package, and `extra`) and unbuffered output. */
  env(extraPaths?: readonly string[]): NodeJS.ProcessEnv;
}

const lockStaleMs = 10 * 60_000;

function envDir(): string {
  const hash = createHash("sha256").update(readFileSync(pythonRequirementsFile)).digest("hex").slice(0, 16);
  return join(repoRoot, "node_modules", ".cache", "scim-codegen-python", `venv-${hash}`);
}

let ready: Promise<PythonEnv> | undefined;

/** The environment, created (once per machine and requirements file) when missing. */
export function pythonEnv(): Promise<PythonEnv> {
  ready ??= ensure();
  return ready;
}

async function ensure(): Promise<PythonEnv> {
  const dir = envDir();
  const marker = join(dir, ".scim-codegen-complete");
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 15 * 60_000;
  while (!existsSync(marker)) {
    if (tryLock(lock)) {
      try {
        if (!existsSync(marker)) await build(dir, marker);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`the Python environment ${dir} is still locked by ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const python = join(dir, "bin", "python");
  return {
    python,
    dir,
    env: (extraPaths = []) => ({
      ...process.env,
      PYTHONPATH: [generatedPythonPath, ...extraPaths].join(":"),
      PYTHONUNBUFFERED: "1",
      PYTHONDONTWRITEBYTECODE: "1",
    }),
  };
}

/** Takes the lock folder (atomic mkdir); one left by a run that died more than 10 minutes ago is taken over. */
function tryLock(lock: string): boolean {
  mkdirSync(dirname(lock), { recursive: true });
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > lockStaleMs) rmSync(lock, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
}

async function build(dir: string, marker: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const python = process.env["SCIM_CODEGEN_PYTHON"] ?? "python3";
  await run(python, ["-m", "venv", dir]);
  const venvPython = join(dir, "bin", "python");
  // One retry, not pip's five with back-off: where the default index is unreachable and the packages come
  // from a configured mirror or find-links (an offline CI runner), five retries per package made the build
  // minutes instead of seconds. PIP_RETRIES set by the user still wins.
  await run(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-r", pythonRequirementsFile], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, PIP_RETRIES: process.env["PIP_RETRIES"] ?? "1" },
  });
  // Every dependency of every pinned package is pinned too: pip check fails otherwise.
  await run(venvPython, ["-m", "pip", "check", "--disable-pip-version-check"]);
  writeFileSync(marker, `${readFileSync(pythonRequirementsFile, "utf8")}`);
}
