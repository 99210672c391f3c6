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

  it('gives the threshold of a plain sweep over the documents sorted by probability, ties and zeros included', () => {
    // The sweep written plainly: sort, then evaluate F1 after each group of equal probabilities.
    const reference = (p: number[], y: boolean[]) => {
      const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
      const positives = y.filter(Boolean).length;
      let tp = 0;
      let bestF1 = -1;
      let best = 0.5;
      order.forEach((index, k) => {
        if (y[index]) tp++;
        const next = k + 1 < order.length ? p[order[k + 1]!]! : 0;
        if (next === p[index]) return;
        const f1 = (2 * tp) / (k + 1 + positives);
        if (f1 > bestF1) [bestF1, best] = [f1, (p[index]! + next) / 2];
      });
      return Math.min(0.95, Math.max(0.05, best));
    };
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 60);
      // Few distinct values in some rounds (many ties), exact zeros and ones in others.
      const levels = round % 3 === 0 ? 4 : 1000;
      const p = Array.from({ length: n }, () => (round % 5 === 0 && random() < 0.3 ? Math.round(random()) : Math.floor(random() * levels) / levels));
      const y = p.map((x) => random() < x);
      const settings = { minPositives: 1, lowest: 0.05, highest: 0.95 };
      if (y.some(Boolean)) expect(tuneThreshold(p, y, settings)).toBe(reference(p, y));
    }
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
