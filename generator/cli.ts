#!/usr/bin/env node
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, printable } from "./diagnostics/diagnostic.js";
import type { Drift } from "./output/check-files.js";
import { FileError, formatFileError } from "./file-error.js";
import { runGenerate, type GenerateResult } from "./pipeline.js";

const usage = `scim-codegen: SCIM 2.0 discovery endpoints from one YAML source of truth

Usage:
  scim-codegen generate [--definitions DIR] [--out DIR] [--check] [--no-cache]
  scim-codegen check <baseUrl> [--token T] [--json]
  scim-codegen --help

Commands:
  generate   Validate the definitions and write the generated packages, OpenAPI and JSON.
  check      Run the discovery conformance checks against a running SCIM service.
             See \`scim-codegen check --help\`.

Options of generate:
  --definitions DIR   The definitions folder (default: ./definitions).
  --out DIR           The output folder (default: ./generated). The generator overwrites and
                      deletes only the files it wrote there (listed in its
                      scim-codegen.manifest.json); it refuses a folder that is, holds or sits
                      in the definitions, holds .git or a package.json it did not write, sits
                      in a .git folder, or is reached through a symbolic link (from the
                      nearest folder it shares with the working directory).
  --check             Change nothing; compare the output folder with what the definitions
                      produce and exit 1 on any changed, missing, orphan or foreign file (for
                      CI). A write that a killed run left unfinished is completed first.
  --no-cache          Do not read or write the transform cache in
                      node_modules/.cache/scim-codegen (it only saves time: output
                      is byte-identical with or without it).
  -h, --help          Show this help.

Exit codes: 0 success; 1 invalid definitions or drift found; 2 usage error, an output folder
the generator may not use, or an I/O error (one line naming the path and the error code;
the output folder is left as it was).`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === "generate") return generateCommand(rest, io);
  if (command === "check") {
    const { runCheckCommand } = await import("./conformance/command.js");
    return runCheckCommand(rest, io);
  }
  io.stderr(`scim-codegen: unknown command "${command}"; expected generate or check (see --help).\n`);
  return 2;
}

async function generateCommand(args: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        definitions: { type: "string", default: "definitions" },
        out: { type: "string", default: "generated" },
        check: { type: "boolean", default: false },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.stderr(`scim-codegen generate: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const cwd = process.cwd();
  let result: GenerateResult;
  try {
    result = await runGenerate({
      definitionsDir: resolve(cwd, values.definitions),
      outDir: resolve(cwd, values.out),
      check: values.check,
      cwd,
      ...(values["no-cache"] ? {} : { cacheDir: join(cwd, "node_modules", ".cache", "scim-codegen") }),
    });
  } catch (err) {
    if (!(err instanceof FileError)) throw err;
    io.stderr(`${formatFileError(err, cwd)}\n`);
    return 2;
  }
  // As typed, but safe to print: a control character in a folder name cannot split or recolour a line.
  const out = printable(values.out);
  const definitions = printable(values.definitions);
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
    io.stdout(`scim-codegen: ${out} is up to date with ${definitions}\n`);
    return 0;
  }
  io.stderr(formatDrift(drift, out));
  return 1;
}

/** The drift report: one line per file, short diffs, and the remedy. */
export function formatDrift(drift: readonly Drift[], outDir: string): string {
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
  lines.push("Run `npm run generate` and commit the result; never edit generated/ by hand.");
  return `${lines.join("\n")}\n`;
}

/**
 * Runs the CLI as a process: sets the exit code, and reports a bug (an unexpected throw) as an internal
 * error with its stack. Used by the `scim-codegen` bin and `npm run generate`.
 */
export async function runAsProcess(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    process.stderr.write(`scim-codegen: internal error (a bug; please report it):\n${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  }
}

// Run when executed directly (node dist/generator/cli.js, or the `scim-codegen` bin), not when imported.
const invokedAs = process.argv[1] ? resolve(process.argv[1]) : "";
if (invokedAs.endsWith("cli.js") || invokedAs.endsWith("cli.ts") || invokedAs.endsWith("scim-codegen")) {
  void runAsProcess(process.argv.slice(2));
}
