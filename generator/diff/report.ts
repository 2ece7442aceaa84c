// The diff report: the changes with what each affects (from the code table), which breaking ones the
// allow-list accepts, and three ways to print it: text lines editors link (`file:line:col - …`), JSON, and
// GitHub Actions workflow annotations.

import { printable, type SourcePosition } from "../diagnostics/diagnostic.js";
import { githubAnnotationMessage, githubAnnotationProperty } from "../emit/escape.js";
import type { AcceptedChange, AcceptedChanges } from "./accepted-changes.js";
import type { Change } from "./compare-models.js";
import { diffCodes } from "./diff-codes.js";

/** A change, with the allow-list entry that accepts it. */
export interface ReportedChange extends Change {
  readonly accepted?: AcceptedChange;
}

/** Everything a diff found. */
export interface DiffReport {
  /** The other version as the user named it (a git ref or a folder). */
  readonly against: string;
  /** Sorted by position, then code and subject. */
  readonly changes: readonly ReportedChange[];
  /** Allow-list entries that match no change (stale once the change is merged). */
  readonly unusedAcceptances: readonly AcceptedChange[];
  /** The allow-list file as shown to the user. */
  readonly acceptedFile: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sameChange = (c: Change, a: AcceptedChange): boolean => c.code === a.code && c.subject.toLowerCase() === a.subject.toLowerCase();

/** Matches the changes against the allow-list and sorts them. */
export function buildReport(against: string, changes: readonly Change[], accepted: AcceptedChanges): DiffReport {
  const reported = changes
    .map((c): ReportedChange => {
      const entry = c.severity === "breaking" ? accepted.entries.find((a) => sameChange(c, a)) : undefined;
      return entry ? { ...c, accepted: entry } : c;
    })
    .sort((a, b) => cmp(a.at.file, b.at.file) || a.at.line - b.at.line || a.at.col - b.at.col || cmp(a.code, b.code) || cmp(a.subject, b.subject) || cmp(a.what, b.what));
  return {
    against,
    changes: reported,
    unusedAcceptances: accepted.entries.filter((a) => !changes.some((c) => sameChange(c, a))),
    acceptedFile: accepted.displayPath,
  };
}

/** 1 when a breaking change is not accepted, else 0. */
export function diffExitCode(report: DiffReport): 0 | 1 {
  return report.changes.some((c) => c.severity === "breaking" && !c.accepted) ? 1 : 0;
}

function counts(report: DiffReport): { breaking: number; accepted: number; compatible: number } {
  const breaking = report.changes.filter((c) => c.severity === "breaking");
  return { breaking: breaking.length, accepted: breaking.filter((c) => c.accepted).length, compatible: report.changes.length - breaking.length };
}

const where = (at: SourcePosition): string => `${printable(at.file)}:${at.line}:${at.col}`;
const message = (c: Change): string => `${c.what}; ${diffCodes[c.code].affects}`;

/** The summary line, the same in every format. */
export function summaryLine(report: DiffReport): string {
  const n = counts(report);
  if (report.changes.length === 0) return `scim-codegen diff: no changes against ${printable(report.against)}.`;
  const accepted = n.accepted > 0 ? ` (${n.accepted} accepted)` : "";
  return `scim-codegen diff: ${n.breaking} breaking${accepted}, ${n.compatible} compatible against ${printable(report.against)}.`;
}

/** One line per change (`file:line:col - breaking|compatible CODE: what changed, who it affects`), then the summary. */
export function formatText(report: DiffReport): string {
  const lines = report.changes.map((c) => `${where(c.at)} - ${c.severity} ${c.code}: ${printable(message(c))}${c.accepted ? ` (accepted: ${printable(c.accepted.reason)})` : ""}`);
  for (const a of report.unusedAcceptances) lines.push(`${where(a.at)} - note: ${unusedText(a, report)}`);
  lines.push(summaryLine(report));
  const open = report.changes.filter((c) => c.severity === "breaking" && !c.accepted);
  if (open.length > 0) {
    lines.push(`To accept a breaking change on purpose, add an entry with its reason to ${printable(report.acceptedFile)}:`, "accepted:");
    const seen = new Set<string>();
    for (const c of open) {
      const key = `${c.code}\u0000${c.subject}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // JSON strings are YAML double-quoted scalars: any subject pastes as it is.
      lines.push(`  - code: ${c.code}`, `    subject: ${printable(JSON.stringify(c.subject))}`, `    reason: "<why breaking existing clients is acceptable>"`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function unusedText(a: AcceptedChange, report: DiffReport): string {
  return `the accepted change ${a.code} ${printable(a.subject)} matches no change against ${printable(report.against)}; remove the entry once the change is merged.`;
}

/** The report as one JSON object. */
export function formatJson(report: DiffReport): string {
  const n = counts(report);
  return `${JSON.stringify(
    {
      against: report.against,
      breaking: n.breaking,
      accepted: n.accepted,
      compatible: n.compatible,
      changes: report.changes.map((c) => ({
        file: c.at.file,
        line: c.at.line,
        col: c.at.col,
        side: c.side,
        severity: c.severity,
        code: c.code,
        subject: c.subject,
        what: c.what,
        affects: diffCodes[c.code].affects,
        accepted: c.accepted ? { reason: c.accepted.reason, file: c.accepted.at.file, line: c.accepted.at.line, col: c.accepted.at.col } : null,
      })),
      unusedAcceptances: report.unusedAcceptances.map((a) => ({ code: a.code, subject: a.subject, reason: a.reason, file: a.at.file, line: a.at.line, col: a.at.col })),
    },
    null,
    2,
  )}\n`;
}

/**
 * GitHub Actions workflow commands: an error annotation per unaccepted breaking change, a notice per
 * accepted or compatible one, a warning per stale allow-list entry, then the summary as a plain line.
 * A removal's position is in the other version; its title says so.
 */
export function formatGithub(report: DiffReport): string {
  // printable first: a control character in a name (an authentication scheme's is free text) would reach
  // the log as it is; then the workflow command's own escaping.
  const annotation = (level: "error" | "warning" | "notice", at: SourcePosition, title: string, text: string): string =>
    `::${level} file=${githubAnnotationProperty(printable(at.file))},line=${at.line},col=${at.col},title=${githubAnnotationProperty(printable(title))}::${githubAnnotationMessage(printable(text))}`;
  const lines = report.changes.map((c) => {
    const title = `scim-codegen diff: ${c.severity} ${c.code}${c.accepted ? " (accepted)" : ""}${c.side === "old" ? ` (line in ${report.against})` : ""}`;
    const level = c.severity === "breaking" && !c.accepted ? "error" : "notice";
    return annotation(level, c.at, title, `${message(c)}${c.accepted ? ` (accepted: ${c.accepted.reason})` : ""} [${c.subject}]`);
  });
  for (const a of report.unusedAcceptances) lines.push(annotation("warning", a.at, "scim-codegen diff: stale acceptance", unusedText(a, report)));
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}
