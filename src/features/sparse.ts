/** Sparse vectors and matrices of feature values. */

/** A sparse feature vector over the dense feature numbering of a `FeatureSpace`, indices ascending. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Rows of sparse feature vectors in compressed sparse row form (one contiguous buffer for all documents). */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  /** Row i spans `indices`/`values` from `rowStart[i]` to `rowStart[i + 1]`. */
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Makes a typed array of a given length; training passes one backed by shared memory for its worker threads. */
export type ArrayAllocator = <T extends Int8Array | Int32Array | Float32Array | Float64Array>(
  Kind: { new (length: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
) => T;

export const plainArray: ArrayAllocator = (Kind, length) => new Kind(length);

export function toCsr(vectors: readonly SparseVector[], columns: number, allocate: ArrayAllocator = plainArray): CsrMatrix {
  const rowStart = allocate(Int32Array, vectors.length + 1);
  for (let i = 0; i < vectors.length; i++) rowStart[i + 1] = (rowStart[i] as number) + (vectors[i] as SparseVector).indices.length;
  const total = rowStart[vectors.length] as number;
  const indices = allocate(Int32Array, total);
  const values = allocate(Float32Array, total);
  for (let i = 0; i < vectors.length; i++) {
    const vector = vectors[i] as SparseVector;
    indices.set(vector.indices, rowStart[i] as number);
    values.set(vector.values, rowStart[i] as number);
  }
  return { rows: vectors.length, columns, rowStart, indices, values };
}
