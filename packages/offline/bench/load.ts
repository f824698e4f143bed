// The load generator as the benchmark sees it: one worker thread (load-worker.ts) that runs one load at
// a time and answers with latencies, summarised here.
import { Worker } from "node:worker_threads";
import type { LoadJob, LoadReply, LoadResult, LoadShape, LoadTarget } from "./load-types.ts";

export type LoadSummary = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  failed: number;
};

export type LoadGenerator = {
  /**
   * A measure beside its baseline: `rounds` alternating windows of each, adding up to `shape.seconds`
   * per side, so a change in the machine's background load falls on both alike.
   */
  compare(measured: LoadTarget, baseline: LoadTarget, shape: LoadShape, rounds: number): Promise<{ measured: LoadSummary; baseline: LoadSummary }>;
  close(): Promise<void>;
};

/** More failures than this and the figures say nothing: the benchmark stops. */
const toleratedFailureRate = 0.001;

export function startLoadGenerator(): LoadGenerator {
  const worker = startTypeScriptWorker(new URL("./load-worker.ts", import.meta.url));
  const pending = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.on("message", (reply: LoadReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) waiting?.reject(new Error(`load generator: ${reply.error}`));
    else waiting?.resolve(reply.result);
  });
  worker.on("error", (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });

  const runOnce = (target: LoadTarget, shape: LoadShape) =>
    new Promise<LoadResult>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, target, shape } satisfies LoadJob);
    });

  return {
    async compare(measured, baseline, shape, rounds) {
      const round = { ...shape, seconds: shape.seconds / rounds };
      const results = { measured: [] as LoadResult[], baseline: [] as LoadResult[] };
      for (let index = 0; index < rounds; index++) {
        // Which side goes first alternates too, so neither always follows the other's warm caches.
        const order = index % 2 === 0 ? (["baseline", "measured"] as const) : (["measured", "baseline"] as const);
        for (const side of order) results[side].push(await runOnce(side === "measured" ? measured : baseline, round));
      }
      return { measured: checked(measured, results.measured), baseline: checked(baseline, results.baseline) };
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** Summarises windows of one target, refusing figures that failures make meaningless. */
function checked(target: LoadTarget, results: LoadResult[]): LoadSummary {
  const summary = summarize(merge(results));
  if (summary.completed === 0 && summary.failed === 0) {
    throw new Error(`No request completed inside the measured windows (${describe(target)}): each took longer than a window; is the machine overloaded?`);
  }
  if (summary.completed === 0 || summary.failed > toleratedFailureRate * (summary.completed + summary.failed)) {
    const firstFailure = results.find((result) => result.firstFailure)?.firstFailure;
    throw new Error(`${summary.failed} of ${summary.completed + summary.failed} requests failed (${describe(target)}); first: ${firstFailure}`);
  }
  return summary;
}

function merge(results: LoadResult[]): LoadResult {
  const latencies = new Float64Array(results.reduce((sum, result) => sum + result.latenciesMs.length, 0));
  let offset = 0;
  for (const result of results) {
    latencies.set(result.latenciesMs, offset);
    offset += result.latenciesMs.length;
  }
  return {
    latenciesMs: latencies,
    failed: results.reduce((sum, result) => sum + result.failed, 0),
    firstFailure: results.find((result) => result.firstFailure)?.firstFailure ?? null,
    seconds: results.reduce((sum, result) => sum + result.seconds, 0),
  };
}

export function summarize(result: LoadResult): LoadSummary {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  return {
    requestsPerSecond: sorted.length / result.seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    completed: sorted.length,
    failed: result.failed,
  };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function describe(target: LoadTarget): string {
  return target.kind === "graphql" ? `GraphQL ${target.url}` : `DynamoDB ${target.endpoint}`;
}

/** Worker threads do not inherit tsx's loader, so the worker registers it before importing the TypeScript entry. */
function startTypeScriptWorker(entry: URL): Worker {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(bootstrap, { eval: true });
}
