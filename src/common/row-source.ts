/**
 * Rows of a model's arrays that arrive on demand: a binary model file keeps the weight rows and IDF of its features
 * in compressed blocks and inflates a block the first time a text uses one of its features (format/row-blocks.ts).
 * Whoever reads a feature's row (its weights, its IDF) ensures it first.
 */
export interface RowSource {
  /** Makes the rows of these features readable. */
  ensure(features: Int32Array): void;
  /** Makes every row readable. */
  ensureAll(): void;
}
