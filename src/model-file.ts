/**
 * The model file format `news-topics/model`, version 1: JSON with named keys. Arrays of numbers that would be
 * large as JSON (feature slots, IDF, weights) are stored as base64 of raw-deflated little-endian bytes; weights
 * are quantised to 8 or 16 bits with one scale per label. A SHA-256 checksum over the rest catches damage and
 * tampering. Decoding checks every field and refuses newer versions with a message naming the file and the fault.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Sigmoid } from './calibration.js';
import type { ClassifierParts, TrainingSummary } from './classifier.js';
import { ModelFormatError } from './errors.js';
import { type FeatureSettings, FeatureSpace } from './features.js';
import { parseModelText } from './model-io.js';
import { TOKENIZER_VERSION } from './tokenize.js';

export const MODEL_FORMAT = 'news-topics/model';
export const MODEL_VERSION = 1;

/** Weights, feature-major (feature f, label l at f × labels + l), as integer codes times a per-label scale. */
export interface QuantizedWeights {
  readonly bits: 8 | 16;
  readonly scales: Float64Array;
  readonly codes: Int8Array | Int16Array;
}

export interface ModelJson {
  readonly format: string;
  readonly version: number;
  readonly tokenizer: number;
  readonly preprocessing: FeatureSettings;
  readonly labels: readonly string[];
  readonly singleLabel: boolean;
  readonly thresholds: readonly number[];
  readonly calibration: { readonly a: readonly number[]; readonly b: readonly number[] };
  readonly biases: readonly number[];
  readonly features: { readonly count: number; readonly slots: string; readonly idf: string };
  readonly weights: { readonly bits: 8 | 16; readonly layout: 'feature-major'; readonly scales: readonly number[]; readonly data: string };
  readonly training: TrainingSummary;
  readonly checksum: string;
}

export function quantize(weights: Float64Array | Float32Array, labelCount: number, bits: 8 | 16): QuantizedWeights {
  const top = bits === 8 ? 127 : 32767;
  const scales = new Float64Array(labelCount);
  for (let i = 0; i < weights.length; i++) {
    const l = i % labelCount;
    scales[l] = Math.max(scales[l] as number, Math.abs(weights[i] as number));
  }
  for (let l = 0; l < labelCount; l++) scales[l] = (scales[l] as number) > 0 ? (scales[l] as number) / top : 1;
  const codes = bits === 8 ? new Int8Array(weights.length) : new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) codes[i] = Math.round((weights[i] as number) / (scales[i % labelCount] as number));
  return { bits, scales, codes };
}

function pack(bytes: Uint8Array): string {
  return deflateRawSync(bytes, { level: 9 }).toString('base64');
}

function encodeVarintDeltas(values: Int32Array): Uint8Array {
  const out: number[] = [];
  let previous = 0;
  for (const value of values) {
    let delta = value - previous;
    previous = value;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta);
  }
  return Uint8Array.from(out);
}

function littleEndian(array: Float32Array | Int8Array | Int16Array): Uint8Array {
  const bytes = new Uint8Array(array.length * array.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float32Array) view.setFloat32(i * 4, array[i] as number, true);
    else if (array instanceof Int16Array) view.setInt16(i * 2, array[i] as number, true);
    else view.setInt8(i, array[i] as number);
  }
  return bytes;
}

function checksumOf(body: Record<string, unknown>): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

export function encodeModel(parts: ClassifierParts): ModelJson {
  const body = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    tokenizer: TOKENIZER_VERSION,
    preprocessing: { ...parts.space.settings },
    labels: [...parts.labels],
    singleLabel: parts.singleLabel,
    thresholds: Array.from(parts.thresholds),
    calibration: { a: parts.sigmoids.map((s) => s.a), b: parts.sigmoids.map((s) => s.b) },
    biases: Array.from(parts.biases),
    features: {
      count: parts.space.size,
      slots: pack(encodeVarintDeltas(parts.space.slots)),
      idf: pack(littleEndian(parts.space.idf)),
    },
    weights: {
      bits: parts.weights.bits,
      layout: 'feature-major' as const,
      scales: Array.from(parts.weights.scales),
      data: pack(littleEndian(parts.weights.codes)),
    },
    training: { ...parts.training },
  };
  return { ...body, checksum: checksumOf(body) };
}

