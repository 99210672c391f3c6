/**
 * The scoring loop against a plain sum: every label's raw score is the sum over the vector's features, in order, of
 * code × value, times the label's scale, plus its bias. 8-bit codes in whole 32-bit words take their own loop
 * (packed reads); the test covers it (label counts that are multiples of 4, 8 and neither) and the general loop
 * (16- and 32-bit codes, and 8-bit codes that start off a word boundary).
 */
import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../../src/features/sparse.js';
import { createRandom } from '../../src/common/random.js';
import { type LinearWeights, linearScores, quantize } from '../../src/model/linear-model.js';

function plainScores(weights: LinearWeights, vector: SparseVector): number[] {
  return Array.from({ length: weights.labelCount }, (_, l) => {
    let sum = 0;
    for (let i = 0; i < vector.indices.length; i++) sum += (weights.codes[vector.indices[i]! * weights.labelCount + l] as number) * vector.values[i]!;
    return sum * weights.scales[l]! + weights.biases[l]!;
  });
}

describe('linearScores', () => {
  const features = 500;
  for (const labels of [1, 3, 4, 8, 12, 40, 41]) {
    for (const bits of [8, 16] as const) {
      it(`equals the plain sum, ${labels} labels, ${bits}-bit codes`, () => {
        const next = createRandom(labels * 100 + bits);
        const floats = Float32Array.from({ length: features * labels }, () => next() * 2 - 1);
        const biases = Float64Array.from({ length: labels }, () => next() - 0.5);
        const weights = quantize(floats, biases, labels, bits);
        // Extreme codes too, so that sign extension of every byte of a packed word is exercised.
        weights.codes[0] = bits === 8 ? -128 : -32768;
        weights.codes[1 % weights.codes.length] = bits === 8 ? 127 : 32767;
        for (let k = 0; k < 50; k++) {
          const n = Math.floor(next() * 120);
          const indices = Int32Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.floor(next() * features)));
          const values = Float32Array.from({ length: n }, () => next());
          const vector = { indices, values };
          expect(Array.from(linearScores(weights, vector))).toEqual(plainScores(weights, vector));
        }
      });
    }
  }

  it('equals the plain sum with 8-bit codes that do not start on a word boundary, and with float weights', () => {
    const next = createRandom(7);
    const labels = 8;
    const bytes = new Int8Array(1 + features * labels);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256) - 128;
    const scales = Float64Array.from({ length: labels }, () => next() / 100);
    const biases = Float64Array.from({ length: labels }, () => next());
    const offset: LinearWeights = { labelCount: labels, bits: 8, codes: bytes.subarray(1), scales, biases };
    const floats: LinearWeights = { labelCount: labels, bits: 32, codes: Float32Array.from(bytes.subarray(1), (c) => c / 3), scales, biases };
    for (let k = 0; k < 50; k++) {
      const indices = Int32Array.from({ length: 60 }, () => Math.floor(next() * features));
      const vector = { indices, values: Float32Array.from({ length: 60 }, () => next()) };
      expect(Array.from(linearScores(offset, vector))).toEqual(plainScores(offset, vector));
      expect(Array.from(linearScores(floats, vector))).toEqual(plainScores(floats, vector));
    }
  });
});
