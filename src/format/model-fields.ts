/**
 * What both model file layouts (JSON, format/model-json.ts; binary, format/model-binary.ts) decode the same way:
 * a reader that names the file and the field in every fault, and the blocks that are plain JSON in both (labels,
 * feature settings, calibration, training summary).
 */
import { ModelFormatError } from '../common/errors.js';
import type { FeatureSettings } from '../features/settings.js';
import type { Sigmoid } from '../model/calibration.js';
import type { FeatureSpace } from '../features/feature-space.js';
import type { LinearWeights } from '../model/linear-model.js';
import type { AdaptedFrom, ClassifierParts, TrainingSummary } from '../model/parts.js';
import { unpack } from './bytes.js';
import { type Codec, platformCodec } from './codec.js';

export class Reader {
  constructor(
    readonly source: string,
    readonly codec: Codec = platformCodec(),
  ) {}

  fail(fault: string): never {
    throw new ModelFormatError(this.source, fault);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`${field} should be an object`);
    return value as Record<string, unknown>;
  }

  number(value: unknown, field: string, min = -Infinity, max = Infinity): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(`${field} should be a finite number from ${min} to ${max}, found ${JSON.stringify(value)?.slice(0, 40)}`);
    }
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    const n = this.number(value, field, min, max);
    if (!Number.isInteger(n)) this.fail(`${field} should be an integer, found ${n}`);
    return n;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(`${field} should be true or false, found ${JSON.stringify(value)?.slice(0, 40)}`);
    return value;
  }

  numbers(value: unknown, field: string, length: number, min = -Infinity, max = Infinity): number[] {
    if (!Array.isArray(value) || value.length !== length) this.fail(`${field} should be an array of ${length} numbers`);
    return value.map((item, i) => this.number(item, `${field}[${i}]`, min, max));
  }

  strings(value: unknown, field: string): string[] {
    if (!Array.isArray(value)) this.fail(`${field} should be an array of strings`);
    return value.map((item: unknown, i: number): string => {
      if (typeof item !== 'string' || item.length === 0) return this.fail(`${field}[${i}] should be a non-empty string`);
      return item;
    });
  }

  /** Inflates a packed field into exactly `length` bytes (or at most `length` when `exact` is false). */
  bytes(value: unknown, field: string, length: number, exact = true): Uint8Array {
    if (typeof value !== 'string') this.fail(`${field} should be base64 text`);
    const bytes = unpack(value, length, this.codec);
    if (typeof bytes === 'string') return this.fail(`${field} ${bytes}`);
    if (exact && bytes.length !== length) this.fail(`${field} holds ${bytes.length} bytes, expected ${length}`);
    return bytes;
  }

  /** Inflates raw DEFLATE bytes into exactly `length` bytes. */
  inflate(packed: Uint8Array, field: string, length: number): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = this.codec.inflate(packed, length);
    } catch {
      return this.fail(`${field} is damaged (its compressed data does not inflate)`);
    }
    if (bytes.length !== length) this.fail(`${field} holds ${bytes.length} bytes, expected ${length}`);
    return bytes;
  }
}

export function decodeSettings(r: Reader, value: unknown, field: string): FeatureSettings {
  const p = r.object(value, field);
  const buckets = r.integer(p.buckets, `${field}.buckets`, 1024, 2 ** 24);
  if ((buckets & (buckets - 1)) !== 0) r.fail(`${field}.buckets should be a power of two, found ${buckets}`);
  const ngrams = r.integer(p.ngrams, `${field}.ngrams`, 1, 2) as 1 | 2;
  return {
    stem: r.boolean(p.stem, `${field}.stem`),
    stopWords: r.boolean(p.stopWords, `${field}.stopWords`),
    minTokenLength: r.integer(p.minTokenLength, `${field}.minTokenLength`, 1, 100),
    ngrams,
    buckets,
    sublinearTf: r.boolean(p.sublinearTf, `${field}.sublinearTf`),
    idf: r.boolean(p.idf, `${field}.idf`),
    minDf: r.integer(p.minDf, `${field}.minDf`, 1, Number.MAX_SAFE_INTEGER),
    // A file cannot lift the reading limit past 10 million characters (a hostile file could otherwise make every
    // text be read whole).
    maxChars: r.integer(p.maxChars, `${field}.maxChars`, 1, 10_000_000),
    // Absent in version 1 files (no lead features then).
    leadWords: p.leadWords === undefined ? 0 : r.integer(p.leadWords, `${field}.leadWords`, 0, 10_000),
  };
}

