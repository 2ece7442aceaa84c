import type { DiagnosticCode } from "./codes.js";

/** How bad a finding is: errors stop the run, warnings are printed and the run goes on. */
export type Severity = "error" | "warning";

/** A position in a definition file, 1-based as editors show it. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** One finding about the user's definitions, with where it is and what would be right. */
export interface Diagnostic extends SourcePosition {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** Formats a diagnostic as `file:line:col - error code: message`, the form editors link; always one line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${printable(d.file)}:${d.line}:${d.col} - ${d.severity} ${d.code}: ${printable(d.message)}`;
}

// Control characters, line and paragraph separators, and the bidirectional and zero-width formatting
// characters that can make a terminal show something other than the text, and lone surrogates (with
// the `u` flag the class matches no half of a pair), which no terminal encoding can show.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/gu;

/**
 * Text from a definition (a file name, a quoted value) as a terminal can show it: each control or
 * invisible formatting character as `\uXXXX`, so a name cannot break a diagnostic into two lines or
 * disguise one.
 */
export function printable(text: string): string {
  return text.replace(unprintable, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Sorts diagnostics by file, line, column, then code and message, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...list].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Collects diagnostics while a step runs. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  /** Records an error at a position. */
  error(at: SourcePosition, code: DiagnosticCode, message: string): void {
    this.items.push({ ...at, severity: "error", code, message });
  }

  /** Records a warning at a position. */
  warning(at: SourcePosition, code: DiagnosticCode, message: string): void {
    this.items.push({ ...at, severity: "warning", code, message });
  }
}
