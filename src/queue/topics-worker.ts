/**
 * A BullMQ worker that classifies news records: jobs `{ id, title?, text }` or batches `{ records: [...] }` (what
 * `enqueueRecords` adds) in, one result record per input record out, stored in Redis under the record's id (a hash
 * field: a retried or recovered job overwrites the same result, never adds a second). Delivery is BullMQ's:
 * at least once (a job whose worker dies is taken again by another once its lock runs out), so results are
 * idempotent rather than exactly-once. A bad record gets an error result; a worker never stops on a record.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { ArticlePool } from '../io/article-pool.js';
import { defaultModel } from '../io/default-model.js';
import { TopicClassifier } from '../model/classifier.js';
import { articleJobFor, JOB_KEYS, type JobOptions } from '../news/article-job.js';
import { resultRecord } from '../news/result-record.js';
import type { ArticleInput } from '../text/input.js';
import { closeRedis, connectionOptions, loadBullMQ, queueName, type RedisConnection, redisClient, resultKeys } from './redis.js';

export interface TopicsWorkerOptions extends JobOptions {
  readonly connection: RedisConnection;
  readonly queue: string;
  /** Default: the default news model. */
  readonly model?: TopicClassifier;
  /** Worker threads classifying (default 1: this thread). */
  readonly threads?: number;
  /** Jobs taken at once (default: 2 per thread). */
  readonly concurrency?: number;
  /** Milliseconds a job stays locked to this worker without renewal (BullMQ's `lockDuration`, default 30,000). */
  readonly lockDuration?: number;
  /** Milliseconds between checks for jobs whose worker died (BullMQ's `stalledInterval`, default 30,000). */
  readonly stalledInterval?: number;
  /** Called with a job that failed (a Redis error, not a bad record) and its error; BullMQ retries it. */
  readonly onFailed?: (jobId: string | undefined, error: Error) => void;
  /** Called with a job this worker found stalled (its worker died or lost its lock) and put back to be taken again. */
  readonly onStalled?: (jobId: string) => void;
}

export interface TopicsWorker {
  /** The BullMQ worker (events, pause, …). */
  readonly worker: import('bullmq').Worker;
  /** Records classified and stored so far by this worker. */
  readonly processed: () => number;
  /**
   * Stops taking jobs, lets the jobs in flight finish and store their results, then closes the threads and the
   * Redis connections. `force`: stop at once; the jobs in flight are taken again by another worker after their lock.
   */
  close(force?: boolean): Promise<void>;
}

/** One record of a job, read defensively: jobs come from any producer. */
interface JobRecord {
  readonly id: string;
  readonly line?: number;
  readonly input?: ArticleInput;
  readonly error?: string;
}

