// Interactions in the columnar shape the trainer takes (cheap to copy into a worker), and the binary
// user x item matrix EASE learns from, in compressed sparse rows.

/** One column per field; row k is one interaction. Users and items are dense indices into the caller's dictionaries. */
export type InteractionColumns = {
  users: Int32Array;
  items: Int32Array;
  /** Seconds since the epoch. */
  timestamps: Float64Array;
};

/** Rows are users, columns model items; row u lists the distinct model columns user u interacted with, sorted. */
export type UserItemRows = { offsets: Int32Array; columns: Int32Array; userCount: number };

/**
 * The binary user x model-item matrix. `columnOfItem[item]` is the item's model column, or -1 for items left
 * out of the model; repeated interactions with one item count once (implicit feedback).
 */
export function userItemRows(interactions: InteractionColumns, userCount: number, columnOfItem: Int32Array): UserItemRows {
  const { users, items } = interactions;
  const counts = new Int32Array(userCount + 1);
  for (let k = 0; k < users.length; k++) if (columnOfItem[items[k]!]! >= 0) counts[users[k]! + 1]! += 1;
  const offsets = new Int32Array(userCount + 1);
  for (let u = 0; u < userCount; u++) offsets[u + 1] = offsets[u]! + counts[u + 1]!;
  const fill = offsets.slice(0, userCount);
  const raw = new Int32Array(offsets[userCount]!);
  for (let k = 0; k < users.length; k++) {
    const column = columnOfItem[items[k]!]!;
    if (column >= 0) raw[fill[users[k]!]!++] = column;
  }
  // Sort each row and drop repeats, compacting in place.
  const compactOffsets = new Int32Array(userCount + 1);
  let write = 0;
  for (let u = 0; u < userCount; u++) {
    const row = raw.subarray(offsets[u]!, offsets[u + 1]!).sort();
    compactOffsets[u] = write;
    for (let k = 0; k < row.length; k++) {
      if (k > 0 && row[k] === row[k - 1]) continue;
      raw[write++] = row[k]!;
    }
  }
  compactOffsets[userCount] = write;
  return { offsets: compactOffsets, columns: raw.slice(0, write), userCount };
}

/**
 * G = XᵀWX for the binary matrix X, upper triangle (diagonal included) of an n x n row-major Float64Array.
 * W weights user u by |u|^-exponent, scaled so the weights average 1 per interaction (0 = plain XᵀX):
 * heavy users, whose co-occurrences are the least specific, count for less.
 */
export function gramUpper(rows: UserItemRows, n: number, userWeightExponent = 0): Float64Array {
  const gram = new Float64Array(n * n);
  const { offsets, columns } = rows;
  const weights = userWeights(rows, userWeightExponent);
  for (let u = 0; u < rows.userCount; u++) {
    const end = offsets[u + 1]!;
    const weight = weights[u]!;
    // Columns are sorted, so (a, b) with a <= b lands in the upper triangle.
    for (let p = offsets[u]!; p < end; p++) {
      const base = columns[p]! * n;
      for (let q = p; q < end; q++) gram[base + columns[q]!] += weight;
    }
  }
  return gram;
}

function userWeights(rows: UserItemRows, exponent: number): Float64Array {
  const weights = new Float64Array(rows.userCount).fill(1);
  if (exponent === 0) return weights;
  let weighted = 0;
  let total = 0;
  for (let u = 0; u < rows.userCount; u++) {
    const size = rows.offsets[u + 1]! - rows.offsets[u]!;
    if (size === 0) continue;
    weights[u] = size ** -exponent;
    weighted += weights[u]! * size;
    total += size;
  }
  const scale = weighted > 0 ? total / weighted : 1;
  for (let u = 0; u < rows.userCount; u++) weights[u] *= scale;
  return weights;
}
