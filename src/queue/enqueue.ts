/**
 * Feeds records into a queue as batch jobs, with backpressure: a batch waits while the queue already holds
 * `maxWaiting` jobs not yet taken, so a source of any size streams through in bounded memory. Each record gets a
 * sequence number (the input order, kept in Redis for `readResults`); a batch's job id is `records-` and its first number, so a
 * batch added twice is one job. A record that could not be read arrives as `{ id, error }` and is stored by the
 * worker as an error result, so every input record gets exactly one result. Ids name results: two records with one
 * id share one result (the last written); `readResults` lists it once, at the first of them.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { closeRedis, connectionOptions, loadBullMQ, queueName, reachRedis, type RedisConnection, redisClient, resultKeys } from './redis.js';

/** A record to classify, or one that could not be read (`error`: why). `line`: where it was in its file. */
export type QueueRecord =
  | { readonly id: string; readonly title?: string | null; readonly text: string; readonly line?: number }
  | { readonly id: string; readonly error: string; readonly line?: number };

export interface EnqueueOptions {
  readonly connection: RedisConnection;
  readonly queue: string;
  /** Records per job. Default `100`. */
  readonly batchSize?: number;
  /** Jobs waiting in the queue before adding more waits. Default `200`. */
  readonly maxWaiting?: number;
  /** Attempts of a job whose worker failed it (a Redis error, never a bad record). Default `5`. */
  readonly attempts?: number;
  /** Called after each batch with the records enqueued so far. */
  readonly onProgress?: (enqueued: number) => void;
}

export interface EnqueueSummary {
  readonly records: number;
  readonly jobs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Enqueues records (an array, iterable or async iterable of `{ id, title?, text }`) for `createTopicsWorker`.
 * @example
 * await enqueueRecords(records, { connection: 'redis://127.0.0.1:6379', queue: 'articles' });
 */
export async function enqueueRecords(records: Iterable<QueueRecord> | AsyncIterable<QueueRecord>, options: EnqueueOptions): Promise<EnqueueSummary> {
  if (records === null || typeof records !== 'object' || (!(Symbol.iterator in records) && !(Symbol.asyncIterator in records))) {
    throw new InvalidInputError('records', 'an array, iterable or async iterable of { id, title?, text }', records);
  }
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['connection', 'queue', 'batchSize', 'maxWaiting', 'attempts', 'onProgress'], 'options');
  const connection = connectionOptions(bag.connection);
  const queue = queueName(bag.queue);
  const batchSize = optionalNumber(bag, 'batchSize', 'options', { min: 1, max: 100_000, integer: true }) ?? 100;
  const maxWaiting = optionalNumber(bag, 'maxWaiting', 'options', { min: 1, max: 1e9, integer: true }) ?? 200;
  const attempts = optionalNumber(bag, 'attempts', 'options', { min: 1, max: 1000, integer: true }) ?? 5;
  const onProgress = bag.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InvalidInputError('options.onProgress', 'a function', onProgress);

  await reachRedis(connection);
  const { Queue } = await loadBullMQ();
  const bull = new Queue(queue, { connection });
  bull.on('error', () => {});
  const redis = await redisClient(connection);
  const keys = resultKeys(queue);
  let count = 0;
  let jobs = 0;
  let batch: ({ id: string } & Record<string, unknown>)[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    while ((await bull.getWaitingCount()) >= maxWaiting) await sleep(50);
    const end = await redis.incrby(keys.next, batch.length);
    const first = end - batch.length;
    const numbered = batch.map((record, i) => ({ seq: first + i, ...record }));
    await redis.hset(keys.order, Object.fromEntries(numbered.map((r) => [String(r.seq), r.id])));
    await bull.add('records', { records: numbered }, { jobId: `records-${first}`, attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: false });
    jobs++;
    count += batch.length;
    batch = [];
    (onProgress as EnqueueOptions['onProgress'])?.(count);
  };

  try {
    let index = 0;
    for await (const record of records as AsyncIterable<unknown>) {
      const at = `records[${index++}]`;
      if (record === null || typeof record !== 'object') throw new InvalidInputError(at, 'an object { id, title?, text }', record);
      const r = record as Record<string, unknown>;
      if (typeof r.id !== 'string' || r.id.length === 0) throw new InvalidInputError(`${at}.id`, 'a non-empty string', r.id);
      const line = typeof r.line === 'number' ? { line: r.line } : {};
      // A text that is not a string is stored as given: the worker turns it into an error result with its id.
      batch.push(typeof r.error === 'string' ? { id: r.id, ...line, error: r.error } : { id: r.id, ...line, ...(r.title !== undefined && r.title !== null ? { title: r.title } : {}), text: r.text ?? null });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    await bull.close();
    await closeRedis(redis);
  }
  return { records: count, jobs };
}
