/**
 * From out-of-fold scores to the model's calibration and decisions: a Platt sigmoid per label (or the safe
 * fallback, see model/calibration.ts), a threshold per label that maximises its held-out F1, and the held-out
 * micro-F1 of the decisions the model will make, computed with the model's own decision rule and the evaluation
 * scorer (so the cost search chooses by the figure `evaluate` reports).
 */
import { scoreLabelSets } from '../eval/metrics.js';
import { applySigmoid, type CalibrationFallback, calibrateScores, type Sigmoid } from '../model/calibration.js';
import { decide, defaultRule } from '../model/decide.js';
import { DEFAULT_THRESHOLD, tuneThreshold } from '../model/thresholds.js';

/** Fewer held-out positives than this and a label keeps the threshold 0.5 (a threshold is a noisier fit than a slope). */
export const MIN_THRESHOLD_POSITIVES = 5;

export interface Calibration {
  readonly c: number;
  readonly sigmoids: Sigmoid[];
  readonly thresholds: Float64Array;
  /** Label index → why it was not calibrated on its held-out scores. */
  readonly fallbacks: Map<number, CalibrationFallback>;
  /** Held-out micro-F1 of the model's default decisions (observed labels only). */
  readonly microF1: number;
  /** Held-out probabilities, row-major (row × label). */
  readonly probabilities: Float64Array;
  /** The held-out raw scores they come from (row × label). */
  readonly scores: Float64Array;
}

/** The observed held-out scores at `start`, `start + step`, … (a label's column, or all of them) and whether each is positive. */
function observed(outOfFold: Float64Array, targets: Int8Array, start: number, step: number): { scores: number[]; positive: boolean[] } {
  const scores: number[] = [];
  const positive: boolean[] = [];
  for (let i = start; i < outOfFold.length; i += step) {
    const t = targets[i] as number;
    if (t === 0) continue;
    scores.push(outOfFold[i] as number);
    positive.push(t > 0);
  }
  return { scores, positive };
}

/** A sigmoid (or the fallback, and why) and a threshold, fitted on held-out scores. */
function fitScores(scores: readonly number[], positive: readonly boolean[], tune: boolean): { sigmoid: Sigmoid; fallback: CalibrationFallback | undefined; threshold: number } {
  const { sigmoid, fallback } = calibrateScores(scores, positive);
  const threshold =
    tune && fallback === undefined ? tuneThreshold(scores.map((s) => applySigmoid(sigmoid, s)), positive, { minPositives: MIN_THRESHOLD_POSITIVES, lowest: 0.05, highest: 0.95 }) : DEFAULT_THRESHOLD;
  return { sigmoid, fallback, threshold };
}

/**
 * Calibrates every label from out-of-fold scores (row × label) and `targets` (+1, -1, or 0 for a label the row
 * does not observe), and measures the resulting decisions.
 */
export function calibrate(outOfFold: Float64Array, targets: Int8Array, L: number, c: number, singleLabel: boolean, tune: boolean): Calibration {
  const sigmoids: Sigmoid[] = [];
  const thresholds = new Float64Array(L);
  const fallbacks = new Map<number, CalibrationFallback>();
  const probabilities = new Float64Array(outOfFold.length);
  for (let l = 0; l < L; l++) {
    const { scores, positive } = observed(outOfFold, targets, l, L);
    const { sigmoid, fallback, threshold } = fitScores(scores, positive, tune);
    sigmoids.push(sigmoid);
    thresholds[l] = threshold;
    if (fallback !== undefined) fallbacks.set(l, fallback);
    for (let i = l; i < outOfFold.length; i += L) probabilities[i] = applySigmoid(sigmoid, outOfFold[i] as number);
  }
  return { c, sigmoids, thresholds, fallbacks, probabilities, scores: outOfFold, microF1: heldOutMicroF1(probabilities, thresholds, targets, L, singleLabel) };
}

/**
 * One sigmoid and one threshold for every label, fitted on all their held-out scores together: for scorers whose
 * scores are comparable across labels (centroids), so that calibration keeps their ranking within a text.
 */
export function calibrateShared(outOfFold: Float64Array, targets: Int8Array, L: number, c: number, singleLabel: boolean, tune: boolean): Calibration {
  const { scores, positive } = observed(outOfFold, targets, 0, 1);
  const { sigmoid, fallback, threshold } = fitScores(scores, positive, tune);
  const probabilities = outOfFold.map((score) => applySigmoid(sigmoid, score));
  const thresholds = new Float64Array(L).fill(threshold);
  const fallbacks = new Map<number, CalibrationFallback>();
  if (fallback !== undefined) for (let l = 0; l < L; l++) fallbacks.set(l, fallback);
  return { c, sigmoids: Array.from({ length: L }, () => sigmoid), thresholds, fallbacks, probabilities, scores: outOfFold, microF1: heldOutMicroF1(probabilities, thresholds, targets, L, singleLabel) };
}

/** Micro-F1 of the default decisions on held-out probabilities, over the labels each row observes. */
export function heldOutMicroF1(probabilities: Float64Array, thresholds: Float64Array, targets: Int8Array, L: number, singleLabel: boolean): number {
  const rule = defaultRule(singleLabel);
  const gold: number[][] = [];
  const predicted: number[][] = [];
  for (let row = 0; row < probabilities.length / L; row++) {
    const observed = (l: number) => targets[row * L + l] !== 0;
    const chosen = decide(probabilities.subarray(row * L, (row + 1) * L), thresholds, rule);
    predicted.push(chosen.filter(observed));
    const positives: number[] = [];
    for (let l = 0; l < L; l++) if ((targets[row * L + l] as number) > 0) positives.push(l);
    gold.push(positives);
  }
  const names = (sets: number[][]) => sets.map((set) => set.map(String));
  return scoreLabelSets(names(gold), names(predicted)).micro.f1;
}
