import type { HttpClient } from "./http-client.js";

/** `required`: a strict client rejects the service; `recommended`: clients differ or the RFC says SHOULD. */
export type CheckLevel = "required" | "recommended";

/** Outcome status of one check. */
export type CheckStatus = "pass" | "fail" | "skip";

/** What a check is: stable id, one-line title, the RFC section behind it, and its level. */
export interface CheckDefinition {
  readonly id: string;
  readonly title: string;
  readonly rfc: string;
  readonly level: CheckLevel;
}

/** What running a check found; `detail` says what was seen (fail) or why it did not run (skip). */
export type CheckOutcome =
  | { readonly status: "pass"; readonly detail?: string }
  | { readonly status: "fail"; readonly detail: string }
  | { readonly status: "skip"; readonly detail: string };

/** Which of the behaviours SCIM-RULES.md leaves to the operator the service under test chose. */
export interface CheckOptions {
  /** Bearer token; without it the authentication checks are skipped. */
  readonly token?: string;
  /** The service matches ids and URIs exactly (RFC 7644 §3.10 default is case-insensitive). */
  readonly exactCase: boolean;
  /** /Schemas also lists the ServiceProviderConfig, ResourceType and Schema schemas (default). */
  readonly serviceProviderSchemas: boolean;
  /** A `filter` on /ServiceProviderConfig is ignored (default, scim2/test-suite) or answered 403. */
  readonly spcFilter: "ignored" | "forbidden";
  /** The operator opted in to building meta.location from Host / X-Forwarded-* headers. */
  readonly trustForwardedHeaders: boolean;
  /** /ServiceProviderConfig must be readable without authentication (RFC 7643 §5). */
  readonly publicServiceProviderConfig: boolean;
  /**
   * The base serves the discovery endpoints only (a generated adapter before the app's own /Users is
   * mounted): the check that probes a resource endpoint to hold a capability to the truth is skipped.
   */
  readonly discoveryOnly: boolean;
}

/** Defaults of {@link CheckOptions}: the behaviours SCIM-RULES.md names as defaults. */
export const defaultCheckOptions: CheckOptions = {
  exactCase: false,
  serviceProviderSchemas: true,
  spcFilter: "ignored",
  trustForwardedHeaders: false,
  publicServiceProviderConfig: false,
  discoveryOnly: false,
};

/** Everything a check may use: the cached HTTP client, the options and a per-run memo. */
export interface CheckContext {
  readonly http: HttpClient;
  readonly options: CheckOptions;
  /** Computes a value once per run; later calls with the same key share the promise. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** A check: its definition and the function that runs it. */
export interface Check extends CheckDefinition {
  run(context: CheckContext): Promise<CheckOutcome>;
}

/** A precondition: the value, or why it is unavailable (the dependent check then skips). */
export type Available<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Outcome: pass. */
export function pass(detail?: string): CheckOutcome {
  return detail === undefined ? { status: "pass" } : { status: "pass", detail };
}

/** Outcome: fail, with what was seen. */
export function fail(detail: string): CheckOutcome {
  return { status: "fail", detail };
}

/** Outcome: skip, with the reason. */
export function skip(detail: string): CheckOutcome {
  return { status: "skip", detail };
}

/** Pass when `problems` is empty, otherwise fail listing the first few. */
export function fromProblems(problems: readonly string[], max = 3): CheckOutcome {
  if (problems.length === 0) return pass();
  const shown = problems.slice(0, max).join("; ");
  return fail(problems.length > max ? `${shown} (+${problems.length - max} more)` : shown);
}

/** Declares a check; keeps check modules to one call per check. */
export function defineCheck(
  id: string,
  level: CheckLevel,
  rfc: string,
  title: string,
  run: (context: CheckContext) => Promise<CheckOutcome>,
): Check {
  return { id, level, rfc, title, run };
}
