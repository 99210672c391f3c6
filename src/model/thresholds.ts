/**
 * Per-label decision thresholds, chosen on held-out (out-of-fold) probabilities to maximise that label's F1.
 * Labels with too few held-out positives to trust keep the default of 0.5.
 */
export interface ThresholdSettings {
  readonly minPositives: number;
  readonly lowest: number;
  readonly highest: number;
}

export const DEFAULT_THRESHOLD = 0.5;

export function tuneThreshold(probabilities: ArrayLike<number>, positive: ArrayLike<boolean>, settings: ThresholdSettings): number {
  const n = probabilities.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  if (positives < settings.minPositives) return DEFAULT_THRESHOLD;
  // The positives' and the negatives' probabilities, each sorted natively (no comparator: a sort of indices by a
  // comparator was a tenth of training's calibration stage), walked together from high to low.
  const ups = new Float64Array(positives);
  const downs = new Float64Array(n - positives);
  for (let i = 0, u = 0, d = 0; i < n; i++) {
    if (positive[i]) ups[u++] = probabilities[i] as number;
    else downs[d++] = probabilities[i] as number;
  }
  ups.sort();
  downs.sort();
  // Sweep thresholds from high to low: predicting the top k documents positive, a tie all together.
  let u = ups.length - 1;
  let d = downs.length - 1;
  let truePositives = 0;
  let taken = 0;
  let bestF1 = -1;
  let best = DEFAULT_THRESHOLD;
  while (u >= 0 || d >= 0) {
    const current = Math.max(u >= 0 ? (ups[u] as number) : -Infinity, d >= 0 ? (downs[d] as number) : -Infinity);
    for (; u >= 0 && ups[u] === current; u--) {
      truePositives++;
      taken++;
    }
    for (; d >= 0 && downs[d] === current; d--) taken++;
    const next = u < 0 && d < 0 ? 0 : Math.max(u >= 0 ? (ups[u] as number) : -Infinity, d >= 0 ? (downs[d] as number) : -Infinity);
    if (next === current) continue;
    const f1 = (2 * truePositives) / (taken + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = (current + next) / 2;
    }
  }
  return Math.min(settings.highest, Math.max(settings.lowest, best));
}
