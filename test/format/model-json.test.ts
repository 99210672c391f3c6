import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../src/format/checksum.js';
import { ModelFormatError, TopicClassifier, train } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const model = await train(syntheticExamples(120), { minDf: 1 });
const json = model.toJSON();

function withChange(change: (copy: Record<string, any>) => void): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  change(copy);
  return copy;
}

/** Recomputes the checksum, as someone who edits a file could. */
function resign(c: Record<string, unknown>): Record<string, unknown> {
  const { checksum: _, ...body } = c;
  return { ...body, checksum: checksumOf(body) };
}

/** An object with its keys in reverse order, at every level. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('model file (format version 2)', () => {
  it('says what each block is: features, learner, calibration; no training text', () => {
    expect(Object.keys(json)).toEqual(['format', 'version', 'tokenizer', 'labels', 'singleLabel', 'features', 'learner', 'calibration', 'thresholds', 'training', 'checksum']);
    expect(json.version).toBe(2);
    expect(json.features).toMatchObject({ kind: 'hashed-ngrams', settings: { ngrams: 2, buckets: 2 ** 20, sublinearTf: true, idf: true, stem: true } });
    expect(json.learner).toMatchObject({ kind: 'linear-ovr', weights: { bits: 8, layout: 'feature-major' } });
    expect(json.calibration).toMatchObject({ kind: 'platt', fallback: [] });
    expect(JSON.stringify(json)).not.toContain('striker');
  });

  it('loads a valid file whose keys were reordered (the checksum is over canonical content)', () => {
    const shuffled = reversed(JSON.parse(JSON.stringify(json)));
    const text = 'coach referee tournament';
    expect(Array.from(TopicClassifier.fromJSON(shuffled).scores(text))).toEqual(Array.from(model.scores(text)));
    expect(Array.from(TopicClassifier.fromJSON(JSON.stringify(shuffled)).scores(text))).toEqual(Array.from(model.scores(text)));
  });

  it('refuses a damaged or edited file through its integrity check', () => {
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.thresholds[0] = 0.01)))).toThrow(/checksum does not match/);
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.labels[0] = 'weather')))).toThrow(/checksum does not match/);
  });

  it('refuses another format and a newer version with a clear message', () => {
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.format = 'fasttext')))).toThrow(
      '<json> is not a usable model: format should be "news-topics/model", found "fasttext"',
    );
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.version = 3)))).toThrow(/format version 3 is newer than this news-topics reads \(2\); upgrade news-topics/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.learner.kind = 'transformer'))))).toThrow(/learner\.kind should be "linear-ovr"/);
    expect(() => TopicClassifier.fromJSON({ hello: 'world' })).toThrow(ModelFormatError);
    expect(() => TopicClassifier.fromJSON(null)).toThrow(/the model should be an object/);
    expect(() => TopicClassifier.fromJSON([1, 2])).toThrow(ModelFormatError);
  });

  it('checks field contents even when the checksum is recomputed', () => {
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.thresholds = [0.5]))))).toThrow(/thresholds should be an array of 4 numbers/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.learner.weights.data = 'AAAA'))))).toThrow(/learner\.weights\.data/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.learner.weights.data = 'not base64!'))))).toThrow(/learner\.weights\.data is not base64/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.labels = ['sport', 'sport', 'health', 'politics']))))).toThrow(/labels has duplicates/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.calibration.fallback = ['weather']))))).toThrow(/calibration\.fallback names "weather"/);
    expect(() => TopicClassifier.fromJSON(resign(withChange((c) => (c.features.settings.maxChars = 1e12))))).toThrow(/maxChars/);
    expect(() => TopicClassifier.fromJSON(resign(withChange(() => {})))).not.toThrow();
  });

  it('inflates no field past the size its header declares (decompression bomb)', () => {
    // 64 MB of zeros deflate to ~64 KB; the file says the weights hold far less.
    const bomb = deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }).toString('base64');
    const crafted = resign(withChange((c) => (c.learner.weights.data = bomb)));
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    expect(() => TopicClassifier.fromJSON(crafted)).toThrow(/learner\.weights\.data inflates to more than the \d+ bytes it should hold/);
    // Inflation stopped at the declared size: nowhere near 64 MB was allocated, and it took no time to refuse.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('model file (format version 1, news-topics 0.1)', () => {
  const v1 = readFileSync(new URL('../fixtures/model-v1.json', import.meta.url), 'utf8');
  const expected = JSON.parse(readFileSync(new URL('../fixtures/model-v1.scores.json', import.meta.url), 'utf8')) as { text: string; labels: string[]; scores: number[] };

  it('still loads, and scores as 0.1.0 did', () => {
    const old = TopicClassifier.fromJSON(v1);
    expect(old.labels).toEqual(expected.labels);
    const scores = Array.from(old.scores(expected.text));
    scores.forEach((s, i) => expect(s).toBeCloseTo(expected.scores[i] as number, 12));
    expect(old.training.calibrationFallbacks).toEqual([]);
  });

  it('loads with its keys reordered, and is rewritten as version 2', () => {
    const shuffled = reversed(JSON.parse(v1));
    expect(() => TopicClassifier.fromJSON(shuffled)).not.toThrow();
    expect(TopicClassifier.fromJSON(v1).toJSON().version).toBe(2);
    const edited = JSON.parse(v1) as Record<string, any>;
    edited.thresholds[0] = 0.01;
    expect(() => TopicClassifier.fromJSON(edited)).toThrow(/checksum does not match/);
  });
});

describe('codecs', () => {
  it('the Node codec (node:zlib, node:crypto) reads the same files as the pure one, and refuses the same faults', async () => {
    const text = 'coach referee tournament';
    const { nativeCodec, pureCodec } = await import('../../src/format/codec.js');
    const nodeCodec = nativeCodec()!;
    expect(nodeCodec).toBeDefined();
    expect(Array.from(TopicClassifier.decode(json, '<json>', pureCodec).scores(text))).toEqual(Array.from(model.scores(text)));
    expect(Array.from(TopicClassifier.decode(json, '<json>', nodeCodec).scores(text))).toEqual(Array.from(model.scores(text)));
    expect(() => TopicClassifier.decode(resign(withChange((c) => (c.learner.weights.data = 'not base64!'))), '<json>', nodeCodec)).toThrow(/learner\.weights\.data is not base64/);
    const bomb = deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }).toString('base64');
    expect(() => TopicClassifier.decode(resign(withChange((c) => (c.learner.weights.data = bomb))), '<json>', nodeCodec)).toThrow(/inflates to more than/);
    expect(() => TopicClassifier.decode(withChange((c) => (c.thresholds[0] = 0.01)), '<json>', nodeCodec)).toThrow(/checksum does not match/);
    const v1 = readFileSync(new URL('../fixtures/model-v1.json', import.meta.url), 'utf8');
    expect(() => TopicClassifier.decode(v1, 'v1', nodeCodec)).not.toThrow();
  });
});
