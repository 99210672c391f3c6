/**
 * Training: examples → hashed TF-IDF features → one linear SVM per label (one-vs-rest, so a document may get any
 * number of labels) → Platt calibration and per-label thresholds from out-of-fold scores → the final model,
 * trained on all examples. Seeded and deterministic: the same data and options give the same model file.
 */
import { availableParallelism } from 'node:os';
import { applySigmoid, fitSigmoid, type Sigmoid } from './calibration.js';
import { type ClassifierParts, TopicClassifier, type TrainingSummary } from './classifier.js';
import { InvalidInputError, TrainingError } from './errors.js';
import { collectExamples, type Example, exampleText } from './examples.js';
import { countSlots, type FeatureSettings, FeatureSpace } from './features.js';
import { LabelPool, sharedArray } from './label-pool.js';
import type { Job } from './label-trainer.js';
import { quantize } from './model-file.js';
import { optionalBoolean, optionalChoice, optionalNumber, optionsObject, rejectUnknownKeys } from './options.js';
import { createRandom, shuffleInPlace } from './random.js';
import { type CsrMatrix, toCsr } from './sparse-matrix.js';
import { DEFAULT_TOKENIZER_SETTINGS } from './tokenize.js';
import { DEFAULT_THRESHOLD, tuneThreshold } from './thresholds.js';

export interface TrainProgress {
  /** `features`: reading texts; `calibration`: out-of-fold models; `final`: the model on all data. */
  readonly stage: 'features' | 'calibration' | 'final';
  readonly completed: number;
  readonly total: number;
  /** Threads training labels (1 until the features are read). */
  readonly threads: number;
}

export interface TrainOptions {
  /** Longest n-gram, 1 or 2. Default `2`. */
  readonly ngrams?: 1 | 2;
  /** Hash slots, a power of two from 2^10 to 2^24. Default `2 ** 20`. */
  readonly buckets?: number;
  /** Drop features seen in fewer training documents than this. Default `2`. */
  readonly minDf?: number;
  /** Sublinear term frequency (1 + ln tf). Default `true`. */
  readonly sublinearTf?: boolean;
  /** IDF weighting. Default `true`. */
  readonly idf?: boolean;
  /** Porter stemming. Default `true`. */
  readonly stem?: boolean;
  /** Drop English stop words. Default `true`. */
  readonly stopWords?: boolean;
  /** Characters of each text that are read. Default `100000`. */
  readonly maxChars?: number;
  /**
   * SVM cost: higher fits the training data more closely. Default `'auto'`: 0.5 or 1, whichever gives the better
   * out-of-fold micro-F1 (0.5 when `calibrationFolds` is 0).
   */
  readonly c?: number | 'auto';
  /** `balanced` weighs each label's positives and negatives by the inverse of their frequency. Default `none`. */
  readonly classWeight?: 'balanced' | 'none';
  /** Folds for the out-of-fold scores used by calibration and thresholds; 0 skips both. Default `3`. */
  readonly calibrationFolds?: number;
  /** Tune a threshold per label (otherwise 0.5). Default `true`. */
  readonly tuneThresholds?: boolean;
  /** Bits per stored weight, 8 or 16. Default `8`. */
  readonly weightBits?: 8 | 16;
  /** Solver stopping tolerance. Default `0.1`. */
  readonly tolerance?: number;
  /** Solver pass limit per label. Default `50`. */
  readonly maxPasses?: number;
  /**
   * Threads to train on (labels are split between them). Default: 2, or 1 on a single-core machine. The model is
   * the same whatever the count.
   */
  readonly threads?: number;
  /** Seed for every random choice. Default `42`. */
  readonly seed?: number;
  /** The label set; by default the labels found in the examples, sorted. */
  readonly labels?: readonly string[];
  /** Called as work advances. */
  readonly onProgress?: (progress: TrainProgress) => void;
}

