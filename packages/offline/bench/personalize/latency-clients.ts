// Worker-thread entry of latency.ts: GetRecommendations through the SDK client, timed, against the endpoint
// it is given. Top picks for MovieLens users, 25 items; with the profile filter for the filtered line.
import { GetRecommendationsCommand, PersonalizeRuntimeClient, type GetRecommendationsCommandInput } from "@aws-sdk/client-personalize-runtime";
import { parentPort, workerData } from "node:worker_threads";
import { seededRandom } from "./protocol.ts";

export type ClientsInput = { endpoint: string; userIds: number[]; recommenderArn: string; filterArn: string };
export type Percentiles = { p50: number; p99: number; requests: number };
export type ClientsResult = {
  /** Users seen before: their scores are kept by the serving model and only topped up with new items. */
  oneClient: Percentiles;
  /** CPU time of the whole process (client and endpoint threads) per request of `oneClient`: steadier than wall time on a busy machine. */
  cpuMillisecondsPerRequest: number;
  /** Each user's first request: the scores computed from their whole history. */
  oneClientFirstRequest: Percentiles;
  oneClientFiltered: Percentiles;
  concurrent: { clients: number; requestsPerSecond: number; p50: number; p99: number };
};
export type ClientsDone = { kind: "done"; result: ClientsResult } | { kind: "failed"; message: string };

const concurrentClients = 16;
const concurrentSeconds = 5;

async function measure({ endpoint, userIds, recommenderArn, filterArn }: ClientsInput): Promise<ClientsResult> {
  const clientConfig = { endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, maxAttempts: 1 };
  const random = seededRandom(5);
  const requestFor = (filtered: boolean, user = userIds[Math.floor(random() * userIds.length)]!): GetRecommendationsCommandInput => {
    const request = { recommenderArn, userId: `user-${user}`, numResults: 25 };
    // A teen profile: nothing it finished, nothing rated above THIRTEEN_PLUS.
    return filtered ? { ...request, filterArn, filterValues: { MATURITY: '"ALL","SEVEN_PLUS","THIRTEEN_PLUS"' } } : request;
  };
  const timed = async (client: PersonalizeRuntimeClient, input: GetRecommendationsCommandInput) => {
    const begin = performance.now();
    const response = await client.send(new GetRecommendationsCommand(input));
    if ((response.itemList?.length ?? 0) === 0) throw new Error(`GetRecommendations for ${input.userId} returned no items.`);
    return performance.now() - begin;
  };

  const client = new PersonalizeRuntimeClient(clientConfig);
  // Warm the code paths on a few users; every other user's first request then scores from scratch.
  const warmupUsers = userIds.slice(0, 50);
  for (let i = 0; i < 300; i++) await timed(client, requestFor(i % 2 === 0, warmupUsers[i % warmupUsers.length]));
  const firstRequests: number[] = [];
  for (const user of userIds.slice(warmupUsers.length)) firstRequests.push(await timed(client, requestFor(false, user)));
  const sequential = async (count: number, filtered: boolean) => {
    const durations: number[] = [];
    for (let i = 0; i < count; i++) durations.push(await timed(client, requestFor(filtered)));
    return durations;
  };
  const cpuBefore = process.cpuUsage();
  const oneClient = await sequential(2000, false);
  const cpu = process.cpuUsage(cpuBefore);
  const oneClientFiltered = await sequential(1000, true);
  client.destroy();

  const pool = Array.from({ length: concurrentClients }, () => new PersonalizeRuntimeClient(clientConfig));
  const durations: number[] = [];
  const deadline = performance.now() + concurrentSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    pool.map(async (each) => {
      while (performance.now() < deadline) durations.push(await timed(each, requestFor(false)));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const each of pool) each.destroy();

  return {
    oneClient: percentiles(oneClient),
    cpuMillisecondsPerRequest: (cpu.user + cpu.system) / 1000 / oneClient.length,
    oneClientFirstRequest: percentiles(firstRequests),
    oneClientFiltered: percentiles(oneClientFiltered),
    concurrent: { clients: concurrentClients, requestsPerSecond: durations.length / elapsed, p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) },
  };
}

const percentiles = (durations: number[]): Percentiles => ({ p50: percentile(durations, 0.5), p99: percentile(durations, 0.99), requests: durations.length });

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

const port = parentPort;
if (port) {
  measure(workerData as ClientsInput).then(
    (result) => port.postMessage({ kind: "done", result } satisfies ClientsDone),
    (error: unknown) => port.postMessage({ kind: "failed", message: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies ClientsDone),
  );
}
