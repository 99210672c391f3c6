/**
 * `npm run build:model`: trains the default model from ../shared/datasets/news-topics with the recipe in
 * model-recipe.ts, writes data/model.bin (the binary model file; byte-identical on every run), measures it on the dev files (dev-scores.ts)
 * and writes the figures into the model card, data/README.md, and data/dev-metrics.json.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SetMetrics, topics, train } from '../src/index.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { DEV_FILES, type DevFile, scoreOnDev, topicF1, WEAK_TOPICS } from './dev-scores.js';
import { RECIPE, recipeTraining, WEB_RECIPE } from './model-recipe.js';
import { NEWS_DATA } from './news-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'data');
/** The default-model issue's targets: micro-F1 (and macro-F1 where set) per dev file. */
const TARGETS: Record<DevFile, { micro: number; macro?: number }> = {
  'allsides.dev.jsonl': { micro: 0.86, macro: 0.78 },
  'worldwide.dev.jsonl': { micro: 0.8 },
  'bbc.dev.jsonl': { micro: 0.89 },
  'wcep.dev.jsonl': { micro: 0.82 },
};

const started = performance.now();
const { examples, options } = recipeTraining(RECIPE);
let lastStage = '';
const model = await train(examples, {
  ...options,
  onProgress: (p) => {
    const key = `${p.stage} ${p.completed}/${p.total}`;
    if (p.stage !== 'features' && key !== lastStage) process.stderr.write(`build:model ${key}\n`);
    lastStage = key;
  },
  onWarning: (w) => process.stderr.write(`build:model warning: ${w.message}\n`),
});
const trainSeconds = (performance.now() - started) / 1000;
const modelBytes = model.toBytes();
await writeFileAtomic(join(DATA, 'model.bin'), modelBytes);
const sha = createHash('sha256').update(modelBytes).digest('hex');

// The browser variant: the same data with fewer features (model-recipe.ts, WEB_RECIPE).
const web = recipeTraining(WEB_RECIPE);
const webModel = await train(web.examples, web.options);
// Blocks stored uncompressed: browsers read them without inflating, and HTTP compression shrinks the file better.
const webBytes = webModel.toBytes({ blocks: 'stored' });
await writeFileAtomic(join(DATA, 'model-web.bin'), webBytes);
const webSha = createHash('sha256').update(webBytes).digest('hex');
const webResults = Object.fromEntries(DEV_FILES.map((file) => [file, scoreOnDev(webModel, file)])) as Record<DevFile, SetMetrics>;

const results = {} as Record<DevFile, SetMetrics>;
for (const file of DEV_FILES) {
  results[file] = scoreOnDev(model, file);
  process.stderr.write(`build:model ${file}: micro-F1 ${results[file].micro.f1.toFixed(4)}, macro-F1 ${results[file].macro.f1.toFixed(4)}\n`);
}

