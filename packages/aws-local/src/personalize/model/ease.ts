// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item x item weight matrix B
// with zero diagonal, in closed form  P = (XᵀX + λI)⁻¹,  B = I - P·diag(1/diag(P)).
// A user's scores are x_u·B: the sum of the rows of B for the items they interacted with.
import { invertSymmetricPositiveDefinite } from "./linalg.ts";

export type EaseOptions = {
  /** L2 regularization λ added to every diagonal entry. */
  lambda: number;
};

/**
 * B as a row-major n x n Float32Array (row i = how interacting with item i scores every item).
 * `gram` holds XᵀX in its upper triangle and is consumed (inverted in place).
 */
export function easeWeights(gram: Float64Array, n: number, options: EaseOptions): Float32Array {
  for (let i = 0; i < n; i++) gram[i * n + i] += options.lambda;
  invertSymmetricPositiveDefinite(gram, n);
  const precision = gram;
  const inverseDiagonal = new Float64Array(n);
  for (let j = 0; j < n; j++) inverseDiagonal[j] = 1 / precision[j * n + j]!;
  const weights = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) weights[row + j] = -precision[row + j]! * inverseDiagonal[j]!;
    weights[row + i] = 0;
  }
  return weights;
}

/** Cosine item-item similarity from the upper-triangle Gram matrix, zero diagonal (item-kNN). */
export function cosineSimilarity(gram: Float64Array, n: number): Float32Array {
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(gram[i * n + i]!);
  const similarity = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const denominator = norms[i]! * norms[j]!;
      const value = denominator > 0 ? gram[i * n + j]! / denominator : 0;
      similarity[i * n + j] = value;
      similarity[j * n + i] = value;
    }
  }
  return similarity;
}
