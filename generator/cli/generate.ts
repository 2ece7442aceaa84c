import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, printable } from "../diagnostics/diagnostic.js";
import { displayPath, FileError, formatFileError } from "../file-error.js";
import { ConfigError, findConfig, type ProjectConfig } from "../load/config.js";
import type { Drift } from "../output/check-files.js";
import { runGenerate, type GenerateOptions, type GenerateResult } from "../run-generate.js";
import { generateHelp } from "./help.js";
import type { CliIo } from "./io.js";
import { regenerateCommands, remedyLine } from "./remedy.js";

/** The flags of `generate`, as parsed. */
export interface GenerateFlags {
  readonly definitions?: string;
  readonly out?: string;
  readonly check: boolean;
  readonly watch: boolean;
  readonly noCache: boolean;
}

/** A generate run's folders, from the flags and the config, and how to name them to the user. */
export interface GenerateTarget {
  readonly options: Omit<GenerateOptions, "check">;
  /** The folders as the user knows them: as typed in a flag, else relative to the working directory. */
  readonly outShown: string;
  readonly definitionsShown: string;
  readonly config?: ProjectConfig;
}

/** Flags override the config; the config's paths are relative to its folder, flags to the working directory. */
export async function resolveTarget(flags: GenerateFlags, cwd: string): Promise<GenerateTarget> {
  const config = await findConfig(cwd);
  const pick = (flag: string | undefined, fromConfig: string | undefined, fallback: string): [string, string] => {
    if (flag !== undefined) return [resolve(cwd, flag), printable(flag)];
    const abs = fromConfig ?? resolve(cwd, fallback);
    return [abs, displayPath(cwd, abs)];
  };
  const [definitionsDir, definitionsShown] = pick(flags.definitions, config?.definitions, "definitions");
  const [outDir, outShown] = pick(flags.out, config?.out, "generated");
  // The cache and the names in generated headers belong to the project, not to where the command runs.
  const root = config?.dir ?? cwd;
  return {
    options: {
      definitionsDir,
      outDir,
      cwd,
      ...(config ? { projectRoot: config.dir } : {}),
      ...(flags.noCache ? {} : { cacheDir: join(root, "node_modules", ".cache", "scim-codegen") }),
    },
    outShown,
    definitionsShown,
    ...(config ? { config } : {}),
  };
}

export function parseGenerateFlags(args: readonly string[]): GenerateFlags | { readonly help: true } | string {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        definitions: { type: "string" },
        out: { type: "string" },
        check: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) return { help: true };
    if (values.check && values.watch) return "--check and --watch do not go together: --check changes nothing, --watch writes on every change";
    for (const key of ["definitions", "out"] as const) {
      if (values[key] === "") return `--${key} needs a folder path`;
    }
    return {
      ...(values.definitions === undefined ? {} : { definitions: values.definitions }),
      ...(values.out === undefined ? {} : { out: values.out }),
      check: values.check,
      watch: values.watch,
      noCache: values["no-cache"],
    };
  } catch (err) {
    return (err as Error).message;
  }
}

/** `scim-codegen generate …`; resolves to the exit code. */
export async function generateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseGenerateFlags(args);
  if (typeof flags === "string") {
    io.stderr(`scim-codegen generate: ${printable(flags)} (see scim-codegen generate --help).\n`);
    return 2;
  }
  if ("help" in flags) {
    io.stdout(generateHelp);
    return 0;
  }
  const cwd = process.cwd();
  if (flags.watch) {
    const { watchCommand } = await import("./watch.js");
    return watchCommand(flags, cwd, io);
  }
  let target: GenerateTarget;
  try {
    target = await resolveTarget(flags, cwd);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(`scim-codegen: ${err.message}\n`);
    return 2;
  }
  return runAndReport(target, flags.check, args, io);
}

/** One run, reported: diagnostics, the summary line or the drift report. Resolves to the exit code. */
export async function runAndReport(target: GenerateTarget, check: boolean, args: readonly string[], io: CliIo, run = runGenerate): Promise<number> {
  const { cwd } = target.options;
  let result: GenerateResult;
  try {
    result = await run({ ...target.options, check });
  } catch (err) {
    if (!(err instanceof FileError)) throw err;
    io.stderr(`${formatFileError(err, cwd)}\n`);
    return 2;
  }
  return report(result, target, args, io);
}

function report(result: GenerateResult, target: GenerateTarget, args: readonly string[], io: CliIo): number {
  const out = target.outShown;
  if (result.recovered > 0) {
    io.stderr(`scim-codegen: completed an interrupted write of ${out} (${result.recovered} file${result.recovered === 1 ? "" : "s"}) left by a run that was stopped\n`);
  }
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  if (result.status === "invalid") {
    io.stderr(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; nothing was written.\n`);
    return 1;
  }
  if (result.status === "written") {
    const { written, unchanged, removed, editedByHand } = result.summary;
    if (editedByHand.length > 0) {
      const files = editedByHand.map(printable);
      io.stderr(`scim-codegen: ${files.length === 1 ? "a file" : `${files.length} files`} in ${out} had been edited since generated and ${files.length === 1 ? "was" : "were"} replaced: ${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""} (edit the definitions instead)\n`);
    }
    io.stdout(`scim-codegen: ${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed (${out})${warnings ? `; ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}\n`);
    return 0;
  }
  const { drift, foreign } = result.report;
  if (foreign.length > 0) {
    io.stdout(`scim-codegen: ${foreign.length} file${foreign.length === 1 ? "" : "s"} in ${out} ${foreign.length === 1 ? "was" : "were"} not written by scim-codegen and ${foreign.length === 1 ? "is" : "are"} left alone: ${foreign.slice(0, 5).map(printable).join(", ")}${foreign.length > 5 ? ", …" : ""}\n`);
  }
  if (drift.length === 0) {
    io.stdout(`scim-codegen: ${out} is up to date with ${target.definitionsShown}\n`);
    return 0;
  }
  io.stderr(formatDrift(drift, out, regenerateCommands(args, io.env ?? process.env)));
  return 1;
}

/** The drift report: one line per file, short diffs, and the remedy (the commands that regenerate). */
export function formatDrift(drift: readonly Drift[], outDir: string, remedy: readonly string[] = ["npx scim-codegen generate"]): string {
  const lines = [`scim-codegen: ${outDir} is out of date with the definitions (${drift.length} file${drift.length === 1 ? "" : "s"}):`];
  for (const d of drift) {
    const what = {
      changed: "changed  (differs from what the definitions produce)",
      missing: "missing  (the definitions produce it; it is not there)",
      orphan: "orphan   (the generator no longer produces it)",
      "line-endings": "line endings only (CRLF on disk; the generator writes LF — check .gitattributes / core.autocrlf)",
      foreign: "foreign  (scim-codegen did not write this file and must write one here; move it away)",
    }[d.kind];
    lines.push(`  ${printable(d.path)}: ${what}`);
    if (d.diff) lines.push(...d.diff.split("\n").map((l) => `      ${l}`));
  }
  lines.push(remedyLine(remedy, outDir));
  return `${lines.join("\n")}\n`;
}
