/**
 * The model file format `news-topics/model`: JSON with named keys, pure (no file access: see io/).
 *
 * Version 2 (written now) says what each block is: `features` (kind `hashed-ngrams`: the preprocessing settings,
 * the kept hash slots and their IDF), `learner` (kind `linear-ovr`: one linear scorer per label, weights quantised
 * to 8 or 16 bits with one scale per label), `calibration` (kind `platt`, with the labels that fell back to the
 * fixed mapping) and `thresholds`; a second learner adds a kind, not a format. Large number arrays are base64 of
 * raw-DEFLATE little-endian bytes, inflated only up to the size the file declares. `checksum` is an integrity
 * check over the canonical content (format/checksum.ts). Version 1 files (news-topics 0.1) still load.
 *
 * Decoding checks every field and refuses newer versions with a message naming the file and the fault.
 */
import { ModelFormatError } from '../common/errors.js';
import { FeatureSpace } from '../features/feature-space.js';
import type { FeatureSettings } from '../features/settings.js';
import type { ClassifierParts, TrainingSummary } from '../model/parts.js';
import { allRows, type LinearWeights } from '../model/linear-model.js';
import { TOKENIZER_VERSION } from '../text/tokenizer.js';
import { decodeVarintDeltas, encodeVarintDeltas, littleEndian, pack, readFloat32s, readInt16s } from './bytes.js';
import { checksumOf, sha256Hex } from './checksum.js';
import { type Codec, platformCodec } from './codec.js';
import { decodeLabels, decodeSettings, decodeTraining, decodeVersion2Tail, Reader, sigmoidsOf } from './model-fields.js';

export const MODEL_FORMAT = 'news-topics/model';
export const MODEL_VERSION = 2;

/** A model file's content (version 2). */
export interface ModelJson {
  readonly format: string;
  readonly version: number;
  readonly tokenizer: number;
  readonly labels: readonly string[];
  readonly singleLabel: boolean;
  readonly features: {
    readonly kind: 'hashed-ngrams';
    readonly settings: FeatureSettings;
    readonly count: number;
    readonly slots: string;
    readonly idf: string;
  };
  readonly learner: {
    readonly kind: 'linear-ovr';
    readonly biases: readonly number[];
    readonly weights: { readonly bits: 8 | 16; readonly layout: 'feature-major'; readonly scales: readonly number[]; readonly data: string };
  };
  readonly calibration: { readonly kind: 'platt'; readonly a: readonly number[]; readonly b: readonly number[]; readonly fallback: readonly string[] };
  readonly thresholds: readonly number[];
  readonly training: Omit<TrainingSummary, 'calibrationFallbacks'>;
  readonly checksum: string;
}

export function encodeModel(parts: ClassifierParts): ModelJson {
  const weights = allRows(parts.weights);
  parts.space.pending?.ensureAll();
  if (weights.bits === 32) throw new Error('news-topics: internal error: float weights must be quantised before they are written');
  const { calibrationFallbacks, ...training } = parts.training;
  const body = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    tokenizer: TOKENIZER_VERSION,
    labels: [...parts.labels],
    singleLabel: parts.singleLabel,
    features: {
      kind: 'hashed-ngrams' as const,
      settings: { ...parts.space.settings },
      count: parts.space.size,
      slots: pack(encodeVarintDeltas(parts.space.slots)),
      idf: pack(littleEndian(parts.space.idf)),
    },
    learner: {
      kind: 'linear-ovr' as const,
      biases: Array.from(weights.biases),
      weights: { bits: weights.bits, layout: 'feature-major' as const, scales: Array.from(weights.scales), data: pack(littleEndian(weights.codes as Int8Array | Int16Array)) },
    },
    calibration: { kind: 'platt' as const, a: parts.sigmoids.map((s) => s.a), b: parts.sigmoids.map((s) => s.b), fallback: [...calibrationFallbacks] },
    thresholds: Array.from(parts.thresholds),
    training,
  };
  return { ...body, checksum: checksumOf(body) };
}

// ---- decoding ---------------------------------------------------------------------------------------------------

function decodeSpace(r: Reader, settings: FeatureSettings, block: Record<string, unknown>, field: string): FeatureSpace {
  const count = r.integer(block.count, `${field}.count`, 0, settings.buckets);
  // A varint of a slot below 2^24 takes at most 4 bytes.
  const slots = decodeVarintDeltas(r.bytes(block.slots, `${field}.slots`, count * 4, false), count, settings.buckets);
  if (typeof slots === 'string') return r.fail(`${field}.slots ${slots}`);
  const idf = readFloat32s(r.bytes(block.idf, `${field}.idf`, count * 4), count);
  return new FeatureSpace(settings, slots, idf);
}

function decodeWeights(r: Reader, value: unknown, biases: Float64Array, count: number, L: number, field: string): LinearWeights {
  const w = r.object(value, field);
  if (w.layout !== 'feature-major') r.fail(`${field}.layout should be "feature-major", found ${JSON.stringify(w.layout)?.slice(0, 40)}`);
  const bits = w.bits;
  if (bits !== 8 && bits !== 16) return r.fail(`${field}.bits should be 8 or 16, found ${JSON.stringify(bits)?.slice(0, 40)}`);
  const scales = Float64Array.from(r.numbers(w.scales, `${field}.scales`, L, 0));
  const data = r.bytes(w.data, `${field}.data`, count * L * (bits / 8));
  const codes = bits === 8 ? new Int8Array(data.buffer, data.byteOffset, data.byteLength) : readInt16s(data, count * L);
  return { labelCount: L, bits, codes, scales, biases };
}

