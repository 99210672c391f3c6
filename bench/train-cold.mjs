/**
 * Training in a fresh process, stage by stage: `train` on a bench data set's train.jsonl (default options), in
 * `runs` new processes, taking turns with another build when `--against ENTRY` names one (an older checkout's
 * dist/node/index.js: the two share each stretch of the machine's speed). Prints the median of each stage, in ms:
 * before the features (validation, targets), features (reading the texts, the feature space, the matrix),
 * calibration (out-of-fold models, sigmoids, thresholds, the cost), final (the model on all examples), and the total.
 * Usage: node bench/train-cold.mjs RUNS DATASET... [--against ENTRY]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const against = args.includes('--against') ? args.splice(args.indexOf('--against'), 2)[1] : undefined;
const [runs, ...datasets] = args;
const here = fileURLToPath(new URL('.', import.meta.url));
const data = (name) => fileURLToPath(new URL(`../../shared/datasets/bench/${name}/train.jsonl`, import.meta.url));

// One fresh process: imports the build, reads the data set, trains, prints the stage times.
const child = `
const [entry, file] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const { train } = await import(entry);
const rows = readFileSync(file, 'utf8').split('\\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const examples = rows.map((r) => ({ text: r.text, title: r.title, labels: r.labels }));
const marks = { start: performance.now() };
await train(examples, { onProgress: (p) => (marks[p.stage] ??= performance.now()) });
marks.end = performance.now();
console.log(JSON.stringify({ before: marks.features - marks.start, features: marks.calibration - marks.features, calibration: marks.final - marks.calibration, final: marks.end - marks.final, total: marks.end - marks.start }));
`;

// A file rather than `node -e`: worker threads inherit the flags of the process (`--input-type` would stop them).
const script = join(mkdtempSync(join(tmpdir(), 'news-topics-train-cold-')), 'train.mjs');
writeFileSync(script, child);

function once(entry, dataset) {
  return JSON.parse(execFileSync(process.execPath, [script, entry, data(dataset)], { cwd: here, encoding: 'utf8' }));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const builds = [['this build', pathToFileURL(fileURLToPath(new URL('../dist/node/index.js', import.meta.url))).href]];
if (against) builds.push(['against', pathToFileURL(against).href]);

for (const dataset of datasets) {
  const times = builds.map(() => []);
  for (let r = 0; r < Number(runs); r++) {
    // Both orders in turn, so that neither build always runs second.
    const order = r % 2 === 0 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
    for (const i of order) times[i].push(once(builds[i][1], dataset));
  }
  builds.forEach(([name], i) => {
    const stages = Object.keys(times[i][0]).map((stage) => `${stage} ${Math.round(median(times[i].map((t) => t[stage])))}`);
    console.log(`${dataset} (${name}, median of ${runs}): ${stages.join(', ')} ms`);
  });
}
