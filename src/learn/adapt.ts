/**
 * Adapting a trained model to a user's labels with a few hundred examples. The base model's feature space (its
 * hashing, kept features and IDF) is reused as it is, and its knowledge enters each label's learner as extra
 * features: the base model's raw topic scores (margins), each scaled by `anchor`. A learnt label scores
 *
 *   v·x + Σk uk · anchor · (wk·x + bk) + c,
 *
 * which is linear in the text's features x, so it folds into one ordinary linear scorer,
 * (v + anchor Σk uk wk)·x + (c + anchor Σk uk bk): the result is a plain `TopicClassifier` that saves, loads and
 * explains like any model, with the same feature space (its file does not grow with the examples).
 *
 * - A **new label** learns which base topics and which words mark it: a few hundred examples suffice where
 *   training from scratch would have only those examples' words. When every label is new it may instead be the
 *   **centroid** of its examples over the same features (centroids.ts; `learner`), which generalises better from a
 *   handful of examples per label; the same fold applies.
 * - A **corrected base topic** (examples that say an article is or is not `military`) keeps its base scorer and
 *   learns a correction on top of it, with the same features: its score is `wk·x + bk + v·x + Σk uk·anchor·(wk·x + bk)
 *   + c`, where the SVM sees the base score as a fixed offset of each example. The SVM's L2 penalty (`c`) holds the
 *   correction at zero unless the examples disagree with the base model: examples the base scorer already puts
 *   beyond the margin cost nothing, so examples that agree with it change nearly nothing, and a correction grows
 *   with the evidence against it. Below `THIN_CORRECTION` (50) positive examples the topic keeps the base model's
 *   calibration and threshold (learnt from thousands); from 50 on they are re-learnt from the examples' held-out
 *   scores, as a new label's are.
 * - **Untouched base topics** (no example speaks for them) are copied exactly: same weights, calibration and
 *   threshold, same scores.
 *
 * Calibration and thresholds come from out-of-fold scores, as in `train`; same data, options and seed: same model.
 */
import { InvalidInputError, TrainingError } from '../common/errors.js';
import { optionalBoolean, optionalChoice, optionalNumber, optionsObject } from '../common/validate.js';
import { countSlots } from '../features/ngrams.js';
import { toCsr } from '../features/sparse.js';
import { platformCodec } from '../format/codec.js';
import { type Sigmoid } from '../model/calibration.js';
import { TopicClassifier } from '../model/classifier.js';
import { allRows, linearScores, quantize } from '../model/linear-model.js';
import type { AdaptedFrom, ClassifierParts } from '../model/parts.js';
import { modelName } from '../model/provenance.js';
import { readDocument } from '../text/document.js';
import { collectExamples, type Example, exampleArticle, singleLabelData } from './examples.js';
import { resolveTrainOptions, type TrainOptions } from './options.js';
import { sharedArray } from './parallel/shared-memory.js';
import { THIN_CORRECTION } from './warnings.js';
import { fitCentroids } from './centroids.js';
import { calibrateShared } from './calibrate.js';
import { checkLabels, fitLabels, type LabelFit, targetMatrix, trainingSummary } from './train.js';

/** The engine options of `train` that apply to `adapt` (the feature space is the base model's). */
type EngineOptions = Pick<
  TrainOptions,
  'c' | 'classWeight' | 'calibrationFolds' | 'tuneThresholds' | 'calibrateOn' | 'weightBits' | 'tolerance' | 'maxPasses' | 'threads' | 'seed' | 'onProgress' | 'onWarning'
>;

export interface AdaptOptions extends EngineOptions {
  /** Keep the base topics that no example speaks for in the result. Default `true`. */
  readonly keepBaseTopics?: boolean;
  /**
   * Your label → the base topic it corrects and replaces: `{ Defense: 'military' }` learns "Defense" from your
   * examples starting from `military` (whose place it takes in the result). Default: none (a label with a base
   * topic's name corrects that topic; any other label is new).
   */
  readonly map?: Readonly<Record<string, string>>;
  /**
   * Scale of the base model's topic scores among the features: larger keeps learnt labels closer to the base
   * model's view, smaller lets the examples' words count more. Default `'auto'`: 0.15 or 1, whichever gives the
   * better out-of-fold micro-F1 (with `c` 4 unless given).
   */
  readonly anchor?: number | 'auto';
  /**
   * How new labels are learnt: `svm` (one linear SVM per label, the base scores among its features), `centroid`
   * (each label the centroid of its examples' words and base scores, see centroids.ts: better with a few examples
   * per label), or `'auto'` (default): the SVM, or the centroids when every label is new and their held-out
   * micro-F1 is better, both judged with one calibration for all labels. Corrections of base topics use the SVM.
   */
  readonly learner?: 'svm' | 'centroid' | 'auto';
  /** Words get weights of their own only when at least this many examples use them. Default `2`. */
  readonly minDf?: number;
  /** Name and version recorded for the base model. Default: the default model's own, or `base model`. */
  readonly baseName?: string;
  readonly baseVersion?: string;
}

