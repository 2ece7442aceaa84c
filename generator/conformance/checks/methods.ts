import { defineCheck, fromProblems, skip, type Check } from "../check.js";
import { describeOutcome, methodProbes, mislabelledBodyProbe, scimErrorProblems, type Probe } from "../probes.js";

const allowedInAllow = new Set(["GET", "HEAD"]);

/** Methods (RFC 7644 §4, RFC 9110 §15.5.6): discovery is read-only; writes get 405 before any body parsing. */
export const methodChecks: readonly Check[] = [
  defineCheck("methods.not-allowed", "required", "RFC 7644 §4", "POST, PUT, PATCH and DELETE on discovery paths answer 405", async (context) => {
    const probes = await methodProbes(context);
    return fromProblems(probes.filter((probe) => !is405(probe)).map((probe) => `${probe.label} ${describeOutcome(probe.outcome)}`));
  }),
  defineCheck("methods.allow-header", "required", "RFC 9110 §15.5.6", "every 405 carries Allow: GET (HEAD may be added, nothing else)", async (context) => {
    const rejected = (await methodProbes(context)).filter(is405);
    if (rejected.length === 0) return skip("no probe answered 405");
    const problems: string[] = [];
    for (const probe of rejected) {
      const header = probe.outcome.ok ? probe.outcome.response.headers["allow"] : undefined;
      const methods = (header ?? "").split(",").map((method) => method.trim().toUpperCase()).filter((method) => method !== "");
      if (!methods.includes("GET") || methods.some((method) => !allowedInAllow.has(method))) {
        problems.push(`${probe.label} → 405 with Allow ${header === undefined ? "absent" : JSON.stringify(header)}`);
      }
    }
    return fromProblems(problems);
  }),
  defineCheck("methods.error-body", "required", "RFC 7644 §3.12", "every 405 is a SCIM Error in application/scim+json", async (context) => {
    const rejected = (await methodProbes(context)).filter(is405);
    if (rejected.length === 0) return skip("no probe answered 405");
    return fromProblems(rejected.flatMap((probe) => scimErrorProblems(probe.label, probe.outcome, 405)));
  }),
  defineCheck("methods.before-body-parsing", "required", "RFC 7644 §4", "a non-JSON body labelled application/scim+json still gets 405, not a parse error", async (context) => {
    // Okta's test posts the body "test": the method must be rejected before the body is read.
    const probe = await mislabelledBodyProbe(context);
    return is405(probe) ? fromProblems([]) : fromProblems([`${probe.label} ${describeOutcome(probe.outcome)}`]);
  }),
];

function is405(probe: Probe): boolean {
  return probe.outcome.ok && probe.outcome.response.status === 405;
}
