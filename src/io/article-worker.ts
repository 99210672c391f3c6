/** A worker thread of io/article-pool.ts: rebuilds the model from shared memory once, then classifies batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { TopicClassifier } from '../model/classifier.js';
import { fromSharedParts, type SharedParts } from '../model/shared-parts.js';
import { type ArticleJob, safely } from '../news/article-job.js';
import type { ArticleInput } from '../text/input.js';
import type { FieldNames } from './input-records.js';
import { type RecordItem, recordResults } from './record-results.js';

/** A batch: `classifyMany`'s and `predictMany`'s articles (results back), or the CLI's input records (output records back, serialized). */
export type ArticleTask = { readonly kind: 'articles'; readonly inputs: readonly ArticleInput[] } | { readonly kind: 'records'; readonly items: readonly RecordItem[]; readonly fields: FieldNames };

export type WorkerReply = { readonly id: number; readonly result: unknown; readonly error?: undefined } | { readonly id: number; readonly error: string };

const { parts, job } = workerData as { parts: SharedParts; job: ArticleJob };
const model = new TopicClassifier(fromSharedParts(parts));

parentPort?.on('message', ({ id, task }: { id: number; task: ArticleTask }) => {
  let reply: WorkerReply;
  try {
    const result = task.kind === 'articles' ? task.inputs.map((input) => safely(model, input, job)) : recordResults(model, job, task.items, task.fields);
    reply = { id, result };
  } catch (error) {
    // `safely` turns a bad article into an error result; this is for what is left (a batch that cannot be read).
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
