// The allow-list: breaking changes a reviewer accepts on purpose, each with its reason, in
// `accepted-breaking-changes.yaml` beside the definition files (the loader skips it). Read from the current
// version only: an entry accepts a change this version makes. Mistakes in it are diagnostics with
// positions, with the codes the definition format uses (missing-key, unknown-key, wrong-type, …), and stop
// the diff (exit 2) rather than silently accept nothing or everything.
//
//   accepted:
//     - code: attribute-removed
//       subject: urn:ietf:params:scim:schemas:core:2.0:User:nickName
//       reason: Never populated; the two tenants that mapped it moved to displayName (TICKET-42).

import { lstat, realpath } from "node:fs/promises";
import { join, relative, sep, isAbsolute } from "node:path";
import { DiagnosticSink, sortDiagnostics, type Diagnostic, type SourcePosition } from "../diagnostics/diagnostic.js";
import { acceptedChangesFileName, readDefinitionFile } from "../load/definition-files.js";
import { parseYamlFile } from "../load/yaml-file.js";
import { diffCodes, isDiffCode, type DiffCode } from "./diff-codes.js";

/** One accepted breaking change. */
export interface AcceptedChange {
  readonly code: DiffCode;
  /** As the report names it; compared case-insensitively (URNs and names are, RFC 7644 §3.10). */
  readonly subject: string;
  readonly reason: string;
  /** Where the entry is written. */
  readonly at: SourcePosition;
}

/** The allow-list as read: its entries, or the diagnostics that make it unusable. */
export interface AcceptedChanges {
  readonly entries: readonly AcceptedChange[];
  /** Errors only; any error means the list is not used. */
  readonly diagnostics: readonly Diagnostic[];
  /** The file as shown to the user (relative to the working directory), whether or not it exists. */
  readonly displayPath: string;
}

const entryKeys = ["code", "subject", "reason"] as const;

/** Reads `definitionsDir/accepted-breaking-changes.yaml`; no file is an empty list. Throws FileError on an I/O failure. */
export async function readAcceptedChanges(definitionsDir: string, cwd: string): Promise<AcceptedChanges> {
  const abs = join(definitionsDir, acceptedChangesFileName);
  const displayPath = (relative(cwd, abs) || abs).split(sep).join("/");
  const none: AcceptedChanges = { entries: [], diagnostics: [], displayPath };
  const sink = new DiagnosticSink();
  const top: SourcePosition = { file: displayPath, line: 1, col: 1 };
  const info = await lstat(abs).catch(() => undefined);
  if (!info) return none;
  // As for definition files: a link may lead only to a file inside the definitions folder, or it could make
  // the diff read, and quote, any file on the machine.
  if (info.isSymbolicLink()) {
    const target = await realpath(abs).catch(() => undefined);
    const root = await realpath(definitionsDir).catch(() => definitionsDir);
    const rel = target === undefined ? ".." : relative(root, target);
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      sink.error(top, "unreadable-definition", "Not read: it is a symbolic link that leads nowhere or out of the definitions folder; copy the file in instead.");
      return { ...none, diagnostics: sink.items };
    }
  } else if (!info.isFile()) {
    sink.error(top, "unreadable-definition", "Not read: it is not a file.");
    return { ...none, diagnostics: sink.items };
  }
  const read = await readDefinitionFile(abs);
  if (!read.ok) {
    sink.error({ file: displayPath, line: read.line, col: read.col }, read.code, read.message);
    return { ...none, diagnostics: sink.items };
  }
  const file = parseYamlFile(displayPath, read.text, sink);
  if (sink.items.length > 0 || file.value === undefined) return { ...none, diagnostics: sortDiagnostics(sink.items) };

  const entries: AcceptedChange[] = [];
  const value = file.value;
  if (!isMapping(value)) {
    sink.error(file.locate([]), "wrong-type", `The file must be a mapping with the key "accepted" (a list of entries with ${entryKeys.join(", ")}).`);
  } else {
    for (const key of Object.keys(value)) {
      if (key !== "accepted") sink.error(file.locate([key], "key"), "unknown-key", `Unknown key "${key}"; the file holds only "accepted".`);
    }
    const list = value["accepted"];
    if (list === undefined) sink.error(file.locate([]), "missing-key", `The file is missing the required key "accepted" (a list of entries with ${entryKeys.join(", ")}).`);
    else if (!Array.isArray(list)) sink.error(file.locate(["accepted"]), "wrong-type", `accepted must be a list of entries with ${entryKeys.join(", ")}.`);
    else {
      const seen = new Map<string, number>();
      list.forEach((entry: unknown, i) => {
        const where = `accepted[${i}]`;
        if (!isMapping(entry)) {
          sink.error(file.locate(["accepted", i]), "wrong-type", `${where} must be a mapping with ${entryKeys.join(", ")}.`);
          return;
        }
        let ok = true;
        for (const key of Object.keys(entry)) {
          if (!(entryKeys as readonly string[]).includes(key)) {
            sink.error(file.locate(["accepted", i, key], "key"), "unknown-key", `Unknown key "${key}" in ${where}; allowed keys: ${entryKeys.join(", ")}.`);
            ok = false;
          }
        }
        for (const key of entryKeys) {
          const v = entry[key];
          if (v === undefined) {
            sink.error(file.locate(["accepted", i]), "missing-key", `${where} is missing the required key "${key}"${hints[key]}.`);
            ok = false;
          } else if (typeof v !== "string") {
            sink.error(file.locate(["accepted", i, key]), "wrong-type", `${where}.${key} must be a string.`);
            ok = false;
          } else if (v.trim() === "") {
            sink.error(file.locate(["accepted", i, key]), "invalid-value", `${where}.${key} is empty${hints[key]}.`);
            ok = false;
          }
        }
        const code = entry["code"];
        if (typeof code === "string" && code.trim() !== "") {
          if (!isDiffCode(code)) {
            sink.error(file.locate(["accepted", i, "code"]), "not-allowed-value", `${where}.code is ${JSON.stringify(code.slice(0, 60))}, which is not a diff code; use a breaking code from the README's table of diff codes.`);
            ok = false;
          } else if (diffCodes[code].severity !== "breaking") {
            sink.error(file.locate(["accepted", i, "code"]), "not-allowed-value", `${where}.code is "${code}", a compatible change, which needs no acceptance; list breaking changes only.`);
            ok = false;
          }
        }
        if (!ok) return;
        const accepted: AcceptedChange = { code: code as DiffCode, subject: entry["subject"] as string, reason: (entry["reason"] as string).trim(), at: file.locate(["accepted", i]) };
        const key = `${accepted.code}\u0000${accepted.subject.toLowerCase()}`;
        const first = seen.get(key);
        if (first !== undefined) {
          sink.error(file.locate(["accepted", i]), "invalid-value", `${where} accepts the same change as accepted[${first}] (${accepted.code} ${accepted.subject}); keep one entry.`);
          return;
        }
        seen.set(key, i);
        entries.push(accepted);
      });
    }
  }
  if (sink.items.length > 0) return { ...none, diagnostics: sortDiagnostics(sink.items) };
  return { entries, diagnostics: [], displayPath };
}

const hints: Record<(typeof entryKeys)[number], string> = {
  code: " (the breaking code the report printed, e.g. attribute-removed)",
  subject: " (what the report says changed, e.g. urn:ietf:params:scim:schemas:core:2.0:User:nickName)",
  reason: " (why breaking existing clients is acceptable: who was told, what moves them)",
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
