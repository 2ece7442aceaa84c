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

/** Formats a diagnostic as `file:line:col - error code: message`, the form editors link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} - ${d.severity} ${d.code}: ${d.message}`;
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
