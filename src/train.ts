/**
 * Training: examples → hashed TF-IDF features → one linear SVM per label (one-vs-rest, so a document may get any
 * number of labels) → Platt calibration and per-label thresholds from out-of-fold scores → the final model,
 * trained on all examples. Seeded and deterministic: the same data and options give the same model file.
 */
import { fitSigmoid, type Sigmoid } from './calibration.js';
import { type ClassifierParts, TopicClassifier, type TrainingSummary } from './classifier.js';
import { InvalidInputError, TrainingError } from './errors.js';
import { collectExamples, type Example, exampleText } from './examples.js';
import { countSlots, type FeatureSettings, FeatureSpace } from './features.js';
import { type BinaryProblem, trainBinarySvm } from './linear-svm.js';
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
  /** SVM cost: higher fits the training data more closely. Default `0.5`. */
  readonly c?: number;
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
  /** Seed for every random choice. Default `42`. */
  readonly seed?: number;
  /** The label set; by default the labels found in the examples, sorted. */
  readonly labels?: readonly string[];
  /** Called as work advances. */
  readonly onProgress?: (progress: TrainProgress) => void;
}

const KNOWN_OPTIONS = [
  'ngrams', 'buckets', 'minDf', 'sublinearTf', 'idf', 'stem', 'stopWords', 'maxChars', 'c', 'classWeight',
  'calibrationFolds', 'tuneThresholds', 'weightBits', 'tolerance', 'maxPasses', 'seed', 'labels', 'onProgress',
] as const;

interface ResolvedOptions {
  readonly features: FeatureSettings;
  readonly c: number;
  readonly classWeight: 'balanced' | 'none';
  readonly calibrationFolds: number;
  readonly tuneThresholds: boolean;
  readonly weightBits: 8 | 16;
  readonly tolerance: number;
  readonly maxPasses: number;
  readonly seed: number;
  readonly labels: readonly string[] | undefined;
  readonly onProgress: ((progress: TrainProgress) => void) | undefined;
}

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
    c: optionalNumber(bag, 'c', field, { min: 1e-6, max: 1e6 }) ?? 0.5,
    classWeight: optionalChoice(bag, 'classWeight', field, ['balanced', 'none'] as const) ?? 'none',
    calibrationFolds: folds,
    tuneThresholds: optionalBoolean(bag, 'tuneThresholds', field) ?? true,
    weightBits: optionalChoice(bag, 'weightBits', field, [8, 16] as const) ?? 8,
    tolerance: optionalNumber(bag, 'tolerance', field, { min: 1e-8, max: 10 }) ?? 0.1,
    maxPasses: optionalNumber(bag, 'maxPasses', field, { min: 1, max: 100_000, integer: true }) ?? 50,
    seed: optionalNumber(bag, 'seed', field, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 42,
    labels: labels as readonly string[] | undefined,
    onProgress: onProgress as ((progress: TrainProgress) => void) | undefined,
  };
}

/** Who is positive, negative or unknown for each label: +1, -1 or 0, row-major (example × label). */
function targetMatrix(examples: readonly Example[], labels: readonly string[]): Int8Array {
  const index = new Map(labels.map((label, i) => [label, i]));
  const L = labels.length;
  const targets = new Int8Array(examples.length * L);
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

interface LabelProblem extends BinaryProblem {
  readonly positives: number;
}

function buildProblem(
  targets: Int8Array,
  L: number,
  l: number,
  rows: Iterable<number>,
  examples: readonly Example[],
  options: ResolvedOptions,
): LabelProblem {
  const chosen: number[] = [];
  let positives = 0;
  for (const row of rows) {
    const t = targets[row * L + l] as number;
    if (t === 0) continue;
    chosen.push(row);
    if (t > 0) positives++;
  }
  const n = chosen.length;
  const negatives = n - positives;
  const positiveWeight = options.classWeight === 'balanced' && positives > 0 ? n / (2 * positives) : 1;
  const negativeWeight = options.classWeight === 'balanced' && negatives > 0 ? n / (2 * negatives) : 1;
  const targetsOut = new Int8Array(n);
  const costs = new Float64Array(n);
  chosen.forEach((row, i) => {
    const positive = (targets[row * L + l] as number) > 0;
    targetsOut[i] = positive ? 1 : -1;
    costs[i] = options.c * (positive ? positiveWeight : negativeWeight) * ((examples[row] as Example).weight ?? 1);
  });
  return { rows: Int32Array.from(chosen), targets: targetsOut, costs, positives };
}

/** Trains every label on `rows`; returns feature-major weights and biases. */
function trainAllLabels(
  matrix: CsrMatrix,
  targets: Int8Array,
  labels: readonly string[],
  rows: readonly number[],
  examples: readonly Example[],
  options: ResolvedOptions,
  random: () => number,
): { weights: Float64Array; biases: Float64Array } {
  const L = labels.length;
  const weights = new Float64Array(matrix.columns * L);
  const biases = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    const problem = buildProblem(targets, L, l, rows, examples, options);
    if (problem.positives === 0 || problem.positives === problem.rows.length) {
      // Without both classes there is nothing to separate: a constant score on the side of the data.
      biases[l] = problem.positives === 0 ? -1 : 1;
      continue;
    }
    const model = trainBinarySvm(matrix, problem, { tolerance: options.tolerance, maxPasses: options.maxPasses, biasFeature: 1 }, random);
    for (let f = 0; f < matrix.columns; f++) weights[f * L + l] = model.weights[f] as number;
    biases[l] = model.bias;
  }
  return { weights, biases };
}

