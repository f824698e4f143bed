import { defineConfig } from "vitest/config";

// The benchmark's own tests (its load generator, statistics, report, process tree). Not in the root
// projects' globs: run with `npx vitest run --config packages/offline/bench/vitest.config.ts`.
export default defineConfig({
  test: {
    include: ["packages/offline/bench/test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
