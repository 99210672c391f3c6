/** `news-topics train DATA --out MODEL`: trains on labelled JSONL or CSV and writes the model atomically. */
import { parseArgs } from 'node:util';
import { type TrainOptions, train } from '../train.js';
import { choiceOption, type CliContext, numberOption, UsageError } from './context.js';
import { DATA_OPTIONS, dataSource, readLabelledExamples } from './data-options.js';
import { trainingProgress } from './progress-bar.js';
import { EXIT } from './usage.js';

export async function trainCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...DATA_OPTIONS,
      out: { type: 'string', short: 'o' },
      ngrams: { type: 'string' },
      buckets: { type: 'string' },
      'min-df': { type: 'string' },
      c: { type: 'string' },
      'class-weight': { type: 'string' },
      'calibration-folds': { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`train takes one DATA file, received ${positionals.length}`);
  if (values.out === undefined) throw new UsageError('train needs --out MODEL, the file to write');
  const path = positionals[0] as string;
  const source = dataSource(path, values);
  const ngrams = numberOption(values.ngrams, 'ngrams', 1, 2, true) as 1 | 2 | undefined;
  const options: TrainOptions = {
    ...(ngrams !== undefined ? { ngrams } : {}),
    ...optional('buckets', numberOption(values.buckets, 'buckets', 1024, 2 ** 24, true)),
    ...optional('minDf', numberOption(values['min-df'], 'min-df', 1, 1e9, true)),
    ...(values.c === 'auto' ? { c: 'auto' as const } : optional('c', numberOption(values.c, 'c', 1e-6, 1e6))),
    ...optional('classWeight', choiceOption(values['class-weight'], 'class-weight', ['balanced', 'none'] as const)),
    ...optional('calibrationFolds', numberOption(values['calibration-folds'], 'calibration-folds', 0, 20, true)),
    ...optional('seed', numberOption(values.seed, 'seed', 0, 2 ** 32 - 1, true)),
    ...optional('threads', numberOption(values.threads, 'threads', 1, 64, true)),
  };

  const { examples, leftOut: failed } = await readLabelledExamples(path, source, ctx);
  const progress = trainingProgress(ctx, values.quiet === true);
  const started = Date.now();
  let model;
  try {
    model = await train(examples, { ...options, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
  } finally {
    progress.stop();
  }
  await model.save(values.out);
  ctx.stderr.write(
    `news-topics: trained on ${examples.length} examples (${model.labels.length} labels) in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${values.out}` +
      `${failed > 0 ? `; ${failed} record(s) left out` : ''}\n`,
  );
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
