/**
 * classifyMany / predictMany: one result per input, in input order, from arrays, iterables and async iterables,
 * with error results for bad inputs, backpressure on the source, and the same results on worker threads (the built
 * package, dist/node/, which holds the worker file) as on the calling thread.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, classifyMany, defaultModel, InvalidInputError, predictMany, train, type ArticleInput, type Result } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';
import type { Worker } from 'node:worker_threads';
import { ArticlePool } from '../../src/io/article-pool.js';
import { DEFAULT_FIELDS } from '../../src/io/input-records.js';
import { articleJobFor } from '../../src/news/article-job.js';

const DIST = new URL('../../dist/node/index.js', import.meta.url);
const BIN = new URL('../../dist/node/cli.js', import.meta.url).pathname;
const ARTICLE = readFileSync(new URL('../../examples/article.txt', import.meta.url), 'utf8');
const texts: string[] = Array.from({ length: 300 }, (_, i) => `${ARTICLE.slice((i * 97) % 2000, ((i * 97) % 2000) + 600)} (${i})`);

async function collect(results: AsyncIterable<Result>): Promise<Result[]> {
  const all: Result[] = [];
  for await (const result of results) all.push(result);
  return all;
}

function threadCount(): number {
  const status = readFileSync('/proc/self/status', 'utf8').match(/^Threads:\s+(\d+)/m);
  return status ? Number(status[1]) : NaN;
}

describe('classifyMany and predictMany', () => {
  it('gives classify()\'s result for every input, in order, from an array, a generator and an async generator', async () => {
    const want = texts.map((t) => classify(t));
    expect(await collect(classifyMany(texts, { threads: 1, batchSize: 7 }))).toEqual(want);
    expect(await collect(classifyMany((function* () { yield* texts; })(), { threads: 2, batchSize: 16 }))).toEqual(want);
    expect(await collect(classifyMany((async function* () { for (const t of texts) yield t; })(), { batchSize: 50 }))).toEqual(want);
    expect(await collect(classifyMany([{ title: 'Cup final', body: texts[0]! }], { hierarchy: 'full' }))).toEqual([classify({ title: 'Cup final', body: texts[0]! }, { hierarchy: 'full' })]);
  });

  it('turns a bad input into an error result at its place, and goes on', async () => {
    const inputs = ['Parliament passed the budget.', '', 42, { body: 'The striker scored.' }, null] as unknown as ArticleInput[];
    const results = await collect(classifyMany(inputs, { batchSize: 2 }));
    expect(results).toHaveLength(5);
    expect(results[0]).toEqual(classify('Parliament passed the budget.'));
    expect(results[1]).toEqual({ topics: [], error: { name: 'InvalidInputError', field: 'input', message: expect.stringContaining('non-empty text') } });
    expect(results[2]?.error?.name).toBe('InvalidInputError');
    expect(results[3]).toEqual(classify({ body: 'The striker scored.' }));
    expect(results[4]?.error?.field).toBe('input');
  });

  it('checks its arguments at the call, not once per input', () => {
    expect(() => classifyMany('not a list' as unknown as string[])).toThrow(InvalidInputError);
    expect(() => classifyMany(texts, { threads: 0 })).toThrow(/options\.threads/);
    expect(() => classifyMany(texts, { topK: -1 })).toThrow(/options\.topK/);
    expect(() => classifyMany(texts, { hierarchy: 'flat' as 'full' })).toThrow(/options\.hierarchy/);
    expect(() => classifyMany(texts, { bogus: true } as never)).toThrow(/bogus/);
    expect(() => predictMany({} as never, texts)).toThrow(/model/);
  });

  it('reads the source only as fast as results are taken (backpressure), and stops it when the consumer stops', async () => {
    let pulled = 0;
    let finished = false;
    const endless = (async function* () {
      try {
        for (;;) {
          pulled++;
          yield texts[pulled % texts.length] as string;
        }
      } finally {
        finished = true;
      }
    })();
    let taken = 0;
    for await (const _ of classifyMany(endless, { threads: 2, batchSize: 4 })) if (++taken === 10) break;
    // The source runs ahead of the consumer by at most 2 batches a thread in flight and the batch being filled.
    expect(pulled).toBeLessThanOrEqual(taken + (2 * 2 + 1) * 4);
    expect(finished).toBe(true);
  });

  it('predictMany gives predict()\'s result with the model\'s own labels, and explanations and places when asked', async () => {
    const model = await train(syntheticExamples(200, 3), { minDf: 1 });
    const inputs = syntheticExamples(40, 9).map((e) => e.text);
    expect(await collect(predictMany(model, inputs, { threads: 1 }))).toEqual(inputs.map((t) => model.predict(t)));
    const [first] = await collect(predictMany(model, ['The striker scored in Paris as France won.'], { explain: true, places: true, topK: 1 }));
    expect(first?.topics[0]?.explanation?.label).toBe(first?.topics[0]?.id);
    expect(first?.places?.map((p) => p.code)).toEqual(['FR']);
  });

  it('gives error results for the batches of a worker thread that stops, and starts another for the next batches', async () => {
    // The pool of the sources, running the built worker file (the sources' own worker is TypeScript).
    const worker = new URL('../../dist/node/article-worker.js', import.meta.url);
    expect(existsSync(worker), 'dist/ is missing: run npm run build').toBe(true);
    const model = defaultModel();
    const pool = new ArticlePool(model, articleJobFor(model, {}), 2, worker);
    const threads = () => (pool as unknown as { workers: { worker: Worker }[] }).workers;
    try {
      const want = texts.map((t) => classify(t));
      expect(await pool.classify(texts.slice(0, 30))).toEqual(want.slice(0, 30));
      // Both threads are stopped while each holds a batch: 300 articles and 100 CLI records.
      const articles = pool.classify(texts);
      const items = texts.slice(0, 100).map((text, i) => ({ record: { json: JSON.stringify({ id: `r${i}`, text }), line: i + 1, source: 'in.jsonl' }, format: 'jsonl' as const }));
      const records = pool.classifyRecords(items, DEFAULT_FIELDS);
      expect(threads().map((t) => t.worker.threadId)).toHaveLength(2);
      await Promise.all(threads().map((t) => t.worker.terminate()));
      const lost = await articles;
      expect(lost).toHaveLength(texts.length);
      for (const result of lost) expect(result).toEqual({ topics: [], error: { name: 'WorkerStoppedError', message: expect.stringMatching(/worker thread classifying this batch stopped/) } });
      const failed = await records;
      expect(failed.failed).toBe(100);
      expect(failed.records.map((r) => JSON.parse(r) as unknown)).toEqual(items.map((_, i) => ({ id: `r${i}`, line: i + 1, error: expect.stringMatching(/stopped/) })));
      // New threads take the next batches.
      expect(await pool.classify(texts.slice(30, 90))).toEqual(want.slice(30, 90));
      expect(threads().every((t) => t.worker.threadId > 0)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!existsSync('/proc/self/status'))('runs on worker threads in the built package, with the same results', async () => {
    expect(existsSync(DIST), 'dist/ is missing: run npm run build').toBe(true);
    const dist = (await import(DIST.href)) as typeof import('../../src/index.js');
    const want = texts.map((t) => dist.classify(t, { places: true }));
    const before = threadCount();
    let during = before;
    const got: Result[] = [];
    for await (const result of dist.classifyMany(texts, { threads: 2, batchSize: 16, places: true })) {
      got.push(result);
      if (got.length === 100) during = threadCount();
    }
    expect(got).toEqual(want);
    expect(during - before).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('an idle pool does not keep the process alive: a consumer that stops reading without closing lets it exit', () => {
    expect(existsSync(DIST), 'dist/ is missing: run npm run build').toBe(true);
    // Takes results from a few batches on 2 threads, then neither reads on nor closes the iterator.
    const script = `
      const { classifyMany } = await import(${JSON.stringify(DIST.href)});
      const texts = Array.from({ length: 200 }, (_, i) => 'Central bank raises rates as inflation stays high (' + i + ')');
      const results = classifyMany(texts, { threads: 2, batchSize: 8 })[Symbol.asyncIterator]();
      for (let i = 0; i < 20; i++) if ((await results.next()).done) throw new Error('ended early');
      console.log('taken');`;
    const file = join(mkdtempSync(join(tmpdir(), 'news-topics-idle-')), 'idle.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('taken\n');
    // Exited by itself (a worker thread that kept it alive would have run into the timeout: status null).
    expect(run.status).toBe(0);
  }, 60_000);

  it('news-topics classify --threads 2 writes what --threads 1 writes, record for record, error records included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-topics-many-'));
    const file = join(dir, 'records.jsonl');
    // JSON lines are parsed on the worker threads: malformed ones, a text that is no string, a blank line (no record).
    const lines = texts.map((t, i) => (i % 50 === 7 ? '{"id": "broken' : i % 50 === 9 ? JSON.stringify({ id: `r${i}`, text: 42 }) : JSON.stringify({ id: `r${i}`, text: t })));
    lines.splice(100, 0, '   ');
    writeFileSync(file, `${lines.join('\r\n')}\n`);
    const run = (threads: number, ...more: string[]) => spawnSync(process.execPath, [BIN, 'classify', file, '--threads', String(threads), ...more], { encoding: 'utf8' });
    const one = run(1);
    const two = run(2);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const records = one.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; line: number; error?: string });
    expect(records).toHaveLength(300);
    expect(records[7]).toMatchObject({ id: `${file}:8`, line: 8, error: expect.stringMatching(/malformed JSON/) });
    expect(records[9]).toMatchObject({ id: 'r9', line: 10, error: 'field "text" must be a string, found number' });
    expect(records[8]).toMatchObject({ id: 'r8', line: 9 });
    expect(records[100]).toMatchObject({ id: 'r100', line: 102 });
    expect(two.stderr).toBe(`news-topics: ${2 * 6} record(s) failed; see the error records in the output\n`);
    // One JSON array, the same on both paths.
    const array = run(2, '--format', 'json');
    expect(array.stdout).toBe(run(1, '--format', 'json').stdout);
    expect(JSON.parse(array.stdout)).toEqual(records);
  }, 60_000);
});
