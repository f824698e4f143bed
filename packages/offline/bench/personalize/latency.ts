// GetRecommendations through the real SDK client against the local Personalize loaded the way the seed
// loads it: every MovieLens rating exported to an interactions CSV, the movies as the items dataset (MATURITY
// from Marquee's genre rule), imported and trained before the endpoint answers. The endpoint runs on its own
// thread (startLocalPersonalizeThread) and the SDK clients on another (latency-clients.ts), so neither pays for
// the garbage of whatever ran before in this process: one process, two cores.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maturityFromGenres } from "@marquee/core/appsync";
import { loadMovieLens } from "../../src/movielens/index.ts";
import { exportInteractionsCsv, exportItemsCsv, startLocalPersonalizeThread, type ModelOptions } from "@marquee/aws-local/personalize/index";
import { startTypeScriptWorker } from "@marquee/aws-local/personalize/worker";
import type { ClientsDone, ClientsInput, ClientsResult, Percentiles } from "./latency-clients.ts";

const arn = (resource: string) => `arn:aws:personalize:us-east-1:123456789012:${resource}`;
const topPicks = arn("recommender/marquee-top-picks");
const kidsSafeUnwatched = arn("filter/marquee-unwatched-by-maturity");

export type { Percentiles };

export type LatencyResult = ClientsResult & {
  importAndTrainSeconds: number;
  modelItems: number;
  /** RSS growth of this process from before the import to the endpoint being ready. */
  serviceRssMebibytes: number;
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

  try {
    const input: ClientsInput = { endpoint: local.endpoint, userIds, recommenderArn: topPicks, filterArn: kidsSafeUnwatched };
    const clients = startTypeScriptWorker(new URL("./latency-clients.ts", import.meta.url), { workerData: input });
    const [done] = (await once(clients, "message")) as [ClientsDone];
    await clients.terminate();
    if (done.kind === "failed") throw new Error(`The SDK clients failed: ${done.message}`);
    return { importAndTrainSeconds, modelItems: local.model.modelItems, serviceRssMebibytes, ...done.result };
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
