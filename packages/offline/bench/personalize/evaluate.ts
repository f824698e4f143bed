// The recommender's offline evaluation (issue 5), on MovieLens latest-small, in one run:
//   1. hyperparameters (λ, the user-weight exponent, and what "More like X" ranks by) chosen on validation
//      splits carved from the TRAINING part of the 80/20 split, never from its test part (tuning.ts);
//   2. EASE against popularity on the 80/20 split: NDCG@10, Recall@20 (protocol.ts);
//   3. Personalize's solution metrics computed its way (offline.ts);
//   4. training time and memory, GetRecommendations latency through the SDK (latency.ts).
// `npx tsx packages/offline/bench/personalize/evaluate.ts` prints the table; `npm run bench` calls
// runRecommenderEvaluation().
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadMovieLens, locateMovieLens } from "../../src/movielens/index.ts";
import { BackgroundTrainer } from "@marquee/aws-local/personalize/model/background-trainer";
import { defaultModelOptions, type ModelOptions, type TrainingData } from "@marquee/aws-local/personalize/model/train";
import { printTable, type Measure, type Row, type Target } from "../report.ts";
import { measureServingLatency } from "./latency.ts";
import { easeRanker, personalizeMetrics, popularityRanker, relatedAccuracy, relatedRanker, splitAccuracy, temporalHoldout } from "./offline.ts";
import { prepareProtocolData, randomSplitPerUser, trainingDataOf } from "./protocol.ts";
import { tuneOnValidation } from "./tuning.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const splitSeed = 42;
const tuningFile = join(repoRoot, ".marquee", "personalize-tuning.json");
const mebibyte = 2 ** 20;

export const measureNames = {
  ndcg: "recommender: NDCG@10, 80/20 split (EASE vs popularity)",
  recall: "recommender: Recall@20, 80/20 split (EASE vs popularity)",
  lambda: "recommender: lambda chosen on validation splits",
  exponent: "recommender: user-weight exponent chosen on validation splits",
  related: "recommender: More like X NDCG@10, 80/20 split (EASE rows vs cosine item-kNN)",
  trainingSeconds: "recommender: training time (EASE + cosine kNN, 2,245 items, worker thread)",
  trainingRss: "recommender: training peak RSS delta",
  modelSize: "recommender: model size (B as float32)",
  serviceReady: "local Personalize: import MovieLens CSV + train, to ready",
  serviceRss: "local Personalize: RSS delta, loaded and trained",
  p50: "GetRecommendations through the SDK, 1 client: p50",
  p99: "GetRecommendations through the SDK, 1 client: p99",
  cpuPerRequest: "GetRecommendations, 1 client: CPU per request (client + endpoint)",
  firstP50: "GetRecommendations, 1 client, each user's first request: p50",
  firstP99: "GetRecommendations, 1 client, each user's first request: p99",
  filteredP50: "GetRecommendations with a filter, 1 client: p50",
  filteredP99: "GetRecommendations with a filter, 1 client: p99",
  throughput: "GetRecommendations through the SDK, 16 clients: requests/s",
  concurrentP99: "GetRecommendations through the SDK, 16 clients: p99",
} as const;

const atMost = (maximum: number, unit: string): Target => ({ text: `<= ${maximum} ${unit}`, met: (m) => m.value <= maximum });

/** Goals from the issue, by measure name, for whoever prints the measures. */
export const recommenderTargets: Record<string, Target> = {
  [measureNames.ndcg]: { text: ">= 0.36 and >= 2x popularity", met: (m) => m.value >= 0.36 && (m.ratio ?? 0) >= 2 },
  [measureNames.trainingSeconds]: atMost(30, "s"),
  [measureNames.p50]: atMost(3, "ms"),
  [measureNames.p99]: atMost(10, "ms"),
};

export function evaluationRows(measures: Measure[]): Row[] {
  return measures.map((measure) => ({ measure, target: recommenderTargets[measure.name] }));
}

export async function runRecommenderEvaluation(log: (line: string) => void = (line) => console.log(`[recommender] ${line}`)): Promise<Measure[]> {
  const directory = locateMovieLens(repoRoot);
  if (!directory) throw new Error("MovieLens is missing: run `bash scripts/fetch-movielens.sh` first.");
  const measures: Measure[] = [];
  const add = (name: string, value: number, unit: string, baseline?: number) => {
    measures.push(baseline === undefined ? { name, value, unit } : { name, value, unit, baseline, ratio: value / baseline });
  };
  const chosen = await evaluateOffline(directory, add, log);

  // 4. Serving, as the seed will load it. The offline data is out of scope by now, so the heap the garbage
  // collector walks while requests are timed is the service's.
  const latency = await measureServingLatency(directory, { lambda: chosen.lambda, userWeightExponent: chosen.userWeightExponent, itemSimilarity: chosen.itemSimilarity }, log);
  add(`${measureNames.serviceReady} (${latency.modelItems} items modelled)`, latency.importAndTrainSeconds, "s");
  add(measureNames.serviceRss, latency.serviceRssMebibytes, "MiB");
  add(measureNames.p50, latency.oneClient.p50, "ms");
  add(measureNames.p99, latency.oneClient.p99, "ms");
  add(measureNames.cpuPerRequest, latency.cpuMillisecondsPerRequest, "ms");
  add(measureNames.firstP50, latency.oneClientFirstRequest.p50, "ms");
  add(measureNames.firstP99, latency.oneClientFirstRequest.p99, "ms");
  add(measureNames.filteredP50, latency.oneClientFiltered.p50, "ms");
  add(measureNames.filteredP99, latency.oneClientFiltered.p99, "ms");
  add(measureNames.throughput, latency.concurrent.requestsPerSecond, "req/s");
  add(measureNames.concurrentP99, latency.concurrent.p99, "ms");
  return measures;
}

