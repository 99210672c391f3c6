/** `news-topics results --redis URL --queue NAME`: the queue's results as JSON Lines, in input order. */
import { type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { LineWriter } from './output.js';
import { QUEUE_OPTIONS, queueTarget } from './queue-options.js';
import { EXIT } from './usage.js';

export async function resultsCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...QUEUE_OPTIONS, wait: { type: 'boolean' }, 'poll-ms': { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`results takes no file, received ${positionals.join(' ')}`);
  const { connection, queue } = queueTarget(values);
  const pollMs = numberOption(values['poll-ms'], 'poll-ms', 1, 60_000);
  const { readResults } = await import('../queue/results.js');
  const out = new LineWriter(ctx.stdout);
  let written = 0;
  let errors = 0;
  let missing = 0;
  for await (const r of readResults({ connection, queue, wait: values.wait === true, ...(pollMs !== undefined ? { pollMs } : {}) })) {
    if ('missing' in r) {
      missing++;
      continue;
    }
    if ('error' in r.record) errors++;
    written++;
    await out.write(`${JSON.stringify(r.record)}\n`);
  }
  ctx.stderr.write(`news-topics results: ${written} results (${errors} errors)${missing > 0 ? `; ${missing} records have no result yet (run with --wait to wait for them)` : ''}\n`);
  return errors > 0 || missing > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
