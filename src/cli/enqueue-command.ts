/** `news-topics enqueue --redis URL --queue NAME FILE...`: feeds records into a queue for `news-topics worker`. */
import type { QueueRecord } from '../queue/enqueue.js';
import { type CliContext, numberOption, parseCommandArgs } from './context.js';
import { ARTICLE_INPUT_OPTIONS, articleInputs, readArticleInputs } from './data-options.js';
import { QUEUE_OPTIONS, queueTarget } from './queue-options.js';
import { EXIT } from './usage.js';

export async function enqueueCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...QUEUE_OPTIONS, ...ARTICLE_INPUT_OPTIONS, 'batch-size': { type: 'string' }, 'max-waiting': { type: 'string' } });
  const { connection, queue } = queueTarget(values);
  const plan = articleInputs(values, positionals);
  const batchSize = numberOption(values['batch-size'], 'batch-size', 1, 100_000, true);
  const maxWaiting = numberOption(values['max-waiting'], 'max-waiting', 1, 1e9, true);
  let bad = 0;
  // Every record of every input, in order; one that cannot be read is enqueued as an error record (one result each).
  async function* records(): AsyncGenerator<QueueRecord> {
    for await (const { record } of readArticleInputs(plan, ctx.stdin)) {
      if (!record.ok) bad++;
      yield record.ok ? { id: record.id, line: record.line, title: record.title, text: record.text } : { id: record.id, line: record.line, error: record.error };
    }
  }
  const { enqueueRecords } = await import('../queue/enqueue.js');
  const summary = await enqueueRecords(records(), { connection, queue, ...(batchSize !== undefined ? { batchSize } : {}), ...(maxWaiting !== undefined ? { maxWaiting } : {}) });
  ctx.stderr.write(`news-topics enqueue: ${summary.records} records in ${summary.jobs} jobs on queue "${queue}"${bad > 0 ? ` (${bad} unreadable: they get error results)` : ''}\n`);
  return bad > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
