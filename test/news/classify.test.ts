import { statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthRatio, MAX_GROWTH } from '../helpers/growth.js';
import { InvalidInputError, ancestorsOf, classify, defaultModel, getTopic, places, topics, train } from '../../src/index.js';

// Short articles written for these tests (no real events).
const ARTICLES: Array<[string, string]> = [
  ['sport', 'The home side came from two goals down to win 3-2, with the striker scoring twice in the second half as the league leaders stretched their unbeaten run to twelve matches.'],
  ['natural-disasters', 'A magnitude 7.1 earthquake struck the coastal region before dawn, collapsing buildings and triggering landslides; rescue teams were searching the rubble for survivors as the death toll rose to 140.'],
  ['elections', 'Voters went to the polls on Sunday in a presidential election run-off, with turnout above 60% and the two candidates each claiming victory before the electoral commission published official results.'],
  ['diseases', 'Health officials confirmed 230 new cases of cholera in the outbreak, and began a vaccination campaign in the worst-hit districts as hospitals struggled with the number of patients.'],
  ['space', 'The space agency launched its new lunar probe on a heavy rocket from the coast, and the spacecraft separated successfully on its way to orbit the Moon next month.'],
  ['courts', 'The supreme court ruled on Tuesday that the law was unconstitutional, overturning a lower court verdict; the judges said the government had exceeded its powers.'],
];