const KNOWN_OPTIONS = [
  'ngrams', 'buckets', 'minDf', 'sublinearTf', 'idf', 'stem', 'stopWords', 'maxChars', 'c', 'classWeight',
  'calibrationFolds', 'tuneThresholds', 'weightBits', 'tolerance', 'maxPasses', 'threads', 'seed', 'labels', 'onProgress',
] as const;

interface ResolvedOptions {
  readonly features: FeatureSettings;
  readonly c: number | 'auto';
  readonly classWeight: 'balanced' | 'none';
  readonly calibrationFolds: number;
  readonly tuneThresholds: boolean;
  readonly weightBits: 8 | 16;
  readonly tolerance: number;
  readonly maxPasses: number;
  readonly threads: number;
  readonly seed: number;
  readonly labels: readonly string[] | undefined;
  readonly onProgress: ((progress: TrainProgress) => void) | undefined;
}

/**
 * The out-of-fold models only feed calibration and thresholds, which need their scores' ranking and scale rather
 * than the last digits: they stop at a looser tolerance, which saves about a third of the training time.
 */
const CALIBRATION_TOLERANCE_FACTOR = 5;

/** Validates options and fills in defaults. */
export function resolveTrainOptions(options: unknown): ResolvedOptions {
  const field = 'options';
  const bag = optionsObject(options, field);
  rejectUnknownKeys(bag, KNOWN_OPTIONS, field);
  const buckets = optionalNumber(bag, 'buckets', field, { min: 2 ** 10, max: 2 ** 24, integer: true }) ?? 2 ** 20;
  if ((buckets & (buckets - 1)) !== 0) throw new InvalidInputError(`${field}.buckets`, 'a power of two', buckets);
  const onProgress = bag.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InvalidInputError(`${field}.onProgress`, 'a function', onProgress);
  const labels = bag.labels;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length === 0 || labels.some((l) => typeof l !== 'string' || l.length === 0))) {
    throw new InvalidInputError(`${field}.labels`, 'a non-empty array of non-empty strings', labels);
  }
  const folds = optionalNumber(bag, 'calibrationFolds', field, { min: 0, max: 20, integer: true }) ?? 3;
  if (folds === 1) throw new InvalidInputError(`${field}.calibrationFolds`, '0 (off) or from 2 to 20', folds);
  return {
    features: {
      stem: optionalBoolean(bag, 'stem', field) ?? DEFAULT_TOKENIZER_SETTINGS.stem,
      stopWords: optionalBoolean(bag, 'stopWords', field) ?? DEFAULT_TOKENIZER_SETTINGS.stopWords,
      minTokenLength: DEFAULT_TOKENIZER_SETTINGS.minTokenLength,
      ngrams: optionalChoice(bag, 'ngrams', field, [1, 2] as const) ?? 2,
      buckets,
      sublinearTf: optionalBoolean(bag, 'sublinearTf', field) ?? true,
      idf: optionalBoolean(bag, 'idf', field) ?? true,
      minDf: optionalNumber(bag, 'minDf', field, { min: 1, max: 1e9, integer: true }) ?? 2,
      maxChars: optionalNumber(bag, 'maxChars', field, { min: 1, max: 1e9, integer: true }) ?? 100_000,
    },
    c: bag.c === 'auto' ? 'auto' : (optionalNumber(bag, 'c', field, { min: 1e-6, max: 1e6 }) ?? 'auto'),
    classWeight: optionalChoice(bag, 'classWeight', field, ['balanced', 'none'] as const) ?? 'none',
    calibrationFolds: folds,
    tuneThresholds: optionalBoolean(bag, 'tuneThresholds', field) ?? true,
    weightBits: optionalChoice(bag, 'weightBits', field, [8, 16] as const) ?? 8,
    tolerance: optionalNumber(bag, 'tolerance', field, { min: 1e-8, max: 10 }) ?? 0.1,
    maxPasses: optionalNumber(bag, 'maxPasses', field, { min: 1, max: 100_000, integer: true }) ?? 50,
    threads: optionalNumber(bag, 'threads', field, { min: 1, max: 64, integer: true }) ?? Math.min(2, availableParallelism()),
    seed: optionalNumber(bag, 'seed', field, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 42,
    labels: labels as readonly string[] | undefined,
    onProgress: onProgress as ((progress: TrainProgress) => void) | undefined,
  };
}