// ---- decoding -------------------------------------------------------------------------------------------------

class Reader {
  constructor(readonly source: string) {}

  fail(fault: string): never {
    throw new ModelFormatError(this.source, fault);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`${field} should be an object`);
    return value as Record<string, unknown>;
  }

  number(value: unknown, field: string, min = -Infinity, max = Infinity): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(`${field} should be a finite number from ${min} to ${max}, found ${JSON.stringify(value)}`);
    }
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    const n = this.number(value, field, min, max);
    if (!Number.isInteger(n)) this.fail(`${field} should be an integer, found ${n}`);
    return n;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(`${field} should be true or false, found ${JSON.stringify(value)}`);
    return value;
  }

  numbers(value: unknown, field: string, length: number, min = -Infinity, max = Infinity): number[] {
    if (!Array.isArray(value) || value.length !== length) this.fail(`${field} should be an array of ${length} numbers`);
    return value.map((item, i) => this.number(item, `${field}[${i}]`, min, max));
  }

  bytes(value: unknown, field: string, length: number): Uint8Array {
    if (typeof value !== 'string') this.fail(`${field} should be base64 text`);
    let bytes: Uint8Array;
    try {
      bytes = inflateRawSync(Buffer.from(value, 'base64'));
    } catch {
      this.fail(`${field} is damaged (its compressed data does not inflate)`);
    }
    if (length >= 0 && bytes.length !== length) this.fail(`${field} holds ${bytes.length} bytes, expected ${length}`);
    return bytes;
  }
}

function decodeSettings(r: Reader, value: unknown): FeatureSettings {
  const p = r.object(value, 'preprocessing');
  const buckets = r.integer(p.buckets, 'preprocessing.buckets', 1024, 2 ** 24);
  if ((buckets & (buckets - 1)) !== 0) r.fail(`preprocessing.buckets should be a power of two, found ${buckets}`);
  const ngrams = r.integer(p.ngrams, 'preprocessing.ngrams', 1, 2) as 1 | 2;
  return {
    stem: r.boolean(p.stem, 'preprocessing.stem'),
    stopWords: r.boolean(p.stopWords, 'preprocessing.stopWords'),
    minTokenLength: r.integer(p.minTokenLength, 'preprocessing.minTokenLength', 1, 100),
    ngrams,
    buckets,
    sublinearTf: r.boolean(p.sublinearTf, 'preprocessing.sublinearTf'),
    idf: r.boolean(p.idf, 'preprocessing.idf'),
    minDf: r.integer(p.minDf, 'preprocessing.minDf', 1, Number.MAX_SAFE_INTEGER),
    maxChars: r.integer(p.maxChars, 'preprocessing.maxChars', 1, Number.MAX_SAFE_INTEGER),
  };
}

function decodeSlots(r: Reader, bytes: Uint8Array, count: number, buckets: number): Int32Array {
  const slots = new Int32Array(count);
  let position = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      if (position >= bytes.length || shift > 28) r.fail('features.slots is damaged (ends early)');
      const byte = bytes[position++] as number;
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    const slot = previous + delta;
    if ((i > 0 && delta === 0) || slot >= buckets) r.fail('features.slots is damaged (slots out of order or range)');
    slots[i] = slot;
    previous = slot;
  }
  if (position !== bytes.length) r.fail('features.slots is damaged (trailing bytes)');
  return slots;
}

function decodeTraining(r: Reader, value: unknown): TrainingSummary {
  const t = r.object(value, 'training');
  const classWeight = t.classWeight;
  if (classWeight !== 'balanced' && classWeight !== 'none') r.fail('training.classWeight should be "balanced" or "none"');
  return {
    examples: r.integer(t.examples, 'training.examples', 0, Number.MAX_SAFE_INTEGER),
    seed: r.integer(t.seed, 'training.seed', 0, 2 ** 32 - 1),
    c: r.number(t.c, 'training.c', 0),
    classWeight,
    calibrationFolds: r.integer(t.calibrationFolds, 'training.calibrationFolds', 0, 100),
  };
}

