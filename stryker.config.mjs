// Mutation testing of generator/ (issue 14). `npm run mutate` (scripts/mutate.mjs) runs Stryker once per
// folder of generator/ (runtime, output, validate, model, emit), naming it in SCIM_MUTATE_FOLDER: this file
// mutates that folder only, runs that folder's suites (vitest.stryker.config.ts) and keeps its incremental
// file and reports under reports/mutation/<folder>/ (git-ignored). Not part of `npm test` or .ci/run.
const folder = process.env.SCIM_MUTATE_FOLDER ?? "";
if (!/^(runtime|output|validate|model|emit)$/.test(folder)) {
  throw new Error(`stryker.config.mjs: run it through npm run mutate (SCIM_MUTATE_FOLDER is ${JSON.stringify(folder)})`);
}
const reports = `reports/mutation/${folder}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [`generator/${folder}/**/*.ts`],
  testRunner: "vitest",
  // The folder's fast unit suites only; every mutant runs just the tests that cover it (perTest).
  vitest: { configFile: "vitest.stryker.config.ts", related: false },
  coverageAnalysis: "perTest",
  // A mutant that does not type-check is a compile error, never run (tsconfig.stryker.json: generator/ only).
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.stryker.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // One test process at a time: two cores, shared.
  concurrency: 1,
  timeoutMS: 20_000,
  // A rerun after a small change runs only the mutants and tests that changed.
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${reports}/mutation.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: ["reports", "bench-results", ".next"],
};
