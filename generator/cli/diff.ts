// `scim-codegen diff`: the breaking-change report between the current definitions and another version
// (a git ref of the same repository, or a folder). Reaches only the loader, validation and model
// (generator/diff/read-version.ts), never the emitters: this module must stay light to load.

import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openTransformCache, noCache, type TransformCache } from "../cache/transform-cache.js";
import { formatDiagnostic, printable, type Diagnostic } from "../diagnostics/diagnostic.js";
import { readAcceptedChanges } from "../diff/accepted-changes.js";
import { compareModels } from "../diff/compare-models.js";
import { DiffSetupError, readFolderVersion, readGitVersion, type VersionRead } from "../diff/read-version.js";
import { buildReport, diffExitCode, formatGithub, formatJson, formatText } from "../diff/report.js";
import { loadShippedEntries, withShippedEntries } from "../cache/shipped-entries.js";
import { githubAnnotationMessage, githubAnnotationProperty } from "../emit/escape.js";
import { displayPath, FileError, formatFileError } from "../file-error.js";
import { ConfigError, findConfig } from "../load/config.js";
import { diffHelp } from "./help.js";
import type { CliIo } from "./io.js";

/** The flags of `diff`, as parsed. */
export interface DiffFlags {
  /** A git ref, or a folder (when a folder of that name exists). Default: HEAD. */
  readonly against: string;
  readonly definitions?: string;
  readonly format: "text" | "json" | "github";
  readonly noCache: boolean;
}

/** Parses the flags: the flags, `{ help: true }`, or a usage error. */
export function parseDiffFlags(args: readonly string[]): DiffFlags | { readonly help: true } | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        against: { type: "string" },
        definitions: { type: "string" },
        json: { type: "boolean", default: false },
        format: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return (err as Error).message.split("\n")[0] ?? "invalid arguments";
  }
  if (values.help) return { help: true };
  if (values.format !== undefined && values.format !== "text" && values.format !== "github") {
    return `--format is "${printable(values.format)}"; use text or github (or --json)`;
  }
  if (values.json && values.format !== undefined) return "--json and --format do not go together; --json is the JSON format";
  if (values.against === "") return "--against needs a git ref or a folder";
  if (values.definitions === "") return "--definitions needs a folder path";
  return {
    against: values.against ?? "HEAD",
    ...(values.definitions === undefined ? {} : { definitions: values.definitions }),
    format: values.json ? "json" : values.format === "github" ? "github" : "text",
    noCache: values["no-cache"],
  };
}

/** Runs `scim-codegen diff`; resolves to the exit code: 0 no unaccepted breaking change, 1 one or more, 2 cannot run. */
export async function diffCommand(args: readonly string[], io: CliIo, cwd: string = process.cwd()): Promise<number> {
  const flags = parseDiffFlags(args);
  if (typeof flags === "string") {
    io.stderr(`scim-codegen diff: ${flags} (see --help).\n`);
    return 2;
  }
  if ("help" in flags) {
    io.stdout(diffHelp);
    return 0;
  }
  try {
    return await runDiff(flags, cwd, io);
  } catch (err) {
    if (err instanceof DiffSetupError) io.stderr(`scim-codegen diff: ${err.message}.\n`);
    else if (err instanceof ConfigError) io.stderr(`scim-codegen: ${err.message}\n`);
    else if (err instanceof FileError) io.stderr(`${formatFileError(err, cwd)}\n`);
    else throw err;
    return 2;
  }
}

async function runDiff(flags: DiffFlags, cwd: string, io: CliIo): Promise<number> {
  const config = await findConfig(cwd);
  const definitionsDir = flags.definitions !== undefined ? resolve(cwd, flags.definitions) : (config?.definitions ?? resolve(cwd, "definitions"));
  // The cache `generate` fills (YAML parsed by content): read, never written, because a run writes back
  // only the entries it used and would empty it of everything else. Under it, as for `generate` even with
  // --no-cache, the entries the build shipped (the definition format's ajv code): `generate` takes those
  // from the build and never stores them, so without this layer every diff compiled them, loading ajv.
  const [opened, shipped] = await Promise.all([
    flags.noCache ? noCache : openTransformCache(join(config?.dir ?? cwd, "node_modules", ".cache", "scim-codegen"), definitionsDir),
    loadShippedEntries(),
  ]);
  const cache: TransformCache = withShippedEntries(opened, shipped);

  const againstPath = resolve(cwd, flags.against);
  const againstFolder = await stat(againstPath).then((s) => s.isDirectory(), () => false);
  // Side by side: the git processes run while the current version is parsed.
  const [accepted, current, other] = await Promise.all([
    readAcceptedChanges(definitionsDir, cwd),
    readFolderVersion(definitionsDir, cwd, cache),
    againstFolder ? readFolderVersion(againstPath, cwd, cache) : readGitVersion(flags.against, definitionsDir, cwd, cache),
  ]);

  const problems: { label: string; diagnostics: readonly Diagnostic[] }[] = [];
  if (current.status === "invalid") problems.push({ label: `the current definitions (${displayPath(cwd, definitionsDir)})`, diagnostics: current.diagnostics });
  if (other.status === "invalid") problems.push({ label: `the definitions at ${printable(flags.against)}`, diagnostics: other.diagnostics });
  if (accepted.diagnostics.length > 0) problems.push({ label: `the accepted breaking changes (${printable(accepted.displayPath)})`, diagnostics: accepted.diagnostics });
  if (problems.length > 0) {
    reportProblems(problems, flags.format, io);
    return 2;
  }
  if (other.status === "absent") {
    // The change that adds the definitions: nothing existed that a client could rely on.
    const note = `${printable(flags.against)} has no ${displayPath(cwd, definitionsDir)} folder; every definition is new, so nothing can break.`;
    if (flags.format === "json") io.stdout(formatJson(buildReport(flags.against, [], { ...accepted, entries: [] })));
    else io.stdout(flags.format === "github" ? `::notice title=scim-codegen diff::${githubAnnotationMessage(note)}\n` : `scim-codegen diff: ${note}\n`);
    return 0;
  }
  const report = buildReport(flags.against, compareModels(ok(other), ok(current)), accepted);
  io.stdout(flags.format === "json" ? formatJson(report) : flags.format === "github" ? formatGithub(report) : formatText(report));
  return diffExitCode(report);
}

function ok(read: VersionRead) {
  if (read.status !== "ok") throw new Error("diff: a version that did not load reached the comparison (a bug)");
  return read.version;
}

/** Diagnostics that stop the diff, under a line saying which version they are in; in GitHub format as annotations too. */
function reportProblems(problems: readonly { label: string; diagnostics: readonly Diagnostic[] }[], format: DiffFlags["format"], io: CliIo): void {
  for (const { label, diagnostics } of problems) {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(`scim-codegen diff: ${errors} error${errors === 1 ? "" : "s"} in ${label}; cannot compare:\n`);
    for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    if (format === "github") {
      for (const d of diagnostics.filter((x) => x.severity === "error")) {
        io.stdout(`::error file=${githubAnnotationProperty(d.file)},line=${d.line},col=${d.col},title=${githubAnnotationProperty(`scim-codegen diff: ${d.code} in ${label}`)}::${githubAnnotationMessage(d.message)}\n`);
      }
    }
  }
}
