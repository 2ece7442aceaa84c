import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that start servers or child processes need more than the 5 s default on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
