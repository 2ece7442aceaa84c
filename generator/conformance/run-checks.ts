import { defaultCheckOptions, type Check, type CheckContext, type CheckDefinition, type CheckOptions, type CheckOutcome, type CheckStatus } from "./check.js";
import { allChecks } from "./checks/index.js";
import { createHttpClient, parseBaseUrl, type HttpOutcome } from "./http-client.js";
import { isJsonArray, isJsonObject } from "./json.js";
import { describeOutcome, get, paths } from "./probes.js";

/** What {@link runConformanceChecks} needs: the base URL, the operator's choices and the per-request timeout. */
export interface RunChecksInput {
  readonly baseUrl: string;
  readonly options?: Partial<CheckOptions>;
  /** Per-request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** The checks to run (default: all of them). */
  readonly checks?: readonly Check[];
  /** Sees every exchange sent over the network (tests validate each response against the OpenAPI). */
  readonly onExchange?: (outcome: HttpOutcome) => void;
}

/** One check's result: its definition, status and, for fail/skip, what was seen or why. */
export interface CheckResult extends CheckDefinition {
  readonly status: CheckStatus;
  readonly detail?: string;
}

/** Counts over the results; `requiredFailed > 0` is what makes the run fail. */
export interface ReportSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly requiredFailed: number;
  readonly recommendedFailed: number;
}

/** The typed result of a run, the source of both the text and the JSON output. */
export interface ConformanceReport {
  readonly baseUrl: string;
  /** True when no required check failed. */
  readonly ok: boolean;
  readonly summary: ReportSummary;
  readonly results: readonly CheckResult[];
  /** Distinct HTTP requests sent (each is sent once per run). */
  readonly requestCount: number;
}

/** A report, or the one-line reason the base could not be checked at all (bad URL, unreachable, not SCIM). */
export type CheckRunResult = { readonly ok: true; readonly report: ConformanceReport } | { readonly ok: false; readonly message: string };

/** Default per-request timeout. */
export const defaultTimeoutMs = 10_000;

/** Runs every check against a deployed service; never throws for anything the service does. */
export async function runConformanceChecks(input: RunChecksInput): Promise<CheckRunResult> {
  const base = parseBaseUrl(input.baseUrl);
  if (typeof base === "string") return { ok: false, message: base };
  const options: CheckOptions = { ...defaultCheckOptions, ...input.options };
  const http = createHttpClient({
    base,
    timeoutMs: input.timeoutMs ?? defaultTimeoutMs,
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(input.onExchange ? { onExchange: input.onExchange } : {}),
  });
  const memo = new Map<string, Promise<unknown>>();
  const context: CheckContext = {
    http,
    options,
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let pending = memo.get(key) as Promise<T> | undefined;
      if (pending === undefined) {
        pending = compute();
        memo.set(key, pending);
      }
      return pending;
    },
  };
  try {
    const unusable = await preflight(context);
    if (unusable !== undefined) return { ok: false, message: unusable };
    const results: CheckResult[] = [];
    for (const check of input.checks ?? allChecks) {
      const outcome = await runOne(check, context);
      const { run: _run, ...definition } = check;
      results.push(outcome.detail === undefined ? { ...definition, status: outcome.status } : { ...definition, status: outcome.status, detail: outcome.detail });
    }
    return { ok: true, report: buildReport(base.href, results, http.requestCount()) };
  } finally {
    http.close();
  }
}

async function runOne(check: Check, context: CheckContext): Promise<CheckOutcome> {
  try {
    return await check.run(context);
  } catch (error) {
    // A throw is a checker bug, not a finding about the service: report it without crashing the run.
    const message = error instanceof Error ? error.message : String(error);
    return { status: "skip", detail: `checker error: ${message}` };
  }
}

/** Why the base cannot be checked at all, or undefined when at least one discovery endpoint answers JSON. */
async function preflight(context: CheckContext): Promise<string | undefined> {
  const { href } = context.http.base;
  const targets = [paths.serviceProviderConfig, paths.resourceTypes, paths.schemas];
  const outcomes = await Promise.all(targets.map((path) => get(context, path)));
  const failures = outcomes.filter((outcome): outcome is HttpOutcome & { ok: false } => !outcome.ok);
  const first = failures[0];
  if (first !== undefined && failures.length === outcomes.length) {
    return first.kind === "protocol" ? `${href} answered garbage: ${first.error}` : `cannot reach ${href}: ${first.error}`;
  }
  const usable = outcomes.some(
    (outcome) => outcome.ok && outcome.response.status === 200 && outcome.response.json.ok && (isJsonObject(outcome.response.json.value) || isJsonArray(outcome.response.json.value)),
  );
  if (usable) return undefined;
  const seen = targets.map((path, index) => `GET ${path} ${describeAnswer(outcomes[index] ?? first ?? { ok: false, kind: "other", error: "not sent" })}`).join(", ");
  const rejected = outcomes.some((outcome) => outcome.ok && (outcome.response.status === 401 || outcome.response.status === 403));
  const hint = !rejected ? "" : context.options.token === undefined ? "; pass --token" : "; the token was rejected";
  return `${href} does not look like a SCIM service: ${seen}${hint}`;
}

/** What a preflight probe answered; a 200 also says why its body is not usable JSON. */
function describeAnswer(outcome: HttpOutcome): string {
  const described = describeOutcome(outcome);
  if (!outcome.ok || outcome.response.status !== 200) return described;
  const { json } = outcome.response;
  return json.ok ? `${described} with a body that is neither an object nor an array` : `${described} with a body that is not JSON (${json.error})`;
}

function buildReport(baseUrl: string, results: readonly CheckResult[], requestCount: number): ConformanceReport {
  const count = (status: CheckStatus): number => results.filter((result) => result.status === status).length;
  const requiredFailed = results.filter((result) => result.status === "fail" && result.level === "required").length;
  const summary: ReportSummary = {
    passed: count("pass"),
    failed: count("fail"),
    skipped: count("skip"),
    requiredFailed,
    recommendedFailed: count("fail") - requiredFailed,
  };
  return { baseUrl, ok: requiredFailed === 0, summary, results, requestCount };
}
