import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../../src/engines/readiness.ts";
import { isRunning, waitFor } from "./helpers.ts";

describe("DynamoDB Local", () => {
  it("stops when the process that started it dies without stopping it", async () => {
    const port = await freePort();
    const parent = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/start-dynamodb.ts"), String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      parent.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()));
      parent.once("exit", (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const { pid } = JSON.parse(line) as { pid: number };
    try {
      expect(isRunning(pid)).toBe(true);
      parent.kill("SIGKILL");
      expect(await waitFor(() => !isRunning(pid), 10_000)).toBe(true);
    } finally {
      if (isRunning(pid)) process.kill(pid, "SIGKILL");
    }
  }, 90_000);
});
