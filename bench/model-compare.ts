// `npx tsx bench/model-compare.ts OLD_MODEL [NEW_MODEL]`: load time and classify throughput of two model files (JSON or
// binary; NEW_MODEL defaults to data/model.bin), in one process on the same 3,000-character bbc.dev excerpts (ratios,
// not absolute figures, are what compare across machines). E.g. the 0.1 model: `git show dbf7109:data/model.json`.
import { readFileSync } from 'node:fs';
import { classifyArticle } from '../src/index.js';
import { modelFromFile } from '../src/io/model-files.js';

const source = readFileSync(new URL('../../shared/datasets/news-topics/bbc.dev.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text).join('\n\n');
const articles: string[] = [];
for (let start = 0; articles.length < 2000; start = (start + 3000) % (source.length - 3000)) articles.push(source.slice(start, start + 3000));
const load = (path: string) => {
  const t = performance.now();
  const m = modelFromFile(readFileSync(path), path);
  return { m, ms: performance.now() - t };
};
const [oldPath, newPath = 'data/model.bin'] = process.argv.slice(2);
if (oldPath === undefined) throw new Error('usage: npx tsx bench/model-compare.ts OLD_MODEL [NEW_MODEL]');
const models = { [oldPath]: load(oldPath), [newPath]: load(newPath) };
for (let round = 0; round < 3; round++) for (const [name, { m, ms }] of Object.entries(models)) {
  for (const a of articles.slice(0, 200)) classifyArticle(m, a);
  const t = performance.now();
  for (const a of articles) classifyArticle(m, a);
  console.log(round, name, 'load', ms.toFixed(0), 'ms;', (articles.length / ((performance.now() - t) / 1000)).toFixed(0), 'articles/s');
}
