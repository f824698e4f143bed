// A trained model ready to answer: scores for a user's history or a seed item, and the popular and trending
// orders. Immutable; the service swaps in a new one (one reference assignment) when a training run ends.
import type { TrainedModel } from "./train.ts";

type CachedScores = { counted: number; rows: number; scores: Float64Array };

/** Users whose scores a model keeps by default: 1,000 x 2,500 items x 8 bytes = 20 MB at most. */
export const defaultScoreCacheUsers = 1000;

export class ServingModel {
  private readonly columnOfItem: Int32Array;
  private readonly userCache = new Map<string, CachedScores>();
  readonly size: number;

  constructor(
    readonly trained: TrainedModel,
    readonly version: number,
    readonly trainedAt: Date,
    private readonly cacheCapacity = defaultScoreCacheUsers,
  ) {
    this.size = trained.columnItems.length;
    const itemCount = trained.popular.counts.length;
    this.columnOfItem = new Int32Array(itemCount).fill(-1);
    trained.columnItems.forEach((item, column) => (this.columnOfItem[item] = column));
  }

  /** The model column of an item index, or -1 (an item seen after training, or too rare to model). */
  columnOf(item: number): number {
    return item < this.columnOfItem.length ? this.columnOfItem[item]! : -1;
  }

  itemAt(column: number): number {
    return this.trained.columnItems[column]!;
  }

  /** x_u·B over the model columns, or null when none of the items is in the model (a cold user). */
  userScores(items: Iterable<number>): Float64Array | null {
    const scores = new Float64Array(this.size);
    return this.addRows(scores, items) > 0 ? scores : null;
  }

  /**
   * userScores for a user, kept per user (least recently used first out) and brought up to date by adding
   * only the rows of items that joined the history since: a history only grows, in insertion order.
   */
  scoresForUser(userId: string, history: ReadonlyMap<number, unknown>): Float64Array | null {
    if (this.cacheCapacity === 0) return this.userScores(history.keys());
    let entry = this.userCache.get(userId);
    if (entry) this.userCache.delete(userId);
    else {
      entry = { counted: 0, rows: 0, scores: new Float64Array(this.size) };
      if (this.userCache.size >= this.cacheCapacity) this.userCache.delete(this.userCache.keys().next().value!);
    }
    this.userCache.set(userId, entry);
    if (history.size > entry.counted) {
      entry.rows += this.addRows(entry.scores, skip(history.keys(), entry.counted));
      entry.counted = history.size;
    }
    return entry.rows > 0 ? entry.scores : null;
  }

  /** Adds the rows of B for the modelled items to `scores`, four rows per pass; returns how many were added. */
  private addRows(scores: Float64Array, items: Iterable<number>): number {
    const columns: number[] = [];
    for (const item of items) {
      const column = this.columnOf(item);
      if (column >= 0) columns.push(column);
    }
    const n = this.size;
    const { weights } = this.trained;
    let k = 0;
    for (; k + 3 < columns.length; k += 4) {
      const a = columns[k]! * n;
      const b = columns[k + 1]! * n;
      const c = columns[k + 2]! * n;
      const d = columns[k + 3]! * n;
      for (let j = 0; j < n; j++) scores[j] += weights[a + j]! + weights[b + j]! + weights[c + j]! + weights[d + j]!;
    }
    for (; k < columns.length; k++) {
      const row = columns[k]! * n;
      for (let j = 0; j < n; j++) scores[j] += weights[row + j]!;
    }
    return columns.length;
  }

  /** How strongly each model column relates to `item` (a row of B, or of the cosine matrix), or null for an unmodelled item. */
  relatedScores(item: number): Float32Array | null {
    const column = this.columnOf(item);
    if (column < 0) return null;
    const matrix = this.trained.similarity ?? this.trained.weights;
    return matrix.subarray(column * this.size, (column + 1) * this.size);
  }

  /** Popularity (or trending) count of an item, scaled so the top item scores 1. */
  static scaled(counts: Float64Array, order: Int32Array, item: number): number {
    const top = order.length > 0 ? counts[order[0]!]! : 0;
    return top > 0 ? (counts[item] ?? 0) / top : 0;
  }
}

function* skip<T>(values: Iterator<T>, count: number): Generator<T> {
  let index = 0;
  for (let next = values.next(); !next.done; next = values.next()) if (index++ >= count) yield next.value;
}