function decodeV2(r: Reader, json: Record<string, unknown>): ClassifierParts {
  const { checksum, ...body } = json;
  if (typeof checksum !== 'string' || checksum !== checksumOf(body, r.codec)) {
    r.fail('checksum does not match its contents: the file was damaged or edited after it was written');
  }
  const labels = decodeLabels(r, json.labels);
  const L = labels.length;
  const features = r.object(json.features, 'features');
  if (features.kind !== 'hashed-ngrams') r.fail(`features.kind should be "hashed-ngrams", found ${JSON.stringify(features.kind)?.slice(0, 40)}`);
  const space = decodeSpace(r, decodeSettings(r, features.settings, 'features.settings'), features, 'features');
  const learner = r.object(json.learner, 'learner');
  if (learner.kind !== 'linear-ovr') r.fail(`learner.kind should be "linear-ovr" (this news-topics knows no other), found ${JSON.stringify(learner.kind)?.slice(0, 40)}`);
  const biases = Float64Array.from(r.numbers(learner.biases, 'learner.biases', L));
  return decodeVersion2Tail(r, json, labels, space, decodeWeights(r, learner.weights, biases, space.size, L, 'learner.weights'));
}

/** Version 1 wrote its checksum over `JSON.stringify` in its writer's key order: rebuild that order to check it. */
const V1_ORDER: Record<string, readonly string[]> = {
  '': ['format', 'version', 'tokenizer', 'preprocessing', 'labels', 'singleLabel', 'thresholds', 'calibration', 'biases', 'features', 'weights', 'training'],
  preprocessing: ['stem', 'stopWords', 'minTokenLength', 'ngrams', 'buckets', 'sublinearTf', 'idf', 'minDf', 'maxChars'],
  calibration: ['a', 'b'],
  features: ['count', 'slots', 'idf'],
  weights: ['bits', 'layout', 'scales', 'data'],
  training: ['examples', 'seed', 'c', 'classWeight', 'calibrationFolds'],
};

function v1Ordered(json: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of V1_ORDER[''] as readonly string[]) {
    const value = json[key];
    const inner = V1_ORDER[key];
    if (inner && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const sub: Record<string, unknown> = {};
      for (const k of inner) sub[k] = (value as Record<string, unknown>)[k];
      ordered[key] = sub;
    } else ordered[key] = value;
  }
  return ordered;
}

function decodeV1(r: Reader, json: Record<string, unknown>): ClassifierParts {
  const checksum = json.checksum;
  if (typeof checksum !== 'string' || checksum !== `sha256:${sha256Hex(JSON.stringify(v1Ordered(json)), r.codec)}`) {
    r.fail('checksum does not match its contents: the file was damaged or edited after it was written');
  }
  const labels = decodeLabels(r, json.labels);
  const L = labels.length;
  const space = decodeSpace(r, decodeSettings(r, json.preprocessing, 'preprocessing'), r.object(json.features, 'features'), 'features');
  const biases = Float64Array.from(r.numbers(json.biases, 'biases', L));
  return {
    space,
    labels,
    weights: decodeWeights(r, json.weights, biases, space.size, L, 'weights'),
    sigmoids: sigmoidsOf(r, r.object(json.calibration, 'calibration'), L),
    thresholds: Float64Array.from(r.numbers(json.thresholds, 'thresholds', L, 0, 1)),
    singleLabel: r.boolean(json.singleLabel, 'singleLabel'),
    training: decodeTraining(r, json.training, []),
  };
}

/** Parses model JSON text; bad JSON is a ModelFormatError naming the source. */
export function parseModelText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(source, `not valid JSON (${(error as Error).message}); the file may be truncated`);
  }
}

/**
 * Validates a model (object or JSON text) of any version this package reads, and returns its parts. `codec` does
 * the inflating and hashing (Node's zlib and crypto where the runtime has them, else pure JavaScript).
 */
export function decodeModel(input: unknown, source: string, codec: Codec = platformCodec()): ClassifierParts {
  const r = new Reader(source, codec);
  const json = r.object(typeof input === 'string' ? parseModelText(input, source) : input, 'the model');
  if (json.format !== MODEL_FORMAT) r.fail(`format should be "${MODEL_FORMAT}", found ${JSON.stringify(json.format)?.slice(0, 40)}`);
  const version = r.integer(json.version, 'version', 1, Number.MAX_SAFE_INTEGER);
  if (version > MODEL_VERSION) r.fail(`format version ${version} is newer than this news-topics reads (${MODEL_VERSION}); upgrade news-topics`);
  const tokenizer = r.integer(json.tokenizer, 'tokenizer', 1, Number.MAX_SAFE_INTEGER);
  if (tokenizer !== TOKENIZER_VERSION) r.fail(`tokenizer version ${tokenizer} is not the one this news-topics has (${TOKENIZER_VERSION})`);
  return version === 1 ? decodeV1(r, json) : decodeV2(r, json);
}
