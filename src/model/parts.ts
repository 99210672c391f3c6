/** The parts a trained classifier is made of: exactly what a model file holds. */
import type { FeatureSpace } from '../features/feature-space.js';
import type { Sigmoid } from './calibration.js';
import type { LinearWeights } from './linear-model.js';

/** What the model records about how it was made (no training data). */
export interface TrainingSummary {
  readonly examples: number;
  readonly seed: number;
  readonly c: number;
  readonly classWeight: 'balanced' | 'none';
  readonly calibrationFolds: number;
  /**
   * Labels whose held-out scores could not be trusted for calibration (too few positives or negatives, or a fit
   * that would invert the scores): they use the fixed mapping of the SVM margin and the threshold 0.5.
   */
  readonly calibrationFallbacks: readonly string[];
  /** Set by `adapt`: the model this one was adapted from. */
  readonly adaptedFrom?: AdaptedFrom;
}

/** Where an adapted model comes from. */
export interface AdaptedFrom {
  /** The base model's name (`news-topics default model`, or the one given to `adapt`). */
  readonly name: string;
  /** The base model's version (the package version for the default model), or null when unknown. */
  readonly version: string | null;
  /** `sha256:` of the base model's binary file (`toBytes()`: for the default model, `data/model.bin` itself). */
  readonly sha256: string;
  /** Examples of this adaptation, and the labels they trained (new or corrected). */
  readonly examples: number;
  readonly labels: readonly string[];
  /** How the learnt labels were fitted: `svm` (with the base scores among the features) or `centroid`. */
  readonly learner?: 'svm' | 'centroid';
}

/** @internal */
export interface ClassifierParts {
  readonly space: FeatureSpace;
  readonly labels: readonly string[];
  readonly weights: LinearWeights;
  readonly sigmoids: readonly Sigmoid[];
  readonly thresholds: Float64Array;
  readonly singleLabel: boolean;
  readonly training: TrainingSummary;
}

