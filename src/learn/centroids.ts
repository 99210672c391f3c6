/**
 * Centroid scorers (Rocchio): a label's weights are the mean of its positive examples' word vectors, scaled to unit
 * length, beside the mean of their base-model topic scores, scaled to unit length and weighted by
 * `MARGIN_WEIGHT`. With a handful of examples per label a centroid generalises better than an SVM, which fits
 * those few exactly: on the 29 AllSides tags from 100 examples, top-1 accuracy 0.45 against the SVM's 0.40
 * (bench/ADAPT-RESULTS.md). `adapt` tries it beside the SVM when every label is new and keeps the one with the better
 * out-of-fold micro-F1. Calibration and threshold come from out-of-fold scores, one for all labels (centroid
 * scores are comparable across labels, and a sigmoid per label fitted on a few positives would reorder them).
 */
import type { SparseVector } from '../features/sparse.js';
import { floatWeights, linearScores } from '../model/linear-model.js';
import { type Calibration, calibrateShared } from './calibrate.js';
import { assignFolds } from './folds.js';
import type { LabelFit } from './train.js';

/** Weight of the topic-score part of a centroid against its word part (both of unit length). */
export const MARGIN_WEIGHT = 0.1;

/**
 * Centroid weights, feature-major (`columns` × `labels`), from the rows `use` accepts: `words` word columns, then
 * the base scores in the remaining columns.
 */
function centroidWeights(rows: readonly SparseVector[], targets: Int8Array, labels: number, columns: number, words: number, use: (row: number) => boolean): Float32Array {
  const sums = new Float64Array(columns * labels);
  rows.forEach((row, r) => {
    if (!use(r)) return;
    for (let t = 0; t < labels; t++) {
      if ((targets[r * labels + t] as number) <= 0) continue;
      for (let i = 0; i < row.indices.length; i++) {
        const at = (row.indices[i] as number) * labels + t;
        sums[at] = (sums[at] as number) + (row.values[i] as number);
      }
    }
  });
  const weights = new Float32Array(columns * labels);
  for (let t = 0; t < labels; t++) {
    for (const [from, to, weight] of [[0, words, 1], [words, columns, MARGIN_WEIGHT]] as const) {
      let norm = 0;
      for (let c = from; c < to; c++) norm += (sums[c * labels + t] as number) ** 2;
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let c = from; c < to; c++) weights[c * labels + t] = (sums[c * labels + t] as number) * scale;
    }
  }
  return weights;
}

/**
 * The out-of-fold stage (the same folds as the SVM's, for the same seed) and the final centroids on every row;
 * `c` is recorded in the calibration as the cost the model would otherwise have had.
 */
export function fitCentroids(
  rows: readonly SparseVector[],
  targets: Int8Array,
  labels: number,
  columns: number,
  words: number,
  settings: { readonly folds: number; readonly seed: number; readonly singleLabel: boolean; readonly tuneThresholds: boolean; readonly c: number },
): LabelFit {
  const foldOf = assignFolds(rows.length, settings.folds, settings.seed);
  const outOfFold = new Float64Array(rows.length * labels);
  for (let fold = 0; fold < settings.folds; fold++) {
    const scorer = floatWeights(centroidWeights(rows, targets, labels, columns, words, (r) => foldOf[r] !== fold), new Float64Array(labels), labels);
    rows.forEach((row, r) => {
      if (foldOf[r] === fold) linearScores(scorer, row, outOfFold.subarray(r * labels, (r + 1) * labels));
    });
  }
  const calibration: Calibration = calibrateShared(outOfFold, targets, labels, settings.c, settings.singleLabel, settings.tuneThresholds);
  return {
    weights: centroidWeights(rows, targets, labels, columns, words, () => true),
    biases: new Float64Array(labels),
    calibration,
    singleLabel: settings.singleLabel,
    folds: settings.folds,
  };
}
