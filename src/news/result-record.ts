/**
 * The output record of one input record: what `news-topics classify` writes as a JSON line and what the queue
 * stores for a record id. `{ id, line?, ...result }`, or `{ id, line?, error }` (the message) for a record that could
 * not be read or classified. `line` is the record's line in its JSONL or CSV file, when it came from one.
 */
import type { Result } from '../model/result.js';

export type ResultRecord = { readonly id: string; readonly line?: number } & (Result | { readonly error: string });

export function resultRecord(id: string, line: number | undefined, outcome: Result | { readonly error: string }): ResultRecord {
  const where = line === undefined ? { id } : { id, line };
  if ('topics' in outcome && outcome.error === undefined) return { ...where, ...outcome };
  return { ...where, error: typeof outcome.error === 'string' ? outcome.error : (outcome.error?.message ?? 'unknown error') };
}
