// One training run: pick the model's items, build XᵀX, solve EASE, rank popular and trending items.
// Pure and synchronous: the background trainer runs it in a worker thread, the evaluation calls it directly.
import { cosineSimilarity, easeWeights, type EaseOptions } from "./ease.ts";
import { gramUpper, userItemRows, type InteractionColumns } from "./interactions.ts";
import { popularityRanking, trendingRanking, type ItemRanking } from "./popularity.ts";

export type ItemSimilarityKind = "ease" | "cosine";

export type ModelOptions = EaseOptions & {
  /** Items with fewer distinct users stay out of the personalized model (they can still be popular or trending). */
  minItemUsers: number;
  /** At most this many items in the personalized model, the most-interacted first: training is cubic in it. */
  maxItems: number;
  trendingWindowSeconds: number;
  /** Users weigh |u|^-exponent in XᵀX (0 = every interaction counts the same). */
  userWeightExponent: number;
  /** What "More like X" ranks by: the rows of the EASE matrix, or cosine item-kNN. */
  itemSimilarity: ItemSimilarityKind;
};

/**
 * lambda and userWeightExponent as chosen by `packages/offline/bench/personalize/evaluate.ts` on validation splits
 * carved from MovieLens training data (it prints the grid and its choice: keep these in step), and EASE rows for
 * "More like X", which beat cosine item-kNN there. The item limits keep training near 10 s on 2 cores.
 */
export const defaultModelOptions: ModelOptions = {
  lambda: 250,
  userWeightExponent: 0.25,
  minItemUsers: 3,
  maxItems: 2500,
  trendingWindowSeconds: 30 * 24 * 3600,
  itemSimilarity: "ease",
};

export type TrainingData = InteractionColumns & { userCount: number; itemCount: number };

export type TrainedModel = {
  /** Model column -> item index. */
  columnItems: Int32Array;
  /** EASE B, row-major columns x columns. */
  weights: Float32Array;
  /** Cosine similarity (columns x columns) when itemSimilarity is "cosine", else null: related items use `weights`. */
  similarity: Float32Array | null;
  popular: ItemRanking;
  trending: ItemRanking;
  stats: { interactions: number; users: number; items: number; modelItems: number; seconds: number };
};

export function trainModel(data: TrainingData, options: ModelOptions): TrainedModel {
  const started = performance.now();
  const columnItems = chooseModelItems(data, options);
  const columnOfItem = new Int32Array(data.itemCount).fill(-1);
  columnItems.forEach((item, column) => (columnOfItem[item] = column));
  const n = columnItems.length;

  const rows = userItemRows(data, data.userCount, columnOfItem);
  const gram = gramUpper(rows, n, options.userWeightExponent);
  const similarity = options.itemSimilarity === "cosine" ? cosineSimilarity(gram, n) : null;
  const weights = n > 0 ? easeWeights(gram, n, options) : new Float32Array(0);

  const popular = popularityRanking(data.items, data.itemCount);
  const trending = trendingRanking(data.items, data.timestamps, data.itemCount, options.trendingWindowSeconds, popular);
  const seconds = (performance.now() - started) / 1000;
  return {
    columnItems,
    weights,
    similarity,
    popular,
    trending,
    stats: { interactions: data.items.length, users: data.userCount, items: popular.order.length, modelItems: n, seconds },
  };
}

/** Items with at least minItemUsers distinct users, capped at maxItems by user count, in item-index order. */
function chooseModelItems(data: TrainingData, options: ModelOptions): Int32Array {
  const seen = new Set<number>();
  const users = new Int32Array(data.itemCount);
  for (let k = 0; k < data.items.length; k++) {
    const item = data.items[k]!;
    const pair = data.users[k]! * data.itemCount + item;
    if (seen.has(pair)) continue;
    seen.add(pair);
    users[item] += 1;
  }
  const eligible: number[] = [];
  for (let item = 0; item < data.itemCount; item++) if (users[item]! >= options.minItemUsers) eligible.push(item);
  if (eligible.length > options.maxItems) eligible.sort((a, b) => users[b]! - users[a]! || a - b).length = options.maxItems;
  return Int32Array.from(eligible).sort();
}

/** The buffers a worker can hand back without copying. */
export function transferablesOf(model: TrainedModel): ArrayBuffer[] {
  const arrays = [model.columnItems, model.weights, model.similarity, model.popular.order, model.popular.counts, model.trending.order, model.trending.counts];
  return arrays.filter((array): array is NonNullable<typeof array> => array !== null).map((array) => array.buffer as ArrayBuffer);
}
