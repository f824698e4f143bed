// The infrastructure check needs no local engines, so it runs without the root config's global stack.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["infra/test/**/*.test.ts"],
    // One SST program per test file and process: Pulumi's runtime state is global.
    pool: "forks",
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
