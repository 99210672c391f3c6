// Experiment: train a recipe variant and print dev figures (ancestors added to gold and predictions).
import { scoreLabelSets, train, withAncestors } from '../src/index.js';
import { devExamples } from './news-data.js';
import { RECIPE, recipeExamples, type Recipe } from './model-recipe.js';

const variant = JSON.parse(process.argv[2] ?? '{}') as Partial<Recipe>;
const recipe: Recipe = { sources: variant.sources ?? RECIPE.sources, options: { ...RECIPE.options, ...variant.options } };
const t0 = performance.now();
const examples = recipeExamples(recipe);
const model = await train(examples, recipe.options);
const seconds = (performance.now() - t0) / 1000;
const line: string[] = [`${examples.length} ex, ${seconds.toFixed(1)} s, ${model.parts.space.size} feats, ${(JSON.stringify(model.toJSON()).length / 1e6).toFixed(2)} MB`];
for (const file of ['bbc.dev.jsonl', 'wcep.dev.jsonl'] as const) {
  const dev = devExamples(file);
  const predicted = dev.map((e) => withAncestors(model.predict({ title: e.title ?? null, body: e.text }).topics.map((p) => p.id)));
  const m = scoreLabelSets(dev.map((e) => e.labels), predicted);
  line.push(`${file}: micro ${m.micro.f1.toFixed(4)} macro ${m.macro.f1.toFixed(4)}`);
}
console.log(JSON.stringify(variant), '|', line.join(' | '));
