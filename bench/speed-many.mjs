/**
 * One run of bench/speed.ts's `many` part, in a fresh process: `classifyMany` over the texts of a JSONL file on
 * `threads` threads; prints `{ records, seconds }`. `NEWS_TOPICS_ENTRY` names another build's entry file (an older
 * checkout's dist/node/index.js) to compare pools.
 * Usage: node bench/speed-many.mjs FILE THREADS
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [file, threads] = process.argv.slice(2);
const entry = process.env.NEWS_TOPICS_ENTRY ? pathToFileURL(process.env.NEWS_TOPICS_ENTRY).href : 'news-topics';
const { classifyMany } = await import(entry);
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line).text);
const t0 = performance.now();
let records = 0;
for await (const result of classifyMany(texts, { threads: Number(threads) })) if (result) records++;
console.log(JSON.stringify({ records, seconds: (performance.now() - t0) / 1000 }));
