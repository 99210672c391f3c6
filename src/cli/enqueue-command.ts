/** `news-topics enqueue --redis URL --queue NAME FILE...`: feeds records into a queue for `news-topics worker`. */
import type { QueueRecord } from '../queue/enqueue.js';
import { type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { INPUT_OPTIONS, inputSource } from './data-options.js';
import { QUEUE_OPTIONS, queueTarget } from './queue-options.js';
import { formatOf, readRecords } from './records.js';
import { EXIT } from './usage.js';

export async function enqueueCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...QUEUE_OPTIONS, ...INPUT_OPTIONS, text: { type: 'boolean' }, 'batch-size': { type: 'string' }, 'max-waiting': { type: 'string' } });
  const { connection, queue } = queueTarget(values);
  const source = inputSource(values);
  if (values.text && source.format !== undefined) throw new UsageError('choose one of --text, --jsonl and --csv');
  const given = values.text ? 'text' : source.format;
  const batchSize = numberOption(values['batch-size'], 'batch-size', 1, 100_000, true);
  const maxWaiting = numberOption(values['max-waiting'], 'max-waiting', 1, 1e9, true);
  const inputs = positionals.length > 0 ? positionals : ['-'];
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  let bad = 0;
  // Every record of every input, in order; one that cannot be read is enqueued as an error record (one result each).
  async function* records(): AsyncGenerator<QueueRecord> {
    for (const input of inputs) {
      try {
        for await (const record of readRecords(input, formatOf(input, given, 'text'), source.fields, ctx.stdin)) {
          if (!record.ok) bad++;
          yield record.ok ? { id: record.id, line: record.line, title: record.title, text: record.text } : { id: record.id, line: record.line, error: record.error };
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        bad++;
        yield { id: input, line: 0, error: `cannot read ${input}: ${(error as Error).message}` };
      }
    }
  }
  const { enqueueRecords } = await import('../queue/enqueue.js');
  const summary = await enqueueRecords(records(), { connection, queue, ...(batchSize !== undefined ? { batchSize } : {}), ...(maxWaiting !== undefined ? { maxWaiting } : {}) });
  ctx.stderr.write(`news-topics enqueue: ${summary.records} records in ${summary.jobs} jobs on queue "${queue}"${bad > 0 ? ` (${bad} unreadable: they get error results)` : ''}\n`);
  return bad > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