describe('classify', () => {
  it('returns taxonomy topics with id, label, score, parent and IPTC codes, best first', () => {
    const result = classify(ARTICLES[0]![1]).topics;
    expect(result.length).toBeGreaterThan(0);
    for (const r of result) {
      const topic = getTopic(r.id);
      expect(r).toEqual({ id: topic.id, label: topic.label, score: r.score, parent: topic.parent, iptc: topic.iptc });
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < result.length; i++) expect(result[i - 1]!.score).toBeGreaterThanOrEqual(result[i]!.score);
  });

  it.each(ARTICLES)('puts %s first or second for a short article written for the test', (expected, text) => {
    const ids = classify(text, { threshold: 0, topK: 2 }).topics.map((r) => r.id);
    expect(ids).toContain(expected);
  });

  it('reads markup and entities like the plain text', () => {
    const [, text] = ARTICLES[1]!;
    const html = `<html><head><style>p{color:red}</style><script>var sport = "football goal";</script></head><body><p>${text.replace(/,/g, '&#44;')}</p><p>&copy; Publisher &amp; Co.</p></body></html>`;
    expect(classify(html).topics[0]!.id).toBe(classify(text).topics[0]!.id);
  });

  it('classifies very short and very long inputs', () => {
    expect(classify('Earthquake kills dozens').topics[0]!.id).toBe('natural-disasters');
    const long = Array.from({ length: 40 }, () => ARTICLES[3]![1]).join('\n');
    expect(classify(long).topics.map((r) => r.id)).toContain('diseases');
  });

  it('keeps the hierarchy consistent: a parent never scores below its child (full paths)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ARTICLES.map(([, t]) => t)), fc.double({ min: 0, max: 1, noNaN: true }), (text, threshold) => {
        const full = classify(text, { hierarchy: 'full', threshold }).topics;
        const byId = new Map(full.map((r) => [r.id, r.score]));
        for (const r of full) {
          for (const ancestor of ancestorsOf(r.id)) {
            expect(byId.has(ancestor)).toBe(true);
            expect(byId.get(ancestor)!).toBeGreaterThanOrEqual(r.score);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('specific mode leaves out the parents of chosen topics; full mode adds them', () => {
    const text = ARTICLES[2]![1];
    const specific = classify(text).topics.map((r) => r.id);
    const full = classify(text, { hierarchy: 'full' }).topics.map((r) => r.id);
    expect(specific).toContain('elections');
    expect(specific).not.toContain('politics');
    expect(full).toEqual(expect.arrayContaining(['politics', 'elections']));
    for (const id of specific) for (const a of ancestorsOf(id)) expect(specific).not.toContain(a);
  });

  it('applies topK, threshold and atLeastOne', () => {
    const text = ARTICLES[4]![1];
    expect(classify(text, { threshold: 0, topK: 3, hierarchy: 'full' }).topics).toHaveLength(3);
    expect(classify('Lorem ipsum dolor sit amet', { threshold: 1 }).topics).toHaveLength(1);
    expect(classify('Lorem ipsum dolor sit amet', { threshold: 1, atLeastOne: false })).toEqual({ topics: [], language: 'und' });
  });

  it('validates its arguments with typed errors', () => {
    expect(() => classify(undefined as never)).toThrow(InvalidInputError);
    expect(() => classify('')).toThrow('news-topics: input must be a non-empty text, received an empty string');
    expect(() => classify({ body: 42 } as never)).toThrow(/input\.body must be a string/);
    expect(() => classify('text', { model: {} as never })).toThrow(/options\.model must be a TopicClassifier/);
    expect(() => classify('text', { hierarchy: 'tree' as never })).toThrow(/options\.hierarchy must be one of "specific", "full"/);
    expect(() => classify('text', { topK: 1.5 })).toThrow(/options\.topK/);
    expect(() => classify('text', { top: 3 } as never)).toThrow(/options\.top must be one of the known options/);
  });

  it('the taxonomy has 17 top-level topics and 23 sub-topics, all scored by the default model', () => {
    expect(topics.filter((t) => t.parent === null)).toHaveLength(17);
    expect(topics.filter((t) => t.parent !== null)).toHaveLength(23);
    expect([...defaultModel().labels].sort()).toEqual(topics.map((t) => t.id).sort());
    for (const t of topics) expect(t.iptc.length).toBeGreaterThan(0);
  });

  it('the shipped model file is at most 8 MB', () => {
    expect(statSync(new URL('../../data/model.bin', import.meta.url)).size).toBeLessThanOrEqual(8_000_000);
  });
});

describe('one input type, one result shape', () => {
  it('takes { title, body } and reads the title before the body', () => {
    const body = 'Officials said the plan would be announced next week after talks in the capital.';
    const titled = classify({ title: 'Striker scores twice as league leaders win the cup final', body });
    expect(titled.topics.map((t) => t.id)).toContain('sport');
    expect(classify({ title: 'Striker scores twice', body })).toEqual(classify(`Striker scores twice\n${body}`));
    expect(classify({ body })).toEqual(classify(body));
  });

  it('applies the taxonomy to any model whose labels are taxonomy ids, and refuses others', async () => {
    const examples = ARTICLES.flatMap(([id, text]) => [0, 1, 2, 3, 4, 5].map((k) => ({ text: `${text} ${k}`, labels: [id] })));
    const own = await train(examples, { minDf: 1, calibrationFolds: 0 });
    const result = classify(ARTICLES[0]![1], { model: own, hierarchy: 'full' });
    expect(result.topics[0]).toMatchObject({ id: 'sport', label: 'Sport', parent: null, iptc: getTopic('sport').iptc });
    const elections = classify(ARTICLES[2]![1], { model: own, hierarchy: 'full' }).topics.map((t) => t.id);
    expect(elections).toEqual(expect.arrayContaining(['elections', 'politics']));
    const foreign = await train(examples.map((e) => ({ ...e, labels: [`x-${e.labels[0]}`] })), { minDf: 1, calibrationFolds: 0 });
    expect(() => classify('text', { model: foreign })).toThrow(/options\.model must be a model whose labels are taxonomy topic ids/);
  });

  it('places read the text, not the markup', () => {
    const html = '<a href="https://example.com/world/russia">Read more</a><script>var Japan = 1;</script><p>Officials in France met their German counterparts.</p>';
    expect(places(html).map((p) => p.code)).toEqual(['FR', 'DE']);
    expect(classify(html, { places: true }).places?.map((p) => p.code)).toEqual(['FR', 'DE']);
  });
});

describe('hostile input', () => {
  it('classifies in time linear in the text: deeply nested tags (runs of CJK and consonants: see the tokenizer tests)', () => {
    const ratio = growthRatio((n, trial) => `${'<div>'.repeat(n / 5)}goal ${trial}`, (text) => classify(text), 200_000);
    expect(ratio, `4x the input took ${ratio.toFixed(1)}x the time`).toBeLessThanOrEqual(MAX_GROWTH);
  });

  it('a CJK text of 50,000 characters without spaces is read at once (natural would stem it for 7-10 s)', () => {
    expect(classify('中'.repeat(50_000))).toEqual({ topics: [], language: 'cmn' });
    expect(classify('中'.repeat(50_000), { language: 'any' }).topics).toHaveLength(1);
  });
});

describe('long inputs', () => {
  it('reports in the result that a text longer than the model reads was cut', () => {
    const long = 'The striker scored a goal in the league match. '.repeat(3000); // 141,000 characters
    const result = classify(long);
    expect(result.truncated).toEqual({ characters: long.length, read: 100_000 });
    expect(result.topics[0]?.id).toBe('sport');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(classify('The striker scored a goal.').truncated).toBeUndefined();
    // Markup does not count: the limit applies to the text once tags are removed.
    expect(classify(`<div>${'<span></span>'.repeat(10_000)}The striker scored a goal.</div>`).truncated).toBeUndefined();
    expect(defaultModel().predict(long).truncated).toEqual({ characters: long.length, read: 100_000 });
  });
});
