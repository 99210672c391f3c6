/**
 * The output records of a batch of input records, serialized: what `news-topics classify` writes, one JSON text per
 * input record, in order (`{ id, line?, ...result }`, or `{ id, line, error }`), worked out where the batch is
 * classified: on a worker thread (io/article-worker.ts) or on the calling thread. JSON lines arrive unparsed and are
 * parsed here, so that reading a file costs the thread that reads it no more than finding its lines.
 */
import type { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { type ArticleJob, safely } from '../news/article-job.js';
import { resultRecord } from '../news/result-record.js';
import { type FieldNames, type InputFormat, type InputRecord, type JsonLine, parsedRecord } from './input-records.js';

/** An input record (or a JSON line not parsed yet), with the format of the input it comes from. */
export interface RecordItem {
  readonly record: InputRecord | JsonLine;
  readonly format: InputFormat;
}

export interface RecordResults {
  /** One JSON text per item, in order. */
  readonly records: string[];
  /** How many of them are error records. */
  readonly failed: number;
}

export function recordResults(model: TopicClassifier, job: ArticleJob, items: readonly RecordItem[], fields: FieldNames): RecordResults {
  const records: string[] = new Array(items.length);
  let failed = 0;
  for (let i = 0; i < items.length; i++) {
    const { record: item, format } = items[i] as RecordItem;
    const record = parsedRecord(item, fields, false);
    const result: Result | undefined = record.ok ? safely(model, { title: record.title, body: record.text }, job) : undefined;
    const error = record.ok ? result?.error?.message : record.error;
    if (error !== undefined) failed++;
    // Records of a JSONL or CSV file say which line they come from, as error records do.
    const outcome = error !== undefined ? resultRecord(record.id, record.line, { error }) : resultRecord(record.id, format === 'text' ? undefined : record.line, result as Result);
    records[i] = JSON.stringify(outcome);
  }
  return { records, failed };
}

/** The error records of a batch that could not be classified (its worker thread stopped): one per item, in order. */
export function failedRecords(items: readonly RecordItem[], fields: FieldNames, error: string): RecordResults {
  const records = items.map(({ record: item }) => {
    const record = parsedRecord(item, fields, false);
    return JSON.stringify(resultRecord(record.id, record.line, { error: record.ok ? error : record.error }));
  });
  return { records, failed: items.length };
}
