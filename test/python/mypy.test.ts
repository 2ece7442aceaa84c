// The generated Python package is `mypy --strict` clean (and the same run fails on a planted type error, so
// this test can fail), and its README's mount examples work as written: each ```python block is extracted,
// type-checked with `mypy --strict`, served as the README's ```sh block says (gunicorn for the Django
// `urls.py`, uvicorn for the FastAPI `app.py`), and checked with that block's `scim-codegen check` lines, one
// per organization: no required check fails, and another organization's token gets 401. The README also
// stands, block for block, in the repository README's "Serving discovery → Python".

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConformanceChecks } from "../../generator/conformance/run-checks.js";
import { generatedPythonProject, pythonEnv, type PythonEnv } from "../helpers/python-env.js";
import { send } from "../adapters/servers.js";
import { freePort } from "../helpers/free-port.js";
import { repoRoot } from "../helpers/repo.js";

const run = promisify(execFile);
const readmePath = join(generatedPythonProject, "README.md");

let env: PythonEnv;
let work: string;
beforeAll(async () => {
  env = await pythonEnv();
  work = await mkdtemp(join(tmpdir(), "scim-python-"));
}, 900_000);
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * `mypy --strict` over `targets` from `cwd`, which holds the package (or, with `withPackage`, finds it in
 * generated/ through MYPYPATH); never writes a cache (the package lies in generated/).
 */
