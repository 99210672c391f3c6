/**
 * Training: examples → hashed TF-IDF features → one linear SVM per label (one-vs-rest, so a document may get any
 * number of labels) → Platt calibration and per-label thresholds from out-of-fold scores (folds.ts, calibrate.ts),
 * with the SVM cost chosen on the same scores → the final model, trained on all examples. Seeded and
 * deterministic: the same data and options give the same model file, on any number of threads.
 */
import { InvalidInputError, TrainingError } from '../common/errors.js';
import { FeatureSpace } from '../features/feature-space.js';
import { CountPooler } from '../features/pooled-counts.js';
import type { FeatureSettings } from '../features/settings.js';
import type { CsrMatrix } from '../features/sparse.js';
import { FALLBACK_SIGMOID } from '../model/calibration.js';
import { TopicClassifier } from '../model/classifier.js';
import { quantize } from '../model/linear-model.js';
import type { ClassifierParts, TrainingSummary } from '../model/parts.js';
import { DEFAULT_THRESHOLD } from '../model/thresholds.js';
import { readDocument } from '../text/document.js';
import { type Calibration, calibrate } from './calibrate.js';
import { collectExamples, type Example, exampleArticle, singleLabelData } from './examples.js';
import { assignFolds, outOfFoldScores, trainAllLabels } from './folds.js';
import { type ResolvedOptions, resolveTrainOptions, type TrainOptions, type TrainProgress } from './options.js';
import { defaultThreads, LabelPool } from './parallel/pool.js';
import { sharedArray } from './parallel/shared-memory.js';
import { FEW_EXAMPLES, FEW_FEATURES } from './warnings.js';

/** Candidate SVM costs for `c: 'auto'`. */
export const AUTO_C = [0.5, 1] as const;

/**
 * The out-of-fold models only feed calibration and thresholds, which need their scores' ranking and scale rather
 * than the last digits: they stop at a looser tolerance, which saves about a third of the training time.
 */
const CALIBRATION_TOLERANCE_FACTOR = 5;

/** Who is positive, negative or unknown for each label: +1, -1 or 0, row-major (example × label). */
export function targetMatrix(examples: readonly Example[], labels: readonly string[]): Int8Array {
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

/**
 * Refuses labels a one-vs-rest model cannot learn, and warns about labels it can only learn poorly. Returns each
 * label's positive examples.
 */
export function checkLabels(targets: Int8Array, labels: readonly string[], rows: number, options: ResolvedOptions): Int32Array {
  const L = labels.length;
  const counts = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    let positives = 0;
    let negatives = 0;
    for (let i = 0; i < rows; i++) {
      const t = targets[i * L + l] as number;
      if (t > 0) positives++;
      else if (t < 0) negatives++;
    }
    const name = JSON.stringify(labels[l]);
    if (positives === 0) throw new TrainingError(`news-topics: label ${name} has no positive example`);
    if (negatives === 0) {
      throw new TrainingError(
        `news-topics: label ${name} has no negative example: every example that speaks for it carries it, so no model can learn when not to give it. ` +
          'Add examples without it (a one-label data set needs examples of "none of these" labelled []).',
      );
    }
    if (positives < FEW_EXAMPLES) {
      options.onWarning({ code: 'few-examples', label: labels[l] as string, message: `label ${name} has only ${positives} positive example${positives === 1 ? '' : 's'}; at least ${FEW_EXAMPLES} are needed for reliable scores` });
    }
    counts[l] = positives;
  }
  return counts;
}

/** Reads every text once, fits the feature space and builds the training matrix. */
function featureMatrix(data: readonly Example[], settings: FeatureSettings, options: ResolvedOptions): { space: FeatureSpace; matrix: CsrMatrix } {
  const pooler = new CountPooler(settings);
  data.forEach((example, i) => {
    if (i % 1000 === 0) options.onProgress({ stage: 'features', completed: i, total: data.length, threads: 1 });
    pooler.add(readDocument(exampleArticle(example), settings));
  });
  options.onProgress({ stage: 'features', completed: data.length, total: data.length, threads: 1 });
  const counts = [pooler.finish()];
  const space = FeatureSpace.fit(counts, settings);
  if (space.size < FEW_FEATURES) {
    const distinct = FeatureSpace.distinctSlots(counts, settings.buckets);
    options.onWarning({
      code: 'few-features',
      message: `only ${space.size} of ${distinct} distinct words and word pairs occur in at least minDf=${settings.minDf} training documents; the model has little to go on (add training text${settings.minDf > 1 ? ' or lower minDf' : ''})`,
    });
  }
  return { space, matrix: space.matrix(counts, sharedArray) };
}

