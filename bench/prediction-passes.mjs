/**
 * Prediction throughput pass by pass, as `npm run bench` measures news-topics' (bench/systems/node-system.ts: train,
 * then every test text's scores and decision, one pass, timed), then three more passes over the same texts in the
 * same process: how much of the bench's figure is the first pass's warm-up (the JIT, and natural's Porter stemmer
 * on every word the training texts did not have). Each data set in a fresh process.
 * Usage: node bench/prediction-passes.mjs DATASET...   (names under ../shared/datasets/bench)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const child = `
const [entry, dir] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const { train } = await import(entry);
const read = (f) => readFileSync(dir + '/' + f, 'utf8').split('\\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const model = await train(read('train.jsonl').map((r) => ({ text: r.text, title: r.title, labels: r.labels })));
const test = read('test.jsonl');
const passes = [];
for (let pass = 0; pass < 4; pass++) {
  const t0 = performance.now();
  for (const r of test) model.predict({ title: r.title ?? null, body: r.text });
  passes.push(Math.round(test.length / ((performance.now() - t0) / 1000)));
}
console.log(JSON.stringify({ texts: test.length, passes }));
`;
// A file rather than `node -e`: training's worker threads inherit the flags of the process (`--input-type` would stop them).
const script = join(mkdtempSync(join(tmpdir(), 'news-topics-passes-')), 'passes.mjs');
writeFileSync(script, child);
const entry = new URL('../dist/node/index.js', import.meta.url).href;
for (const dataset of process.argv.slice(2)) {
  const dir = fileURLToPath(new URL(`../../shared/datasets/bench/${dataset}`, import.meta.url));
  const { texts, passes } = JSON.parse(execFileSync(process.execPath, [script, entry, dir], { encoding: 'utf8' }));
  console.log(`${dataset} (${texts} test texts): docs/s, pass 1 to 4: ${passes.join(', ')}`);
}