function decisionValue(matrix: CsrMatrix, row: number, weights: Float64Array, biases: Float64Array, L: number, l: number): number {
  let sum = biases[l] as number;
  for (let p = matrix.rowStart[row] as number, end = matrix.rowStart[row + 1] as number; p < end; p++) {
    sum += (weights[(matrix.indices[p] as number) * L + l] as number) * (matrix.values[p] as number);
  }
  return sum;
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

  const counts = data.map((example, i) => {
    if (i % 1000 === 0) progress({ stage: 'features', completed: i, total: data.length });
    return countSlots(exampleText(example), resolved.features);
  });
  progress({ stage: 'features', completed: data.length, total: data.length });
  const space = FeatureSpace.fit(counts, resolved.features);
  const matrix = toCsr(counts.map((doc) => space.transform(doc)), space.size);
  const targets = targetMatrix(data, labels);
  for (let l = 0; l < L; l++) {
    let positives = 0;
    for (let i = 0; i < data.length; i++) if ((targets[i * L + l] as number) > 0) positives++;
    if (positives === 0) throw new TrainingError(`news-topics: label ${JSON.stringify(labels[l])} has no positive example`);
  }
  const random = createRandom(resolved.seed);
  const allRows = Array.from({ length: data.length }, (_, i) => i);

  const sigmoids: Sigmoid[] = [];
  const thresholds = new Float64Array(L).fill(DEFAULT_THRESHOLD);
  const folds = Math.min(resolved.calibrationFolds, data.length);
  if (folds >= 2) {
    const order = shuffleInPlace([...allRows], random);
    const foldOf = new Int32Array(data.length);
    order.forEach((row, k) => (foldOf[row] = k % folds));
    const outOfFold = new Float64Array(data.length * L);
    for (let fold = 0; fold < folds; fold++) {
      progress({ stage: 'calibration', completed: fold, total: folds });
      const trainRows = allRows.filter((row) => foldOf[row] !== fold);
      const { weights, biases } = trainAllLabels(matrix, targets, labels, trainRows, data, resolved, random);
      for (const row of allRows) {
        if (foldOf[row] !== fold) continue;
        for (let l = 0; l < L; l++) outOfFold[row * L + l] = decisionValue(matrix, row, weights, biases, L, l);
      }
    }
    progress({ stage: 'calibration', completed: folds, total: folds });
    for (let l = 0; l < L; l++) {
      const scores: number[] = [];
      const positive: boolean[] = [];
      for (const row of allRows) {
        const t = targets[row * L + l] as number;
        if (t === 0) continue;
        scores.push(outOfFold[row * L + l] as number);
        positive.push(t > 0);
      }
      const sigmoid = fitSigmoid(scores, positive);
      sigmoids.push(sigmoid);
      if (resolved.tuneThresholds) {
        const probabilities = scores.map((s) => 1 / (1 + Math.exp(sigmoid.a * s + sigmoid.b)));
        thresholds[l] = tuneThreshold(probabilities, positive, { minPositives: 3, lowest: 0.05, highest: 0.95 });
      }
    }
  } else {
    // Without held-out scores: a fixed logistic of the SVM margin (-1 ↦ 0.12, 0 ↦ 0.5, +1 ↦ 0.88).
    for (let l = 0; l < L; l++) sigmoids.push({ a: -2, b: 0 });
  }

  progress({ stage: 'final', completed: 0, total: 1 });
  const final = trainAllLabels(matrix, targets, labels, allRows, data, resolved, random);
  progress({ stage: 'final', completed: 1, total: 1 });

  const singleLabel = data.every((example) => example.labels.length === 1 && example.observed === undefined);
  const training: TrainingSummary = {
    examples: data.length,
    seed: resolved.seed,
    c: resolved.c,
    classWeight: resolved.classWeight,
    calibrationFolds: folds >= 2 ? folds : 0,
  };
  const parts: ClassifierParts = {
    space,
    labels,
    weights: quantize(final.weights, L, resolved.weightBits),
    biases: final.biases,
    sigmoids,
    thresholds,
    singleLabel,
    training,
  };
  return new TopicClassifier(parts);
}
