import { describe, expect, it } from 'vitest';
import { FeatureSpace } from '../../src/features/feature-space.js';
import { countSlots, eachNgram, hashPair } from '../../src/features/ngrams.js';
import { CountPooler, poolOf } from '../../src/features/pooled-counts.js';
import { plainArray } from '../../src/features/sparse.js';
import type { FeatureSettings } from '../../src/features/settings.js';
import { readDocument } from '../../src/text/document.js';
import { DEFAULT_TOKENIZER_SETTINGS, surfaceOf } from '../../src/text/tokenizer.js';

const settings: FeatureSettings = { ...DEFAULT_TOKENIZER_SETTINGS, ngrams: 2, buckets: 2 ** 20, sublinearTf: true, idf: true, minDf: 2, maxChars: 100_000, leadWords: 0 };
const doc = (text: string) => readDocument({ title: null, body: text }, settings);
const texts = ['football match goal', 'football match referee', 'election vote football', 'vaccine hospital'];
const docs = [poolOf(texts.map((t) => countSlots(doc(t), settings)))];

describe('n-grams', () => {
  it('hashes unigrams and bigrams of consecutive kept words (stop words skipped)', () => {
    const d = doc('the striker and the goal');
    const seen: Array<[number, number]> = [];
    eachNgram(d.words, settings, (_slot, first, last) => seen.push([first, last]));
    // words: the(0) striker(1) and(2) the(3) goal(4); kept: 1 and 4.
    expect(seen).toEqual([[1, 1], [4, 4], [1, 4]]);
    const counts = countSlots(d, settings);
    const mask = settings.buckets - 1;
    const striker = d.words.hashes[1]!;
    const goal = d.words.hashes[4]!;
    expect(Array.from(counts.slots)).toEqual([striker & mask, goal & mask, hashPair(striker, goal) & mask].sort((a, b) => a - b));
  });

  it('adds lead features for the first leadWords kept words, in slots of their own', () => {
    const lead = { ...settings, leadWords: 2 };
    const d = readDocument({ title: 'Striker scores', body: 'the striker and the goal' }, lead);
    const kinds: string[] = [];
    eachNgram(d.words, lead, (_slot, first, _last, kind) => kinds.push(`${kind}:${surfaceOf(d.text, d.words, first)}`));
    expect(kinds.filter((k) => k.startsWith('lead:'))).toEqual(['lead:Striker', 'lead:scores']);
    const withLead = countSlots(d, lead);
    const without = countSlots(d, settings);
    expect(withLead.slots.length).toBe(without.slots.length + 2);
  });

  it('counts repeated n-grams', () => {
    const counts = countSlots(doc('goal goal goal'), settings);
    expect(Array.from(counts.counts).sort()).toEqual([2, 3]); // "goal" ×3, "goal goal" ×2
  });
});

