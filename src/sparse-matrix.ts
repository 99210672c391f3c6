import type { SparseVector } from './features.js';
import { sharedArray } from './label-pool.js';

/** Rows of sparse feature vectors in compressed sparse row form (one contiguous buffer for all documents). */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  /** Row i spans `indices`/`values` from `rowStart[i]` to `rowStart[i + 1]`. */
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function toCsr(vectors: readonly SparseVector[], columns: number): CsrMatrix {
  // Shared memory, so that training worker threads read the matrix without a copy.
  const rowStart = sharedArray(Int32Array, vectors.length + 1);
  for (let i = 0; i < vectors.length; i++) rowStart[i + 1] = (rowStart[i] as number) + (vectors[i] as SparseVector).indices.length;
  const total = rowStart[vectors.length] as number;
  const indices = sharedArray(Int32Array, total);
  const values = sharedArray(Float32Array, total);
  for (let i = 0; i < vectors.length; i++) {
    const vector = vectors[i] as SparseVector;
    indices.set(vector.indices, rowStart[i] as number);
    values.set(vector.values, rowStart[i] as number);
  }
  return { rows: vectors.length, columns, rowStart, indices, values };
}
