import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, classify, explain, train } from '../../src/index.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const total = (e: ReturnType<typeof explain>) => e.bias + [...e.up, ...e.down].reduce((s, c) => s + c.contribution, 0) + e.rest;

describe('explanations', () => {
  const text = 'The striker scored twice as the league leaders won the cup final in a packed stadium.';

  it('contributions add up to the score before calibration, and the calibrated score matches classify', () => {
    const e = explain(text, 'sport');
    expect(total(e)).toBeCloseTo(e.rawScore, 10);
    expect(e.score).toBeCloseTo(classify(text, { threshold: 0, topK: Infinity, hierarchy: 'full' }).topics.find((t) => t.id === 'sport')!.score, 10);
    const none = explain(text, 'sport', { limit: 0 });
    expect(none.up).toEqual([]);
    expect(none.bias + none.rest).toBeCloseTo(none.rawScore, 10);
  });

  it('names words and phrases of the text, not hash slots, sorted by contribution', () => {
    const e = explain(text, 'sport');
    expect(e.up.length).toBeGreaterThan(0);
    for (const c of e.up) {
      expect(c.contribution).toBeGreaterThan(0);
      // Lead features (the first words of title and lead) are marked "(lead)".
      for (const form of c.text.split(' / ')) for (const word of form.replace(/ \(lead\)$/, '').split(' ')) expect(text).toContain(word);
    }
    for (let i = 1; i < e.up.length; i++) expect(e.up[i - 1]!.contribution).toBeGreaterThanOrEqual(e.up[i]!.contribution);
    expect(e.up.map((c) => c.text).join(' ')).toMatch(/striker|league|cup|stadium/);
    for (const c of e.down) expect(c.contribution).toBeLessThan(0);
  });

  it('classify(..., { explain: true }) explains every returned topic', () => {
    const results = classify(text, { explain: true, hierarchy: 'full' }).topics;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.explanation?.label).toBe(r.id);
  });

  it('names only words the features used: never words inside markup', () => {
    const html = '<p>The striker scored twice in the league final.</p><script>var stadium = "football goal";</script><a href="/sport/cup">link</a>';
    const e = explain(html, 'sport', { limit: 100 });
    const named = [...e.up, ...e.down].map((c) => c.text.toLowerCase()).join(' ');
    expect(named).toContain('striker');
    for (const hidden of ['stadium', 'football', 'href', 'var']) expect(named).not.toContain(hidden);
  });

  it('explains a title and body input as the features read it', () => {
    const e = explain({ title: 'Cup final', body: 'The striker scored twice.' }, 'sport', { limit: 100 });
    expect([...e.up, ...e.down].map((c) => c.text).join(' ')).toMatch(/Cup/);
  });

  it('works for user-trained models', async () => {
    const model = await train(syntheticExamples(200), { minDf: 1 });
    const e = model.explain('the coach praised the striker after the match', 'sport');
    expect(e.up.map((c) => c.text)).toEqual(expect.arrayContaining(['coach', 'striker']));
    expect(total(e)).toBeCloseTo(e.rawScore, 10);
    expect(() => model.explain('text', 'weather')).toThrow(InvalidInputError);
    expect(() => explain(text, 'not-a-topic')).toThrow(/topic id must be one of the 40 taxonomy ids/);
  });

  it.skipIf(!HAS_SHARED)('seed article: military and international-relations are explained by words of the article', () => {
    const article = readFileSync(sharedPath('seed', 'article.txt'), 'utf8');
    for (const topic of ['military', 'international-relations']) {
      const e = explain(article, topic, { limit: 5 });
      expect(e.up).toHaveLength(5);
      for (const c of e.up) for (const form of c.text.split(' / ')) expect(article).toContain(form.split(' ')[0]);
    }
    expect(explain(article, 'military').up.map((c) => c.text.toLowerCase()).join(' ')).toContain('military');
  });

  it('classify(..., { places: true }) returns the places beside the topics', () => {
    const result = classify('Pyongyang said it would test more missiles, and Seoul warned of a response.', { places: true });
    expect(result.places?.map((p) => p.code)).toEqual(['KP', 'KR']);
    expect(result.topics.length).toBeGreaterThan(0);
  });
});