describe('FeatureSpace', () => {
  const space = FeatureSpace.fit(docs, settings);

  it('keeps only slots seen in at least minDf documents', () => {
    // Seen twice or more: football (3), match (2), "football match" (2).
    expect(space.size).toBe(3);
    expect(FeatureSpace.distinctSlots(docs, settings.buckets)).toBeGreaterThan(10);
    expect(FeatureSpace.fit(docs, { ...settings, minDf: 1 }).size).toBe(FeatureSpace.distinctSlots(docs, settings.buckets));
  });

  it("weights by scikit-learn's smoothed IDF and sublinear TF, L2-normalised", () => {
    const n = texts.length;
    const football = Math.log((1 + n) / (1 + 3)) + 1;
    const match = Math.log((1 + n) / (1 + 2)) + 1;
    expect(Array.from(space.idf).sort()).toEqual([football, match, match].map(Math.fround).sort());
    const v = space.vectorize(doc('football football match'));
    expect(v.indices.length).toBe(3);
    const norm = Math.sqrt(Array.from(v.values).reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 6);
    // football: (1 + ln 2) × idf; match: 1 × idf; "football match": 1 × idf (before the norm).
    const raw = [(1 + Math.log(2)) * football, match, match];
    const rawNorm = Math.hypot(...raw);
    expect(Array.from(v.values).sort()).toEqual(raw.map((x) => Math.fround(x / rawNorm)).sort());
  });

  it('gives 1 + ln(count) as the TF of every count, table-read (0-255) or worked out (larger and fractional counts)', () => {
    const counts = [1, 2, 3, 17, 254, 255, 256, 1000, 2.5];
    for (const count of counts) {
      const pair = space.transform({ slots: Int32Array.from(space.slots.slice(0, 2)), counts: Float32Array.from([count, 1]) });
      const a = (1 + Math.log(count)) * space.idf[0]!;
      const b = space.idf[1]!;
      // Each value is stored as a float, then scaled by 1 / the norm of the unrounded values.
      const scale = 1 / Math.sqrt(a * a + b * b);
      expect(Array.from(pair.values), `count ${count}`).toEqual([Math.fround(Math.fround(a) * scale), Math.fround(Math.fround(b) * scale)]);
    }
  });

  it('ignores slots it did not keep, and gives an empty vector to a text without known words', () => {
    expect(space.vectorize(doc('vaccine hospital')).indices.length).toBe(0);
    for (let i = 1; i < space.slots.length; i++) expect(space.slots[i]!).toBeGreaterThan(space.slots[i - 1]!);
  });
});

describe('pooled counts and the training matrix', () => {
  const bodies = [
    'The striker scored twice as the match ended in a draw, and the referee sent off the keeper.',
    'Élection: the vote count was delayed; the minister said the vote was fair. Vote, vote, vote!',
    '',
    'football match football match football',
    'The central bank raised rates again to fight inflation, and markets fell on the news of the rate rise.',
  ];
  const lead = { ...settings, leadWords: 3, minDf: 1 };
  const read = bodies.map((body) => readDocument({ title: 'Match report', body }, lead));

  it('pools the same slots and counts as countSlots, document by document, across growth of the pool', () => {
    const pooler = new CountPooler(lead);
    // Enough documents to grow every array of the pool more than once.
    for (let round = 0; round < 400; round++) for (const d of read) pooler.add(d);
    const pooled = pooler.finish();
    expect(pooled.documents).toBe(400 * read.length);
    const single = poolOf(read.map((d) => countSlots(d, lead)));
    for (let d = 0; d < pooled.documents; d++) {
      const k = d % read.length;
      const at = (pool: typeof pooled, i: number) => [Array.from(pool.slots.subarray(pool.starts[i]!, pool.starts[i + 1]!)), Array.from(pool.counts.subarray(pool.starts[i]!, pool.starts[i + 1]!))];
      expect(at(pooled, d)).toEqual(at(single, k));
    }
  });

  it('builds the rows that transform gives, and fits the same space from one pool or several', () => {
    const pooler = new CountPooler(lead);
    read.forEach((d) => pooler.add(d));
    const whole = pooler.finish();
    const space = FeatureSpace.fit([whole], lead);
    const halves = [poolOf(read.slice(0, 2).map((d) => countSlots(d, lead))), poolOf(read.slice(2).map((d) => countSlots(d, lead)))];
    expect(Array.from(FeatureSpace.fit(halves, lead).slots)).toEqual(Array.from(space.slots));
    const matrix = space.matrix(halves, plainArray);
    expect(matrix.rows).toBe(read.length);
    expect(matrix.columns).toBe(space.size);
    read.forEach((d, r) => {
      const row = space.transform(countSlots(d, lead));
      const start = matrix.rowStart[r]!;
      const end = matrix.rowStart[r + 1]!;
      expect(Array.from(matrix.indices.subarray(start, end))).toEqual(Array.from(row.indices));
      expect(Array.from(matrix.values.subarray(start, end))).toEqual(Array.from(row.values));
    });
    expect(matrix.rowStart[3]! - matrix.rowStart[2]!).toBeGreaterThan(0); // the empty body: its title's words
  });
});

