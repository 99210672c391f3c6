/** The options every queue command takes: where Redis is and which queue; and stopping gracefully on a signal. */
import { UsageError } from './context.js';

export const QUEUE_OPTIONS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
} as const;

export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

export function queueTarget(values: { redis?: string; queue?: string }): { connection: string; queue: string } {
  if (values.queue === undefined) throw new UsageError('--queue NAME is required');
  return { connection: values.redis ?? DEFAULT_REDIS, queue: values.queue };
}

/**
 * Commands that stop gracefully on SIGINT/SIGTERM/SIGHUP register here; the executable (cli/bin.ts) then calls them
 * instead of dying of the signal, and a second signal ends the process at once.
 */
export const gracefulStops = new Set<(signal: string) => void>();
