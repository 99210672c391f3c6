/**
 * Platt scaling: P(label | score) = 1 / (1 + exp(a·score + b)), fitted on held-out decision values with
 * Platt's smoothed targets, by the Newton method with backtracking of Lin, Lin & Weng (2007).
 *
 * A fit can only be trusted when it has enough held-out positives and negatives, and when it keeps the order of
 * the scores (a < 0: a higher score means a higher probability). On small data the held-out scores can be so noisy
 * that the best-fitting sigmoid slopes the wrong way, which would turn every decision upside down; such a label
 * falls back to a fixed logistic of the SVM margin (`FALLBACK_SIGMOID`: margin 0 ↦ 0.5, ±1 ↦ 0.88 / 0.12), which
 * keeps the SVM's own decision boundary, and the model records that it did.
 */
export interface Sigmoid {
  readonly a: number;
  readonly b: number;
}

export function applySigmoid(sigmoid: Sigmoid, score: number): number {
  const z = sigmoid.a * score + sigmoid.b;
  // Written both ways to avoid exp overflow.
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/** The safe mapping: the SVM's decision boundary (margin 0) at probability 0.5. */
export const FALLBACK_SIGMOID: Sigmoid = Object.freeze({ a: -2, b: 0 });

/**
 * Fewer held-out positives (or negatives) than this and a label is not calibrated on them. (Thresholds need more:
 * learn/calibrate.ts tunes them from 5. Measured: Platt fits from 3 positives with thresholds from 5 gave BBC with 3
 * documents per label micro-F1 0.751 and Reuters macro-F1 0.515; thresholds from 3 as well gave 0.644 on the former.)
 */
export const MIN_CALIBRATION_EXAMPLES = 3;

/** Why a label was not calibrated on its held-out scores. */
export type CalibrationFallback = 'few-positives' | 'few-negatives' | 'inverted';

/** A Platt fit when it can be trusted, else the fallback and the reason. */
export function calibrateScores(
  scores: ArrayLike<number>,
  positive: ArrayLike<boolean>,
): { readonly sigmoid: Sigmoid; readonly fallback: CalibrationFallback | undefined } {
  let positives = 0;
  for (let i = 0; i < scores.length; i++) if (positive[i]) positives++;
  if (positives < MIN_CALIBRATION_EXAMPLES) return { sigmoid: FALLBACK_SIGMOID, fallback: 'few-positives' };
  if (scores.length - positives < MIN_CALIBRATION_EXAMPLES) return { sigmoid: FALLBACK_SIGMOID, fallback: 'few-negatives' };
  const sigmoid = fitSigmoid(scores, positive);
  if (!(sigmoid.a < 0)) return { sigmoid: FALLBACK_SIGMOID, fallback: 'inverted' };
  return { sigmoid, fallback: undefined };
}

/** The Platt fit itself, whatever its slope (see `calibrateScores` for the checked version). */
export function fitSigmoid(scores: ArrayLike<number>, positive: ArrayLike<boolean>): Sigmoid {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (positive[i]) positives++;
  const negatives = n - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) target[i] = positive[i] ? hiTarget : loTarget;

  let a = 0;
  let b = Math.log((negatives + 1) / (positives + 1));
  const objective = (pa: number, pb: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = (scores[i] as number) * pa + pb;
      const t = target[i] as number;
      f += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  };
  let value = objective(a, b);
  const sigma = 1e-12;
  for (let iteration = 0; iteration < 100; iteration++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const s = scores[i] as number;
      const z = s * a + b;
      const e = Math.exp(z >= 0 ? -z : z);
      const p = z >= 0 ? e / (1 + e) : 1 / (1 + e);
      const q = 1 - p;
      const d2 = p * q;
      h11 += s * s * d2;
      h22 += d2;
      h21 += s * d2;
      const d1 = (target[i] as number) - p;
      g1 += s * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    let improved = false;
    while (step >= 1e-10) {
      const na = a + step * da;
      const nb = b + step * db;
      const next = objective(na, nb);
      if (next < value + 1e-4 * step * gd) {
        a = na;
        b = nb;
        value = next;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { a, b };
}
