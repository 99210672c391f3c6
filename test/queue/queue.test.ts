/**
 * news-topics/queue against a real redis-server (test/helpers/redis-server.ts): the library (createTopicsWorker,
 * enqueueRecords, readResults) in this process, then the command line as a user runs it: 20,000 records through two
 * `news-topics worker` processes, a worker killed with SIGKILL half-way, SIGTERM's graceful stop, and Redis
 * restarted mid-run. Every run must end with exactly one result per record id, equal to `news-topics classify` on
 * the same file. Skipped with a notice without redis-server (never in CI).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, InvalidInputError } from '../../src/index.js';
import { resultRecord } from '../../src/news/result-record.js';
import { createTopicsWorker, enqueueRecords, queueProgress, readResults } from '../../src/queue.js';
import { HAS_REDIS, RedisServer } from '../helpers/redis-server.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const BIN = new URL('../../dist/node/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'news-topics-queue-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A JSONL file of n news-like records (ids r0…), and what `news-topics classify` writes for it, line by line. */
function recordsFile(name: string, n: number, seed: number): { path: string; expected: string[] } {
  const path = join(dir, `${name}.jsonl`);
  const lines = syntheticExamples(n, seed).map((e, i) => JSON.stringify({ id: `r${i}`, ...(i % 3 === 0 ? { title: `Report ${i}` } : {}), text: e.text }));
  writeFileSync(path, `${lines.join('\n')}\n`);
  const local = spawnSync(process.execPath, [BIN, 'classify', path, '--threads', '1'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  expect(local.status, local.stderr).toBe(0);
  return { path, expected: local.stdout.split('\n').filter(Boolean) };
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 240_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function startWorker(redis: string, queue: string, extra: string[] = []): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', redis, '--queue', queue, ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The results command's output: one line per id, in input order, each equal to classify's line. */
function expectResults(stdout: string, expected: string[]): void {
  const lines = stdout.split('\n').filter(Boolean);
  const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(lines.length).toBe(expected.length);
  expect(lines).toEqual(expected);
}

describe.skipIf(!HAS_REDIS)('news-topics/queue (real redis-server)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  }, 30_000);
  afterAll(async () => {
    await redis?.close();
  });

  it('classifies enqueued records in process: one result per id, bad records as error results, in input order', async () => {
    const connection = redis.url;
    const queue = 'library';
    const records = [
      ...syntheticExamples(250, 3).map((e, i) => ({ id: `a${i}`, text: e.text, ...(i % 2 ? { title: `Title ${i}` } : {}) })),
      { id: 'empty', text: '   ' },
      { id: 'number', text: 42 as unknown as string },
      { id: 'unreadable', error: 'line 7 is not JSON' },
    ];
    const worker = await createTopicsWorker({ connection, queue });
    try {
      const summary = await enqueueRecords(records, { connection, queue, batchSize: 40 });
      expect(summary).toEqual({ records: 253, jobs: 7 });
      await waitFor(async () => (await queueProgress({ connection, queue })).results === 253, 60_000, 'results');
      const got = [];
      for await (const r of readResults({ connection, queue })) got.push(r);
      expect(got.map((r) => r.id)).toEqual(records.map((r) => r.id));
      for (const [i, r] of got.entries()) {
        expect('record' in r).toBe(true);
        if (!('record' in r)) continue;
        const source = records[i] as { id: string; title?: string; text: string };
        const input = source.title !== undefined ? { title: source.title, body: source.text } : source.text;
        if (i < 250) expect(r.record).toEqual(JSON.parse(JSON.stringify(resultRecord(source.id, undefined, classify(input)))));
      }
      const byId = Object.fromEntries(got.map((r) => [r.id, 'record' in r ? r.record : undefined]));
      expect(byId.empty).toMatchObject({ id: 'empty', error: expect.stringMatching(/non-empty text/) });
      expect(byId.number).toMatchObject({ id: 'number', error: expect.stringMatching(/must be a string/) });
      expect(byId.unreadable).toEqual({ id: 'unreadable', error: 'line 7 is not JSON' });
      // A job from another producer: a single record, and a malformed one; then the same batch again (a retry):
      // the results are overwritten, never doubled.
      const { Queue } = await import('bullmq');
      const bull = new Queue(queue, { connection: { host: '127.0.0.1', port: redis.port } });
      await bull.add('one', { id: 'single', title: 'Cup final', text: 'The striker scored twice as the league leaders won the match.' });
      await bull.add('bad', 'not an object', { jobId: 'bad-job' });
      await bull.add('again', { records: records.slice(0, 40).map((r, seq) => ({ seq, ...r })) });
      await bull.close();
      await waitFor(async () => (await queueProgress({ connection, queue })).results === 255, 30_000, 'the extra jobs');
      await sleep(500);
      expect((await queueProgress({ connection, queue })).results).toBe(255);
      expect(worker.processed()).toBe(253 + 1 + 1 + 40);
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('validates its arguments with typed errors', async () => {
    await expect(createTopicsWorker({ connection: 'http://x', queue: 'q' })).rejects.toThrow(InvalidInputError);
    await expect(createTopicsWorker({ connection: redis.url, queue: 'no spaces' })).rejects.toThrow(/options\.queue/);
    await expect(createTopicsWorker({ connection: redis.url, queue: 'q', threads: 0 })).rejects.toThrow(/options\.threads/);
    await expect(enqueueRecords(42 as never, { connection: redis.url, queue: 'q' })).rejects.toThrow(/records must be/);
    await expect(enqueueRecords([{ text: 'no id' } as never], { connection: redis.url, queue: 'q' })).rejects.toThrow(/records\[0\]\.id/);
  });

  it('takes 20,000 records through two worker processes, one stopped by SIGTERM half-way: exactly one result per id, equal to classify', async () => {
    const { path, expected } = recordsFile('twenty-thousand', 20_000, 11);
    // One worker classifies on two threads (the article pool), the other on its main thread.
    const workers = [startWorker(redis.url, 'big', ['--threads', '2']), startWorker(redis.url, 'big')];
    const exitCode = async (child: ChildProcess) => (child.exitCode ?? (await once(child, 'exit'))[0]) as number;
    try {
      const enqueued = cli(['enqueue', '--redis', redis.url, '--queue', 'big', path]);
      expect(enqueued.stderr).toContain('20000 records in 200 jobs');
      expect(enqueued.code).toBe(0);
      // SIGTERM half-way: the first worker finishes its jobs in flight and exits 0; the second does the rest.
      await waitFor(async () => (await queueProgress({ connection: redis.url, queue: 'big' })).results >= 10_000, 120_000, 'half the results');
      workers[0]!.child.kill('SIGTERM');
      expect(await exitCode(workers[0]!.child)).toBe(0);
      const results = cli(['results', '--redis', redis.url, '--queue', 'big', '--wait']);
      expect(results.code, results.stderr).toBe(0);
      expectResults(results.stdout, expected);
      workers[1]!.child.kill('SIGTERM');
      expect(await exitCode(workers[1]!.child)).toBe(0);
      // Nothing was abandoned by the graceful stop (no job stalled) and nothing was done twice: the two workers'
      // counts add up to the records exactly.
      const counts = workers.map((w) => Number(/(\d+) records classified/.exec(w.stderr())?.[1] ?? 0));
      for (const c of counts) expect(c).toBeGreaterThan(0);
      expect(counts[0]! + counts[1]!).toBe(20_000);
      for (const w of workers) expect(w.stderr()).not.toContain('stalled');
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
    }
  }, 240_000);

  it('loses nothing when a worker is killed with SIGKILL half-way: its jobs go to the other worker', async () => {
    const { path, expected } = recordsFile('killed', 6_000, 12);
    const fast = ['--lock-duration', '2000', '--stalled-interval', '1000'];
    const victim = startWorker(redis.url, 'killed', fast);
    const survivor = startWorker(redis.url, 'killed', fast);
    try {
      expect(cli(['enqueue', '--redis', redis.url, '--queue', 'killed', '--batch-size', '50', path]).code).toBe(0);
      await waitFor(async () => (await queueProgress({ connection: redis.url, queue: 'killed' })).results >= 2_000, 120_000, 'a third of the results');
      victim.child.kill('SIGKILL');
      await once(victim.child, 'exit');
      const results = cli(['results', '--redis', redis.url, '--queue', 'killed', '--wait']);
      expect(results.code, results.stderr).toBe(0);
      expectResults(results.stdout, expected);
      expect((await queueProgress({ connection: redis.url, queue: 'killed' })).results).toBe(6_000);
      // The killed worker had jobs in flight (two at a time): the survivor finds them stalled and takes them again.
      // A job whose results the victim had written but not yet acknowledged leaves every result in place, so the
      // results can be complete before the survivor's stall check (lock 2 s, check every 1 s) comes round: wait.
      await waitFor(async () => /job records-\d+ had stalled/.test(survivor.stderr()), 30_000, 'the survivor to find the stalled jobs');
    } finally {
      victim.child.kill('SIGKILL');
      survivor.child.kill('SIGKILL');
    }
  }, 240_000);

  it('completes when Redis restarts mid-run (append-only persistence), after reconnecting', async () => {
    const { path, expected } = recordsFile('restart', 6_000, 13);
    const worker = startWorker(redis.url, 'restart', ['--lock-duration', '2000', '--stalled-interval', '1000']);
    try {
      expect(cli(['enqueue', '--redis', redis.url, '--queue', 'restart', '--batch-size', '50', path]).code).toBe(0);
      await waitFor(async () => (await queueProgress({ connection: redis.url, queue: 'restart' })).results >= 1_500, 120_000, 'a quarter of the results');
      await redis.restart(1_000);
      const results = cli(['results', '--redis', redis.url, '--queue', 'restart', '--wait']);
      expect(results.code, results.stderr).toBe(0);
      expectResults(results.stdout, expected);
      expect(worker.child.exitCode).toBe(null);
    } finally {
      worker.child.kill('SIGKILL');
    }
  }, 240_000);

  it('reports records without results yet, a worker without --queue as a usage error, and an unreachable Redis', async () => {
    expect(cli(['enqueue', '--redis', redis.url, '--queue', 'waiting', '--jsonl', '-']).code).toBe(0);
    const path = join(dir, 'two.jsonl');
    writeFileSync(path, '{"id":"x","text":"The striker scored."}\n{not json\n');
    const enqueued = cli(['enqueue', '--redis', redis.url, '--queue', 'waiting', path]);
    expect(enqueued.code).toBe(1);
    expect(enqueued.stderr).toContain('1 unreadable');
    const results = cli(['results', '--redis', redis.url, '--queue', 'waiting']);
    expect(results.code).toBe(1);
    expect(results.stdout).toBe('');
    expect(results.stderr).toContain('2 records have no result yet');
    expect(cli(['worker', '--redis', redis.url]).code).toBe(2);
    // One-shot commands do not wait for a Redis that is not there: a clear error, exit 3.
    for (const command of ['enqueue', 'results']) {
      const unreachable = cli([command, '--redis', 'redis://127.0.0.1:1', '--queue', 'waiting', ...(command === 'enqueue' ? [path] : [])]);
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toContain('cannot reach Redis at 127.0.0.1:1');
    }
  }, 60_000);
});
