// `npm start` as a developer runs it: the real command, on the repository's own .marquee/ data (it is
// idempotent), with its ports moved to free ones. Measures the time to its "ready" line with the data
// already seeded, the memory of every process it started, and whether SIGINT leaves anything behind.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@marquee/aws-local/engines/readiness";
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
  stop: StopOutcome;
};

/**
 * Stopping is tried the strict way first: SIGINT to the npm process alone, as a process manager or
 * `kill -INT` does, which works only if every wrapper passes the signal on. If that leaves processes, a
 * terminal's Ctrl-C follows (SIGINT to the whole process group). What survives both is killed.
 */
export type StopOutcome = {
  /** From the SIGINT that worked to the last process of the tree gone (NaN when some never went). */
  seconds: number;
  /** Alive after the SIGINT to npm's pid. */
  leftAfterPidSignal: ProcessInfo[];
  /** Alive after the Ctrl-C that followed (empty when it was not needed). */
  leftAfterCtrlC: ProcessInfo[];
};

type RunningStart = { child: ChildProcess; readySeconds: number; output: () => string; stackJsonRewritten: boolean };

const seedingStartTimeoutMs = 600_000;
const seededStartTimeoutMs = 120_000;
const pidSignalTimeoutMs = 10_000;
const ctrlCTimeoutMs = 15_000;

export async function measureNpmStart(repoRoot: string, log: (line: string) => void): Promise<NpmStartMeasure> {
  let firstStartSeedSeconds: number | null = null;
  let running = await startNpm(repoRoot, seedingStartTimeoutMs);
  const seeded = /\[marquee\] seeded \d+ titles .* in ([\d.]+) s/.exec(running.output());
  if (seeded) {
    firstStartSeedSeconds = Number(seeded[1]);
    log(`npm start: .marquee/ had no catalog; the first start seeded it in ${firstStartSeedSeconds} s, so starting again to measure`);
    const stopped = await stopNpm(running.child);
    if (stopped.leftAfterCtrlC.length > 0) throw new Error(`the seeding start left processes behind: ${describe(stopped.leftAfterCtrlC)}`);
    running = await startNpm(repoRoot, seededStartTimeoutMs);
  }
  if (!/catalog already seeded/.test(running.output())) {
    log(`npm start: expected "catalog already seeded" in its output:\n${running.output()}`);
  }
  const processes = processTree(running.child.pid!);
  const stop = await stopNpm(running.child);
  return { firstStartSeedSeconds, readySeconds: running.readySeconds, stackJsonRewritten: running.stackJsonRewritten, processes, stop };
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
  // Its own process group (detached), so a Ctrl-C can be sent to it without reaching the benchmark.
  const child = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
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

async function stopNpm(child: ChildProcess): Promise<StopOutcome> {
  const tree = child.pid ? processTree(child.pid) : [];
  let signalled = performance.now();
  const alive = () => tree.filter((info) => isAlive(info.pid));
  const waitUntilGone = async (timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (alive().length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return alive();
  };
  signal(child.pid, "SIGINT");
  const leftAfterPidSignal = await waitUntilGone(pidSignalTimeoutMs);
  let leftAfterCtrlC: ProcessInfo[] = [];
  if (leftAfterPidSignal.length > 0 && child.pid) {
    signalled = performance.now();
    signal(-child.pid, "SIGINT");
    leftAfterCtrlC = await waitUntilGone(ctrlCTimeoutMs);
  }
  const seconds = leftAfterCtrlC.length > 0 ? Number.NaN : (performance.now() - signalled) / 1000;
  for (const info of leftAfterCtrlC) signal(info.pid, "SIGKILL");
  return { seconds, leftAfterPidSignal, leftAfterCtrlC };
}

function signal(pid: number | undefined, name: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

export function describe(processes: ProcessInfo[]): string {
  return processes.map((info) => `${info.label} (pid ${info.pid})`).join(", ");
}
