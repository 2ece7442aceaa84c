import { parseArgs } from "node:util";
import { printable } from "../diagnostics/diagnostic.js";
import { fileSystemError, FileError } from "../file-error.js";
import { configFileName } from "../load/config.js";
import { applyInit, InitError, parseAdapters, planInit, type InitPlan } from "../init/init-project.js";
import { pythonAdapters, type AdapterName, type PythonAdapterName } from "../model/definition-types.js";
import { defaultPackageScope } from "../model/model.js";
import { pythonPackageNames, pythonProjectFolder } from "../names.js";
import type { CliIo } from "./io.js";

/** `scim-codegen init [--dir scim] [--adapters express,fastify]`; resolves to the exit code. */
export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`scim-codegen init: ${message}\n`);
    return 2;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { dir: { type: "string", default: "scim" }, adapters: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return fail(`${printable((err as Error).message)} (see scim-codegen init --help)`);
  }
  let adapters: AdapterName[] | undefined;
  if (values.adapters !== undefined) {
    const parsed = parseAdapters(values.adapters);
    if (typeof parsed === "string") return fail(parsed);
    adapters = parsed;
  }
  const appDir = process.cwd();
  let plan: InitPlan;
  try {
    plan = await planInit({ appDir, dir: values.dir, ...(adapters ? { adapters } : {}) });
    await applyInit(plan);
  } catch (err) {
    if (err instanceof InitError) return fail(err.message);
    let fileError: FileError;
    try {
      fileError = err instanceof FileError ? err : fileSystemError(err, appDir, "write the files of init");
    } catch {
      throw err;
    }
    return fail(`${printable(fileError.reason)}; nothing was left written`);
  }
  io.stdout(initReport(plan));
  return 0;
}

/** What init did and the next three steps, with the exact commands. */
export function initReport(plan: InitPlan): string {
  const { dir, adapters } = plan;
  const why = {
    flag: "as --adapters asked",
    dependencies: "the frameworks your package.json depends on",
    default: "node:http, no framework: none of express, fastify, hono, koa or next is in your package.json",
  }[plan.adaptersFrom];
  const python = adapters.filter((a): a is PythonAdapterName => (pythonAdapters as readonly string[]).includes(a));
  const node = adapters.filter((a) => !(pythonAdapters as readonly string[]).includes(a));
  const install = { npm: "npm install", pnpm: "pnpm add", yarn: "yarn add" }[plan.packageManager];
  const run = plan.packageManager === "npm" ? "npm run" : plan.packageManager;
  // The default definitions' scope names the Python project (init writes them as they are).
  const pythonProject = `${dir}/generated/${pythonProjectFolder(defaultPackageScope)}`;
  const { importName } = pythonPackageNames(defaultPackageScope);
  const installSteps: string[] = [];
  if (node.length > 0) {
    installSteps.push(
      `${install} ${node.map((a) => `./${dir}/generated/packages/${a}`).join(" ")}`,
      `       the adapter${node.length > 1 ? "s" : ""} and the core package ${node.length > 1 ? "they need" : "it needs"}`,
    );
  }
  if (python.length > 0) {
    installSteps.push(
      `pip install './${pythonProject}[${python.join(",")}]'`,
      `       into your Python app's environment: ${importName} and ${python.length > 1 ? "the frameworks of its adapters" : "the framework of its adapter"}`,
    );
  }
  const readmes = [...node.map((a) => `${dir}/generated/packages/${a}/README.md`), ...(python.length > 0 ? [`${pythonProject}/README.md`] : [])];
  const mountHints = python.map((a) =>
    a === "django"
      ? `       Django, in urls.py: path("api/0/organizations/<str:org>/scim/v2", include(${importName}.django.urls(origin=...)))`
      : `       FastAPI: ${importName}.fastapi.include(app, "/api/0/organizations/{org}/scim/v2", origin=...)`,
  );
  return [
    `scim-codegen init: wrote ${dir}/definitions/ (${plan.files.size - 1} files), ${configFileName}, and the scripts scim:generate and scim:check in package.json.`,
    `Adapters: ${adapters.join(", ")} (${why}). To change them, edit adapters: in ${dir}/definitions/scim-codegen.yaml (or run init with --adapters express,fastify in a fresh app).`,
    "",
    "Next steps:",
    `  1. ${run} scim:generate`,
    `       validates ${dir}/definitions/ and writes ${dir}/generated/; \`${run} scim:check\` in CI fails when they drift`,
    // One install line each for the npm packages and the Python package, each with what it installs.
    ...installSteps.map((line, i) => (i === 0 ? `  2. ${line}` : i % 2 === 0 ? `     ${line}` : line)),
    `  3. Mount it: ${readmes.join(", ")} shows how, with a per-tenant token check`,
    ...mountHints,
    "",
  ].join("\n");
}