type AddMeasure = (name: string, value: number, unit: string, baseline?: number) => void;

/** Steps 1-3; returns the chosen hyperparameters. */
async function evaluateOffline(directory: string, add: AddMeasure, log: (line: string) => void): Promise<ModelOptions> {
  const movieLens = await loadMovieLens(directory);
  const data = prepareProtocolData(movieLens.ratings);
  const itemsPerUser = data.histories.map((history) => history.map((event) => event.item));
  log(`protocol data: ${data.userCount} users, ${data.itemCount} items, ${itemsPerUser.flat().length} interactions`);
  const split = randomSplitPerUser(itemsPerUser, 0.8, splitSeed);
  const timeOf = new Map<string, number>();
  data.histories.forEach((history, user) => history.forEach((event) => timeOf.set(`${user}/${event.item}`, event.timestamp)));
  const mostRecent = (user: number, history: readonly number[]) => history.reduce((best, item) => (timeOf.get(`${user}/${item}`)! > timeOf.get(`${user}/${best}`)! ? item : best));

  const trainers = [new BackgroundTrainer(), new BackgroundTrainer()];
  try {
    // 1. Hyperparameters, from validation splits of the training part only (tuning.ts).
    const tuning = await tuneOnValidation({ data, split, mostRecent, trainers, cacheFile: tuningFile, log });
    const chosen: ModelOptions = { ...defaultModelOptions, ...tuning.chosen, minItemUsers: 1, maxItems: data.itemCount };
    add(measureNames.lambda, chosen.lambda, "");
    add(measureNames.exponent, chosen.userWeightExponent, "");

    // 2. The 80/20 split, trained once with the chosen values: training time and memory measured here.
    const { model, seconds, peakRssDelta } = await timedTraining(trainers[0]!, trainingDataOf(split.train, data.itemCount), { ...chosen, itemSimilarity: "cosine" });
    const ease = splitAccuracy(easeRanker(model), split);
    const popularity = splitAccuracy(popularityRanker(model), split);
    log(`80/20 split: EASE NDCG@10 ${ease.ndcgAt10.toFixed(5)} Recall@20 ${ease.recallAt20.toFixed(5)}; popularity ${popularity.ndcgAt10.toFixed(5)} / ${popularity.recallAt20.toFixed(5)} (${ease.users} users)`);
    add(measureNames.ndcg, ease.ndcgAt10, "", popularity.ndcgAt10);
    add(measureNames.recall, ease.recallAt20, "", popularity.recallAt20);
    const relatedOnTest = {
      ease: relatedAccuracy(relatedRanker(model, "weights"), split, mostRecent).ndcgAt10,
      cosine: relatedAccuracy(relatedRanker(model, "similarity"), split, mostRecent).ndcgAt10,
    };
    add(measureNames.related, relatedOnTest.ease, "", relatedOnTest.cosine);
    // The timed run also built the cosine matrix for the comparison above; served models build only one.
    add(measureNames.trainingSeconds, seconds, "s");
    add(measureNames.trainingRss, peakRssDelta / mebibyte, "MiB");
    add(measureNames.modelSize, model.weights.byteLength / mebibyte, "MiB");

    // 3. Personalize's metrics, its way.
    const holdout = temporalHoldout(data, splitSeed);
    const personalizeModel = await trainers[0]!.train(holdout.training, chosen);
    const easeMetrics = personalizeMetrics(easeRanker(personalizeModel), holdout, data.itemCount);
    const popularityMetrics = personalizeMetrics(popularityRanker(personalizeModel), holdout, data.itemCount);
    log(`Personalize metrics over ${holdout.queries.length} held-out users (newest 10% of each by time)`);
    for (const [key, label] of [
      ["coverage", "coverage"],
      ["meanReciprocalRankAt25", "MRR@25"],
      ["ndcgAt5", "NDCG@5"],
      ["ndcgAt10", "NDCG@10"],
      ["ndcgAt25", "NDCG@25"],
      ["precisionAt5", "precision@5"],
      ["precisionAt10", "precision@10"],
      ["precisionAt25", "precision@25"],
    ] as const) {
      add(`recommender, Personalize metrics: ${label} (EASE vs popularity)`, easeMetrics[key], "", popularityMetrics[key]);
    }
    return chosen;
  } finally {
    await Promise.all(trainers.map((trainer) => trainer.close()));
  }
}

/** One training run in the worker: wall time, and the process's peak RSS growth sampled every 20 ms. */
async function timedTraining(trainer: BackgroundTrainer, data: TrainingData, options: ModelOptions) {
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const model = await trainer.train(data, options);
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { model, seconds, peakRssDelta: peak - rssBefore };
  } finally {
    clearInterval(sampler);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const measures = await runRecommenderEvaluation();
  console.log("");
  printTable(evaluationRows(measures));
}
