/**
 * The results of a queue's records, read back in input order (the sequence numbers `enqueueRecords` gave them),
 * each record id once. A record whose result is not stored yet is `missing`; with `wait`, reading waits for it.
 */
import { optionalBoolean, optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import type { ResultRecord } from '../news/result-record.js';
import { closeRedis, connectionOptions, queueName, reachRedis, type RedisConnection, redisClient, resultKeys } from './redis.js';

export interface ReadResultsOptions {
  readonly connection: RedisConnection;
  readonly queue: string;
  /** Wait for results not stored yet (polling every `pollMs`) instead of reporting them missing. Default `false`. */
  readonly wait?: boolean;
  /** Default `200`. */
  readonly pollMs?: number;
}

/** One input record: its id and its result record, or `missing` when no worker has stored it yet. */
export type QueuedResult = { readonly seq: number; readonly id: string; readonly record: ResultRecord } | { readonly seq: number; readonly id: string; readonly missing: true };

const CHUNK = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The queue's results in input order.
 * @example
 * for await (const r of readResults({ connection: 'redis://127.0.0.1:6379', queue: 'articles' })) console.log(r);
 */
export async function* readResults(options: ReadResultsOptions): AsyncGenerator<QueuedResult> {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['connection', 'queue', 'wait', 'pollMs'], 'options');
  const connection = connectionOptions(bag.connection);
  const keys = resultKeys(queueName(bag.queue));
  const wait = optionalBoolean(bag, 'wait', 'options') ?? false;
  const pollMs = optionalNumber(bag, 'pollMs', 'options', { min: 1, max: 60_000 }) ?? 200;
  await reachRedis(connection);
  const redis = await redisClient(connection);
  try {
    const total = Number((await redis.get(keys.next)) ?? 0);
    const listed = new Set<string>();
    for (let from = 0; from < total; from += CHUNK) {
      const seqs = Array.from({ length: Math.min(CHUNK, total - from) }, (_, i) => String(from + i));
      const ids = await redis.hmget(keys.order, ...seqs);
      // Each id once, at its first record (a sequence number with no id was reserved by an enqueue that stopped).
      const wanted = seqs.map((seq, i) => ({ seq: Number(seq), id: ids[i] })).filter((e): e is { seq: number; id: string } => typeof e.id === 'string' && !listed.has(e.id) && (listed.add(e.id), true));
      if (wanted.length === 0) continue;
      let values = await redis.hmget(keys.results, ...wanted.map((e) => e.id));
      while (wait && values.some((v) => v === null)) {
        await sleep(pollMs);
        values = await redis.hmget(keys.results, ...wanted.map((e) => e.id));
      }
      for (const [i, e] of wanted.entries()) {
        const value = values[i];
        yield typeof value === 'string' ? { seq: e.seq, id: e.id, record: JSON.parse(value) as ResultRecord } : { seq: e.seq, id: e.id, missing: true };
      }
    }
  } finally {
    await closeRedis(redis);
  }
}

/** How far a queue's records are: enqueued (sequence numbers handed out) and results stored. */
export async function queueProgress(options: { readonly connection: RedisConnection; readonly queue: string }): Promise<{ readonly enqueued: number; readonly results: number }> {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['connection', 'queue'], 'options');
  const keys = resultKeys(queueName(bag.queue));
  const redis = await redisClient(connectionOptions(bag.connection));
  try {
    const [next, results] = await Promise.all([redis.get(keys.next), redis.hlen(keys.results)]);
    return { enqueued: Number(next ?? 0), results };
  } finally {
    await closeRedis(redis);
  }
}
