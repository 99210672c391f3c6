import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopicClassifier, train } from '../src/index.js';
import { TOPIC_WORDS, syntheticExamples } from './helpers/synthetic.js';

const model = await train(syntheticExamples(200), { minDf: 1 });
const vocabulary = [...Object.values(TOPIC_WORDS).flat(), 'the', 'and', 'U.S.', "Russia's", '2024', 'é', '😀'];
const textArb = fc.oneof(
  fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 40 }).map((w) => w.join(' ')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0),
);

describe('properties', () => {
  it('every score is a probability in [0, 1], sorted best first', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const all = model.predict(text, { threshold: 0, topK: Infinity }).topics;
        expect(all).toHaveLength(model.labels.length);
        for (const p of all) expect(p.score >= 0 && p.score <= 1).toBe(true);
        for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
      }),
    );
  });

  it('batch order does not change results', () => {
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 8 }), (texts) => {
        const forward = model.predictBatch(texts);
        const backward = model.predictBatch([...texts].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('save/load round trip keeps every score', () => {
    const loaded = TopicClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    fc.assert(
      fc.property(textArb, (text) => {
        expect(Array.from(loaded.scores(text))).toEqual(Array.from(model.scores(text)));
      }),
    );
  });

  it('same data, options and seed give the same model, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 20, max: 60 }), async (seed, n) => {
        const data = syntheticExamples(n, seed % 1000);
        const a = await train(data, { seed, minDf: 1 });
        const b = await train(data, { seed, minDf: 1 });
        expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
      }),
      { numRuns: 10 },
    );
  });
});