/**
 * Learns a topic classifier from labelled examples (array, iterable or async iterable).
 * @example
 * const model = await train([
 *   { title: 'Cup final', text: 'The striker scored twice…', labels: ['sport'] },
 *   { text: 'The central bank raised rates…', labels: ['economy'] },
 *   // … a few hundred or thousand more
 * ], { seed: 7 });
 * await saveModel(model, 'my-model.bin');
 */
export async function train(examples: Iterable<Example> | AsyncIterable<Example>, options?: TrainOptions): Promise<TopicClassifier> {
  const resolved = resolveTrainOptions(options);
  const data = await collectExamples(examples);
  if (data.length < 2) throw new TrainingError(`news-topics: training needs at least 2 examples, received ${data.length}`);
  const labels = labelSet(data, resolved.labels);
  if (labels.length === 0) throw new TrainingError('news-topics: training needs at least one label, but no example has a label');
  const targets = targetMatrix(data, labels);
  checkLabels(targets, labels, data.length, resolved);
  const { space, matrix } = featureMatrix(data, resolved.features, resolved);
  const fit = await fitLabels(data, labels, matrix, targets, resolved);
  const L = labels.length;
  const parts: ClassifierParts = {
    space,
    labels,
    weights: quantize(fit.weights, fit.biases, L, resolved.weightBits),
    sigmoids: fit.calibration.sigmoids,
    thresholds: fit.calibration.thresholds,
    singleLabel: fit.singleLabel,
    training: trainingSummary(data.length, labels, fit, resolved),
  };
  return new TopicClassifier(parts);
}

/** @internal What a fit gives: float weights (`matrix.columns` × labels, feature-major), biases, calibration. */
export interface LabelFit {
  readonly weights: Float32Array;
  readonly biases: Float64Array;
  readonly calibration: Calibration;
  readonly singleLabel: boolean;
  readonly folds: number;
}

/** @internal The training summary a model file records. */
export function trainingSummary(examples: number, labels: readonly string[], fit: LabelFit, resolved: ResolvedOptions): TrainingSummary {
  return {
    examples,
    seed: resolved.seed,
    c: fit.calibration.c,
    classWeight: resolved.classWeight,
    calibrationFolds: fit.folds,
    calibrationFallbacks: [...fit.calibration.fallbacks.keys()].sort((a, b) => a - b).map((l) => labels[l] as string),
  };
}

/**
 * @internal One linear SVM per label on a training matrix, with Platt calibration, thresholds and the cost chosen
 * from out-of-fold scores (train and adapt): on worker threads for large problems.
 */
export async function fitLabels(
  data: readonly Example[],
  labels: readonly string[],
  matrix: CsrMatrix,
  targets: Int8Array,
  resolved: ResolvedOptions,
  /**
   * `calibrationOnly`: the out-of-fold stage only (no weights); `calibration`: skip that stage and fit the final
   * model with this calibration (and its cost).
   */
  stage: { readonly calibrationOnly: true } | { readonly calibration: Calibration } | Record<string, never> = {},
  /** Fixed scores added to the labels' (row-major, example × label): the labels learn corrections to them (adapt). */
  offsets?: Float64Array,
): Promise<LabelFit> {
  const L = labels.length;
  const exampleWeights = sharedArray(Float64Array, data.length);
  data.forEach((example, i) => (exampleWeights[i] = example.weight ?? 1));
  const pool = LabelPool.create(
    { matrix, targets, weights: exampleWeights, labelCount: L, settings: { classWeight: resolved.classWeight, naiveBayesScaling: resolved.naiveBayesScaling, maxPasses: resolved.maxPasses, seed: resolved.seed }, ...(offsets === undefined ? {} : { offsets }) },
    // Worker start-up costs tens of milliseconds: small problems train on the main thread.
    matrix.indices.length * L >= 2_000_000 ? (resolved.threads ?? defaultThreads()) : 1,
  );
  const progress = (p: Omit<TrainProgress, 'threads'>) => resolved.onProgress({ ...p, threads: pool.threads });
  try {
    return await fitWithPool(data, labels, matrix, targets, pool, resolved, progress, stage, offsets);
  } finally {
    await pool.close();
  }
}

