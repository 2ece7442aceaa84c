import type { ConformanceReport } from "./run-checks.js";

const statusWords = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;

/** The text report: one line per check, then the summary line `N passed, M failed[, K skipped]` alone. */
export function formatTextReport(report: ConformanceReport): string {
  const lines = report.results.map((result) => {
    const level = result.status === "fail" && result.level === "recommended" ? " (recommended)" : "";
    const detail = result.detail === undefined || result.status === "pass" ? "" : ` — ${oneLine(result.detail)}`;
    return `${statusWords[result.status]}  ${result.id}  ${result.rfc}  ${result.title}${level}${detail}`;
  });
  return `${[...lines, summaryLine(report)].join("\n")}\n`;
}

/** `N passed, M failed`, plus `, K skipped` when K > 0. */
export function summaryLine(report: ConformanceReport): string {
  const { passed, failed, skipped } = report.summary;
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

/** The JSON report: one object, stable key order, no dates or versions, so two runs compare byte for byte. */
export function formatJsonReport(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** 0 when no required check failed, 1 otherwise. */
export function exitCodeOf(report: ConformanceReport): 0 | 1 {
  return report.ok ? 0 : 1;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