function jobRecords(data: unknown, jobId: string): JobRecord[] {
  const items: unknown[] = data !== null && typeof data === 'object' && Array.isArray((data as { records?: unknown }).records) ? (data as { records: unknown[] }).records : [data];
  return items.map((item, i): JobRecord => {
    const fallbackId = items.length === 1 ? `job:${jobId}` : `job:${jobId}#${i}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { id: fallbackId, error: 'the record is not an object { id, title?, text }' };
    const record = item as Record<string, unknown>;
    const id = typeof record.id === 'string' && record.id.length > 0 ? record.id : typeof record.id === 'number' ? String(record.id) : undefined;
    const line = typeof record.line === 'number' && Number.isInteger(record.line) ? record.line : undefined;
    const where = { id: id ?? fallbackId, ...(line !== undefined ? { line } : {}) };
    if (id === undefined) return { ...where, error: 'the record has no id (a non-empty string)' };
    if (typeof record.error === 'string') return { ...where, error: record.error };
    return { ...where, input: { title: record.title as string | null | undefined, text: record.text } as unknown as ArticleInput };
  });
}

/**
 * Starts a worker on a queue (see the module comment).
 * @example
 * const { close } = await createTopicsWorker({ connection: 'redis://127.0.0.1:6379', queue: 'articles', threads: 2 });
 * process.once('SIGTERM', () => close());
 */
export async function createTopicsWorker(options: TopicsWorkerOptions): Promise<TopicsWorker> {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['connection', 'queue', 'model', 'threads', 'concurrency', 'lockDuration', 'stalledInterval', 'onFailed', 'onStalled', ...JOB_KEYS], 'options');
  const connection = connectionOptions(bag.connection);
  const queue = queueName(bag.queue);
  if (bag.model !== undefined && !(bag.model instanceof TopicClassifier)) throw new InvalidInputError('options.model', 'a TopicClassifier', bag.model);
  const threads = optionalNumber(bag, 'threads', 'options', { min: 1, max: 256, integer: true }) ?? 1;
  const concurrency = optionalNumber(bag, 'concurrency', 'options', { min: 1, max: 1000, integer: true }) ?? 2 * threads;
  const lockDuration = optionalNumber(bag, 'lockDuration', 'options', { min: 100, max: 3_600_000, integer: true }) ?? 30_000;
  const stalledInterval = optionalNumber(bag, 'stalledInterval', 'options', { min: 100, max: 3_600_000, integer: true }) ?? 30_000;
  const { onFailed, onStalled } = bag;
  if (onFailed !== undefined && typeof onFailed !== 'function') throw new InvalidInputError('options.onFailed', 'a function', onFailed);
  if (onStalled !== undefined && typeof onStalled !== 'function') throw new InvalidInputError('options.onStalled', 'a function', onStalled);
  const model = (bag.model as TopicClassifier | undefined) ?? defaultModel();
  const jobOptions: JobOptions = Object.fromEntries(Object.entries(bag).filter(([key]) => (JOB_KEYS as readonly string[]).includes(key)));
  const pool = new ArticlePool(model, articleJobFor(model, jobOptions), threads);

  const { Worker } = await loadBullMQ();
  const redis = await redisClient(connection);
  const keys = resultKeys(queue);
  let processed = 0;
  const worker = new Worker(
    queue,
    async (job) => {
      const records = jobRecords(job.data, String(job.id));
      const good = records.filter((r) => r.input !== undefined);
      const results = await pool.classify(good.map((r) => r.input as ArticleInput));
      // A worker thread that stopped (out of memory, killed) fails the job, which the queue retries, rather than
      // storing error results for articles that are not at fault.
      const stopped = results.find((r) => r.error?.name === 'WorkerStoppedError');
      if (stopped !== undefined) throw new Error(`news-topics: job ${job.id} not classified: ${stopped.error?.message}`);
      const write = redis.multi();
      let next = 0;
      for (const r of records) write.hset(keys.results, r.id, JSON.stringify(resultRecord(r.id, r.line, r.input !== undefined ? results[next++]! : { error: r.error as string })));
      const replies = await write.exec();
      const failed = replies?.find(([error]) => error !== null);
      if (replies === null || failed !== undefined) throw new Error(`news-topics: results of job ${job.id} not stored: ${failed?.[0]?.message ?? 'transaction aborted'}`);
      processed += records.length;
      return { records: records.length };
    },
    { connection, concurrency, lockDuration, stalledInterval, autorun: true },
  );
  worker.on('failed', (job, error) => (onFailed as TopicsWorkerOptions['onFailed'])?.(job?.id, error));
  worker.on('stalled', (jobId) => (onStalled as TopicsWorkerOptions['onStalled'])?.(jobId));
  // A lost connection is retried by the clients; an error event must still have a listener, or it would throw.
  worker.on('error', () => {});
  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  return {
    worker,
    processed: () => processed,
    close(force = false) {
      closing ??= (async () => {
        await worker.close(force);
        await pool.close();
        if (force) redis.disconnect();
        else await closeRedis(redis);
      })();
      return closing;
    },
  };
}
