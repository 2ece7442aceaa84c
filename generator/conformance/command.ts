import { defaultCheckOptions, type CheckOptions } from "./check.js";
import { allChecks } from "./checks/index.js";
import { maxResponseBytes, parseBaseUrl, runLimits } from "./http-client.js";
import { maxJsonDepth } from "./json.js";
import { exitCodeOf, formatJsonReport, formatTextReport } from "./report.js";
import { defaultTimeoutMs, runConformanceChecks } from "./run-checks.js";

/** Where the command writes; the CLI passes process.stdout/stderr writers, tests collect strings. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes of `scim-codegen check`. */
export const checkExitCodes = { ok: 0, requiredFailed: 1, usageOrUnreachable: 2 } as const;

/** `scim-codegen check --help`. */
export const checkHelpText = `Usage: scim-codegen check <baseUrl> [options]

Checks a deployed SCIM 2.0 service's discovery endpoints (RFC 7644 §4: /ServiceProviderConfig,
/ResourceTypes, /Schemas) the way strict clients and IGA pre-flights do. It sends GETs, one
read-only filtered GET on the User endpoint, and POST/PUT/PATCH/DELETE with the body "test" on
discovery paths (which must answer 405). Redirects are never followed, and credentials are only
sent below <baseUrl>.

Arguments:
  <baseUrl>                      the SCIM base, e.g. https://example.com/scim/v2

Options:
  --token <token>                bearer token sent with every request; also enables the
                                 authentication checks (401 without a token or with a wrong one)
  --json                         print one JSON report object instead of text lines
  --timeout <ms>                 per-request timeout in milliseconds (default ${defaultTimeoutMs})
  --exact-case                   the service matches ids and URIs exactly: a lookup in another
                                 letter case must answer 404 (default: it answers the canonical
                                 object, RFC 7644 §3.10)
  --no-service-provider-schemas  /Schemas need not list the ServiceProviderConfig, ResourceType
                                 and Schema schemas (default: it must)
  --spc-filter-forbidden         a filter on /ServiceProviderConfig must answer 403 (default: it
                                 is ignored and answers 200)
  --public-spc                   /ServiceProviderConfig must be readable without credentials
                                 (RFC 7643 §5; default: 401 or 200 are both accepted)
  --trust-forwarded-headers      the service builds meta.location from Host/X-Forwarded-* on
                                 purpose; skips the header-injection checks
  --discovery-only               the base serves the discovery endpoints only (no /Users yet):
                                 skip the check that filters a resource endpoint to verify
                                 filter.supported
  --list                         print every check (id, level, RFC section, title) and exit
  -h, --help                     show this help and exit

Limits (so that no service can exhaust the checker): a response body is read up to
${maxResponseBytes / 1024 / 1024} MiB and parsed only when it nests arrays and objects at most ${maxJsonDepth} deep; a run
sends at most ${runLimits.requests} requests and reads at most ${runLimits.bodyBytes / 1024 / 1024} MiB and ${runLimits.jsonValues} JSON values
in all. A request or body past a limit is reported as not sent or not JSON, naming
the limit.

Output: one line per check, "PASS|FAIL|SKIP  <id>  <RFC section>  <title>", a failure followed by
"— <what was seen>", then the summary "N passed, M failed[, K skipped]". Failures of
recommended-level checks are marked "(recommended)" and do not change the exit code.

Exit codes:
  0  no required check failed
  1  at least one required check failed
  2  usage error, or the base cannot be reached or does not answer SCIM
`;

interface ParsedArguments {
  readonly baseUrl?: string;
  readonly json: boolean;
  readonly help: boolean;
  readonly list: boolean;
  readonly timeoutMs: number;
  readonly options: CheckOptions;
}

type MutableOptions = { -readonly [K in keyof CheckOptions]: CheckOptions[K] };

