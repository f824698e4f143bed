// Dense symmetric positive-definite inverse for EASE, in plain TypeScript.
//
// A blocked, symmetric Gauss-Jordan sweep (Goodnight's sweep operator): sweeping a block K of pivots maps
//   M_KK -> -T,  M_KU -> T·M_KU,  M_UU -> M_UU - M_UK·T·M_KU   with T = M_KK⁻¹,
// which keeps M symmetric, so only the upper triangle is stored and updated (n³/2 multiply-adds, the same
// as Cholesky + triangular inverse + product, in one pass). After sweeping every block M = -A⁻¹.
// Blocking turns n rank-1 updates into n/b rank-b updates: each row is read once per block instead of once
// per pivot, while the b panel rows stay in cache.

/** Pivot rows swept together. 64 keeps the panel (64 rows x n) within L2 for n of a few thousand. */
const defaultBlockSize = 64;

export class NotPositiveDefiniteError extends Error {
  constructor(pivot: number, value: number) {
    super(`Matrix is not positive definite: pivot ${pivot} is ${value}. Raise the regularization (lambda).`);
    this.name = "NotPositiveDefiniteError";
  }
}

/**
 * Inverts the symmetric positive-definite n x n row-major `matrix` in place (only its upper triangle, diagonal
 * included, is read). On return `matrix` holds the full symmetric inverse.
 */
export function invertSymmetricPositiveDefinite(matrix: Float64Array, n: number, blockSize = defaultBlockSize): void {
  if (matrix.length !== n * n) throw new RangeError(`Expected ${n * n} entries for a ${n} x ${n} matrix, got ${matrix.length}.`);
  const panel = new Float64Array(blockSize * n);
  const weighted = new Float64Array(blockSize * n);
  const pivotBlock = new Float64Array(blockSize * blockSize);

  for (let start = 0; start < n; start += blockSize) {
    const size = Math.min(blockSize, n - start);
    const end = start + size;
    gatherPanel(matrix, n, start, size, panel);

    // T = M_KK⁻¹ (small, dense, SPD: a Schur complement of the original matrix).
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) pivotBlock[r * size + c] = panel[r * n + start + c]!;
    }
    invertSmallInPlace(pivotBlock, size, start);

    // W = T·P, with its K columns zeroed so the row update below leaves M_UK alone.
    weighted.fill(0, 0, size * n);
    for (let r = 0; r < size; r++) {
      const out = r * n;
      for (let c = 0; c < size; c++) {
        const t = pivotBlock[r * size + c]!;
        if (t === 0) continue;
        const source = c * n;
        for (let j = 0; j < n; j++) weighted[out + j] += t * panel[source + j]!;
      }
      for (let j = start; j < end; j++) weighted[out + j] = 0;
    }

    // M_UU -= M_UK·W, upper triangle only (rows before the block, then after it).
    updateRows(matrix, n, 0, start, panel, weighted, size);
    updateRows(matrix, n, end, n, panel, weighted, size);

    // M_KU = W (stored in the upper triangle: above the block as columns, right of it as rows), M_KK = -T.
    for (let r = 0; r < size; r++) {
      const pivotRow = start + r;
      for (let i = 0; i < start; i++) matrix[i * n + pivotRow] = weighted[r * n + i]!;
      for (let j = end; j < n; j++) matrix[pivotRow * n + j] = weighted[r * n + j]!;
      for (let c = r; c < size; c++) matrix[pivotRow * n + start + c] = -pivotBlock[r * size + c]!;
    }
  }

  // M = -A⁻¹ in the upper triangle: negate and mirror.
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = i; j < n; j++) {
      const value = -matrix[row + j]!;
      matrix[row + j] = value;
      matrix[j * n + i] = value;
    }
  }
}

/** Rows start..start+size-1 of the current symmetric M, read from upper-triangle storage. */
function gatherPanel(matrix: Float64Array, n: number, start: number, size: number, panel: Float64Array): void {
  for (let r = 0; r < size; r++) {
    const row = start + r;
    const out = r * n;
    for (let j = 0; j < row; j++) panel[out + j] = matrix[j * n + row]!;
    for (let j = row; j < n; j++) panel[out + j] = matrix[row * n + j]!;
  }
}

/**
 * For rows first..last-1: matrix[i, i..n-1] -= Σ_r panel[r, i]·weighted[r, i..n-1]. Two rows share each load of
 * four panel rows (register blocking); the pair's second row also writes its one entry below the diagonal,
 * which the sweep never reads and the final mirror overwrites.
 */
function updateRows(matrix: Float64Array, n: number, first: number, last: number, panel: Float64Array, weighted: Float64Array, size: number): void {
  let i = first;
  for (; i + 1 < last; i += 2) {
    const a = i * n;
    const b = a + n;
    let r = 0;
    for (; r + 3 < size; r += 4) {
      const w0 = r * n;
      const w1 = w0 + n;
      const w2 = w1 + n;
      const w3 = w2 + n;
      const f0 = panel[w0 + i]!, f1 = panel[w1 + i]!, f2 = panel[w2 + i]!, f3 = panel[w3 + i]!;
      const g0 = panel[w0 + i + 1]!, g1 = panel[w1 + i + 1]!, g2 = panel[w2 + i + 1]!, g3 = panel[w3 + i + 1]!;
      for (let j = i; j < n; j++) {
        const x0 = weighted[w0 + j]!, x1 = weighted[w1 + j]!, x2 = weighted[w2 + j]!, x3 = weighted[w3 + j]!;
        matrix[a + j] -= f0 * x0 + f1 * x1 + f2 * x2 + f3 * x3;
        matrix[b + j] -= g0 * x0 + g1 * x1 + g2 * x2 + g3 * x3;
      }
    }
    for (; r < size; r++) {
      const w = r * n;
      const f = panel[w + i]!;
      const g = panel[w + i + 1]!;
      for (let j = i; j < n; j++) {
        const x = weighted[w + j]!;
        matrix[a + j] -= f * x;
        matrix[b + j] -= g * x;
      }
    }
  }
  if (i < last) {
    const a = i * n;
    for (let r = 0; r < size; r++) {
      const w = r * n;
      const f = panel[w + i]!;
      for (let j = i; j < n; j++) matrix[a + j] -= f * weighted[w + j]!;
    }
  }
}

/** Plain Gauss-Jordan on a small SPD block (no pivoting needed for SPD). `offset` names pivots in errors. */
function invertSmallInPlace(block: Float64Array, size: number, offset: number): void {
  for (let k = 0; k < size; k++) {
    const pivot = block[k * size + k]!;
    if (!(pivot > 0)) throw new NotPositiveDefiniteError(offset + k, pivot);
    const scale = 1 / pivot;
    block[k * size + k] = 1;
    for (let j = 0; j < size; j++) block[k * size + j] *= scale;
    for (let i = 0; i < size; i++) {
      if (i === k) continue;
      const factor = block[i * size + k]!;
      if (factor === 0) continue;
      block[i * size + k] = 0;
      for (let j = 0; j < size; j++) block[i * size + j] -= factor * block[k * size + j]!;
    }
  }
}
