/**
 * `npm run build:model`: trains the default model from ../shared/datasets/news-topics with the recipe in
 * model-recipe.ts, writes data/model.json (byte-identical on every run), measures it on the dev files (ancestors
 * added to gold and predictions) and writes the figures into the model card, data/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyArticle, type SetMetrics, scoreLabelSets, topics, train, withAncestors } from '../src/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { devExamples } from './news-data.js';
import { RECIPE, recipeExamples } from './model-recipe.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');

const started = performance.now();
const examples = recipeExamples(RECIPE);
let lastStage = '';
const model = await train(examples, {
  ...RECIPE.options,
  onProgress: (p) => {
    const key = `${p.stage} ${p.completed}/${p.total}`;
    if (p.stage !== 'features' && key !== lastStage) process.stderr.write(`build:model ${key}\n`);
    lastStage = key;
  },
});
const trainSeconds = (performance.now() - started) / 1000;
const modelText = `${JSON.stringify(model.toJSON())}\n`;
await writeFileAtomic(join(DATA, 'model.json'), modelText);
const sha = createHash('sha256').update(modelText).digest('hex');

const devFiles = ['bbc.dev.jsonl', 'wcep.dev.jsonl'] as const;
const results: Record<string, SetMetrics> = {};
for (const file of devFiles) {
  const dev = devExamples(file);
  const predicted = dev.map((e) => classifyArticle(model, { title: e.title ?? null, body: e.text }, { hierarchy: 'full' }).topics.map((t) => t.id));
  results[file] = scoreLabelSets(dev.map((e) => withAncestors(e.labels)), predicted);
  const m = results[file] as SetMetrics;
  process.stderr.write(`build:model ${file}: micro-F1 ${m.micro.f1.toFixed(4)}, macro-F1 ${m.macro.f1.toFixed(4)}\n`);
}

// ---- model card -------------------------------------------------------------------------------------------------
const f = (x: number) => x.toFixed(3);
const counts = new Map<string, number>();
for (const e of examples) for (const l of e.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
const perTopic = topics.map((t) => {
  const cells = devFiles.map((file) => {
    const l = results[file]?.labels.find((x) => x.label === t.id);
    return l && l.support + l.predicted > 0 ? `${f(l.precision)} | ${f(l.recall)} | ${f(l.f1)} | ${l.support}` : '– | – | – | 0';
  });
  const threshold = model.thresholds[model.labels.indexOf(t.id)];
  return `| \`${t.id}\` | ${counts.get(t.id) ?? 0} | ${threshold === undefined ? '–' : threshold.toFixed(2)} | ${cells.join(' | ')} |`;
});
const sourceRows = RECIPE.sources.map((s) => `| \`${s.file}\` | \`${s.source}\` | ${s.weight} | ${sourceCount(s.file)} |`);
function sourceCount(file: string): number {
  return readFileSync(join(ROOT, '..', 'shared', 'datasets', 'news-topics', file), 'utf8').split('\n').filter((l) => l.trim()).length;
}
const template = readFileSync(join(ROOT, 'scripts', 'model-card.template.md'), 'utf8');
const card = template
  .replace('{{SOURCES}}', sourceRows.join('\n'))
  .replace('{{OPTIONS}}', JSON.stringify(RECIPE.options))
  .replace('{{EXAMPLES}}', String(examples.length))
  .replace('{{SIZE}}', `${(Buffer.byteLength(modelText) / 1e6).toFixed(2)} MB (${Buffer.byteLength(modelText)} bytes)`)
  .replace('{{SHA}}', sha)
  .replace('{{FEATURES}}', String(model.parts.space.size))
  .replace('{{TRAIN_SECONDS}}', trainSeconds.toFixed(0))
  .replace('{{SUMMARY}}', devFiles.map((file) => {
    const m = results[file] as SetMetrics;
    return `| \`${file}\` | ${m.documents} | ${f(m.micro.precision)} | ${f(m.micro.recall)} | **${f(m.micro.f1)}** | **${f(m.macro.f1)}** | ${f(m.exactMatch)} |`;
  }).join('\n'))
  .replace('{{PER_TOPIC}}', perTopic.join('\n'));
writeFileSync(join(DATA, 'README.md'), card);
writeFileSync(join(DATA, 'dev-metrics.json'), `${JSON.stringify(Object.fromEntries(devFiles.map((file) => [file, { micro: results[file]?.micro, macro: results[file]?.macro }])), null, 2)}\n`);
process.stderr.write(`build:model wrote data/model.json (${Buffer.byteLength(modelText)} bytes, sha256 ${sha}) in ${trainSeconds.toFixed(0)} s\n`);
