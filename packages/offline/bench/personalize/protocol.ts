// The offline protocol of shared/PLATFORM.md, so figures compare: MovieLens latest-small, items with at least
// 10 ratings, then users with at least 5; every rating is an implicit interaction; 80/20 random split per user
// (seed 42); full ranking over all items with the user's training items excluded; Recall@K = hits / min(K, |test|);
// binary NDCG@10.
import { seededRandom } from "@marquee/aws-local/testing/random";
import type { Rating } from "../../src/movielens/index.ts";

export { seededRandom };
import type { TrainingData } from "@marquee/aws-local/personalize/model/train";

/** Ratings as dense indices: users 0..userCount-1, items 0..itemCount-1. */
export type ProtocolData = {
  userCount: number;
  itemCount: number;
  /** Per user, their interactions sorted by time (oldest first; ties by item). */
  histories: Array<Array<{ item: number; timestamp: number }>>;
  movieIdOfItem: number[];
};

export const minimumItemRatings = 10;
export const minimumUserRatings = 5;

export function prepareProtocolData(ratings: Rating[]): ProtocolData {
  const perItem = new Map<number, number>();
  for (const rating of ratings) perItem.set(rating.movieId, (perItem.get(rating.movieId) ?? 0) + 1);
  const keptItems = ratings.filter((rating) => perItem.get(rating.movieId)! >= minimumItemRatings);
  const perUser = new Map<number, number>();
  for (const rating of keptItems) perUser.set(rating.userId, (perUser.get(rating.userId) ?? 0) + 1);
  const kept = keptItems.filter((rating) => perUser.get(rating.userId)! >= minimumUserRatings);

  const userIndex = new Map<number, number>();
  const itemIndex = new Map<number, number>();
  const movieIdOfItem: number[] = [];
  for (const userId of [...new Set(kept.map((rating) => rating.userId))].sort((a, b) => a - b)) userIndex.set(userId, userIndex.size);
  for (const movieId of [...new Set(kept.map((rating) => rating.movieId))].sort((a, b) => a - b)) {
    itemIndex.set(movieId, itemIndex.size);
    movieIdOfItem.push(movieId);
  }
  const histories: ProtocolData["histories"] = Array.from({ length: userIndex.size }, () => []);
  for (const rating of kept) histories[userIndex.get(rating.userId)!]!.push({ item: itemIndex.get(rating.movieId)!, timestamp: rating.timestamp });
  for (const history of histories) history.sort((a, b) => a.timestamp - b.timestamp || a.item - b.item);
  return { userCount: userIndex.size, itemCount: itemIndex.size, histories, movieIdOfItem };
}

/** Per user: the items the model may learn from and the items it must find. */
export type Split = { train: number[][]; test: number[][] };

/** A random split per user: floor(share·n) items to train (at least 1), the rest to test. */
export function randomSplitPerUser(itemsPerUser: number[][], trainShare: number, seed: number): Split {
  const random = seededRandom(seed);
  const train: number[][] = [];
  const test: number[][] = [];
  for (const items of itemsPerUser) {
    const shuffled = [...items];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const cut = Math.max(1, Math.floor(trainShare * shuffled.length));
    train.push(shuffled.slice(0, cut).sort((a, b) => a - b));
    test.push(shuffled.slice(cut).sort((a, b) => a - b));
  }
  return { train, test };
}

/** Training data in the trainer's columnar shape (timestamps are irrelevant to the 80/20 protocol: 0). */
export function trainingDataOf(itemsPerUser: number[][], itemCount: number, timestampsPerUser?: number[][]): TrainingData {
  const total = itemsPerUser.reduce((sum, items) => sum + items.length, 0);
  const users = new Int32Array(total);
  const items = new Int32Array(total);
  const timestamps = new Float64Array(total);
  let k = 0;
  itemsPerUser.forEach((list, user) => {
    list.forEach((item, position) => {
      users[k] = user;
      items[k] = item;
      timestamps[k] = timestampsPerUser?.[user]?.[position] ?? 0;
      k++;
    });
  });
  return { users, items, timestamps, userCount: itemsPerUser.length, itemCount };
}

/** Binary NDCG@K: DCG of the hits over the DCG of min(K, |relevant|) hits at the top. log base cancels out. */
export function ndcgAt(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  let dcg = 0;
  const depth = Math.min(k, ranked.length);
  for (let position = 0; position < depth; position++) if (relevant.has(ranked[position]!)) dcg += 1 / Math.log2(position + 2);
  let ideal = 0;
  for (let position = 0; position < Math.min(k, relevant.size); position++) ideal += 1 / Math.log2(position + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function hitsAt(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  let hits = 0;
  for (let position = 0; position < Math.min(k, ranked.length); position++) if (relevant.has(ranked[position]!)) hits++;
  return hits;
}

/** Recall@K = hits / min(K, |relevant|), the protocol's definition (so a perfect list scores 1). */
export function recallAt(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  return relevant.size === 0 ? 0 : hitsAt(ranked, relevant, k) / Math.min(k, relevant.size);
}

/** Reciprocal rank of the first hit within the top K, 0 without one. */
export function reciprocalRankAt(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  for (let position = 0; position < Math.min(k, ranked.length); position++) if (relevant.has(ranked[position]!)) return 1 / (position + 1);
  return 0;
}
