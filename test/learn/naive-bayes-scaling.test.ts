/**
 * NBSVM's feature scaling (learn/label-trainer.ts): a label's SVM learns on features scaled by their naive Bayes
 * log-count ratio r, and its weights times r score the unscaled features. Checked against the same solver run on
 * a matrix scaled here by hand, with r worked out here from its definition.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/common/random.js';
import { toCsr } from '../../src/features/sparse.js';
import { trainLabel } from '../../src/learn/label-trainer.js';
import { trainBinarySvm } from '../../src/learn/linear-svm.js';
import { syntheticExamples } from '../helpers/synthetic.js';
import { train } from '../../src/index.js';

function data(seed: number) {
  const random = createRandom(seed);
  const vectors = [];
  const targets = new Int8Array(200);
  for (let r = 0; r < 200; r++) {
    const positive = random() < 0.3;
    // Features 0-9 lean positive, 10-29 negative, 30-39 occur in neither class (never in a row).
    const features = [...new Set(Array.from({ length: 6 }, () => (positive && random() < 0.6 ? Math.floor(random() * 10) : 10 + Math.floor(random() * 20))))].sort((a, b) => a - b);
    vectors.push({ indices: Int32Array.from(features), values: Float32Array.from(features, () => 0.2 + random()) });
    targets[r] = positive ? 1 : -1;
  }
  return { matrix: toCsr(vectors, 40), targets };
}

describe('naive Bayes feature scaling', () => {
  it('equals an SVM trained on features scaled by their log-count ratios, its weights scaled back', () => {
    const { matrix, targets } = data(5);
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    // r_j = ln(((p_j + 1) / Σ(p + 1)) / ((q_j + 1) / Σ(q + 1))), p and q counting positive and negative rows with j.
    const p = new Array(40).fill(0);
    const q = new Array(40).fill(0);
    for (let r = 0; r < 200; r++) for (let k = matrix.rowStart[r]!; k < matrix.rowStart[r + 1]!; k++) (targets[r]! > 0 ? p : q)[matrix.indices[k]!]++;
    const pTotal = p.reduce((s, x) => s + x + 1, 0);
    const qTotal = q.reduce((s, x) => s + x + 1, 0);
    const ratio = p.map((pj, j) => Math.log((pj + 1) / pTotal / ((q[j] + 1) / qTotal)));
    expect(Math.min(...ratio.slice(0, 10))).toBeGreaterThan(0);
    expect(Math.max(...ratio.slice(10, 30))).toBeLessThan(0);
    const scaled = { ...matrix, values: Float32Array.from(matrix.values, (v, k) => v * ratio[matrix.indices[k]!]!) };

    const settings = { classWeight: 'none' as const, naiveBayesScaling: true, maxPasses: 1000, seed: 9 };
    const job = { rows, c: 0.5, tolerance: 1e-4, round: 0, warmStart: 'none' as const };
    const got = trainLabel({ matrix, targets, weights: new Float64Array(200).fill(1), labelCount: 1, settings }, 0, job);
    // trainLabel's seed for (round 0, label 0).
    const seed = (settings.seed + Math.imul(1, 0x9e3779b1) + Math.imul(1, 0x85ebca6b)) >>> 0;
    const want = trainBinarySvm(scaled, { rows, targets, costs: new Float64Array(200).fill(0.5) }, { tolerance: 1e-4, maxPasses: 1000, biasFeature: 1 }, createRandom(seed));
    for (let j = 0; j < 40; j++) expect(got.weights[j]).toBeCloseTo(Math.fround(want.weights[j]! * ratio[j]!), 5);
    expect(got.bias).toBeCloseTo(want.bias, 9);
    // Features no row has keep a zero weight.
    expect(Array.from(got.weights.slice(30))).toEqual(new Array(10).fill(0));
    // Without the scaling: the plain SVM's weights.
    const plain = trainLabel({ matrix, targets, weights: new Float64Array(200).fill(1), labelCount: 1, settings: { ...settings, naiveBayesScaling: false } }, 0, job);
    const unscaled = trainBinarySvm(matrix, { rows, targets, costs: new Float64Array(200).fill(0.5) }, { tolerance: 1e-4, maxPasses: 1000, biasFeature: 1 }, createRandom(seed));
    expect(Array.from(plain.weights)).toEqual(Array.from(Float32Array.from(unscaled.weights)));
  });

  it('is off by default; on, it trains another model that still learns the topics, the same one every time', async () => {
    const examples = syntheticExamples(120, 3);
    const plain = await train(examples, { seed: 3 });
    const scaled = await train(examples, { seed: 3, naiveBayesScaling: true });
    expect(Buffer.from(plain.toBytes()).equals(Buffer.from((await train(examples, { seed: 3, naiveBayesScaling: false })).toBytes()))).toBe(true);
    expect(Buffer.from(scaled.toBytes()).equals(Buffer.from((await train(examples, { seed: 3, naiveBayesScaling: true, threads: 2 })).toBytes()))).toBe(true);
    expect(Buffer.from(scaled.toBytes()).equals(Buffer.from(plain.toBytes()))).toBe(false);
    for (const model of [scaled, plain]) {
      const right = examples.slice(0, 30).filter((e) => model.predict(e.text).topics.some((t) => e.labels.includes(t.id))).length;
      expect(right).toBeGreaterThanOrEqual(27);
    }
  });
});