/** Validates a parsed model (object or JSON text) and returns its parts. */
export function decodeModel(input: unknown, source: string): ClassifierParts {
  const r = new Reader(source);
  const json = r.object(typeof input === 'string' ? parseModelText(input, source) : input, 'the model');
  if (json.format !== MODEL_FORMAT) r.fail(`format should be "${MODEL_FORMAT}", found ${JSON.stringify(json.format)}`);
  const version = r.integer(json.version, 'version', 1, Number.MAX_SAFE_INTEGER);
  if (version > MODEL_VERSION) {
    r.fail(`format version ${version} is newer than this news-topics reads (${MODEL_VERSION}); upgrade news-topics`);
  }
  const tokenizer = r.integer(json.tokenizer, 'tokenizer', 1, Number.MAX_SAFE_INTEGER);
  if (tokenizer !== TOKENIZER_VERSION) r.fail(`tokenizer version ${tokenizer} is not the one this news-topics has (${TOKENIZER_VERSION})`);
  const { checksum, ...body } = json;
  if (typeof checksum !== 'string' || checksum !== checksumOf(body)) {
    r.fail('checksum does not match its contents: the file was changed or damaged after it was written');
  }
  const settings = decodeSettings(r, json.preprocessing);
  const rawLabels: unknown = json.labels;
  if (!Array.isArray(rawLabels) || rawLabels.length === 0) return r.fail('labels should be a non-empty array of strings');
  const labels = rawLabels.map((label: unknown, i: number): string => {
    if (typeof label !== 'string' || label.length === 0) return r.fail(`labels[${i}] should be a non-empty string`);
    return label;
  });
  if (new Set(labels).size !== labels.length) r.fail('labels has duplicates');
  const L = labels.length;
  const calibration = r.object(json.calibration, 'calibration');
  const a = r.numbers(calibration.a, 'calibration.a', L);
  const b = r.numbers(calibration.b, 'calibration.b', L);
  const features = r.object(json.features, 'features');
  const count = r.integer(features.count, 'features.count', 0, settings.buckets);
  const slots = decodeSlots(r, r.bytes(features.slots, 'features.slots', -1), count, settings.buckets);
  const idfBytes = r.bytes(features.idf, 'features.idf', count * 4);
  const idfView = new DataView(idfBytes.buffer, idfBytes.byteOffset, idfBytes.byteLength);
  const idf = new Float32Array(count);
  for (let i = 0; i < count; i++) idf[i] = idfView.getFloat32(i * 4, true);
  const w = r.object(json.weights, 'weights');
  if (w.layout !== 'feature-major') r.fail(`weights.layout should be "feature-major", found ${JSON.stringify(w.layout)}`);
  const bits = w.bits;
  if (bits !== 8 && bits !== 16) return r.fail(`weights.bits should be 8 or 16, found ${JSON.stringify(bits)}`);
  const scales = Float64Array.from(r.numbers(w.scales, 'weights.scales', L, 0));
  const data = r.bytes(w.data, 'weights.data', count * L * (bits / 8));
  let codes: Int8Array | Int16Array;
  if (bits === 8) codes = new Int8Array(data.buffer, data.byteOffset, data.byteLength);
  else {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    codes = new Int16Array(count * L);
    for (let i = 0; i < codes.length; i++) codes[i] = view.getInt16(i * 2, true);
  }
  return {
    space: new FeatureSpace(settings, slots, idf),
    labels,
    weights: { bits, scales, codes },
    biases: Float64Array.from(r.numbers(json.biases, 'biases', L)),
    sigmoids: a.map((ai, i): Sigmoid => ({ a: ai, b: b[i] as number })),
    thresholds: Float64Array.from(r.numbers(json.thresholds, 'thresholds', L, 0, 1)),
    singleLabel: r.boolean(json.singleLabel, 'singleLabel'),
    training: decodeTraining(r, json.training),
  };
}