/** Who is positive, negative or unknown for each label: +1, -1 or 0, row-major (example × label). */
function targetMatrix(examples: readonly Example[], labels: readonly string[]): Int8Array {
  const index = new Map(labels.map((label, i) => [label, i]));
  const L = labels.length;
  const targets = sharedArray(Int8Array, examples.length * L);
  examples.forEach((example, i) => {
    if (example.observed === undefined) targets.fill(-1, i * L, (i + 1) * L);
    else for (const label of example.observed) {
      const l = index.get(label);
      if (l !== undefined) targets[i * L + l] = -1;
    }
    example.labels.forEach((label, j) => {
      const l = index.get(label);
      if (l === undefined) throw new InvalidInputError(`examples[${i}].labels[${j}]`, `one of options.labels (${labels.join(', ')})`, label);
      targets[i * L + l] = 1;
    });
  });
  return targets;
}

function labelSet(examples: readonly Example[], given: readonly string[] | undefined): string[] {
  if (given !== undefined) {
    if (new Set(given).size !== given.length) throw new InvalidInputError('options.labels', 'distinct labels', given);
    return [...given];
  }
  const seen = new Set<string>();
  for (const example of examples) for (const label of example.labels) seen.add(label);
  return [...seen].sort();
}

/** Trains every label for a job (on the pool's threads); returns feature-major weights and biases. */
async function trainAllLabels(pool: LabelPool, columns: number, L: number, job: Job): Promise<{ weights: Float32Array; biases: Float64Array }> {
  const models = await pool.trainLabels(Array.from({ length: L }, (_, l) => l), job);
  const weights = new Float32Array(columns * L);
  const biases = new Float64Array(L);
  for (const model of models) {
    for (let f = 0; f < columns; f++) weights[f * L + model.label] = model.weights[f] as number;
    biases[model.label] = model.bias;
  }
  return { weights, biases };
}

/** Writes every label's decision value for one row into `out` at `offset` (weights feature-major). */
function decisionValues(matrix: CsrMatrix, row: number, weights: Float32Array, biases: Float64Array, out: Float64Array, offset: number): void {
  const L = biases.length;
  for (let l = 0; l < L; l++) out[offset + l] = biases[l] as number;
  for (let p = matrix.rowStart[row] as number, end = matrix.rowStart[row + 1] as number; p < end; p++) {
    const base = (matrix.indices[p] as number) * L;
    const value = matrix.values[p] as number;
    for (let l = 0; l < L; l++) out[offset + l] = (out[offset + l] as number) + (weights[base + l] as number) * value;
  }
}

/** Fits the feature space and builds the training matrix; the per-document slot counts die with this call. */
function featureMatrix(
  data: readonly Example[],
  settings: FeatureSettings,
  progress: (p: TrainProgress) => void,
): { space: FeatureSpace; matrix: CsrMatrix } {
  const counts = data.map((example, i) => {
    if (i % 1000 === 0) progress({ stage: 'features', completed: i, total: data.length, threads: 1 });
    return countSlots(exampleText(example), settings);
  });
  progress({ stage: 'features', completed: data.length, total: data.length, threads: 1 });
  const space = FeatureSpace.fit(counts, settings);
  return { space, matrix: toCsr(counts.map((doc) => space.transform(doc)), space.size) };
}

