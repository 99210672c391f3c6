/** The options of `train`, documented where they are declared, and their validation. */
import { InvalidInputError } from '../common/errors.js';
import { optionalBoolean, optionalChoice, optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import type { FeatureSettings } from '../features/settings.js';
import { DEFAULT_TOKENIZER_SETTINGS } from '../text/tokenizer.js';
import type { Example } from './examples.js';
import type { TrainingWarning } from './warnings.js';

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
  /** Characters of each text that are read (at most 10,000,000). Default `100000`. */
  readonly maxChars?: number;
  /** The first this many kept words (title and lead) also count as separate lead features. Default `0` (off). */
  readonly leadWords?: number;
  /**
   * SVM cost: higher fits the training data more closely. Default `'auto'`: 0.5 or 1, whichever gives the better
   * out-of-fold micro-F1 (0.5 when `calibrationFolds` is 0).
   */
  readonly c?: number | 'auto';
  /** `balanced` weighs each label's positives and negatives by the inverse of their frequency. Default `none`. */
  readonly classWeight?: 'balanced' | 'none';
  /**
   * Scale each label's features by how much more often they occur in its positive than in its negative examples
   * (their naive Bayes log-count ratio; NBSVM, Wang and Manning 2012) before its SVM learns. Default `false`. On
   * the benchmark splits it raised micro-F1 on three (ag-news 0.882 -> 0.889,
   * 20newsgroups 0.861 -> 0.864, reuters 0.886 -> 0.889), lowered it on wcep-sections and bbc and on the default
   * model's recipe, trained up to 40% longer, and hurts tiny data (3 bbc articles a label: 0.75 -> 0.61):
   * bench/NAIVE-BAYES-SCALING.md.
   */
  readonly naiveBayesScaling?: boolean;
  /** Folds for the out-of-fold scores used by calibration and thresholds; 0 skips both. Default `3`. */
  readonly calibrationFolds?: number;
  /** Tune a threshold per label (otherwise 0.5). Default `true`. */
  readonly tuneThresholds?: boolean;
  /**
   * Which examples' out-of-fold scores fit the calibration, tune the thresholds and choose the cost (all examples
   * still train the scorers). Default: all. For a model that will read full articles but learns from short texts
   * as well, pass the full-length ones, so that probabilities and thresholds fit what it will read.
   */
  readonly calibrateOn?: (example: Example, index: number) => boolean;
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
  /** Called for each thing the caller should know about the model being trained (see `TrainingWarning`). */
  readonly onWarning?: (warning: TrainingWarning) => void;
}

export const TRAIN_OPTION_KEYS = [
  'ngrams', 'buckets', 'minDf', 'sublinearTf', 'idf', 'stem', 'stopWords', 'maxChars', 'leadWords', 'c', 'classWeight', 'naiveBayesScaling',
  'calibrationFolds', 'tuneThresholds', 'calibrateOn', 'weightBits', 'tolerance', 'maxPasses', 'threads', 'seed', 'labels', 'onProgress', 'onWarning',
] as const;

export interface ResolvedOptions {
  readonly features: FeatureSettings;
  readonly c: number | 'auto';
  readonly classWeight: 'balanced' | 'none';
  readonly naiveBayesScaling: boolean;
  readonly calibrationFolds: number;
  readonly tuneThresholds: boolean;
  readonly calibrateOn: ((example: Example, index: number) => boolean) | undefined;
  readonly weightBits: 8 | 16;
  readonly tolerance: number;
  readonly maxPasses: number;
  /** `undefined`: the thread pool's default. */
  readonly threads: number | undefined;
  readonly seed: number;
  readonly labels: readonly string[] | undefined;
  readonly onProgress: (progress: TrainProgress) => void;
  readonly onWarning: (warning: TrainingWarning) => void;
}

function optionalFunction<T>(bag: Record<string, unknown>, key: string, field: string): T | undefined {
  const value = bag[key];
  if (value !== undefined && typeof value !== 'function') throw new InvalidInputError(`${field}.${key}`, 'a function', value);
  return value as T | undefined;
}

/** Validates options and fills in defaults. */
export function resolveTrainOptions(options: unknown): ResolvedOptions {
  const field = 'options';
  const bag = optionsObject(options, field);
  rejectUnknownKeys(bag, TRAIN_OPTION_KEYS, field);
  const buckets = optionalNumber(bag, 'buckets', field, { min: 2 ** 10, max: 2 ** 24, integer: true }) ?? 2 ** 20;
  if ((buckets & (buckets - 1)) !== 0) throw new InvalidInputError(`${field}.buckets`, 'a power of two', buckets);
  const labels = bag.labels;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length === 0 || labels.some((l) => typeof l !== 'string' || l.trim().length === 0))) {
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
      maxChars: optionalNumber(bag, 'maxChars', field, { min: 1, max: 10_000_000, integer: true }) ?? 100_000,
      leadWords: optionalNumber(bag, 'leadWords', field, { min: 0, max: 10_000, integer: true }) ?? 0,
    },
    c: bag.c === 'auto' ? 'auto' : (optionalNumber(bag, 'c', field, { min: 1e-6, max: 1e6 }) ?? 'auto'),
    classWeight: optionalChoice(bag, 'classWeight', field, ['balanced', 'none'] as const) ?? 'none',
    naiveBayesScaling: optionalBoolean(bag, 'naiveBayesScaling', field) ?? false,
    calibrationFolds: folds,
    tuneThresholds: optionalBoolean(bag, 'tuneThresholds', field) ?? true,
    calibrateOn: optionalFunction(bag, 'calibrateOn', field),
    weightBits: optionalChoice(bag, 'weightBits', field, [8, 16] as const) ?? 8,
    tolerance: optionalNumber(bag, 'tolerance', field, { min: 1e-8, max: 10 }) ?? 0.1,
    maxPasses: optionalNumber(bag, 'maxPasses', field, { min: 1, max: 100_000, integer: true }) ?? 50,
    threads: optionalNumber(bag, 'threads', field, { min: 1, max: 64, integer: true }),
    seed: optionalNumber(bag, 'seed', field, { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 42,
    labels: labels === undefined ? undefined : (labels as string[]).map((l) => l.trim()),
    onProgress: optionalFunction(bag, 'onProgress', field) ?? (() => {}),
    onWarning: optionalFunction(bag, 'onWarning', field) ?? (() => {}),
  };
}
