/**
 * A model's parts in shared memory, for threads: the large arrays (slot bitmap, IDF, weight codes) are copied once
 * into SharedArrayBuffers, and the small ones travel as plain data, so that every worker thread that rebuilds the
 * model from them uses the same copy of the weights (posting a SharedArrayBuffer shares it; it is not copied).
 * Pure: SharedArrayBuffer is a web standard (browsers grant it to cross-origin-isolated pages).
 */
import { FeatureSpace, SlotRanks } from '../features/feature-space.js';
import type { FeatureSettings } from '../features/settings.js';
import type { Sigmoid } from './calibration.js';
import { allRows } from './linear-model.js';
import type { ClassifierParts, TrainingSummary } from './parts.js';

/** Structured-cloneable parts of a model, with its large arrays in shared memory. */
export interface SharedParts {
  readonly labels: readonly string[];
  readonly settings: FeatureSettings;
  readonly bitmap: Int32Array;
  readonly idf: Float32Array;
  readonly bits: 8 | 16 | 32;
  readonly codes: Int8Array | Int16Array | Float32Array;
  readonly scales: Float64Array;
  readonly biases: Float64Array;
  readonly sigmoids: readonly Sigmoid[];
  readonly thresholds: Float64Array;
  readonly singleLabel: boolean;
  readonly training: TrainingSummary;
}

/** The array itself when it is in shared memory already (a binary model file's rows are), else a shared copy. */
function shared<T extends Int32Array | Float32Array | Int8Array | Int16Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Kind = array.constructor as { new (buffer: SharedArrayBuffer): T };
  const copy = new Kind(new SharedArrayBuffer(array.byteLength));
  copy.set(array as ArrayLike<number> as never);
  return copy;
}

/** The parts with every row inflated and the large arrays copied into shared memory. */
export function toSharedParts(parts: ClassifierParts): SharedParts {
  const weights = allRows(parts.weights);
  parts.space.pending?.ensureAll();
  return {
    labels: [...parts.labels],
    settings: { ...parts.space.settings },
    bitmap: shared(parts.space.ranks.bits),
    idf: shared(parts.space.idf),
    bits: weights.bits,
    codes: shared(weights.codes),
    scales: Float64Array.from(weights.scales),
    biases: Float64Array.from(weights.biases),
    sigmoids: parts.sigmoids.map((s) => ({ a: s.a, b: s.b })),
    thresholds: Float64Array.from(parts.thresholds),
    singleLabel: parts.singleLabel,
    training: { ...parts.training, calibrationFallbacks: [...parts.training.calibrationFallbacks] },
  };
}

/** Parts that use the shared arrays in place. */
export function fromSharedParts(s: SharedParts): ClassifierParts {
  return {
    space: new FeatureSpace(s.settings, SlotRanks.ofBitmap(s.bitmap), s.idf),
    labels: s.labels,
    weights: { labelCount: s.labels.length, bits: s.bits, codes: s.codes, scales: s.scales, biases: s.biases },
    sigmoids: s.sigmoids,
    thresholds: s.thresholds,
    singleLabel: s.singleLabel,
    training: s.training,
  };
}