/** Learns a topic classifier from labelled examples (array, iterable or async iterable). */
export async function train(examples: Iterable<Example> | AsyncIterable<Example>, options?: TrainOptions): Promise<TopicClassifier> {
  const resolved = resolveTrainOptions(options);
  const data = await collectExamples(examples);
  if (data.length < 2) throw new TrainingError(`news-topics: training needs at least 2 examples, received ${data.length}`);
  const labels = labelSet(data, resolved.labels);
  if (labels.length === 0) throw new TrainingError('news-topics: training needs at least one label, but no example has a label');
  const L = labels.length;
  const progress = resolved.onProgress ?? (() => {});

  const { space, matrix } = featureMatrix(data, resolved.features, progress);
  const targets = targetMatrix(data, labels);
  for (let l = 0; l < L; l++) {
    let positives = 0;
    for (let i = 0; i < data.length; i++) if ((targets[i * L + l] as number) > 0) positives++;
    if (positives === 0) throw new TrainingError(`news-topics: label ${JSON.stringify(labels[l])} has no positive example`);
  }
  const exampleWeights = sharedArray(Float64Array, data.length);
  data.forEach((example, i) => (exampleWeights[i] = example.weight ?? 1));
  const pool = LabelPool.create(
    { matrix, targets, weights: exampleWeights, labelCount: L, settings: { classWeight: resolved.classWeight, maxPasses: resolved.maxPasses, seed: resolved.seed } },
    // Worker start-up costs tens of milliseconds: small problems train on the main thread.
    matrix.indices.length * L >= 2_000_000 ? resolved.threads : 1,
  );
  try {
    return await trainWithPool(data, labels, matrix, targets, space, pool, resolved, (p) => progress({ ...p, threads: pool.threads }));
  } finally {
    await pool.close();
  }
}

/** Candidate SVM costs for `c: 'auto'`. */
const AUTO_C = [0.5, 1] as const;

interface Calibration {
  readonly c: number;
  readonly sigmoids: Sigmoid[];
  readonly thresholds: Float64Array;
  /** Out-of-fold micro-F1 of the model's default decisions (observed labels only). */
  readonly microF1: number;
}

/** Out-of-fold decision values for one SVM cost: every row scored by the model of the folds it was not in. */
async function outOfFoldScores(
  pool: LabelPool,
  matrix: CsrMatrix,
  L: number,
  foldOf: Int32Array,
  folds: number,
  c: number,
  tolerance: number,
  progress: (p: Omit<TrainProgress, 'threads'>) => void,
  step: { done: number; total: number },
): Promise<Float64Array> {
  const rows = matrix.rows;
  const outOfFold = new Float64Array(rows * L);
  for (let fold = 0; fold < folds; fold++) {
    progress({ stage: 'calibration', completed: step.done++, total: step.total });
    const trainRows: number[] = [];
    for (let row = 0; row < rows; row++) if (foldOf[row] !== fold) trainRows.push(row);
    const { weights, biases } = await trainAllLabels(pool, matrix.columns, L, { rows: Int32Array.from(trainRows), c, tolerance, round: fold, warmStart: 'round' });
    for (let row = 0; row < rows; row++) if (foldOf[row] === fold) decisionValues(matrix, row, weights, biases, outOfFold, row * L);
  }
  return outOfFold;
}

/** Platt sigmoids and thresholds from out-of-fold scores, and the micro-F1 of the decisions they make. */
function calibrate(outOfFold: Float64Array, targets: Int8Array, L: number, c: number, singleLabel: boolean, tune: boolean): Calibration {
  const rows = outOfFold.length / L;
  const sigmoids: Sigmoid[] = [];
  const thresholds = new Float64Array(L).fill(DEFAULT_THRESHOLD);
  const probabilities = new Float64Array(outOfFold.length);
  for (let l = 0; l < L; l++) {
    const scores: number[] = [];
    const positive: boolean[] = [];
    for (let row = 0; row < rows; row++) {
      const t = targets[row * L + l] as number;
      if (t === 0) continue;
      scores.push(outOfFold[row * L + l] as number);
      positive.push(t > 0);
    }
    const sigmoid = fitSigmoid(scores, positive);
    sigmoids.push(sigmoid);
    for (let row = 0; row < rows; row++) probabilities[row * L + l] = applySigmoid(sigmoid, outOfFold[row * L + l] as number);
    if (tune) {
      thresholds[l] = tuneThreshold(scores.map((s) => applySigmoid(sigmoid, s)), positive, { minPositives: 3, lowest: 0.05, highest: 0.95 });
    }
  }
  // The decisions `predict` makes by default: the best label for single-label models, else labels at or above
  // their threshold (at least one).
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let row = 0; row < rows; row++) {
    let best = 0;
    let any = false;
    for (let l = 0; l < L; l++) {
      const p = probabilities[row * L + l] as number;
      if (p > (probabilities[row * L + best] as number)) best = l;
      if (p >= (thresholds[l] as number)) any = true;
    }
    for (let l = 0; l < L; l++) {
      const t = targets[row * L + l] as number;
      if (t === 0) continue;
      const chosen = singleLabel || !any ? l === best : (probabilities[row * L + l] as number) >= (thresholds[l] as number);
      if (chosen && t > 0) tp++;
      else if (chosen) fp++;
      else if (t > 0) fn++;
    }
  }
  return { c, sigmoids, thresholds, microF1: tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0 };
}

