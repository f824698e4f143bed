import { describe, expect, it } from "vitest";
import { easeWeights } from "../../src/personalize/model/ease.ts";
import { gramUpper, userItemRows } from "../../src/personalize/model/interactions.ts";
import { invertSymmetricPositiveDefinite, NotPositiveDefiniteError } from "../../src/personalize/model/linalg.ts";
import { firstAccepted, topScored } from "../../src/personalize/model/ranking.ts";
import { ServingModel } from "../../src/personalize/model/serving.ts";
import { defaultModelOptions, trainModel, type TrainingData } from "../../src/personalize/model/train.ts";
import { clusterOf, clusteredInteractions, seeded } from "./helpers.ts";

function randomSpd(n: number, seed: number): Float64Array {
  const random = seeded(seed);
  // FᵀF + I/2 for a random (n + 3) x n matrix F.
  const rows = n + 3;
  const factor = Float64Array.from({ length: rows * n }, () => random() - 0.5);
  const matrix = new Float64Array(n * n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      const fi = factor[r * n + i]!;
      for (let j = 0; j < n; j++) matrix[i * n + j] += fi * factor[r * n + j]!;
    }
  }
  for (let i = 0; i < n; i++) matrix[i * n + i] += 0.5;
  return matrix;
}

function inverse3x3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  const adjugate = [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
  return adjugate.map((value) => value / det);
}

function maxErrorOfProduct(a: Float64Array, inverse: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k]! * inverse[k * n + j]!;
      worst = Math.max(worst, Math.abs(sum - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

describe("invertSymmetricPositiveDefinite (blocked symmetric sweep)", () => {
  it("inverts a 2 x 2 matrix exactly", () => {
    const matrix = Float64Array.from([4, 2, 2, 3]);
    invertSymmetricPositiveDefinite(matrix, 2);
    // inverse of [[4,2],[2,3]] = 1/8 [[3,-2],[-2,4]]
    expect([...matrix].map((value) => Math.round(value * 1e12) / 1e12)).toEqual([0.375, -0.25, -0.25, 0.5]);
  });

  it.each([
    [7, 3],
    [50, 8],
    [65, 64],
    [130, 64],
  ])("A·A⁻¹ = I for a random SPD matrix of order %i with block size %i, reading only the upper triangle", (n, blockSize) => {
    const original = randomSpd(n, n);
    const matrix = original.slice();
    // Garbage below the diagonal must not matter: the sweep reads the upper triangle only.
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) matrix[i * n + j] = Number.NaN;
    invertSymmetricPositiveDefinite(matrix, n, blockSize);
    expect(maxErrorOfProduct(original, matrix, n)).toBeLessThan(1e-9);
    let asymmetric = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (matrix[i * n + j] !== matrix[j * n + i]) asymmetric++;
    expect(asymmetric).toBe(0);
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefiniteError);
  });
});

describe("EASE", () => {
  it("matches the closed form B = I - P·diag(1/diag(P)) with a zero diagonal", () => {
    // Users: {0,1}, {0,1,2}, {2}. G = XᵀX = [[2,2,1],[2,2,1],[1,1,2]].
    const rows = userItemRows({ users: Int32Array.from([0, 0, 1, 1, 1, 2]), items: Int32Array.from([0, 1, 0, 1, 2, 2]), timestamps: new Float64Array(6) }, 3, Int32Array.from([0, 1, 2]));
    const gram = gramUpper(rows, 3);
    expect([gram[0], gram[1], gram[2], gram[4], gram[5], gram[8]]).toEqual([2, 2, 1, 2, 1, 2]);
    const lambda = 1;
    const weights = easeWeights(gram, 3, { lambda });
    // P = (G + I)⁻¹ by the adjugate formula, independently of the sweep.
    const p = inverse3x3([3, 2, 1, 2, 3, 1, 1, 1, 3]);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const expected = i === j ? 0 : -p[i * 3 + j]! / p[j * 3 + j]!;
        expect(weights[i * 3 + j]).toBeCloseTo(expected, 6);
      }
    }
  });

  it("counts repeated interactions with one item once (implicit feedback)", () => {
    const rows = userItemRows({ users: Int32Array.from([0, 0, 0]), items: Int32Array.from([1, 1, 0]), timestamps: new Float64Array(3) }, 1, Int32Array.from([0, 1]));
    expect([...rows.columns]).toEqual([0, 1]);
  });
});

function trainingData(): { data: TrainingData; itemIds: string[]; userIds: string[] } {
  const interactions = clusteredInteractions();
  const itemIds = [...new Set(interactions.map((interaction) => interaction.itemId))];
  const userIds = [...new Set(interactions.map((interaction) => interaction.userId))];
  return {
    itemIds,
    userIds,
    data: {
      users: Int32Array.from(interactions, (interaction) => userIds.indexOf(interaction.userId)),
      items: Int32Array.from(interactions, (interaction) => itemIds.indexOf(interaction.itemId)),
      timestamps: Float64Array.from(interactions, (interaction) => interaction.timestamp),
      userCount: userIds.length,
      itemCount: itemIds.length,
    },
  };
}

