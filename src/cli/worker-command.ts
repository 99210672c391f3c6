/** `news-topics worker --redis URL --queue NAME`: classifies the queue's records until stopped (SIGTERM: gracefully). */
import { defaultModel } from '../io/default-model.js';
import { loadModel } from '../io/model-files.js';
import { type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { JOB_OPTIONS, jobOptionsFrom } from './job-options.js';
import { gracefulStops, QUEUE_OPTIONS, queueTarget } from './queue-options.js';
import { EXIT } from './usage.js';

export async function workerCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...QUEUE_OPTIONS,
    ...JOB_OPTIONS,
    threads: { type: 'string' },
    concurrency: { type: 'string' },
    'lock-duration': { type: 'string' },
    'stalled-interval': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`worker takes no file, received ${positionals.join(' ')}`);
  const { connection, queue } = queueTarget(values);
  const threads = numberOption(values.threads, 'threads', 1, 256, true);
  const concurrency = numberOption(values.concurrency, 'concurrency', 1, 1000, true);
  const lockDuration = numberOption(values['lock-duration'], 'lock-duration', 100, 3_600_000, true);
  const stalledInterval = numberOption(values['stalled-interval'], 'stalled-interval', 100, 3_600_000, true);
  const model = values.model !== undefined ? await loadModel(values.model) : defaultModel();
  const jobOptions = jobOptionsFrom(values, model);
  const { createTopicsWorker } = await import('../queue/topics-worker.js');

  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  gracefulStops.add(stop);
  try {
    ctx.stderr.write(`news-topics worker: connecting to ${connection} (a worker waits for Redis when it is not up yet)\n`);
    const worker = await createTopicsWorker({
      connection,
      queue,
      model,
      ...jobOptions,
      ...(threads !== undefined ? { threads } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(lockDuration !== undefined ? { lockDuration } : {}),
      ...(stalledInterval !== undefined ? { stalledInterval } : {}),
      onFailed: (id, error) => ctx.stderr.write(`news-topics worker: job ${id} failed (it will be retried): ${error.message}\n`),
      onStalled: (id) => ctx.stderr.write(`news-topics worker: job ${id} had stalled (its worker stopped or lost its lock): taken again\n`),
    });
    ctx.stderr.write(`news-topics worker: waiting for jobs on queue "${queue}" (${connection}); SIGTERM stops after the jobs in flight\n`);
    const signal = await stopped;
    ctx.stderr.write(`news-topics worker: ${signal}: finishing the jobs in flight\n`);
    await worker.close();
    ctx.stderr.write(`news-topics worker: stopped; ${worker.processed()} records classified\n`);
  } finally {
    gracefulStops.delete(stop);
  }
  return EXIT.ok;
}
