/**
 * `npm run bench:nb`: training with and without `naiveBayesScaling` (learn/label-trainer.ts), side by side in one
 * process, on the five benchmark splits (micro-F1 of `predict`'s default decisions on test.jsonl, training seconds,
 * the two settings taking turns), on a tiny set (3 bbc articles a label), and on the default model's recipe scored
 * on its dev files as the model card scores it. Writes bench/NAIVE-BAYES-SCALING.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { type Example, scoreLabelSets, type TopicClassifier, train } from '../src/index.js';
import { DEV_FILES, scoreOnDev } from '../scripts/dev-scores.js';
import { RECIPE, recipeTraining } from '../scripts/model-recipe.js';

const BENCH = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'bench');
const SPLITS = ['bbc', 'ag-news', 'wcep-sections', '20newsgroups', 'reuters-modapte'];
const read = (dir: string, file: string) =>
  readFileSync(join(BENCH, dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { title?: string | null; text: string; labels: string[] });
const examplesOf = (rows: ReturnType<typeof read>): Example[] => rows.map((r) => ({ text: r.text, title: r.title ?? null, labels: r.labels }));
const microF1 = (model: TopicClassifier, rows: ReturnType<typeof read>) =>
  scoreLabelSets(rows.map((r) => r.labels), rows.map((r) => model.predict({ title: r.title ?? null, body: r.text }).topics.map((t) => t.id))).micro.f1;

const lines: string[] = [];
const started = Date.now();
// One training before the measured ones, so that neither setting pays for the JIT's warm-up.
await train(examplesOf(read('bbc', 'train.jsonl')), { naiveBayesScaling: true });
for (const [index, split] of SPLITS.entries()) {
  const training = examplesOf(read(split, 'train.jsonl'));
  const test = read(split, 'test.jsonl');
  const row: Record<string, { f1: number; seconds: number }> = {};
  for (const scaling of index % 2 ? [false, true] : [true, false]) {
    const t = performance.now();
    const model = await train(training, { naiveBayesScaling: scaling });
    row[String(scaling)] = { seconds: (performance.now() - t) / 1000, f1: microF1(model, test) };
  }
  const [off, on] = [row.false!, row.true!];
  lines.push(`| ${split} | ${off.f1.toFixed(4)} | ${on.f1.toFixed(4)} | ${off.seconds.toFixed(2)} | ${on.seconds.toFixed(2)} | ${(on.seconds / off.seconds).toFixed(2)} |`);
  console.log(lines.at(-1));
}

// Tiny data: the first 3 training articles of each bbc label.
const seen = new Map<string, number>();
const tiny = examplesOf(
  read('bbc', 'train.jsonl').filter((r) => {
    const n = (seen.get(r.labels[0]!) ?? 0) + 1;
    seen.set(r.labels[0]!, n);
    return n <= 3;
  }),
);
const bbcTest = read('bbc', 'test.jsonl');
const tinyOff = microF1(await train(tiny, {}), bbcTest);
const tinyOn = microF1(await train(tiny, { naiveBayesScaling: true }), bbcTest);
console.log('tiny', tinyOff, tinyOn);

// The default model's recipe, scored on the dev files as the model card scores it.
const { examples, options } = recipeTraining(RECIPE);
const dev: string[] = [];
for (const scaling of [false, true]) {
  const model = await train(examples, { ...options, naiveBayesScaling: scaling });
  dev.push(`| ${scaling ? 'on' : 'off (shipped)'} | ${DEV_FILES.map((f) => { const m = scoreOnDev(model, f); return `${m.micro.f1.toFixed(4)} / ${m.macro.f1.toFixed(4)}`; }).join(' | ')} |`);
  console.log(dev.at(-1));
}

const machine = `${cpus().length} × ${(cpus()[0]?.model ?? 'CPU').split(' ').slice(0, 2).join(' ')}, Node ${process.version}`;
writeFileSync(
  join(import.meta.dirname, 'NAIVE-BAYES-SCALING.md'),
  `# Naive Bayes feature scaling (\`naiveBayesScaling\`)

Produced by \`npm run bench:nb\` (bench/naive-bayes-scaling.ts) on ${new Date().toISOString().slice(0, 10)}; ${machine}; ${((Date.now() - started) / 60000).toFixed(1)} minutes.
Each label's SVM learns on features scaled by their naive Bayes log-count ratio (NBSVM, Wang and Manning 2012); the
weights, scaled back, score plain features, so a model file is as any other. Default: off.

## Benchmark splits

\`train(train.jsonl)\` with default options, off and on (taking turns); micro-F1 of \`predict\`'s default decisions on
test.jsonl; training seconds in this process after one warm-up training (two threads; the order of the two
settings alternates between splits). Compare bench/RESULTS.md for the peers: ComplementNB's
ag-news micro-F1 is 0.8881, LinearSVC's 20newsgroups 0.8618.

| split | micro-F1 off | micro-F1 on | train s off | train s on | on ÷ off |
|---|---|---|---|---|---|
${lines.join('\n')}

## Tiny data

3 bbc training articles a label (15), bbc test.jsonl: micro-F1 ${tinyOff.toFixed(4)} off, ${tinyOn.toFixed(4)} on.

## The default model's recipe

Micro / macro-F1 on the dev files (ancestors added, as in data/README.md):

| scaling | ${DEV_FILES.join(' | ')} |
|---|${DEV_FILES.map(() => '---|').join('')}
${dev.join('\n')}

So the default stays off, and the default model is trained without it.
`,
);
