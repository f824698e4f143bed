// Hyperparameters chosen on validation splits carved from the TRAINING part of the 80/20 split (never from its
// test part): a grid of λ x user-weight exponent, each candidate scored by its mean NDCG@10 over several
// validation splits; then EASE rows vs cosine item-kNN for "More like X". The result depends only on the data,
// the grid and the model code, so it is kept in .marquee/ under a hash of the three and reused by later runs
// (MARQUEE_RETUNE=1 redoes it).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BackgroundTrainer } from "@marquee/aws-local/personalize/model/background-trainer";
import { defaultModelOptions, type ItemSimilarityKind, type ModelOptions, type TrainedModel } from "@marquee/aws-local/personalize/model/train";
import { easeRanker, relatedAccuracy, relatedRanker, splitAccuracy } from "./offline.ts";
import { randomSplitPerUser, trainingDataOf, type ProtocolData, type Split } from "./protocol.ts";

/** Validation splits, one per seed: 80/20 of each user's training items. */
export const validationSeeds = [4242, 4343, 4444];
/** λ log-spaced (x1.6); the user-weight exponent from none to 1/2. */
export const lambdas = [150, 250, 400, 650];
export const userWeightExponents = [0, 0.25, 0.5];

export type Candidate = { lambda: number; userWeightExponent: number; folds: number[]; mean: number };
export type Tuning = {
  key: string;
  grid: Candidate[];
  chosen: { lambda: number; userWeightExponent: number; itemSimilarity: ItemSimilarityKind };
  /** "More like X" NDCG@10 on the first validation split. */
  related: { ease: number; cosine: number };
};

/** Sources whose change can change the outcome. */
const sources = [
  "../../src/personalize/model/linalg.ts",
  "../../src/personalize/model/ease.ts",
  "../../src/personalize/model/interactions.ts",
  "../../src/personalize/model/train.ts",
  "../../src/personalize/model/ranking.ts",
  "../../src/personalize/model/serving.ts",
  "./protocol.ts",
  "./offline.ts",
  "./tuning.ts",
];

export async function tuneOnValidation(options: {
  data: ProtocolData;
  split: Split;
  mostRecent: (user: number, history: readonly number[]) => number;
  trainers: BackgroundTrainer[];
  cacheFile: string;
  log: (line: string) => void;
}): Promise<Tuning> {
  const { data, split, trainers, log } = options;
  const key = tuningKey(data);
  const cached = readCache(options.cacheFile, key);
  if (cached && process.env.MARQUEE_RETUNE !== "1") {
    log(`tuning: reusing ${options.cacheFile} (same data, grid and model code; MARQUEE_RETUNE=1 redoes it)`);
    report(cached, log);
    return cached;
  }

  const validations = validationSeeds.map((seed) => randomSplitPerUser(split.train, 0.8, seed));
  const candidates = lambdas.flatMap((lambda) => userWeightExponents.map((userWeightExponent) => ({ lambda, userWeightExponent })));
  const optionsOf = (candidate: { lambda: number; userWeightExponent: number }): ModelOptions => ({ ...defaultModelOptions, ...candidate, minItemUsers: 1, maxItems: data.itemCount });
  const runs = candidates.flatMap((candidate, index) => validations.map((validation) => ({ candidate, index, validation })));
  log(`tuning on ${validations.length} validation splits carved from the training part (seeds ${validationSeeds.join(", ")}): ${runs.length} models, two at a time`);
  const scores = await inParallel(
    runs,
    trainers,
    (trainer, run) => trainer.train(trainingDataOf(run.validation.train, data.itemCount), optionsOf(run.candidate)),
    (run, model) => splitAccuracy(easeRanker(model), run.validation).ndcgAt10,
  );
  const grid = candidates.map((candidate, index) => {
    const folds = scores.filter((_, run) => runs[run]!.index === index);
    return { ...candidate, folds, mean: folds.reduce((sum, score) => sum + score, 0) / folds.length };
  });
  const best = grid.reduce((top, candidate) => (candidate.mean > top.mean ? candidate : top));

  const validation = validations[0]!;
  const withCosine = await trainers[0]!.train(trainingDataOf(validation.train, data.itemCount), { ...optionsOf(best), itemSimilarity: "cosine" });
  const related = {
    ease: relatedAccuracy(relatedRanker(withCosine, "weights"), validation, options.mostRecent).ndcgAt10,
    cosine: relatedAccuracy(relatedRanker(withCosine, "similarity"), validation, options.mostRecent).ndcgAt10,
  };
  const tuning: Tuning = {
    key,
    grid,
    chosen: { lambda: best.lambda, userWeightExponent: best.userWeightExponent, itemSimilarity: related.ease >= related.cosine ? "ease" : "cosine" },
    related,
  };
  mkdirSync(dirname(options.cacheFile), { recursive: true });
  writeFileSync(options.cacheFile, `${JSON.stringify(tuning, null, 2)}\n`);
  report(tuning, log);
  return tuning;
}

function report(tuning: Tuning, log: (line: string) => void): void {
  for (const candidate of tuning.grid) {
    const folds = candidate.folds.map((score) => score.toFixed(4)).join(", ");
    log(`  lambda ${String(candidate.lambda).padStart(4)}  exponent ${candidate.userWeightExponent.toFixed(2)}  validation NDCG@10 ${candidate.mean.toFixed(4)} (${folds})`);
  }
  const { chosen, related } = tuning;
  log(
    `chosen: lambda ${chosen.lambda}, user-weight exponent ${chosen.userWeightExponent}; More like X by ${chosen.itemSimilarity} ` +
      `(validation NDCG@10 EASE rows ${related.ease.toFixed(4)}, cosine item-kNN ${related.cosine.toFixed(4)})`,
  );
}

function tuningKey(data: ProtocolData): string {
  const hash = createHash("sha256");
  for (const source of sources) hash.update(readFileSync(new URL(source, import.meta.url)));
  hash.update(JSON.stringify({ validationSeeds, lambdas, userWeightExponents }));
  for (const history of data.histories) for (const event of history) hash.update(`${event.item}:${event.timestamp};`);
  return hash.digest("hex");
}

function readCache(file: string, key: string): Tuning | null {
  if (!existsSync(file)) return null;
  try {
    const tuning = JSON.parse(readFileSync(file, "utf8")) as Tuning;
    return tuning.key === key ? tuning : null;
  } catch {
    return null;
  }
}

/** Trains `runs` on the trainers (each one at a time), scoring each model as it arrives; scores in run order. */
async function inParallel<T>(
  runs: T[],
  trainers: BackgroundTrainer[],
  train: (trainer: BackgroundTrainer, run: T) => Promise<TrainedModel>,
  score: (run: T, model: TrainedModel) => number,
): Promise<number[]> {
  const scores = new Array<number>(runs.length);
  let next = 0;
  await Promise.all(
    trainers.map(async (trainer) => {
      while (next < runs.length) {
        const index = next++;
        scores[index] = score(runs[index]!, await train(trainer, runs[index]!));
      }
    }),
  );
  return scores;
}
