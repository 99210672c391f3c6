/**
 * What the queue integration shares: the Redis connection (a `redis://` URL or ioredis options), the optional peer
 * packages (bullmq and ioredis, loaded on first use with a clear message when missing), and the keys news-topics
 * keeps beside BullMQ's own for a queue: results by record id, the input order, and the next sequence number.
 */
import { InvalidInputError, NewsTopicsError } from '../common/errors.js';

/** A Redis server: `redis://[user:password@]host:port[/db]` (`rediss://` for TLS), or ioredis connection options. */
export type RedisConnection = string | { readonly host?: string; readonly port?: number; readonly [option: string]: unknown };

/** ioredis options for a connection (checked). */
export function connectionOptions(connection: unknown, field = 'options.connection'): Record<string, unknown> {
  if (typeof connection === 'string') {
    let url: URL;
    try {
      url = new URL(connection);
    } catch {
      throw new InvalidInputError(field, 'a redis:// URL or ioredis options', connection);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new InvalidInputError(field, 'a redis:// or rediss:// URL', connection);
    const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
    if (!Number.isInteger(db) || db < 0) throw new InvalidInputError(field, 'a redis:// URL whose path is a database number', connection);
    return {
      host: url.hostname || '127.0.0.1',
      port: url.port ? Number(url.port) : 6379,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db ? { db } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  }
  if (typeof connection !== 'object' || connection === null || Array.isArray(connection)) throw new InvalidInputError(field, 'a redis:// URL or ioredis options', connection);
  return { ...(connection as Record<string, unknown>) };
}

/** A queue name BullMQ and Redis keys accept. */
export function queueName(name: unknown, field = 'options.queue'): string {
  if (typeof name !== 'string' || !/^[\w.-]{1,200}$/.test(name)) throw new InvalidInputError(field, 'a queue name of letters, digits, "_", "-" and "." (1-200 characters)', name);
  return name;
}

/** The keys of a queue's results; `{name}` keeps them in one slot of a Redis cluster. */
export function resultKeys(queue: string) {
  const base = `news-topics:{${queue}}`;
  return {
    /** Hash: record id → its result record (JSON). Written by workers; a retried job overwrites. */
    results: `${base}:results`,
    /** Hash: sequence number → record id, written by `enqueueRecords`: the input order. */
    order: `${base}:order`,
    /** Counter: sequence numbers handed out so far (records enqueued). */
    next: `${base}:next`,
  };
}

const MISSING = 'news-topics/queue needs the packages bullmq and ioredis (optional peer dependencies): npm install bullmq ioredis';

type BullMQ = typeof import('bullmq');
type IORedisClass = typeof import('ioredis').Redis;

/** bullmq, or a NewsTopicsError saying how to install it. */
export async function loadBullMQ(): Promise<BullMQ> {
  try {
    return await import('bullmq');
  } catch (error) {
    throw new NewsTopicsError(`${MISSING} (${(error as Error).message})`);
  }
}

/** ioredis's client class, or a NewsTopicsError saying how to install it. */
async function ioredis(): Promise<IORedisClass> {
  try {
    return (await import('ioredis')).Redis;
  } catch (error) {
    throw new NewsTopicsError(`${MISSING} (${(error as Error).message})`);
  }
}

/**
 * A new ioredis client on a connection. Commands wait for a reconnection rather than fail (a Redis restart is
 * survived), as BullMQ's own connections do; connection errors are retried by the client, so they are not thrown
 * as unhandled `error` events.
 */
export async function redisClient(options: Record<string, unknown>): Promise<InstanceType<IORedisClass>> {
  const Redis = await ioredis();
  const client = new Redis({ ...options, maxRetriesPerRequest: null });
  client.on('error', () => {});
  return client;
}

/** Closes a client politely (QUIT), or at once when Redis does not answer. */
export async function closeRedis(client: InstanceType<IORedisClass>): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}

/**
 * Checks that Redis answers, for one-shot calls (enqueue, results): a NewsTopicsError naming the server when it does
 * not within a few seconds, rather than waiting forever as a worker's connection does (a worker is a service: it
 * waits for Redis, and reconnects).
 */
export async function reachRedis(options: Record<string, unknown>): Promise<void> {
  const Redis = await ioredis();
  let lastError = '';
  const probe = new Redis({ ...options, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: (times: number) => (times > 20 ? null : 250) });
  probe.on('error', (error: Error) => (lastError = error.message));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new NewsTopicsError(`news-topics: cannot reach Redis at ${String(options.host ?? '127.0.0.1')}:${String(options.port ?? 6379)} (${lastError || (error as Error).message})`);
  } finally {
    probe.disconnect();
  }
}