async function trainWithPool(
  data: readonly Example[],
  labels: readonly string[],
  matrix: CsrMatrix,
  targets: Int8Array,
  space: FeatureSpace,
  pool: LabelPool,
  resolved: ResolvedOptions,
  progress: (p: Omit<TrainProgress, 'threads'>) => void,
): Promise<TopicClassifier> {
  const L = labels.length;
  const singleLabel = data.every((example) => example.labels.length === 1 && example.observed === undefined);
  const folds = Math.min(resolved.calibrationFolds, data.length);
  let chosen: Calibration;
  if (folds >= 2) {
    const foldOf = new Int32Array(data.length);
    shuffleInPlace(Array.from({ length: data.length }, (_, i) => i), createRandom(resolved.seed)).forEach((row, k) => (foldOf[row] = k % folds));
    const candidates = resolved.c === 'auto' ? AUTO_C : [resolved.c];
    const step = { done: 0, total: candidates.length * folds };
    const tolerance = resolved.tolerance * CALIBRATION_TOLERANCE_FACTOR;
    const calibrations: Calibration[] = [];
    for (const c of candidates) {
      const outOfFold = await outOfFoldScores(pool, matrix, L, foldOf, folds, c, tolerance, progress, step);
      calibrations.push(calibrate(outOfFold, targets, L, c, singleLabel, resolved.tuneThresholds));
    }
    progress({ stage: 'calibration', completed: step.total, total: step.total });
    // The best held-out micro-F1; on a tie, the first (smaller) cost.
    chosen = calibrations.reduce((best, next) => (next.microF1 > best.microF1 ? next : best));
  } else {
    // Without held-out scores: a fixed logistic of the SVM margin (-1 ↦ 0.12, 0 ↦ 0.5, +1 ↦ 0.88).
    const c = resolved.c === 'auto' ? AUTO_C[0] : resolved.c;
    chosen = { c, sigmoids: labels.map(() => ({ a: -2, b: 0 })), thresholds: new Float64Array(L).fill(DEFAULT_THRESHOLD), microF1: 0 };
  }

  progress({ stage: 'final', completed: 0, total: 1 });
  const final = await trainAllLabels(pool, matrix.columns, L, {
    rows: Int32Array.from({ length: data.length }, (_, i) => i),
    c: chosen.c,
    tolerance: resolved.tolerance,
    round: folds >= 2 ? folds : 0,
    warmStart: 'none',
  });
  progress({ stage: 'final', completed: 1, total: 1 });

  const training: TrainingSummary = {
    examples: data.length,
    seed: resolved.seed,
    c: chosen.c,
    classWeight: resolved.classWeight,
    calibrationFolds: folds >= 2 ? folds : 0,
  };
  const parts: ClassifierParts = {
    space,
    labels,
    weights: quantize(final.weights, L, resolved.weightBits),
    biases: final.biases,
    sigmoids: chosen.sigmoids,
    thresholds: chosen.thresholds,
    singleLabel,
    training,
  };
  return new TopicClassifier(parts);
}