// ---- model card -------------------------------------------------------------------------------------------------
const f = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
const counts = new Map<string, number>();
for (const e of examples) for (const l of e.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
const perTopic = topics.map((t) => {
  const cells = (['allsides.dev.jsonl', 'worldwide.dev.jsonl'] as const).map((file) => {
    const l = results[file].labels.find((x) => x.label === t.id);
    return l && l.support + l.predicted > 0 ? `${f(l.precision)} | ${f(l.recall)} | ${f(l.f1)} | ${l.support}` : '– | – | – | 0';
  });
  const threshold = model.thresholds[model.labels.indexOf(t.id)];
  return `| \`${t.id}\` | ${counts.get(t.id) ?? 0} | ${threshold === undefined ? '–' : threshold.toFixed(2)} | ${cells.join(' | ')} |`;
});
// "Before": the 0.1 recipe's row of the recipe bench, measured the same way.
const recipeRows = existsSync(join(ROOT, 'bench', 'recipe-results.jsonl'))
  ? readFileSync(join(ROOT, 'bench', 'recipe-results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: string; megabytes: number; dev: Record<string, { micro: number; macro: number; weak: Record<string, number | null> }> })
  : [];
const before = recipeRows.find((r) => r.name.startsWith('0.1 recipe'));
const weakRows = WEAK_TOPICS.map((t) => {
  const was = `${f(before?.dev['allsides.dev.jsonl']?.weak[t])} / ${f(before?.dev['worldwide.dev.jsonl']?.weak[t])}`;
  const now = `${f(topicF1(results['allsides.dev.jsonl'], t))} / ${f(topicF1(results['worldwide.dev.jsonl'], t))}`;
  return `| \`${t}\` | ${was} | ${now} |`;
});
const shortfalls = DEV_FILES.flatMap((file) => {
  const m = results[file];
  const target = TARGETS[file];
  const misses = [
    ...(m.micro.f1 < target.micro ? [`micro-F1 ${f(m.micro.f1)} (target ${target.micro})`] : []),
    ...(target.macro !== undefined && m.macro.f1 < target.macro ? [`macro-F1 ${f(m.macro.f1)} (target ${target.macro})`] : []),
  ];
  return misses.length > 0 ? [`- \`${file}\`: ${misses.join(', ')} — short of the target.`] : [];
});
const weakShort = WEAK_TOPICS.flatMap((t) =>
  (['allsides.dev.jsonl', 'worldwide.dev.jsonl'] as const).flatMap((file) => {
    const value = topicF1(results[file], t);
    return value !== null && value < 0.6 ? [`\`${t}\` ${f(value)} on ${file.replace('.jsonl', '')}`] : [];
  }),
);
if (weakShort.length > 0) shortfalls.push(`- Weak topics below F1 0.60: ${weakShort.join(', ')}.`);
const sourceRows = RECIPE.sources.map((s) => `| \`${s.file}\` | \`${s.source}\` | ${s.weight} | ${readFileSync(join(NEWS_DATA, s.file), 'utf8').split('\n').filter((l) => l.trim()).length} |`);
const template = readFileSync(join(ROOT, 'scripts', 'model-card.template.md'), 'utf8');
const card = template
  .replace('{{SOURCES}}', sourceRows.join('\n'))
  .replace('{{OPTIONS}}', JSON.stringify(RECIPE.options))
  .replace('{{CALIBRATE_ON}}', RECIPE.calibrateOn ? `; calibration, thresholds and the cost fitted on the out-of-fold scores of ${RECIPE.calibrateOn.map((s) => `\`${s}\``).join(', ')} (the full-length articles)` : '')
  .replace('{{TRIED}}', recipeRows.map((r) => `| ${r.name} | ${r.megabytes.toFixed(2)} | ${DEV_FILES.map((file) => `${f(r.dev[file]?.micro)} / ${f(r.dev[file]?.macro)}`).join(' | ')} |`).join('\n'))
  .replace('{{EXAMPLES}}', String(examples.length))
  .replace('{{SIZE}}', `${(modelBytes.length / 1e6).toFixed(2)} MB (${modelBytes.length} bytes; ${(JSON.stringify(model.toJSON()).length / 1e6).toFixed(2)} MB as a JSON model file)`)
  .replace('{{SHA}}', sha)
  .replace('{{FEATURES}}', String(model.toJSON().features.count))
  .replace('{{TRAIN_SECONDS}}', trainSeconds.toFixed(0))
  .replace('{{SUMMARY}}', DEV_FILES.map((file) => {
    const m = results[file];
    const target = TARGETS[file];
    return `| \`${file}\` | ${m.documents} | ${f(m.micro.precision)} | ${f(m.micro.recall)} | **${f(m.micro.f1)}** | **${f(m.macro.f1)}** | ${f(m.exactMatch)} | ${target.micro}${target.macro !== undefined ? ` / ${target.macro}` : ''} |`;
  }).join('\n'))
  .replace('{{WEAK}}', weakRows.join('\n'))
  .replace('{{PER_TOPIC}}', perTopic.join('\n'))
  .replace('{{WEAKNESSES}}', shortfalls.join('\n'))
  .replace('{{WEB_OPTIONS}}', JSON.stringify(WEB_RECIPE.options))
  .replace('{{WEB_SIZE}}', `${(webBytes.length / 1e6).toFixed(2)} MB (${webBytes.length} bytes; ${(gzipSync(webBytes, { level: 9 }).length / 1e6).toFixed(2)} MB gzip), SHA-256 \`${webSha}\``)
  .replace('{{WEB_FEATURES}}', String(webModel.parts.space.size))
  .replace('{{WEB_SUMMARY}}', DEV_FILES.map((file) => `| \`${file}\` | ${f(webResults[file].micro.f1)} / ${f(webResults[file].macro.f1)} | ${f(results[file].micro.f1)} / ${f(results[file].macro.f1)} |`).join('\n'));
writeFileSync(join(DATA, 'README.md'), card);
writeFileSync(join(DATA, 'dev-metrics.json'), `${JSON.stringify(Object.fromEntries(DEV_FILES.map((file) => [file, { micro: results[file].micro, macro: results[file].macro }])), null, 2)}\n`);
process.stderr.write(`build:model wrote data/model.bin (${modelBytes.length} bytes, sha256 ${sha}) in ${trainSeconds.toFixed(0)} s\n`);
