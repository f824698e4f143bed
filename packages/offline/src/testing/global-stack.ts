// vitest globalSetup: one ephemeral local stack (the same startStack code as `npm start`) for the
// integration tests, in its own process, as a deployed API would be.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type { StackInfo } from "../stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackInfo & { pids: number[] };
  }
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
let child: ChildProcess | undefined;

export async function setup(project: TestProject) {
  const tsx = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");
  child = spawn(process.execPath, [tsx, "packages/offline/src/cli/serve-ephemeral.ts"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const info = await new Promise<StackInfo & { pids: number[] }>((resolvePromise, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`The test stack did not start within 120 s:\n${stderr}`)), 120_000);
    child!.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("MARQUEE_STACK "));
      if (line) {
        clearTimeout(timer);
        resolvePromise(JSON.parse(line.slice("MARQUEE_STACK ".length)));
      }
    });
    child!.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The test stack exited (code ${code}) before it was ready:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await teardown();
    throw error;
  });
  project.provide("stack", info);
}

export async function teardown() {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child!.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child?.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
