import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that start servers or child processes need more than the 5 s default on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Type-level tests (*.test-d.ts): tsc checks them as part of `vitest run`, so a broken expectTypeOf or a
    // @ts-expect-error that no longer errors fails the run by itself.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
