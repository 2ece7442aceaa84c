import { defineConfig } from "vitest/config";

// The suites `npm run mutate` runs (stryker.config.mjs), per folder of generator/ it mutates
// (SCIM_MUTATE_FOLDER, set by scripts/mutate.mjs): only the fast in-process unit suites that import that
// folder's code. Left out on purpose: the e2e, packaging and adapter-server suites (they install packages or
// start servers), the kill loop and the lock races (child processes killed at random: a mutant would time
// out, not be killed), and for runtime/, every suite that emits the core package: the emitter copies the
// runtime's source text from disk, and Stryker's sandbox holds it instrumented.
const suites: Readonly<Record<string, readonly string[]>> = {
  // portability.test.ts reads the runtime's source text, which the sandbox holds instrumented.
  // target-handler-overflow.test.ts sends 4,500 requests: over a minute under Stryker's per-test coverage
  // counters (past the test timeout, so the dry run failed), and every mutant of the request path would
  // run it; lru-cache.test.ts tests the same overflow of the memo with three keys.
  runtime: ["test/runtime/**/*.test.ts", "!test/runtime/portability.test.ts", "!test/runtime/target-handler-overflow.test.ts"],
  // The unit suites on hand-made file lists (milliseconds a test). The suites that compile real definitions
  // in beforeAll (output-on-disk, output-ownership, output-crash's sweeps of 15 s a test, output.test's
  // whole pipeline) would cost seconds to a minute a mutant; they guard the same code in `npm test`, so the
  // score measured without them is a lower bound.
  output: ["test/generator/output-writer.test.ts", "test/generator/output-journal-lock.test.ts"],
  // Only suites that stop before formatting: a suite that formats the whole output (schema-order,
  // determinism, rfc7643's emitted documents) costs 10 s and more a mutant on this machine. Those suites
  // still guard the same code in `npm test`; here they would take the whole budget.
  // model.test.ts too: what validation hands on (the typed project file) is seen only in the model.
  validate: ["test/generator/diagnostics.test.ts", "test/generator/model.test.ts"],
  // diagnostics.test.ts too: model/definition-types.ts holds lists that validation reads (the Python adapters).
  model: ["test/generator/model.test.ts", "test/generator/diagnostics.test.ts"],
  // Suites that call the emitters inside each test, on models built once: emitted-output.test.ts holds their
  // output to the RFC figures and hand-written lists. Left out: the suites that read generated/ (they test the
  // committed output, not the emitter under mutation), run the emitters at collection time or in beforeAll (every
  // mutant would run every test) or format, compile or parse the whole output (markdown-escaping,
  // yaml-portability, schema-order, core-package, validators: seconds a test). They guard the same code in
  // `npm test`, so this score is a lower bound.
  // The emitted-*.test.ts suites beside it hold each emitter's pieces (OpenAPI schemas and paths, validators,
  // core and adapter packages, Python package) to hand-written texts and objects.
  emit: [
    "test/emit/emitted-output.test.ts",
    "test/emit/emitted-openapi-schemas.test.ts",
    "test/emit/emitted-openapi-paths.test.ts",
    "test/emit/emitted-validators.test.ts",
    "test/emit/emitted-core-and-adapters.test.ts",
    "test/emit/emitted-python.test.ts",
    "test/emit/escape.test.ts",
    "test/emit/output-path.test.ts",
  ],
};

const folder = process.env["SCIM_MUTATE_FOLDER"] ?? "";
const include = suites[folder];
if (include === undefined) throw new Error(`SCIM_MUTATE_FOLDER must be one of ${Object.keys(suites).join(", ")}, not ${JSON.stringify(folder)}`);

export default defineConfig({
  test: {
    include: include.filter((glob) => !glob.startsWith("!")),
    exclude: ["node_modules/**", ...include.filter((glob) => glob.startsWith("!")).map((glob) => glob.slice(1))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