/** The targets calibration reads: those of the rows `calibrateOn` chooses, the others unknown (0). */
function calibrationTargetsOf(targets: Int8Array, data: readonly Example[], L: number, calibrateOn: ResolvedOptions['calibrateOn']): Int8Array {
  if (calibrateOn === undefined) return targets;
  const chosen = new Int8Array(targets.length);
  data.forEach((example, i) => {
    if (calibrateOn(example, i) === true) chosen.set(targets.subarray(i * L, (i + 1) * L), i * L);
  });
  return chosen;
}

async function fitWithPool(
  data: readonly Example[],
  labels: readonly string[],
  matrix: CsrMatrix,
  targets: Int8Array,
  pool: LabelPool,
  resolved: ResolvedOptions,
  progress: (p: Omit<TrainProgress, 'threads'>) => void,
  stage: { readonly calibrationOnly: true } | { readonly calibration: Calibration } | Record<string, never>,
  offsets: Float64Array | undefined,
): Promise<LabelFit> {
  const L = labels.length;
  const singleLabel = singleLabelData(data);
  const folds = Math.min(resolved.calibrationFolds, data.length);
  let chosen: Calibration;
  if ('calibration' in stage) chosen = stage.calibration;
  else if (folds >= 2) {
    const foldOf = assignFolds(data.length, folds, resolved.seed);
    // Rows outside `calibrateOn` still train every out-of-fold model; they are only left out of the fit.
    const calibrationTargets = calibrationTargetsOf(targets, data, L, resolved.calibrateOn);
    const candidates = resolved.c === 'auto' ? AUTO_C : [resolved.c];
    const step = { done: 0, total: candidates.length * folds };
    const calibrations: Calibration[] = [];
    for (const c of candidates) {
      const onFold = () => progress({ stage: 'calibration', completed: step.done++, total: step.total });
      const outOfFold = await outOfFoldScores(pool, matrix, L, foldOf, folds, c, resolved.tolerance * CALIBRATION_TOLERANCE_FACTOR, onFold, offsets);
      calibrations.push(calibrate(outOfFold, calibrationTargets, L, c, singleLabel, resolved.tuneThresholds));
    }
    progress({ stage: 'calibration', completed: step.total, total: step.total });
    // The best held-out micro-F1; on a tie, the first (smaller) cost.
    chosen = calibrations.reduce((best, next) => (next.microF1 > best.microF1 ? next : best));
    for (const [l, reason] of chosen.fallbacks) {
      const why = reason === 'inverted' ? 'a fit on its held-out scores would rank them upside down' : `its held-out scores have too few ${reason === 'few-positives' ? 'positives' : 'negatives'}`;
      resolved.onWarning({ code: 'calibration-fallback', label: labels[l] as string, message: `label ${JSON.stringify(labels[l])} is not calibrated (${why}); its scores use the fixed mapping of the SVM margin and the threshold 0.5` });
    }
  } else {
    // Without held-out scores: the fixed logistic of the SVM margin for every label.
    const c = resolved.c === 'auto' ? AUTO_C[0] : resolved.c;
    chosen = { c, sigmoids: labels.map(() => FALLBACK_SIGMOID), thresholds: new Float64Array(L).fill(DEFAULT_THRESHOLD), fallbacks: new Map(), microF1: 0, probabilities: new Float64Array(0), scores: new Float64Array(0) };
  }

  if ('calibrationOnly' in stage) return { weights: new Float32Array(0), biases: new Float64Array(0), calibration: chosen, singleLabel, folds: folds >= 2 ? folds : 0 };
  progress({ stage: 'final', completed: 0, total: 1 });
  const final = await trainAllLabels(pool, matrix.columns, L, {
    rows: Int32Array.from({ length: data.length }, (_, i) => i),
    c: chosen.c,
    tolerance: resolved.tolerance,
    round: folds >= 2 ? folds : 0,
    warmStart: 'none',
  });
  progress({ stage: 'final', completed: 1, total: 1 });
  return { weights: final.weights, biases: final.biases, calibration: chosen, singleLabel, folds: folds >= 2 ? folds : 0 };
}