// The behaviours SCIM-RULES.md leaves to the operator: one flag flips each default.
const flags: Readonly<Record<string, (options: MutableOptions) => void>> = {
  "--exact-case": (options) => (options.exactCase = true),
  "--no-service-provider-schemas": (options) => (options.serviceProviderSchemas = false),
  "--spc-filter-forbidden": (options) => (options.spcFilter = "forbidden"),
  "--public-spc": (options) => (options.publicServiceProviderConfig = true),
  "--trust-forwarded-headers": (options) => (options.trustForwardedHeaders = true),
  "--discovery-only": (options) => (options.discoveryOnly = true),
};

/** Parses the words after `check`; returns a one-line problem for a usage error. */
export function parseCheckArguments(argv: readonly string[]): ParsedArguments | string {
  let baseUrl: string | undefined;
  let json = false;
  let help = false;
  let list = false;
  let timeoutMs = defaultTimeoutMs;
  const options: MutableOptions = { ...defaultCheckOptions };
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? "";
    const equals = word.startsWith("--") ? word.indexOf("=") : -1;
    const name = equals === -1 ? word : word.slice(0, equals);
    const takeValue = (): string | undefined => {
      if (equals !== -1) return word.slice(equals + 1);
      const next = argv[index + 1];
      // "--token --json" is a forgotten value, not a token that starts with dashes.
      if (next === undefined || next.startsWith("--")) return undefined;
      index += 1;
      return next;
    };
    const isSwitch = name === "--help" || name === "--json" || name === "--list" || Object.hasOwn(flags, name);
    if (isSwitch && equals !== -1) return `${name} takes no value`;
    if (name === "--help" || name === "-h") help = true;
    else if (name === "--json") json = true;
    else if (name === "--list") list = true;
    else if (name === "--token") {
      const value = takeValue();
      if (value === undefined || value === "") return "--token needs a value";
      options.token = value;
    } else if (name === "--timeout") {
      const value = takeValue();
      // setTimeout holds at most 2^31-1 ms; larger values would fire at once.
      if (value === undefined || !/^[0-9]+$/.test(value) || Number(value) <= 0 || Number(value) > 2_147_483_647) return `--timeout needs a positive number of milliseconds, got ${JSON.stringify(value ?? "")}`;
      timeoutMs = Number(value);
    } else if (Object.hasOwn(flags, name)) {
      flags[name]?.(options);
    } else if (word.startsWith("-") && word !== "-") {
      return `unknown option ${word}`;
    } else if (baseUrl === undefined) {
      baseUrl = word;
    } else {
      return `unexpected argument ${JSON.stringify(word)} (only one base URL)`;
    }
  }
  return baseUrl === undefined ? { json, help, list, timeoutMs, options } : { baseUrl, json, help, list, timeoutMs, options };
}

/** `scim-codegen check <baseUrl> [--token T] [--json] [--timeout ms] …`; resolves to the exit code. */
export async function runCheckCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const parsed = parseCheckArguments(argv);
    if (typeof parsed === "string") return usageError(io, parsed);
    if (parsed.help) {
      io.stdout(checkHelpText);
      return checkExitCodes.ok;
    }
    if (parsed.list) {
      io.stdout(allChecks.map((check) => `${check.id}  ${check.level}  ${check.rfc}  ${check.title}\n`).join(""));
      return checkExitCodes.ok;
    }
    if (parsed.baseUrl === undefined) return usageError(io, "missing <baseUrl>");
    const base = parseBaseUrl(parsed.baseUrl);
    if (typeof base === "string") return usageError(io, base);
    const result = await runConformanceChecks({ baseUrl: parsed.baseUrl, options: parsed.options, timeoutMs: parsed.timeoutMs });
    if (!result.ok) {
      io.stderr(`${result.message}\n`);
      return checkExitCodes.usageOrUnreachable;
    }
    io.stdout(parsed.json ? formatJsonReport(result.report) : formatTextReport(result.report));
    return exitCodeOf(result.report);
  } catch (error) {
    // A throw here is a checker bug; the user still gets one line, never a stack trace.
    io.stderr(`scim-codegen check: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return checkExitCodes.usageOrUnreachable;
  }
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`scim-codegen check: ${message}\nRun "scim-codegen check --help" for usage.\n`);
  return checkExitCodes.usageOrUnreachable;
}
