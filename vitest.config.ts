import { defineConfig } from "vitest/config";

// Two projects: "unit" needs no stack (or starts the one engine it tests); "api" talks to one shared
// local stack started by the same code as `npm start` (tests under a `test/api/` folder).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2 cores: engines started by tests compete with the shared stack; keep parallelism modest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // infra/ has its own check (npm run check:infra), run by npm test before vitest.
          include: ["packages/*/test/**/*.test.ts", "packages/*/src/**/*.test.ts", "packages/offline/bench/test/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["packages/*/test/api/**", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "api",
          include: ["packages/*/test/api/**/*.test.ts"],
          globalSetup: ["packages/offline/src/testing/global-stack.ts"],
        },
      },
    ],
  },
});
