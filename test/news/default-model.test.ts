/** The default model against ../shared: the owner's seed article and dev-set floors. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, classifyArticle, defaultModel, scoreLabelSets, withAncestors } from '../../src/index.js';
import { HAS_SHARED, readJsonl, sharedPath } from '../helpers/shared-data.js';

describe.skipIf(!HAS_SHARED)('default model on ../shared', () => {
  it('puts international-relations and military in the top 3 for the seed article', () => {
    const expected = JSON.parse(readFileSync(sharedPath('seed', 'expected.json'), 'utf8')) as { expected: { top3_must_include: string[]; places_must_include: string[] } };
    const result = classify(readFileSync(sharedPath('seed', 'article.txt'), 'utf8'), { topK: 3, places: true });
    const top3 = result.topics.map((t) => t.id);
    for (const id of expected.expected.top3_must_include) expect(top3).toContain(id);
    for (const name of expected.expected.places_must_include) expect(result.places?.map((p) => p.name)).toContain(name);
  });

  // Floors just under the figures in data/README.md (titles read, ancestors added to gold and predictions), for
  // classify as users call it (language detection on). They guard against regressions; the targets of the
  // default-model issue (allsides.dev 0.86 / 0.78, worldwide.dev 0.80, bbc.dev 0.89, wcep.dev 0.82) are in the card.
  const FLOORS = {
    'allsides.dev.jsonl': { micro: 0.825, macro: 0.795 },
    'worldwide.dev.jsonl': { micro: 0.755, macro: 0.69 },
    'bbc.dev.jsonl': { micro: 0.89, macro: 0.765 },
    'wcep.dev.jsonl': { micro: 0.81, macro: 0.75 },
  } as const;
  for (const [file, floor] of Object.entries(FLOORS)) {
    it(`${file}: micro-F1 >= ${floor.micro}, macro-F1 >= ${floor.macro}`, () => {
      const dev = readJsonl(sharedPath('datasets', 'news-topics', file));
      const predicted = dev.map((r) => classify({ title: r.title, body: r.text }, { hierarchy: 'full' }).topics.map((t) => t.id));
      const m = scoreLabelSets(dev.map((r) => withAncestors(r.labels)), predicted);
      process.stderr.write(`default model ${file}: micro-F1 ${m.micro.f1.toFixed(4)}, macro-F1 ${m.macro.f1.toFixed(4)}\n`);
      expect(m.micro.f1).toBeGreaterThanOrEqual(floor.micro);
      expect(m.macro.f1).toBeGreaterThanOrEqual(floor.macro);
    }, 60_000);
  }

  it('classifyArticle with the default model is classify', () => {
    const text = readFileSync(sharedPath('seed', 'article.txt'), 'utf8');
    expect(classifyArticle(defaultModel(), text)).toEqual(classify(text));
  });
});
