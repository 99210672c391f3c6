/** The default model against ../shared: the owner's seed article, dev-set floors, and a byte-identical rebuild. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyWithModel } from '../src/classify.js';
import { classify, defaultModel, scoreLabelSets, train, withAncestors } from '../src/index.js';
import { HAS_SHARED, readJsonl, sharedPath } from './helpers/shared-data.js';

describe.skipIf(!HAS_SHARED)('default model on ../shared', () => {
  it('puts international-relations and military in the top 3 for the seed article', () => {
    const expected = JSON.parse(readFileSync(sharedPath('seed', 'expected.json'), 'utf8')) as { expected: { top3_must_include: string[] } };
    const top3 = classify(readFileSync(sharedPath('seed', 'article.txt'), 'utf8'), { topK: 3 }).map((t) => t.id);
    for (const id of expected.expected.top3_must_include) expect(top3).toContain(id);
  });

  // Targets of the default-model issue: micro-F1 >= 0.85 and macro-F1 >= 0.65 on each dev file. bbc.dev meets both;
  // wcep.dev meets macro but not micro (see data/README.md): its micro floor below guards against regressions only.
  const FLOORS = { 'bbc.dev.jsonl': { micro: 0.85, macro: 0.65 }, 'wcep.dev.jsonl': { micro: 0.8, macro: 0.65 } } as const;
  for (const [file, floor] of Object.entries(FLOORS)) {
    it(`${file}: micro-F1 >= ${floor.micro}, macro-F1 >= ${floor.macro} (ancestors added to gold and predictions)`, () => {
      const dev = readJsonl(sharedPath('datasets', 'news-topics', file));
      const predicted = dev.map((r) => classify(r.title ? `${r.title}\n${r.text}` : r.text, { hierarchy: 'full' }).map((t) => t.id));
      const m = scoreLabelSets(dev.map((r) => withAncestors(r.labels)), predicted);
      process.stderr.write(`default model ${file}: micro-F1 ${m.micro.f1.toFixed(4)}, macro-F1 ${m.macro.f1.toFixed(4)}\n`);
      expect(m.micro.f1).toBeGreaterThanOrEqual(floor.micro);
      expect(m.macro.f1).toBeGreaterThanOrEqual(floor.macro);
    }, 60_000);
  }

  it('classifyWithModel with the default model is classify', () => {
    const text = readFileSync(sharedPath('seed', 'article.txt'), 'utf8');
    expect(classifyWithModel(defaultModel(), text)).toEqual(classify(text));
  });

  it('npm run build:model reproduces data/model.json byte for byte', async () => {
    const { RECIPE, recipeExamples } = await import('../scripts/model-recipe.js');
    const model = await train(recipeExamples(RECIPE), RECIPE.options);
    const shipped = readFileSync(new URL('../data/model.json', import.meta.url), 'utf8');
    expect(`${JSON.stringify(model.toJSON())}\n` === shipped).toBe(true);
  }, 300_000);
});