export function decodeTraining(r: Reader, value: unknown, fallbacks: readonly string[]): TrainingSummary {
  const t = r.object(value, 'training');
  const classWeight = t.classWeight;
  if (classWeight !== 'balanced' && classWeight !== 'none') r.fail('training.classWeight should be "balanced" or "none"');
  return {
    examples: r.integer(t.examples, 'training.examples', 0, Number.MAX_SAFE_INTEGER),
    seed: r.integer(t.seed, 'training.seed', 0, 2 ** 32 - 1),
    c: r.number(t.c, 'training.c', 0),
    classWeight,
    calibrationFolds: r.integer(t.calibrationFolds, 'training.calibrationFolds', 0, 100),
    calibrationFallbacks: fallbacks,
    ...(t.adaptedFrom === undefined ? {} : { adaptedFrom: decodeAdaptedFrom(r, t.adaptedFrom) }),
  };
}

function decodeAdaptedFrom(r: Reader, value: unknown): AdaptedFrom {
  const a = r.object(value, 'training.adaptedFrom');
  if (typeof a.name !== 'string') r.fail('training.adaptedFrom.name should be a string');
  if (a.version !== null && typeof a.version !== 'string') r.fail('training.adaptedFrom.version should be a string or null');
  if (typeof a.sha256 !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(a.sha256)) r.fail('training.adaptedFrom.sha256 should be "sha256:" and 64 hex digits');
  return {
    name: a.name as string,
    version: a.version as string | null,
    sha256: a.sha256 as string,
    examples: r.integer(a.examples, 'training.adaptedFrom.examples', 0, Number.MAX_SAFE_INTEGER),
    labels: r.strings(a.labels, 'training.adaptedFrom.labels'),
    // Files of 0.4.0 do not say: their labels were fitted by the SVM.
    ...(a.learner === undefined ? {} : { learner: a.learner === 'svm' || a.learner === 'centroid' ? a.learner : r.fail('training.adaptedFrom.learner should be "svm" or "centroid"') }),
  };
}

export function decodeLabels(r: Reader, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return r.fail('labels should be a non-empty array of strings');
  const labels = r.strings(value, 'labels');
  if (new Set(labels).size !== labels.length) r.fail('labels has duplicates');
  return labels;
}


export function sigmoidsOf(r: Reader, calibration: Record<string, unknown>, L: number): Sigmoid[] {
  const a = r.numbers(calibration.a, 'calibration.a', L);
  const b = r.numbers(calibration.b, 'calibration.b', L);
  return a.map((ai, i) => ({ a: ai, b: b[i] as number }));
}

/**
 * The blocks after the learner, the same in JSON version 2 and binary version 3 files: calibration (kind `platt`,
 * with the labels that fell back), thresholds, singleLabel and the training summary; and the parts assembled.
 */
export function decodeVersion2Tail(r: Reader, json: Record<string, unknown>, labels: readonly string[], space: FeatureSpace, weights: LinearWeights): ClassifierParts {
  const L = labels.length;
  const calibration = r.object(json.calibration, 'calibration');
  if (calibration.kind !== 'platt') r.fail(`calibration.kind should be "platt", found ${JSON.stringify(calibration.kind)?.slice(0, 40)}`);
  const fallbacks = r.strings(calibration.fallback, 'calibration.fallback');
  for (const label of fallbacks) if (!labels.includes(label)) r.fail(`calibration.fallback names ${JSON.stringify(label)}, which is not a label`);
  return {
    space,
    labels,
    weights,
    sigmoids: sigmoidsOf(r, calibration, L),
    thresholds: Float64Array.from(r.numbers(json.thresholds, 'thresholds', L, 0, 1)),
    singleLabel: r.boolean(json.singleLabel, 'singleLabel'),
    training: decodeTraining(r, json.training, fallbacks),
  };
}
