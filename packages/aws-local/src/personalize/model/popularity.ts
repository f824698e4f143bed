// Non-personalized rankings: most popular (interaction count over all time) and trending (count within a
// recent window ending at the newest interaction, so an old data set still has a "now").

export type ItemRanking = {
  /** Item indices, best first; only items with a positive count. */
  order: Int32Array;
  /** Count per item index (0 for items absent from the ranking). */
  counts: Float64Array;
};

export function popularityRanking(items: Int32Array, itemCount: number): ItemRanking {
  const counts = new Float64Array(itemCount);
  for (let k = 0; k < items.length; k++) counts[items[k]!] += 1;
  return { order: rankByCount(counts), counts };
}

/**
 * Interactions per item in (newest - windowSeconds, newest]; ties go to the more popular item overall, so
 * trending on a quiet window still reads sensibly.
 */
export function trendingRanking(items: Int32Array, timestamps: Float64Array, itemCount: number, windowSeconds: number, overall: ItemRanking): ItemRanking {
  let newest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < timestamps.length; k++) if (timestamps[k]! > newest) newest = timestamps[k]!;
  const since = newest - windowSeconds;
  const counts = new Float64Array(itemCount);
  for (let k = 0; k < items.length; k++) if (timestamps[k]! > since) counts[items[k]!] += 1;
  return { order: rankByCount(counts, overall.counts), counts };
}

function rankByCount(counts: Float64Array, tieBreak?: Float64Array): Int32Array {
  const ranked: number[] = [];
  for (let item = 0; item < counts.length; item++) if (counts[item]! > 0) ranked.push(item);
  ranked.sort((a, b) => counts[b]! - counts[a]! || (tieBreak ? tieBreak[b]! - tieBreak[a]! : 0) || a - b);
  return Int32Array.from(ranked);
}
