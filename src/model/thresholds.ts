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
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (probabilities[y] as number) - (probabilities[x] as number) || x - y,
  );
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  if (positives < settings.minPositives) return DEFAULT_THRESHOLD;
  // Sweep thresholds from high to low: predicting the top k documents positive.
  let truePositives = 0;
  let bestF1 = -1;
  let best = DEFAULT_THRESHOLD;
  for (let k = 0; k < n; k++) {
    const index = order[k] as number;
    if (positive[index]) truePositives++;
    const current = probabilities[index] as number;
    const next = k + 1 < n ? (probabilities[order[k + 1] as number] as number) : 0;
    if (next === current) continue;
    const f1 = (2 * truePositives) / (k + 1 + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = (current + next) / 2;
    }
  }
  return Math.min(settings.highest, Math.max(settings.lowest, best));
}
