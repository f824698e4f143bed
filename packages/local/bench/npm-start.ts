// `npm start` as a developer runs it: the real command, on the repository's own .marquee/ data (it is
// idempotent), with its ports moved to free ones. Measures the time to its "ready" line with the data
// already seeded, the memory of every process it started, and whether SIGINT leaves anything behind.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../src/engines/readiness.ts";
import { isAlive, processTree, type ProcessInfo } from "./processes.ts";

export type NpmStartMeasure = {
  /** Set when .marquee/ held no catalog yet and a first start had to seed it (not part of readySeconds). */
  firstStartSeedSeconds: number | null;
  /** From spawning `npm start` to its "ready" line, on seeded data. */
  readySeconds: number;
  /** True when .marquee/stack.json was rewritten with this start's GraphQL port. */
  stackJsonRewritten: boolean;
  /** Every process in the tree at ready time (npm, sh, tsx, node, java, cognito-local). */
  processes: ProcessInfo[];
  /** From SIGINT to the last process of the tree gone. */
  stopSeconds: number;
  /** Processes still alive 15 s after SIGINT (the benchmark then kills them). */
  leftBehind: ProcessInfo[];
};

type RunningStart = { child: ChildProcess; readySeconds: number; output: () => string; stackJsonRewritten: boolean };

const seedingStartTimeoutMs = 600_000;
const seededStartTimeoutMs = 120_000;
const stopTimeoutMs = 15_000;

export async function measureNpmStart(repoRoot: string, log: (line: string) => void): Promise<NpmStartMeasure> {
  let firstStartSeedSeconds: number | null = null;
  let running = await startNpm(repoRoot, seedingStartTimeoutMs);
  const seeded = /\[marquee\] seeded \d+ titles .* in ([\d.]+) s/.exec(running.output());
  if (seeded) {
    firstStartSeedSeconds = Number(seeded[1]);
    log(`npm start: .marquee/ had no catalog; the first start seeded it in ${firstStartSeedSeconds} s, so starting again to measure`);
    const stopped = await stopNpm(running.child);
    if (stopped.leftBehind.length > 0) throw new Error(`the seeding start left processes behind: ${describe(stopped.leftBehind)}`);
    running = await startNpm(repoRoot, seededStartTimeoutMs);
  }
  if (!/catalog already seeded/.test(running.output())) {
    log(`npm start: expected "catalog already seeded" in its output:\n${running.output()}`);
  }
  const processes = processTree(running.child.pid!);
  const stopped = await stopNpm(running.child);
  return { firstStartSeedSeconds, readySeconds: running.readySeconds, stackJsonRewritten: running.stackJsonRewritten, processes, ...stopped };
}

async function startNpm(repoRoot: string, timeoutMs: number): Promise<RunningStart> {
  const ports = {
    MARQUEE_PORT: await freePort(),
    MARQUEE_DYNAMODB_PORT: await freePort(),
    MARQUEE_COGNITO_PORT: await freePort(),
    MARQUEE_S3_PORT: await freePort(),
  };
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])) };
  // The benchmark's own stack points the SDK at its engines through these: npm start must find its own.
  for (const name of Object.keys(env)) if (name.startsWith("AWS_ENDPOINT_URL_") || name.startsWith("SST_RESOURCE_")) delete env[name];

  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const readySeconds = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`npm start was not ready within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = () => {
      if (!/\[marquee\] ready in /.test(output)) return;
      cleanup();
      resolve((performance.now() - started) / 1000);
    };
    const onExit = (code: number | null) => fail(new Error(`npm start exited (code ${code}) before it was ready`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.off("exit", onExit);
    };
    function fail(error: Error) {
      cleanup();
      void stopNpm(child).finally(() => reject(new Error(`${error.message}:\n${output.slice(-3000)}`)));
    }
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
  });
  return { child, readySeconds, output: () => output, stackJsonRewritten: stackJsonWritten(repoRoot, spawnedAt, ports.MARQUEE_PORT) };
}

function stackJsonWritten(repoRoot: string, since: number, graphqlPort: number): boolean {
  const file = join(repoRoot, ".marquee", "stack.json");
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as { graphqlUrl?: string };
    return statSync(file).mtimeMs >= since - 1000 && info.graphqlUrl?.includes(`:${graphqlPort}/`) === true;
  } catch {
    return false;
  }
}

/**
 * SIGINT to the npm process only (as a process manager stops it), not to its whole process group as a
 * terminal's Ctrl-C would: then every engine must be stopped by the stack's own shutdown, which is what
 * is being checked. Whatever is still alive after the timeout is reported, then killed.
 */
async function stopNpm(child: ChildProcess): Promise<{ stopSeconds: number; leftBehind: ProcessInfo[] }> {
  const tree = child.pid ? processTree(child.pid) : [];
  const started = performance.now();
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  const deadline = started + stopTimeoutMs;
  while (tree.some((info) => isAlive(info.pid)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const stopSeconds = (performance.now() - started) / 1000;
  const leftBehind = tree.filter((info) => isAlive(info.pid));
  for (const info of leftBehind) {
    try {
      process.kill(info.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return { stopSeconds, leftBehind };
}

export function describe(processes: ProcessInfo[]): string {
  return processes.map((info) => `${info.label} (pid ${info.pid})`).join(", ");
}