describe("trainModel on a catalog whose answer is known", () => {
  const { data, itemIds } = trainingData();
  const options = { ...defaultModelOptions, lambda: 5, minItemUsers: 1 };
  const model = new ServingModel(trainModel(data, options), 1, new Date());
  const index = (id: string) => itemIds.indexOf(id);

  it("recommends items of the cluster a user watches", () => {
    const history = ["B2", "B5", "B7"].map(index);
    const scores = model.userScores(history)!;
    const top = topScored(scores, 5, (column) => !history.includes(model.itemAt(column))).map((ranked) => itemIds[model.itemAt(ranked.index)]!);
    expect(top).toHaveLength(5);
    expect(top.map(clusterOf)).toEqual(["B", "B", "B", "B", "B"]);
  });

  it("finds the sequel first for 'more like' an item, then its cluster", () => {
    const related = model.relatedScores(index("A0"))!;
    const top = topScored(related, 4, (column) => model.itemAt(column) !== index("A0")).map((ranked) => itemIds[model.itemAt(ranked.index)]!);
    expect(top[0]).toBe("A1");
    expect(top.map(clusterOf)).toEqual(["A", "A", "A", "A"]);
  });

  it("has no scores for a user with nothing the model knows (cold start)", () => {
    expect(model.userScores([])).toBeNull();
    expect(model.scoresForUser("cold", new Map([[itemIds.length + 5, true]]))).toBeNull();
  });

  it("keeps each user's scores up to date as their history grows, evicting the least recently used", () => {
    const small = new ServingModel(model.trained, 1, new Date(), 1);
    const history = new Map<number, true>([[index("B2"), true]]);
    const other = new Map<number, true>([[index("C1"), true]]);
    expect(small.scoresForUser("u", history)).toEqual(model.userScores(history.keys()));
    history.set(index("B5"), true);
    history.set(index("A3"), true);
    // Only the rows of B5 and A3 are added to the kept vector; the sum must match scoring from scratch.
    const grown = [...small.scoresForUser("u", history)!];
    const fresh = [...model.userScores(history.keys())!];
    grown.forEach((value, column) => expect(value).toBeCloseTo(fresh[column]!, 9));
    expect(small.scoresForUser("v", other)).toEqual(model.userScores(other.keys()));
    // "u" was evicted (capacity 1): recomputed from its whole history, still right.
    history.set(index("C7"), true);
    const again = [...small.scoresForUser("u", history)!];
    const freshAgain = [...model.userScores(history.keys())!];
    again.forEach((value, column) => expect(value).toBeCloseTo(freshAgain[column]!, 9));
  });

  it("ranks by popularity, and trending by a recent window", () => {
    // Item 2 is popular overall; item 0 has all the recent interactions.
    const items = Int32Array.from([2, 2, 2, 2, 1, 0, 0]);
    const timestamps = Float64Array.from([10, 20, 30, 40, 995, 998, 1000]);
    const trained = trainModel({ users: Int32Array.from([0, 1, 2, 3, 0, 1, 2]), items, timestamps, userCount: 4, itemCount: 3 }, { ...options, trendingWindowSeconds: 10 });
    expect([...trained.popular.order]).toEqual([2, 0, 1]);
    expect([...trained.trending.order]).toEqual([0, 1]);
  });

  it("keeps rare items out of the personalized model but not out of popularity", () => {
    const trained = trainModel(data, { ...options, minItemUsers: 100 });
    expect(trained.columnItems.length).toBe(0);
    expect(trained.popular.order.length).toBe(itemIds.length);
  });

  it("caps the model at maxItems, keeping the most interacted items", () => {
    const trained = trainModel(data, { ...options, maxItems: 3 });
    const kept = [...trained.columnItems];
    const counts = trained.popular.counts;
    const threshold = Math.min(...kept.map((item) => counts[item]!));
    expect(kept).toHaveLength(3);
    expect(itemIds.filter((_, item) => !kept.includes(item) && counts[item]! > threshold)).toEqual([]);
  });
});

describe("top-K selection", () => {
  it("returns the best k in order, ties to the lower index, skipping rejected and -Infinity", () => {
    const scores = Float64Array.from([0.5, 0.9, 0.9, Number.NEGATIVE_INFINITY, 0.7, 0.1]);
    expect(topScored(scores, 3, (index) => index !== 4).map((ranked) => ranked.index)).toEqual([1, 2, 0]);
    expect(topScored(scores, 10).map((ranked) => ranked.index)).toEqual([1, 2, 4, 0, 5]);
  });

  it("asks the predicate only about candidates that could enter the list", () => {
    const scores = Float64Array.from({ length: 1000 }, (_, index) => index);
    let asked = 0;
    topScored(scores, 5, () => {
      asked++;
      return true;
    });
    // Ascending scores are the worst case: every item beats the heap minimum.
    expect(asked).toBe(1000);
    asked = 0;
    topScored(scores.reverse(), 5, () => {
      asked++;
      return true;
    });
    expect(asked).toBe(5);
  });

  it("walks a precomputed order keeping the first accepted", () => {
    expect(firstAccepted(Int32Array.from([5, 3, 8, 1]), 2, (item) => item !== 3)).toEqual([5, 8]);
  });
});
