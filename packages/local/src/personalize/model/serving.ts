// A trained model ready to answer: scores for a user's history or a seed item, and the popular and trending
// orders. Immutable; the service swaps in a new one (one reference assignment) when a training run ends.
import type { TrainedModel } from "./train.ts";

export class ServingModel {
  private readonly columnOfItem: Int32Array;
  readonly size: number;

  constructor(
    readonly trained: TrainedModel,
    readonly version: number,
    readonly trainedAt: Date,
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

  /** x_u·B over the model columns, or null when none of the user's items is in the model (a cold user). */
  userScores(items: Iterable<number>): Float64Array | null {
    const n = this.size;
    const { weights } = this.trained;
    let scores: Float64Array | null = null;
    for (const item of items) {
      const column = this.columnOf(item);
      if (column < 0) continue;
      scores ??= new Float64Array(n);
      const row = column * n;
      for (let j = 0; j < n; j++) scores[j] += weights[row + j]!;
    }
    return scores;
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
