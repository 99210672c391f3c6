/** A worker thread of io/article-pool.ts: rebuilds the model from shared memory once, then classifies batches. */
import Tinypool from 'tinypool';
import { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { fromSharedParts, type SharedParts } from '../model/shared-parts.js';
import { type ArticleJob, safely } from '../news/article-job.js';
import type { ArticleInput } from '../text/input.js';
import type { FieldNames } from './input-records.js';
import { type RecordItem, type RecordResults, recordResults } from './record-results.js';

const { parts, job } = Tinypool.workerData as { parts: SharedParts; job: ArticleJob };
const model = new TopicClassifier(fromSharedParts(parts));

/** `classifyMany`'s and `predictMany`'s batches: results. */
export default function classifyBatch(task: { inputs: readonly ArticleInput[] }): Result[] {
  return task.inputs.map((input) => safely(model, input, job));
}

/** The CLI's batches: input records (JSON lines unparsed) in, output records out, serialized. */
export function classifyRecords(task: { items: readonly RecordItem[]; fields: FieldNames }): RecordResults {
  return recordResults(model, job, task.items, task.fields);
}
