// GetRecommendations through the real SDK client against the local Personalize loaded the way the seed
// loads it: every MovieLens rating exported to an interactions CSV, the movies as the items dataset (MATURITY
// from Marquee's genre rule), imported and trained before the endpoint answers. The endpoint runs on its own
// thread (startLocalPersonalizeThread), the clients on this one: one process, two cores.
import { GetRecommendationsCommand, PersonalizeRuntimeClient, type GetRecommendationsCommandInput } from "@aws-sdk/client-personalize-runtime";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maturityFromGenres } from "../../../core/src/title/maturity.ts";
import { loadMovieLens } from "../../src/movielens/index.ts";
import { exportInteractionsCsv, exportItemsCsv, startLocalPersonalizeThread, type ModelOptions } from "../../src/personalize/index.ts";
import { seededRandom } from "./protocol.ts";

const arn = (resource: string) => `arn:aws:personalize:us-east-1:123456789012:${resource}`;
const topPicks = arn("recommender/marquee-top-picks");
const kidsSafeUnwatched = arn("filter/marquee-unwatched-by-maturity");

export type Percentiles = { p50: number; p99: number; requests: number };

export type LatencyResult = {
  importAndTrainSeconds: number;
  modelItems: number;
  /** RSS growth of this process from before the import to the endpoint being ready. */
  serviceRssMebibytes: number;
  /** Users seen before: their scores are kept by the serving model and only topped up with new items. */
  oneClient: Percentiles;
  /** CPU time of this process (SDK client and endpoint threads) per request of `oneClient`: steadier than wall time on a busy machine. */
  cpuMillisecondsPerRequest: number;
  /** Each user's first request: the scores computed from their whole history. */
  oneClientFirstRequest: Percentiles;
  oneClientFiltered: Percentiles;
  concurrent: { clients: number; requestsPerSecond: number; p50: number; p99: number };
};

/** `movieLensDir` as locateMovieLens finds it. The data is loaded and exported here, then dropped: only the service holds it while requests are timed. */
export async function measureServingLatency(movieLensDir: string, modelOptions: Partial<ModelOptions>, log: (line: string) => void): Promise<LatencyResult> {
  const directory = mkdtempSync(join(tmpdir(), "personalize-bench-"));
  const interactionsCsv = join(directory, "interactions.csv");
  const itemsCsv = join(directory, "items.csv");
  const userIds = await exportMovieLens(movieLensDir, interactionsCsv, itemsCsv);

  const rssBefore = process.memoryUsage.rss();
  const started = performance.now();
  const local = await startLocalPersonalizeThread({
    recommenders: { [topPicks]: "top-picks" },
    filters: { [kidsSafeUnwatched]: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("finished") | INCLUDE ItemID WHERE Items.MATURITY IN ($MATURITY)' },
    model: modelOptions,
    interactionsCsv,
    itemsCsv,
  });
  const importAndTrainSeconds = (performance.now() - started) / 1000;
  const serviceRssMebibytes = (process.memoryUsage.rss() - rssBefore) / 2 ** 20;
  log(`local Personalize: ${local.model.interactions} interactions imported from CSV, ${local.model.modelItems} items modelled, ready in ${importAndTrainSeconds.toFixed(1)} s`);

  const clientConfig = { endpoint: local.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, maxAttempts: 1 };
  const random = seededRandom(5);
  const requestFor = (filtered: boolean): GetRecommendationsCommandInput => {
    const userId = `user-${userIds[Math.floor(random() * userIds.length)]}`;
    return filtered
      ? { recommenderArn: topPicks, userId, numResults: 25, filterArn: kidsSafeUnwatched, filterValues: { MATURITY: '"ALL","SEVEN_PLUS","THIRTEEN_PLUS"' } }
      : { recommenderArn: topPicks, userId, numResults: 25 };
  };
  const timed = async (client: PersonalizeRuntimeClient, input: GetRecommendationsCommandInput) => {
    const begin = performance.now();
    const response = await client.send(new GetRecommendationsCommand(input));
    if ((response.itemList?.length ?? 0) === 0) throw new Error(`GetRecommendations for ${input.userId} returned no items.`);
    return performance.now() - begin;
  };

  try {
    const client = new PersonalizeRuntimeClient(clientConfig);
    const summary = (durations: number[]) => ({ p50: percentile(durations, 0.5), p99: percentile(durations, 0.99), requests: durations.length });
    // Warm the code paths on a few users; every other user's first request then scores from scratch.
    const warmupUsers = userIds.slice(0, 50);
    for (let i = 0; i < 300; i++) await timed(client, { ...requestFor(i % 2 === 0), userId: `user-${warmupUsers[i % warmupUsers.length]}` });
    const firstRequests: number[] = [];
    for (const userId of userIds.slice(warmupUsers.length)) firstRequests.push(await timed(client, { ...requestFor(false), userId: `user-${userId}` }));
    const sequential = async (count: number, filtered: boolean) => {
      const durations: number[] = [];
      for (let i = 0; i < count; i++) durations.push(await timed(client, requestFor(filtered)));
      return summary(durations);
    };
    const cpuBefore = process.cpuUsage();
    const oneClient = await sequential(2000, false);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMillisecondsPerRequest = (cpu.user + cpu.system) / 1000 / oneClient.requests;
    const oneClientFiltered = await sequential(1000, true);
    client.destroy();

    const clients = 16;
    const seconds = 5;
    const pool = Array.from({ length: clients }, () => new PersonalizeRuntimeClient(clientConfig));
    const durations: number[] = [];
    const deadline = performance.now() + seconds * 1000;
    const loopStarted = performance.now();
    await Promise.all(
      pool.map(async (each) => {
        while (performance.now() < deadline) durations.push(await timed(each, requestFor(false)));
      }),
    );
    const elapsed = (performance.now() - loopStarted) / 1000;
    for (const each of pool) each.destroy();
    return {
      importAndTrainSeconds,
      modelItems: local.model.modelItems,
      serviceRssMebibytes,
      oneClient,
      cpuMillisecondsPerRequest,
      oneClientFirstRequest: summary(firstRequests),
      oneClientFiltered,
      concurrent: { clients, requestsPerSecond: durations.length / elapsed, p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) },
    };
  } finally {
    await local.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Every rating as a "watch" interaction, the movies as items (MATURITY from Marquee's rule), as the seed exports them. Returns the user ids. */
async function exportMovieLens(movieLensDir: string, interactionsCsv: string, itemsCsv: string): Promise<number[]> {
  const data = await loadMovieLens(movieLensDir);
  await exportInteractionsCsv(
    interactionsCsv,
    data.ratings.map((rating) => ({ userId: `user-${rating.userId}`, itemId: `ml-${rating.movieId}`, timestamp: rating.timestamp, eventType: "watch", eventValue: rating.rating })),
  );
  await exportItemsCsv(
    itemsCsv,
    data.movies.map((movie) => ({ itemId: `ml-${movie.movieId}`, fields: { GENRES: movie.genres, MATURITY: maturityFromGenres(movie.genres) ?? "UNRATED" } })),
  );
  return [...new Set(data.ratings.map((rating) => rating.userId))];
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