async function mypy(cwd: string, targets: readonly string[], extra: readonly string[] = [], withPackage = false): Promise<{ readonly ok: boolean; readonly output: string }> {
  try {
    const { PYTHONPATH: _path, ...base } = env.env();
    const { stdout } = await run(env.python, ["-m", "mypy", "--strict", "--cache-dir", "/dev/null", "--no-incremental", ...extra, ...targets], {
      cwd,
      env: withPackage ? { ...base, MYPYPATH: generatedPythonProject } : base,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("the generated Python package", () => {
  it("passes mypy --strict", async () => {
    const result = await mypy(generatedPythonProject, ["-p", "scim_discovery"]);
    expect(result.output).toMatch(/^Success: no issues found in \d+ source files/m);
    expect(result.ok).toBe(true);
  }, 300_000);

  it("fails mypy --strict with a planted type error (the check above can fail)", async () => {
    const copy = join(work, "planted");
    await cp(join(generatedPythonProject, "scim_discovery"), join(copy, "scim_discovery"), { recursive: true });
    const resources = join(copy, "scim_discovery", "resources.py");
    await writeFile(resources, `${await readFile(resources, "utf8")}\n_planted: User = {"schemas": ["x"], "userName": 7}\n`);
    const result = await mypy(copy, ["-p", "scim_discovery"]);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/resources\.py:\d+: error: Incompatible types \(expression has type "int", TypedDict item "userName" has type "str"\)/);
  }, 300_000);
});

describe("the generated pyproject.toml", () => {
  it("builds a wheel with pip (the README's install), with py.typed and the runtime, and writes nothing into generated/", async () => {
    const before = (await readdir(generatedPythonProject, { recursive: true })).sort();
    const out = join(work, "wheel");
    await run(env.python, ["-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "--quiet", "--wheel-dir", out, generatedPythonProject], {
      env: env.env(),
      maxBuffer: 16 * 1024 * 1024,
    });
    const [wheel] = await readdir(out);
    expect(wheel).toBe("scim_discovery-0.0.0-py3-none-any.whl");
    const { stdout } = await run(env.python, ["-c", "import sys, zipfile; print('\\n'.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))", join(out, wheel as string)]);
    const names = stdout.trim().split("\n");
    const sources = before.filter((p) => p.startsWith("scim_discovery/") && /\.(py|typed)$/.test(p));
    expect(names.filter((n) => !n.includes(".dist-info/"))).toEqual(sources);
    expect(names).toContain("scim_discovery/py.typed");
    expect((await readdir(generatedPythonProject, { recursive: true })).sort()).toEqual(before);
  }, 600_000);
});

/** The ```lang blocks of a Markdown text, in order. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))].map((m) => m[1] as string);
}

/** The README's ```sh block that starts `command`: its environment, the command, and the check lines. */
function runInstructions(markdown: string, command: string): { env: Record<string, string>; argv: string[]; checks: { url: string; org: string; token: string }[] } {
  const block = blocks(markdown, "sh").find((b) => b.includes(command) && b.includes("scim-codegen check"));
  if (block === undefined) throw new Error(`no sh block runs ${command}`);
  const [start, ...lines] = block.trimEnd().split("\n");
  const envs: Record<string, string> = {};
  let rest = start ?? "";
  for (let m = /^([A-Z_]+)=('[^']*'|\S+) /.exec(rest); m !== null; m = /^([A-Z_]+)=('[^']*'|\S+) /.exec(rest)) {
    envs[m[1] as string] = (m[2] as string).replace(/^'|'$/g, "");
    rest = rest.slice(m[0].length);
  }
  const checks = lines.map((line) => {
    const m = /^npx scim-codegen check (http:\/\/localhost:8000(\/api\/0\/organizations\/([^/]+)\/scim\/v2)) --token (\S+) --discovery-only$/.exec(line);
    if (m === null) throw new Error(`not a check line: ${line}`);
    return { url: m[2] as string, org: m[3] as string, token: m[4] as string };
  });
  return { env: envs, argv: rest.split(" "), checks };
}

async function waitFor(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the example exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`the example did not answer within 60 s:\n${output()}`);
}

// The Django project around the README's urls.py: what `django-admin startproject mysite` writes, reduced to
// what a project serving only these URLs needs.
const djangoSettings = `SECRET_KEY = "readme-example"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "mysite.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
USE_TZ = True
`;
const djangoWsgi = `import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
application = get_wsgi_application()
`;

describe.each([
  ["django", 0, "gunicorn"],
  ["fastapi", 1, "uvicorn"],
] as const)("the README's %s example", (framework, index, server) => {
  let dir: string;
  let readme: string;
  beforeAll(async () => {
    readme = await readFile(readmePath, "utf8");
    dir = join(work, framework);
    const code = blocks(readme, "python")[index];
    if (code === undefined) throw new Error(`no python block ${index}`);
    if (framework === "django") {
      await mkdir(join(dir, "mysite"), { recursive: true });
      await writeFile(join(dir, "mysite", "__init__.py"), "");
      await writeFile(join(dir, "mysite", "settings.py"), djangoSettings);
      await writeFile(join(dir, "mysite", "wsgi.py"), djangoWsgi);
      await writeFile(join(dir, "mysite", "urls.py"), code);
    } else {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "app.py"), code);
    }
  }, 900_000);

  it("type-checks with mypy --strict", async () => {
    // Django ships no type hints: its imports are untyped (Any) for mypy, which --strict reports unless told.
    const extra = framework === "django" ? ["--disable-error-code", "import-untyped"] : [];
    const result = await mypy(dir, [framework === "django" ? "mysite/urls.py" : "app.py"], extra, true);
    expect(result.output).toMatch(/^Success/m);
  }, 300_000);

  it(`serves two organizations under ${server} as its shell block says, each passing scim-codegen check`, async () => {
    const how = runInstructions(readme, server);
    expect(how.argv[0]).toBe(server);
    // On a free port rather than 8000 (tests run side by side), so the origin is given as SCIM_ORIGIN.
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const argv = how.argv.slice(1).map((arg) => arg.replace("localhost:8000", `localhost:${port}`)).map((arg) => (arg === "8000" ? String(port) : arg));
    const child = spawn(env.python, ["-m", server, ...argv], {
      cwd: dir,
      env: { ...env.env([dir]), ...how.env, SCIM_ORIGIN: origin },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(origin, child, () => output);
      expect(how.checks.length).toBe(2);
      for (const check of how.checks) {
        const result = await runConformanceChecks({ baseUrl: `${origin}${check.url}`, options: { token: check.token, discoveryOnly: true } });
        if (!result.ok) throw new Error(result.message);
        const failed = result.report.results.filter((r) => r.status === "fail" && r.level === "required").map((r) => `${r.id}: ${r.detail ?? ""}`);
        expect(failed, `${framework} ${check.org}`).toEqual([]);
        const other = how.checks.find((c) => c.org !== check.org);
        const refused = await send(origin, `${check.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${other?.token ?? ""}` }, auth: false });
        expect(refused.status, `${check.org} with another organization's token`).toBe(401);
      }
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    }
  }, 300_000);

  it("stands in the repository README byte for byte", async () => {
    const root = await readFile(join(repoRoot, "README.md"), "utf8");
    expect(blocks(root, "python")).toContain(blocks(readme, "python")[index]);
  });
});