const ENGINE_KEYS = ['c', 'classWeight', 'calibrationFolds', 'tuneThresholds', 'calibrateOn', 'weightBits', 'tolerance', 'maxPasses', 'threads', 'seed', 'onProgress', 'onWarning'] as const;
const ADAPT_KEYS = ['keepBaseTopics', 'map', 'anchor', 'learner', 'minDf', 'baseName', 'baseVersion'] as const;
/** Candidates of `anchor: 'auto'`: words first (fine-grained labels), or the base topics first (labels near them). */
const AUTO_ANCHOR = [0.15, 1] as const;
/** The SVM cost of `anchor: 'auto'` when none is given: on 100 AllSides-tag examples 0.380 micro-F1 against 0.341 with 1 (AG News: 0.799 against 0.811). */
const ADAPT_C = 4;
/**
 * The solver's pass limit from `MANY_EXAMPLES` examples on, when none is given (train's is 50): with the base scores
 * among the features, the last passes change no decision there. Adapting 1,000 AllSides-tag examples, seeds 1-3:
 * micro-F1 0.6834 with 20 passes and with 50, in 8-11 s instead of 11-14 s on one core. Fewer examples solve fast
 * anyway, and there a stop before convergence moved micro-F1 by up to ±0.03 (bench:adapt at N = 50 and 100).
 */
const ADAPT_MAX_PASSES = 20;
const MANY_EXAMPLES = 500;

/**
 * The held-out micro-F1 of an SVM's out-of-fold scores with one calibration for all labels: how centroids are
 * judged too, so that neither gains from fitting a sigmoid and a threshold per label to the same held-out scores
 * (which flatters the SVM: from 100 AllSides-tag examples its own held-out micro-F1 was 0.46, mean of 3 seeds,
 * where allsides.dev gave 0.38).
 */
function sharedMicroF1(svm: LabelFit, targets: Int8Array, labels: number, tune: boolean): number {
  return calibrateShared(svm.calibration.scores, targets, labels, svm.calibration.c, svm.singleLabel, tune).microF1;
}

/** `sha256:` of a model's binary file: known for a model read from a file, else of `toBytes()` (the same bytes). */
function fingerprint(model: TopicClassifier): string {
  const known = modelName(model)?.sha256?.();
  if (known !== undefined) return known;
  const hash = platformCodec().sha256();
  hash.update(model.toBytes());
  return `sha256:${hash.hex()}`;
}

/**
 * A new model: `base` bent to the labels of `examples` (see the module comment).
 * @example
 * const mine = await adapt(defaultModel(), [
 *   { text: 'The city council voted to extend the curfew…', labels: ['Local politics'] },
 *   // … a few hundred more, in your own labels (or base topic ids to correct them)
 * ]);
 * mine.predict(article).topics;
 */
