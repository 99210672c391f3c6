import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/common/random.js';
import { applySigmoid, calibrateScores, FALLBACK_SIGMOID, fitSigmoid } from '../../src/model/calibration.js';
import { decide } from '../../src/model/decide.js';
import { tuneThreshold } from '../../src/model/thresholds.js';

function sample(n: number, a: number, b: number, seed = 1) {
  const random = createRandom(seed);
  const scores: number[] = [];
  const positive: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const s = random() * 6 - 3;
    scores.push(s);
    positive.push(random() < applySigmoid({ a, b }, s));
  }
  return { scores, positive };
}

describe('Platt calibration', () => {
  it('recovers the sigmoid that generated the labels', () => {
    const { scores, positive } = sample(20_000, -2, 0.5);
    const fit = fitSigmoid(scores, positive);
    expect(fit.a).toBeCloseTo(-2, 0);
    expect(Math.abs(fit.a + 2)).toBeLessThan(0.15);
    expect(Math.abs(fit.b - 0.5)).toBeLessThan(0.1);
  });

  it('falls back to the fixed margin mapping when a fit would invert the scores', () => {
    // Held-out scores that rank the wrong way round (what noisy out-of-fold models on tiny data produce).
    const { scores, positive } = sample(200, 2, 0);
    expect(fitSigmoid(scores, positive).a).toBeGreaterThan(0);
    expect(calibrateScores(scores, positive)).toEqual({ sigmoid: FALLBACK_SIGMOID, fallback: 'inverted' });
    expect(applySigmoid(FALLBACK_SIGMOID, 1)).toBeGreaterThan(0.5);
    expect(applySigmoid(FALLBACK_SIGMOID, 0)).toBe(0.5);
  });

  it('falls back when there are too few held-out positives or negatives', () => {
    expect(calibrateScores([1, 2, -1, -2, -3, -1, -2], [true, true, false, false, false, false, false]).fallback).toBe('few-positives');
    expect(calibrateScores([1, 2, 3, 4, 5, -1, -2], [true, true, true, true, true, false, false]).fallback).toBe('few-negatives');
    expect(calibrateScores([1, 2, 3, -1, -2, -3, -1], [true, true, true, false, false, false, false]).fallback).toBeUndefined();
    const good = sample(500, -3, 0);
    expect(calibrateScores(good.scores, good.positive).fallback).toBeUndefined();
  });
});

describe('thresholds', () => {
  it('picks the cut that maximises F1, between two scores', () => {
    const p = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const y = [true, true, true, false, true, false, false, false];
    // Top 5 gives tp 4, F1 = 8/9; top 3 gives tp 3, F1 = 6/7: best is between 0.5 and 0.4.
    expect(tuneThreshold(p, y, { minPositives: 3, lowest: 0.05, highest: 0.95 })).toBeCloseTo(0.45, 12);
    expect(tuneThreshold(p, y, { minPositives: 5, lowest: 0.05, highest: 0.95 })).toBe(0.5);
    expect(tuneThreshold(p, y, { minPositives: 3, lowest: 0.5, highest: 0.95 })).toBe(0.5);
  });
});

describe('the decision rule', () => {
  const p = [0.2, 0.9, 0.6, 0.6];
  const t = [0.1, 0.5, 0.7, 0.5];
  it('keeps labels at or above their own threshold, best first, ties by label order', () => {
    expect(decide(p, t, { topK: Infinity, threshold: undefined, atLeastOne: true })).toEqual([1, 3, 0]);
  });
  it('applies one threshold to all labels when given, and topK', () => {
    expect(decide(p, t, { topK: Infinity, threshold: 0.55, atLeastOne: true })).toEqual([1, 2, 3]);
    expect(decide(p, t, { topK: 2, threshold: 0, atLeastOne: true })).toEqual([1, 2]);
  });
  it('returns the best label when none passes, unless asked not to', () => {
    expect(decide(p, t, { topK: Infinity, threshold: 0.95, atLeastOne: true })).toEqual([1]);
    expect(decide(p, t, { topK: Infinity, threshold: 0.95, atLeastOne: false })).toEqual([]);
    // A tie for the best: the first of them, as when ranking all labels.
    expect(decide([0.3, 0.7, 0.7], [0.9, 0.9, 0.9], { topK: Infinity, threshold: undefined, atLeastOne: true })).toEqual([1]);
  });
});
