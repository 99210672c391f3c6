// `npx tsx bench/model-compare.ts [OLD_MODEL]`: load time and classify throughput of an older default model file and
// the current one, in one process on the same 3,000-character bbc.dev excerpts (ratios, not absolute figures, are
// what compare across machines). OLD_MODEL defaults to /tmp/model-0.1.json, e.g. `git show dbf7109:data/model.json`.
import { readFileSync } from 'node:fs';
import { classifyArticle, TopicClassifier } from '../src/index.js';
import { nodeCodec } from '../src/io/node-codec.js';
const source = readFileSync(new URL('../../shared/datasets/news-topics/bbc.dev.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text).join('\n\n');
const articles: string[] = [];
for (let start = 0; articles.length < 2000; start = (start + 3000) % (source.length - 3000)) articles.push(source.slice(start, start + 3000));
const load = (path: string) => { const t = performance.now(); const m = TopicClassifier.decode(readFileSync(path, 'utf8'), path, nodeCodec); return { m, ms: performance.now() - t }; };
const models = { '0.1 (3.1 MB)': load(process.argv[2] ?? '/tmp/model-0.1.json'), '0.2 (7.9 MB)': load('data/model.json') };
for (let round = 0; round < 3; round++) for (const [name, { m, ms }] of Object.entries(models)) {
  for (const a of articles.slice(0, 200)) classifyArticle(m, a);
  const t = performance.now();
  for (const a of articles) classifyArticle(m, a);
  console.log(round, name, 'load', ms.toFixed(0), 'ms;', (articles.length / ((performance.now() - t) / 1000)).toFixed(0), 'articles/s');
}
