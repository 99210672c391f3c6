/**
 * Training of single labels, shared by the main thread and the training worker (train-worker.ts): builds one
 * label's binary problem over the given rows and solves it. Each (fold, label) pair has its own seeded random
 * stream, so the result does not depend on which thread trains which label.
 */
import { type BinaryProblem, trainBinarySvm } from './linear-svm.js';
import { createRandom } from './random.js';
import type { CsrMatrix } from './sparse-matrix.js';

export interface LabelTrainingSettings {
  readonly classWeight: 'balanced' | 'none';
  readonly maxPasses: number;
  readonly seed: number;
}

/** Everything a thread needs to train labels: the data (shareable typed arrays) and the settings. */
export interface TrainingData {
  readonly matrix: CsrMatrix;
  /** +1 positive, -1 negative, 0 unknown, row-major (example × label). */
  readonly targets: Int8Array;
  /** Example weights. */
  readonly weights: Float64Array;
  readonly labelCount: number;
  readonly settings: LabelTrainingSettings;
}

export interface LabelModel {
  readonly label: number;
  /** Single precision: the model file stores 8 or 16 bits a weight anyway, and this halves peak memory. */
  readonly weights: Float32Array;
  readonly bias: number;
}

function buildProblem(data: TrainingData, label: number, rows: Int32Array, c: number): BinaryProblem & { positives: number } {
  const { targets, labelCount: L, settings } = data;
  let n = 0;
  let positives = 0;
  for (const row of rows) {
    const t = targets[row * L + label] as number;
    if (t !== 0) n++;
    if (t > 0) positives++;
  }
  const negatives = n - positives;
  const balanced = settings.classWeight === 'balanced';
  const positiveWeight = balanced && positives > 0 ? n / (2 * positives) : 1;
  const negativeWeight = balanced && negatives > 0 ? n / (2 * negatives) : 1;
  const chosen = new Int32Array(n);
  const signs = new Int8Array(n);
  const costs = new Float64Array(n);
  let i = 0;
  for (const row of rows) {
    const t = targets[row * L + label] as number;
    if (t === 0) continue;
    chosen[i] = row;
    signs[i] = t;
    costs[i] = c * (t > 0 ? positiveWeight : negativeWeight) * (data.weights[row] as number);
    i++;
  }
  return { rows: chosen, targets: signs, costs, positives };
}

/** One training job: which rows, which SVM cost, how tight a solution, and the round that seeds it. */
export interface Job {
  readonly rows: Int32Array;
  readonly c: number;
  readonly tolerance: number;
  /** 0…folds-1 for calibration folds, folds for the final model. */
  readonly round: number;
}

/** Trains one label for a job. */
export function trainLabel(data: TrainingData, label: number, job: Job): LabelModel {
  const { rows, c, tolerance, round } = job;
  const problem = buildProblem(data, label, rows, c);
  if (problem.positives === 0 || problem.positives === problem.rows.length) {
    // Without both classes there is nothing to separate: a constant score on the side of the data.
    return { label, weights: new Float32Array(data.matrix.columns), bias: problem.positives === 0 ? -1 : 1 };
  }
  const seed = (data.settings.seed + Math.imul(round + 1, 0x9e3779b1) + Math.imul(label + 1, 0x85ebca6b)) >>> 0;
  const { settings } = data;
  const model = trainBinarySvm(data.matrix, problem, { tolerance, maxPasses: settings.maxPasses, biasFeature: 1 }, createRandom(seed));
  return { label, weights: Float32Array.from(model.weights), bias: model.bias };
}
