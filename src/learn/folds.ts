/**
 * Out-of-fold scores: the rows are dealt into folds by a seeded shuffle, and each row is scored by the model
 * trained on the other folds. Calibration, thresholds and the choice of the SVM cost all read these scores, so
 * they are judged on data the scoring model did not see.
 */
import { createRandom, shuffleInPlace } from '../common/random.js';
import type { CsrMatrix } from '../features/sparse.js';
import { floatWeights, linearScores } from '../model/linear-model.js';
import type { Job } from './label-trainer.js';
import type { LabelPool } from './parallel/pool.js';

/** The fold of every row: a seeded shuffle dealt round-robin into `folds` folds. */
export function assignFolds(rows: number, folds: number, seed: number): Int32Array {
  const foldOf = new Int32Array(rows);
  shuffleInPlace(Array.from({ length: rows }, (_, i) => i), createRandom(seed)).forEach((row, k) => (foldOf[row] = k % folds));
  return foldOf;
}

/** Trains every label for a job on the pool; returns feature-major float weights and biases. */
export async function trainAllLabels(pool: LabelPool, columns: number, L: number, job: Job): Promise<{ weights: Float32Array; biases: Float64Array }> {
  const models = await pool.trainLabels(Array.from({ length: L }, (_, l) => l), job);
  const weights = new Float32Array(columns * L);
  const biases = new Float64Array(L);
  for (const model of models) {
    interleave(weights, model.weights, L, model.label);
    biases[model.label] = model.bias;
  }
  return { weights, biases };
}

/** Writes one label's weights into the feature-major table (its own function: V8 optimises its loop once, for every label). */
function interleave(table: Float32Array, column: Float32Array, L: number, label: number): void {
  for (let f = 0; f < column.length; f++) table[f * L + label] = column[f] as number;
}

/** Out-of-fold raw scores (row-major: row × label) for one SVM cost. */
export async function outOfFoldScores(
  pool: LabelPool,
  matrix: CsrMatrix,
  L: number,
  foldOf: Int32Array,
  folds: number,
  c: number,
  tolerance: number,
  onFold: () => void,
  /** Fixed scores added to the models' (see `TrainingData.offsets`). */
  offsets?: Float64Array,
): Promise<Float64Array> {
  const rows = matrix.rows;
  const outOfFold = new Float64Array(rows * L);
  for (let fold = 0; fold < folds; fold++) {
    onFold();
    const trainRows: number[] = [];
    for (let row = 0; row < rows; row++) if (foldOf[row] !== fold) trainRows.push(row);
    const { weights, biases } = await trainAllLabels(pool, matrix.columns, L, { rows: Int32Array.from(trainRows), c, tolerance, round: fold, warmStart: 'round' });
    const scorer = floatWeights(weights, biases, L);
    for (let row = 0; row < rows; row++) {
      if (foldOf[row] !== fold) continue;
      const start = matrix.rowStart[row] as number;
      const end = matrix.rowStart[row + 1] as number;
      const vector = { indices: matrix.indices.subarray(start, end), values: matrix.values.subarray(start, end) };
      linearScores(scorer, vector, outOfFold.subarray(row * L, (row + 1) * L));
      if (offsets !== undefined) for (let l = 0; l < L; l++) outOfFold[row * L + l] = (outOfFold[row * L + l] as number) + (offsets[row * L + l] as number);
    }
  }
  return outOfFold;
}
