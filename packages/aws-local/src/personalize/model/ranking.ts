// Top-K selection with a bounded min-heap. The filter predicate runs only for candidates that would enter the
// list (about K·ln(n/K) of n), which keeps filtered requests cheap.

export type Ranked = { index: number; score: number };

/**
 * The k highest-scoring indices of `scores` that `accept` admits, best first; ties go to the lower index.
 * NaN and -Infinity scores are never returned.
 */
export function topScored(scores: ArrayLike<number>, k: number, accept: (index: number) => boolean = () => true): Ranked[] {
  if (k <= 0) return [];
  const heapIndex = new Int32Array(k);
  const heapScore = new Float64Array(k);
  let size = 0;
  // "a ranks below b": lower score, or equal score and higher index.
  const below = (a: number, b: number) => heapScore[a]! < heapScore[b]! || (heapScore[a] === heapScore[b] && heapIndex[a]! > heapIndex[b]!);
  const swap = (a: number, b: number) => {
    const index = heapIndex[a]!;
    heapIndex[a] = heapIndex[b]!;
    heapIndex[b] = index;
    const score = heapScore[a]!;
    heapScore[a] = heapScore[b]!;
    heapScore[b] = score;
  };

  for (let index = 0; index < scores.length; index++) {
    const score = scores[index]!;
    if (!(score > Number.NEGATIVE_INFINITY)) continue;
    // A full heap only takes a strictly better score (an equal one has a higher index, so ranks below).
    if (size === k && !(score > heapScore[0]!)) continue;
    if (!accept(index)) continue;
    if (size < k) {
      heapIndex[size] = index;
      heapScore[size] = score;
      for (let child = size++; child > 0; ) {
        const parent = (child - 1) >> 1;
        if (!below(child, parent)) break;
        swap(child, parent);
        child = parent;
      }
      continue;
    }
    heapIndex[0] = index;
    heapScore[0] = score;
    for (let parent = 0; ; ) {
      const left = 2 * parent + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && below(right, left) ? right : left;
      if (!below(child, parent)) break;
      swap(child, parent);
      parent = child;
    }
  }

  const ranked: Ranked[] = [];
  for (let slot = 0; slot < size; slot++) ranked.push({ index: heapIndex[slot]!, score: heapScore[slot]! });
  return ranked.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Walks a precomputed order (popular, trending) and keeps the first k that `accept` admits. */
export function firstAccepted(order: ArrayLike<number>, k: number, accept: (index: number) => boolean): number[] {
  const chosen: number[] = [];
  for (let position = 0; position < order.length && chosen.length < k; position++) {
    const index = order[position]!;
    if (accept(index)) chosen.push(index);
  }
  return chosen;
}
