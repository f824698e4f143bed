// Offline accuracy of the local recommender, on the protocol's dense item indices:
//   - the 80/20 random split: NDCG@10 and Recall@20 (protocol.ts);
//   - Personalize's own solution-version metrics, computed the way its docs describe: 90% of users train the
//     model; each remaining user's oldest 90% of interactions (by time) are the query, their most recent 10%
//     the relevant items; coverage, MRR@25, NDCG@5/10/25, precision@5/10/25 over 25 recommendations.
import { firstAccepted, topScored } from "@marquee/aws-local/personalize/model/ranking";
import { ServingModel } from "@marquee/aws-local/personalize/model/serving";
import type { TrainedModel, TrainingData } from "@marquee/aws-local/personalize/model/train";
import { hitsAt, ndcgAt, recallAt, reciprocalRankAt, seededRandom, trainingDataOf, type ProtocolData, type Split } from "./protocol.ts";

/** The top k items for a user's history, leaving the history out. */
export type Ranker = (history: readonly number[], k: number) => number[];

export function easeRanker(trained: TrainedModel): Ranker {
  const model = new ServingModel(trained, 1, new Date());
  const popular = popularityRanker(trained);
  return (history, k) => {
    const seen = new Set(history);
    const scores = model.userScores(history);
    if (!scores) return popular(history, k);
    return topScored(scores, k, (column) => !seen.has(model.itemAt(column))).map((ranked) => model.itemAt(ranked.index));
  };
}

export function popularityRanker(trained: TrainedModel): Ranker {
  return (history, k) => {
    const seen = new Set(history);
    return firstAccepted(trained.popular.order, k, (item) => !seen.has(item));
  };
}

/** "More like X": items ranked by their relation to one seed item, the user's history left out. */
export type RelatedRanker = (seed: number, history: readonly number[], k: number) => number[];

export function relatedRanker(trained: TrainedModel, matrix: "weights" | "similarity"): RelatedRanker {
  const model = new ServingModel({ ...trained, similarity: matrix === "similarity" ? trained.similarity : null }, 1, new Date());
  return (seed, history, k) => {
    const seen = new Set(history);
    const scores = model.relatedScores(seed);
    if (!scores) return [];
    return topScored(scores, k, (column) => model.itemAt(column) !== seed && !seen.has(model.itemAt(column))).map((ranked) => model.itemAt(ranked.index));
  };
}

export type SplitAccuracy = { ndcgAt10: number; recallAt20: number; users: number };

/** The protocol's measures, averaged over users with at least one test item. */
export function splitAccuracy(ranker: Ranker, split: Split): SplitAccuracy {
  return accuracyOver(split, (_, history, k) => ranker(history, k));
}

/**
 * "More like X" offline: the seed is the user's most recent training item (`seedOf`); the related list should
 * find their test items. Same measures as the split.
 */
export function relatedAccuracy(ranker: RelatedRanker, split: Split, seedOf: (user: number, history: readonly number[]) => number): SplitAccuracy {
  return accuracyOver(split, (user, history, k) => ranker(seedOf(user, history), history, k));
}

function accuracyOver(split: Split, rank: (user: number, history: readonly number[], k: number) => number[]): SplitAccuracy {
  let ndcg = 0;
  let recall = 0;
  let users = 0;
  split.train.forEach((history, user) => {
    const test = split.test[user]!;
    if (test.length === 0) return;
    const relevant = new Set(test);
    const ranked = rank(user, history, 20);
    ndcg += ndcgAt(ranked, relevant, 10);
    recall += recallAt(ranked, relevant, 20);
    users++;
  });
  return { ndcgAt10: ndcg / users, recallAt20: recall / users, users };
}

export type TemporalHoldout = {
  /** Training data: the histories of 90% of users. */
  training: TrainingData;
  /** Per test user: the oldest 90% of their interactions (the query) and the most recent 10% (to find). */
  queries: number[][];
  heldOut: number[][];
};

/** Personalize's split for solution metrics: 10% of users held out at random; of theirs, the newest 10% by time. */
export function temporalHoldout(data: ProtocolData, seed: number): TemporalHoldout {
  const random = seededRandom(seed);
  const users = Array.from({ length: data.userCount }, (_, user) => user);
  for (let i = users.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [users[i], users[j]] = [users[j]!, users[i]!];
  }
  const testUsers = new Set(users.slice(0, Math.round(data.userCount * 0.1)));
  const trainItems: number[][] = [];
  const trainTimes: number[][] = [];
  const queries: number[][] = [];
  const heldOut: number[][] = [];
  data.histories.forEach((history, user) => {
    if (!testUsers.has(user)) {
      trainItems.push(history.map((event) => event.item));
      trainTimes.push(history.map((event) => event.timestamp));
      return;
    }
    // Histories are sorted oldest first.
    const held = Math.max(1, Math.round(history.length * 0.1));
    queries.push(history.slice(0, history.length - held).map((event) => event.item));
    heldOut.push(history.slice(history.length - held).map((event) => event.item));
  });
  return { training: trainingDataOf(trainItems, data.itemCount, trainTimes), queries, heldOut };
}

export type PersonalizeMetrics = {
  coverage: number;
  meanReciprocalRankAt25: number;
  ndcgAt5: number;
  ndcgAt10: number;
  ndcgAt25: number;
  precisionAt5: number;
  precisionAt10: number;
  precisionAt25: number;
};

/** GetSolutionMetrics' measures over the held-out users; coverage is over every item in the data set. */
export function personalizeMetrics(ranker: Ranker, holdout: TemporalHoldout, itemCount: number): PersonalizeMetrics {
  const recommended = new Set<number>();
  const sums = { mrr: 0, ndcg5: 0, ndcg10: 0, ndcg25: 0, p5: 0, p10: 0, p25: 0 };
  holdout.queries.forEach((query, index) => {
    const relevant = new Set(holdout.heldOut[index]!);
    const ranked = ranker(query, 25);
    for (const item of ranked) recommended.add(item);
    sums.mrr += reciprocalRankAt(ranked, relevant, 25);
    sums.ndcg5 += ndcgAt(ranked, relevant, 5);
    sums.ndcg10 += ndcgAt(ranked, relevant, 10);
    sums.ndcg25 += ndcgAt(ranked, relevant, 25);
    sums.p5 += hitsAt(ranked, relevant, 5) / 5;
    sums.p10 += hitsAt(ranked, relevant, 10) / 10;
    sums.p25 += hitsAt(ranked, relevant, 25) / 25;
  });
  const queries = holdout.queries.length;
  return {
    coverage: recommended.size / itemCount,
    meanReciprocalRankAt25: sums.mrr / queries,
    ndcgAt5: sums.ndcg5 / queries,
    ndcgAt10: sums.ndcg10 / queries,
    ndcgAt25: sums.ndcg25 / queries,
    precisionAt5: sums.p5 / queries,
    precisionAt10: sums.p10 / queries,
    precisionAt25: sums.p25 / queries,
  };
}
