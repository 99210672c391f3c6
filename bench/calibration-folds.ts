/**
 * `npx tsx bench/calibration-folds.ts [--datasets a,b]`: what the out-of-fold calibration costs, and what fewer folds
 * lose. For each data set of ../shared/datasets/bench: train with the defaults (3 folds, cost chosen from 0.5 and 1),
 * 2 folds, 3 folds with the cost fixed at 1, and 0 folds (no calibration, thresholds 0.5), in one process, the
 * settings taking turns; training seconds (median of 3) and test micro/macro-F1 (the model's own decisions).
 * Writes bench/CALIBRATION-FOLDS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreLabelSets, train } from 'news-topics';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '..', 'shared', 'datasets', 'bench');
const i = process.argv.indexOf('--datasets');
const datasets = i >= 0 ? (process.argv[i + 1] ?? '').split(',') : ['bbc', 'ag-news', 'wcep-sections', '20newsgroups', 'reuters-modapte'];
const VARIANTS = {
  '3 folds, c auto (default)': {},
  '2 folds, c auto': { calibrationFolds: 2 },
  '3 folds, c 1': { c: 1 },
  '0 folds (no calibration)': { calibrationFolds: 0, tuneThresholds: false },
} as const;
type Variant = keyof typeof VARIANTS;

interface Row {
  readonly title: string | null;
  readonly text: string;
  readonly labels: string[];
}
const read = (dataset: string, file: string): Row[] =>
  readFileSync(join(DATA, dataset, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const lines = [
  '# What calibration folds cost',
  '',
  `Produced by \`npx tsx bench/calibration-folds.ts\` on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
  'Training seconds: median of 3, the settings taking turns in one process (default threads). F1: the test split, the model\'s own decisions.',
  '',
  '| data set | setting | train s | micro-F1 | macro-F1 |',
  '|---|---|---|---|---|',
];
for (const dataset of datasets) {
  const trainRows = read(dataset, 'train.jsonl').map((r) => ({ text: r.text, title: r.title, labels: r.labels }));
  const test = read(dataset, 'test.jsonl');
  const names = Object.keys(VARIANTS) as Variant[];
  const seconds = new Map<Variant, number[]>(names.map((name) => [name, []]));
  const scores = new Map<Variant, { micro: number; macro: number }>();
  for (let round = 0; round < 3; round++) {
    for (const name of names) {
      const t0 = performance.now();
      const model = await train(trainRows, VARIANTS[name]);
      seconds.get(name)?.push((performance.now() - t0) / 1000);
      if (round === 0) {
        const predicted = test.map((r) => model.predict({ title: r.title, body: r.text }).topics.map((t) => t.id));
        const s = scoreLabelSets(test.map((r) => r.labels), predicted);
        scores.set(name, { micro: s.micro.f1, macro: s.macro.f1 });
      }
    }
  }
  for (const name of names) {
    const s = scores.get(name) as { micro: number; macro: number };
    const row = `| ${dataset} | ${name} | ${median(seconds.get(name) ?? []).toFixed(2)} | ${s.micro.toFixed(4)} | ${s.macro.toFixed(4)} |`;
    lines.push(row);
    process.stderr.write(`${row}\n`);
  }
}
writeFileSync(join(ROOT, 'bench', 'CALIBRATION-FOLDS.md'), `${lines.join('\n')}\n`);
