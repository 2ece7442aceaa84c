#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { printable } from "./diagnostics/diagnostic.js";
import { generateCommand } from "./cli/generate.js";
import { initHelp, mainHelp } from "./cli/help.js";
import { processIo, type CliIo } from "./cli/io.js";
import { packageRoot } from "./package-root.js";

export { formatDrift } from "./cli/generate.js";

/** The version of the installed tool: its package.json's. */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(mainHelp);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  if (command === "generate") return generateCommand(rest, io);
  if (command === "init") {
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(initHelp);
      return 0;
    }
    const { initCommand } = await import("./cli/init.js");
    return initCommand(rest, io);
  }
  if (command === "check") {
    const { runCheckCommand } = await import("./conformance/command.js");
    return runCheckCommand(rest, io);
  }
  if (command === "diff") {
    const { diffCommand } = await import("./cli/diff.js");
    return diffCommand(rest, io);
  }
  io.stderr(`scim-codegen: unknown command "${printable(command)}"; expected init, generate, check or diff (see --help).\n`);
  return 2;
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
