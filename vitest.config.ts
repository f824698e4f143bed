import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "packages/*/src/**/*.test.ts", "infra/test/**/*.test.ts"],
    globalSetup: ["packages/local/test/support/global-stack.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2 cores: engines started by tests compete with the shared stack; keep parallelism modest.
    maxWorkers: 2,
  },
});