export async function adapt(base: TopicClassifier, examples: Iterable<Example> | AsyncIterable<Example>, options?: AdaptOptions): Promise<TopicClassifier> {
  if (!(base instanceof TopicClassifier)) throw new InvalidInputError('base', 'a TopicClassifier (the model to adapt)', base);
  const bag = optionsObject(options, 'options');
  const unknown = Object.keys(bag).filter((key) => !(ENGINE_KEYS as readonly string[]).includes(key) && !(ADAPT_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    const feature = ['ngrams', 'buckets', 'sublinearTf', 'idf', 'stem', 'stopWords', 'maxChars', 'leadWords', 'labels'].includes(unknown[0] as string);
    throw new InvalidInputError(`options.${unknown[0]}`, feature ? 'left out: adapt reuses the base model’s features and labels' : `one of ${[...ENGINE_KEYS, ...ADAPT_KEYS].join(', ')}`, bag[unknown[0] as string]);
  }
  const engine: Record<string, unknown> = Object.fromEntries(Object.entries(bag).filter(([key]) => (ENGINE_KEYS as readonly string[]).includes(key)));
  const keepBase = optionalBoolean(bag, 'keepBaseTopics', 'options') ?? true;
  const anchorOption = bag.anchor === 'auto' || bag.anchor === undefined ? 'auto' : (optionalNumber(bag, 'anchor', 'options', { min: 1e-6, max: 1e6 }) as number);
  // Few examples, many features: a higher cost than train's default fits them better (bench/ADAPT-RESULTS.md).
  if (anchorOption === 'auto' && bag.c === undefined) engine.c = ADAPT_C;
  const learnerOption = optionalChoice(bag, 'learner', 'options', ['svm', 'centroid', 'auto'] as const) ?? 'auto';
  const minDf = optionalNumber(bag, 'minDf', 'options', { min: 1, max: 1e9, integer: true }) ?? 2;
  const resolved = resolveTrainOptions(engine);
  const map = bag.map === undefined ? {} : bag.map;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new InvalidInputError('options.map', 'an object { yourLabel: baseTopic }', map);
  const baseIndex = new Map(base.labels.map((label, k) => [label, k]));
  const renamed = new Map<string, string>();
  for (const [mine, topic] of Object.entries(map as Record<string, unknown>)) {
    if (typeof topic !== 'string' || !baseIndex.has(topic)) throw new InvalidInputError(`options.map.${mine}`, `one of the base model's labels (${base.labels.slice(0, 6).join(', ')}, …)`, topic);
    if (baseIndex.has(mine) && mine !== topic) throw new InvalidInputError(`options.map.${mine}`, 'a label that is not already a base topic', mine);
    renamed.set(topic, mine);
  }
  for (const key of ['baseName', 'baseVersion'] as const) {
    if (bag[key] !== undefined && typeof bag[key] !== 'string') throw new InvalidInputError(`options.${key}`, 'a string', bag[key]);
  }

  const data = await collectExamples(examples);
  if (data.length < 2) throw new TrainingError(`news-topics: adapting needs at least 2 examples, received ${data.length}`);
  const solving = bag.maxPasses === undefined && data.length >= MANY_EXAMPLES ? { ...resolved, maxPasses: ADAPT_MAX_PASSES } : resolved;
  // Your label for a base topic → the base topic's id, while learning; renamed back at the end.
  const toBase = new Map([...renamed].map(([topic, mine]) => [mine, topic]));
  const internal = data.map((example) =>
    toBase.size === 0
      ? example
      : { ...example, labels: example.labels.map((l) => toBase.get(l) ?? l), ...(example.observed ? { observed: example.observed.map((l) => toBase.get(l) ?? l) } : {}) },
  );
  const spoken = new Set<string>();
  for (const example of internal) for (const label of [...example.labels, ...(example.observed ?? [])]) spoken.add(label);
  const labels = [...spoken].sort();
  const targets = targetMatrix(internal, labels);
  const positives = checkLabels(targets, labels, internal.length, resolved);
  labels.forEach((label, t) => {
    const count = positives[t] as number;
    if (!baseIndex.has(label) || count >= THIN_CORRECTION) return;
    const yours = renamed.get(label) ?? label;
    resolved.onWarning({
      code: 'thin-correction',
      label: yours,
      message: `base topic ${JSON.stringify(yours)} is corrected from ${count} positive example${count === 1 ? '' : 's'}: its scorer learns a correction from them, but its calibration and threshold stay the base model's (they are re-learnt from ${THIN_CORRECTION} positives on), so a correction that disagrees with the base model may show only partly in its decisions`,
    });
  });

  // Features: the base model's, for each text, then the base model's K raw topic scores, scaled by `anchor`.
  const space = base.parts.space;
  const baseWeights = allRows(base.parts.weights);
  const D = space.size;
  const K = base.labels.length;
  resolved.onProgress({ stage: 'features', completed: 0, total: internal.length, threads: 1 });
  const vectors = internal.map((example) => space.transform(countSlots(readDocument(exampleArticle(example), space.settings), space.settings)));
  // Words learn weights of their own only when at least `minDf` examples use them (as `train` keeps features): a
  // word of one example would only memorise it. Vectors keep every feature's value, as a text will have at use.
  const df = new Int32Array(D);
  for (const vector of vectors) for (const f of vector.indices) df[f] = (df[f] as number) + 1;
  // The learner's columns: the words kept (in feature order), then the K base scores.
  const columnOf = new Int32Array(D).fill(-1);
  const words: number[] = [];
  for (let f = 0; f < D; f++) if ((df[f] as number) >= minDf) columnOf[f] = words.push(f) - 1;
  const M = words.length;
  const marginsOf = vectors.map((vector) => linearScores(baseWeights, vector));
  // A corrected base topic learns a correction to its base score: that score is a fixed offset of each example.
  const T = labels.length;
  const baseOf = labels.map((label) => baseIndex.get(label));
  const allNew = baseOf.every((k) => k === undefined);
  const offsets = allNew ? undefined : sharedArray(Float64Array, internal.length * T);
  if (offsets !== undefined) marginsOf.forEach((margins, r) => baseOf.forEach((k, t) => (offsets[r * T + t] = k === undefined ? 0 : (margins[k] as number))));
  const rowsAt = (anchor: number) => vectors.map((vector, r) => {
    const margins = marginsOf[r] as Float64Array;
    // transform() gives ascending features and columns keep feature order, so the pairs ascend as they come.
    const pairs: [number, number][] = [];
    for (let i = 0; i < vector.indices.length; i++) {
      const column = columnOf[vector.indices[i] as number] as number;
      if (column >= 0) pairs.push([column, vector.values[i] as number]);
    }
    const indices = new Int32Array(pairs.length + K);
    const values = new Float32Array(pairs.length + K);
    pairs.forEach(([column, value], n) => {
      indices[n] = column;
      values[n] = value;
    });
    for (let k = 0; k < K; k++) {
      indices[pairs.length + k] = M + k;
      values[pairs.length + k] = anchor * (margins[k] as number);
    }
    return { indices, values };
  });
  // Centroids: for new labels only, and judged on held-out scores (see `learner`).
  const folds = Math.min(solving.calibrationFolds, internal.length);
  if (learnerOption === 'centroid' && (!allNew || folds < 2)) {
    throw new InvalidInputError('options.learner', allNew ? "'svm' or 'auto' when calibrationFolds is below 2 (centroids are calibrated on held-out scores)" : "'svm' or 'auto' when a label corrects a base topic (centroids learn new labels only)", 'centroid');
  }
  const centroidsOf = () =>
    fitCentroids(rowsAt(1), targets, T, M + K, M, {
      folds,
      seed: solving.seed,
      singleLabel: singleLabelData(internal),
      tuneThresholds: solving.tuneThresholds,
      c: solving.c === 'auto' ? ADAPT_C : solving.c,
    });
  // The out-of-fold stage for each anchor (`'auto'`: both candidates); the one with the better micro-F1 (the first
  // on a tie) gets the final model, unless the centroids do better (`learner`).
  let fit: LabelFit | undefined;
  let anchor = 1;
  let learner: 'svm' | 'centroid' = 'svm';
  if (learnerOption === 'centroid') [fit, learner] = [centroidsOf(), 'centroid'];
  else {
    let best: { anchor: number; fit: LabelFit } | undefined;
    for (const candidate of anchorOption === 'auto' ? AUTO_ANCHOR : [anchorOption]) {
      const calibrated = await fitLabels(internal, labels, toCsr(rowsAt(candidate), M + K, sharedArray), targets, solving, { calibrationOnly: true }, offsets);
      if (best === undefined || calibrated.calibration.microF1 > best.fit.calibration.microF1) best = { anchor: candidate, fit: calibrated };
    }
    const chosen = best as { anchor: number; fit: LabelFit };
    if (learnerOption === 'auto' && allNew && folds >= 2) {
      const centroids = centroidsOf();
      if (centroids.calibration.microF1 > sharedMicroF1(chosen.fit, targets, T, solving.tuneThresholds)) [fit, learner] = [centroids, 'centroid'];
    }
    if (fit === undefined) {
      anchor = chosen.anchor;
      fit = await fitLabels(internal, labels, toCsr(rowsAt(anchor), M + K, sharedArray), targets, solving, { calibration: chosen.fit.calibration }, offsets);
    }
  }

  // The result's labels: the base topics in their order (learnt ones replaced, under your name when mapped;
  // untouched ones copied or dropped), then the new labels.
  const learntIndex = new Map(labels.map((label, t) => [label, t]));
  type Source = { readonly label: string } & ({ readonly base: number } | { readonly learnt: number });
  const sources: Source[] = [];
  base.labels.forEach((topic, k) => {
    const t = learntIndex.get(topic);
    if (t !== undefined) sources.push({ label: renamed.get(topic) ?? topic, learnt: t });
    else if (keepBase) sources.push({ label: topic, base: k });
  });
  labels.forEach((label, t) => {
    if (!baseIndex.has(label)) sources.push({ label, learnt: t });
  });
  const L = sources.length;
  const weights = new Float32Array(D * L);
  const biases = new Float64Array(L);
  const sigmoids: Sigmoid[] = [];
  const thresholds = new Float64Array(L);
  // A learnt label's topic weights, folded into word weights: w = v + anchor Σk uk wk, b = c + anchor Σk uk bk.
  const folded = sources.map((source) => {
    if (!('learnt' in source)) return undefined;
    const u = new Float64Array(K);
    for (let k = 0; k < K; k++) u[k] = anchor * (fit.weights[(M + k) * T + source.learnt] as number);
    return u;
  });
  const { codes, scales } = baseWeights;
  // Feature by feature: its base weights (most are zero: only the others are visited), then every label's weight.
  const nonZero = new Int32Array(K);
  const baseValue = new Float64Array(K);
  for (let f = 0; f < D; f++) {
    const row = f * K;
    let count = 0;
    for (let k = 0; k < K; k++) {
      const code = codes[row + k] as number;
      if (code === 0) continue;
      nonZero[count] = k;
      baseValue[count++] = code * (scales[k] as number);
    }
    const column = columnOf[f] as number;
    for (let j = 0; j < L; j++) {
      const source = sources[j] as Source;
      if ('base' in source) {
        weights[f * L + j] = (codes[row + source.base] as number) * (scales[source.base] as number);
        continue;
      }
      const u = folded[j] as Float64Array;
      const corrects = baseOf[source.learnt];
      // A corrected topic: its base weight, plus the correction's.
      let w = (column >= 0 ? (fit.weights[column * T + source.learnt] as number) : 0) + (corrects === undefined ? 0 : (codes[row + corrects] as number) * (scales[corrects] as number));
      for (let i = 0; i < count; i++) w += (u[nonZero[i] as number] as number) * (baseValue[i] as number);
      weights[f * L + j] = w;
    }
  }
  sources.forEach((source, j) => {
    if ('base' in source) {
      biases[j] = baseWeights.biases[source.base] as number;
      sigmoids.push(base.parts.sigmoids[source.base] as Sigmoid);
      thresholds[j] = base.parts.thresholds[source.base] as number;
    } else {
      const u = folded[j] as Float64Array;
      const corrects = baseOf[source.learnt];
      let bias = (fit.biases[source.learnt] as number) + (corrects === undefined ? 0 : (baseWeights.biases[corrects] as number));
      for (let k = 0; k < K; k++) bias += (u[k] as number) * (baseWeights.biases[k] as number);
      biases[j] = bias;
      // A thinly corrected topic keeps the base model's calibration and threshold (see the module comment).
      const baseCalibration = corrects !== undefined && (positives[source.learnt] as number) < THIN_CORRECTION;
      sigmoids.push(baseCalibration ? (base.parts.sigmoids[corrects] as Sigmoid) : (fit.calibration.sigmoids[source.learnt] as Sigmoid));
      thresholds[j] = baseCalibration ? (base.parts.thresholds[corrects] as number) : (fit.calibration.thresholds[source.learnt] as number);
    }
  });
  const known = modelName(base);
  const adaptedFrom: AdaptedFrom = {
    name: (bag.baseName as string | undefined) ?? known?.name ?? 'base model',
    version: (bag.baseVersion as string | undefined) ?? known?.version ?? null,
    sha256: fingerprint(base),
    examples: data.length,
    labels: labels.map((label) => renamed.get(label) ?? label),
    learner,
  };
  const summary = trainingSummary(data.length, labels, fit, resolved);
  const parts: ClassifierParts = {
    space,
    labels: sources.map((s) => s.label),
    // Untouched topics keep their codes exactly: re-quantising their dequantised weights gives the same scale.
    weights: quantize(weights, biases, L, baseWeights.bits === 16 || resolved.weightBits === 16 ? 16 : 8),
    sigmoids,
    thresholds,
    // Single-label (top label by default) only when every label was learnt from single-label examples.
    singleLabel: fit.singleLabel && sources.every((source) => 'learnt' in source),
    training: {
      ...summary,
      calibrationFallbacks: summary.calibrationFallbacks.map((label) => renamed.get(label) ?? label),
      adaptedFrom,
    },
  };
  return new TopicClassifier(parts);
}
