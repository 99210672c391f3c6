import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/common/random.js';
import { toCsr } from '../../src/features/sparse.js';
import { trainBinarySvm } from '../../src/learn/linear-svm.js';

/** A random sparse problem: 300 rows over 50 features, labels from a hidden linear rule with noise. */
function problem(seed: number) {
  const random = createRandom(seed);
  const hidden = Array.from({ length: 50 }, () => random() * 2 - 1);
  const vectors = [];
  const targets = new Int8Array(300);
  for (let r = 0; r < 300; r++) {
    const features = [...new Set(Array.from({ length: 8 }, () => Math.floor(random() * 50)))].sort((a, b) => a - b);
    const values = features.map(() => random());
    const margin = features.reduce((s, f, i) => s + (hidden[f] as number) * (values[i] as number), 0) + (random() - 0.5) * 0.5;
    targets[r] = margin > 0 ? 1 : -1;
    vectors.push({ indices: Int32Array.from(features), values: Float32Array.from(values) });
  }
  return { matrix: toCsr(vectors, 50), targets };
}

describe('dual coordinate descent SVM (squared hinge)', () => {
  it('converges to a point that satisfies the KKT conditions of its dual', () => {
    const { matrix, targets } = problem(3);
    const rows = Int32Array.from({ length: 300 }, (_, i) => i);
    const costs = new Float64Array(300).fill(0.7);
    const model = trainBinarySvm(matrix, { rows, targets, costs }, { tolerance: 1e-6, maxPasses: 10_000, biasFeature: 1 }, createRandom(1));
    let worst = 0;
    let support = 0;
    for (let i = 0; i < 300; i++) {
      let dot = model.bias;
      for (let p = matrix.rowStart[i]!; p < matrix.rowStart[i + 1]!; p++) dot += model.weights[matrix.indices[p]!]! * matrix.values[p]!;
      // Gradient of the dual: y·w·x − 1 + α/(2C). α > 0 needs it at 0; α = 0 needs it ≥ 0.
      const gradient = targets[i]! * dot - 1 + model.alpha[i]! / (2 * costs[i]!);
      const violation = model.alpha[i]! > 0 ? Math.abs(gradient) : Math.max(0, -gradient);
      worst = Math.max(worst, violation);
      if (model.alpha[i]! > 0) support++;
    }
    expect(worst).toBeLessThan(1e-4);
    expect(support).toBeGreaterThan(0);
    // w = Σ α y x (the primal-dual link).
    const w = new Float64Array(50);
    for (let i = 0; i < 300; i++) for (let p = matrix.rowStart[i]!; p < matrix.rowStart[i + 1]!; p++) w[matrix.indices[p]!]! += model.alpha[i]! * targets[i]! * matrix.values[p]!;
    for (let f = 0; f < 50; f++) expect(model.weights[f]!).toBeCloseTo(w[f]!, 8);
  });

  it('separates the data it was trained on, and a warm start reaches the same solution', () => {
    const { matrix, targets } = problem(5);
    const rows = Int32Array.from({ length: 300 }, (_, i) => i);
    const costs = new Float64Array(300).fill(1);
    const settings = { tolerance: 1e-6, maxPasses: 10_000, biasFeature: 1 };
    const cold = trainBinarySvm(matrix, { rows, targets, costs }, settings, createRandom(1));
    const warm = trainBinarySvm(matrix, { rows, targets, costs }, settings, createRandom(2), cold.alpha.map((a) => a * 0.5));
    for (let f = 0; f < 50; f++) expect(warm.weights[f]!).toBeCloseTo(cold.weights[f]!, 3);
    let correct = 0;
    for (let i = 0; i < 300; i++) {
      let dot = cold.bias;
      for (let p = matrix.rowStart[i]!; p < matrix.rowStart[i + 1]!; p++) dot += cold.weights[matrix.indices[p]!]! * matrix.values[p]!;
      if (Math.sign(dot) === targets[i]) correct++;
    }
    expect(correct / 300).toBeGreaterThan(0.85);
  });
});
