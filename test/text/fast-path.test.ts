/**
 * The fast read path (hand-written word scanner, token cache keyed by characters, n-gram columns, rank lookup of
 * features, unrolled scoring) against the plain one it replaced (test/helpers/reference-reader.ts: the word regex,
 * Word objects, sorted slot counts): the same words, offsets, tokens and hashes; the same feature values; the same
 * scores to 1e-9 and the same topics, on random strings and on thousands of real articles.
 */
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../src/io/default-model.js';
import { applySigmoid } from '../../src/model/calibration.js';
import { linearScores } from '../../src/model/linear-model.js';
import { readDocument } from '../../src/text/document.js';
import { toArticle } from '../../src/text/input.js';
import { DEFAULT_TOKENIZER_SETTINGS, KEPT, readWords, surfaceOf } from '../../src/text/tokenizer.js';
import { referenceSlots, referenceText, referenceWords } from '../helpers/reference-reader.js';
import { HAS_SHARED, readJsonl, sharedPath } from '../helpers/shared-data.js';

function expectSameWords(text: string): void {
  const fast = readWords(text, DEFAULT_TOKENIZER_SETTINGS);
  const reference = referenceWords(text, DEFAULT_TOKENIZER_SETTINGS);
  const got = Array.from({ length: fast.length }, (_, i) => ({
    surface: surfaceOf(text, fast, i),
    start: fast.starts[i],
    hash: (fast.hashes[i] as number) >>> 0,
    kept: ((fast.flags[i] as number) & KEPT) !== 0,
  }));
  const want = reference.map((w) => ({ surface: w.surface, start: w.start, hash: w.hash, kept: w.token !== null }));
  expect(got, JSON.stringify(text)).toEqual(want);
}

// Letters, marks, digits, the separators the pattern cares about, an astral letter and digit, emoji, lone surrogates.
const PIECES = ['a', 'B', 'z', 'é', 'Ж', '中', '\u0301', '1', '٣', '.', ',', "'", "'s", "'S", ' ', '-', '\n', 'U.S.', 'e.g.', '3.5', '1,000', '\u{1D400}', '\u{1D7D9}', '😀', '\ud800', '\udc00', '_', 'ǅ', 'ⅷ'];

describe('fast read path', () => {
  it('finds the words of the word pattern, at the same offsets, on 20,000 random strings', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 20_000; k++) {
      const length = 1 + Math.floor(random() * 12);
      let text = '';
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      expectSameWords(text);
    }
  });

  it('handles the edge cases of acronyms, possessives, decimals and surrogates', () => {
    for (const text of ['U.S.', 'U.S', 'a.b.c', 'a.b.c.', "Russia's", "Russia'", "'s", "o'clock's", '3.5.6', '1,000.5', '1,', 'ab.1', 'é.é.', '\u{1D400}.\u{1D400}.', '\ud800a', 'a\udc00', '']) expectSameWords(text);
  });

  it.skipIf(!HAS_SHARED)('reads real articles exactly as before: words, feature values, scores and topics (4 dev files)', () => {
    const model = defaultModel();
    const { space, weights, sigmoids, thresholds } = model.parts;
    const settings = space.settings;
    let articles = 0;
    for (const file of ['allsides.dev.jsonl', 'worldwide.dev.jsonl', 'bbc.dev.jsonl', 'wcep.dev.jsonl']) {
      for (const record of readJsonl(sharedPath('datasets', 'news-topics', file)).slice(0, 1000)) {
        const article = toArticle({ title: record.title, body: record.text }, 'input');
        const doc = readDocument(article, settings);
        const text = referenceText(article, settings.maxChars);
        expect(doc.text).toBe(text);
        const reference = referenceWords(text, settings);
        expect(doc.words.length).toBe(reference.length);
        const differing = reference.findIndex((w, i) => w.start !== doc.words.starts[i] || w.hash !== (doc.words.hashes[i] as number) >>> 0);
        expect(differing, `${record.id}: word ${differing}`).toBe(-1);
        // Feature values: the fast vector (first-use order) against transform() of the sorted reference counts.
        const counts = referenceSlots(reference, settings);
        const slots = Int32Array.from(counts.keys());
        const sorted = space.transform({ slots, counts: Float32Array.from(counts.values()) });
        const fast = space.vectorize(doc);
        const fastValues = new Map(Array.from(fast.indices, (f, i) => [f, fast.values[i] as number]));
        expect(fastValues.size).toBe(sorted.indices.length);
        let valueGap = 0;
        sorted.indices.forEach((f, i) => (valueGap = Math.max(valueGap, Math.abs((fastValues.get(f) ?? Infinity) - (sorted.values[i] as number)))));
        expect(valueGap).toBeLessThanOrEqual(1e-7);
        // Scores and the decision.
        const raw = linearScores(weights, sorted);
        const want = raw.map((score, l) => applySigmoid(sigmoids[l]!, score));
        const got = model.scores({ title: record.title, body: record.text });
        let scoreGap = 0;
        want.forEach((p, l) => (scoreGap = Math.max(scoreGap, Math.abs((got[l] as number) - p))));
        expect(scoreGap).toBeLessThanOrEqual(1e-9);
        const chosen = (scores: ArrayLike<number>) => Array.from(thresholds).flatMap((t, l) => ((scores[l] as number) >= t ? [l] : []));
        expect(chosen(got)).toEqual(chosen(want));
        articles++;
      }
    }
    expect(articles).toBeGreaterThan(2500);
  });
});
