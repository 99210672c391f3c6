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

