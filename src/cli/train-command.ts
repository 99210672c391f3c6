/** `news-topics train DATA --out MODEL`: trains on labelled JSONL or CSV and writes the model atomically. */
import { saveModel } from '../io/model-files.js';
import type { TrainOptions } from '../learn/options.js';
import { train } from '../learn/train.js';
import { booleanOption, checkWritable, choiceOption, type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { DATA_OPTIONS, dataSource, readLabelledExamples } from './data-options.js';
import { trainingProgress } from './progress-bar.js';
import { EXIT } from './usage.js';

/** The feature options of `train` (adapt takes the base model's features instead). */
const FEATURE_OPTIONS = {
  ngrams: { type: 'string' },
  buckets: { type: 'string' },
  'min-df': { type: 'string' },
  'sublinear-tf': { type: 'string' },
  idf: { type: 'string' },
  stem: { type: 'string' },
  'stop-words': { type: 'string' },
  'max-chars': { type: 'string' },
  'lead-words': { type: 'string' },
} as const;

/** The learner's options, shared by `train` and `adapt`. */
export const SOLVER_OPTIONS = {
  c: { type: 'string' },
  'class-weight': { type: 'string' },
  'calibration-folds': { type: 'string' },
  'tune-thresholds': { type: 'string' },
  'weight-bits': { type: 'string' },
  tolerance: { type: 'string' },
  'max-passes': { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
} as const;

/** Every engine option of `train`, as a command-line option (boolean ones take true or false). */
export const TRAIN_ENGINE_OPTIONS = { ...FEATURE_OPTIONS, ...SOLVER_OPTIONS, 'naive-bayes-scaling': { type: 'string' }, labels: { type: 'string' } } as const;

type EngineValues = { [K in keyof typeof TRAIN_ENGINE_OPTIONS]?: string };

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The `TrainOptions` named on the command line. */
export function trainOptionsFrom(values: EngineValues, labelSeparator: string): TrainOptions {
  const ngrams = numberOption(values.ngrams, 'ngrams', 1, 2, true) as 1 | 2 | undefined;
  const weightBits = choiceOption(values['weight-bits'], 'weight-bits', ['8', '16'] as const);
  const labels = values.labels?.split(labelSeparator).map((l) => l.trim()).filter((l) => l.length > 0);
  if (labels !== undefined && labels.length === 0) throw new UsageError('--labels needs at least one label');
  return {
    ...optional('ngrams', ngrams),
    ...optional('buckets', numberOption(values.buckets, 'buckets', 1024, 2 ** 24, true)),
    ...optional('minDf', numberOption(values['min-df'], 'min-df', 1, 1e9, true)),
    ...optional('sublinearTf', booleanOption(values['sublinear-tf'], 'sublinear-tf')),
    ...optional('idf', booleanOption(values.idf, 'idf')),
    ...optional('stem', booleanOption(values.stem, 'stem')),
    ...optional('stopWords', booleanOption(values['stop-words'], 'stop-words')),
    ...optional('maxChars', numberOption(values['max-chars'], 'max-chars', 1, 10_000_000, true)),
    ...optional('leadWords', numberOption(values['lead-words'], 'lead-words', 0, 10_000, true)),
    ...(values.c === 'auto' ? { c: 'auto' as const } : optional('c', numberOption(values.c, 'c', 1e-6, 1e6))),
    ...optional('classWeight', choiceOption(values['class-weight'], 'class-weight', ['balanced', 'none'] as const)),
    ...optional('naiveBayesScaling', booleanOption(values['naive-bayes-scaling'], 'naive-bayes-scaling')),
    ...optional('calibrationFolds', numberOption(values['calibration-folds'], 'calibration-folds', 0, 20, true)),
    ...optional('tuneThresholds', booleanOption(values['tune-thresholds'], 'tune-thresholds')),
    ...optional('weightBits', weightBits === undefined ? undefined : (Number(weightBits) as 8 | 16)),
    ...optional('tolerance', numberOption(values.tolerance, 'tolerance', 1e-8, 10)),
    ...optional('maxPasses', numberOption(values['max-passes'], 'max-passes', 1, 100_000, true)),
    ...optional('threads', numberOption(values.threads, 'threads', 1, 64, true)),
    ...optional('seed', numberOption(values.seed, 'seed', 0, 2 ** 32 - 1, true)),
    ...optional('labels', labels),
  };
}

export async function trainCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...DATA_OPTIONS,
    ...TRAIN_ENGINE_OPTIONS,
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (positionals.length !== 1) throw new UsageError(`train takes one DATA file, received ${positionals.length}`);
  if (values.out === undefined) throw new UsageError('train needs --out MODEL, the file to write');
  const path = positionals[0] as string;
  const source = dataSource(path, values);
  const options = trainOptionsFrom(values, source.fields.labelSeparator);
  // Before hours of training: the model file can be written there.
  await checkWritable(values.out, '--out');

  const { examples, leftOut: failed, calibrate } = await readLabelledExamples(path, source, ctx);
  // Records marked "calibrate": false train the scorers but are left out of calibration.
  const calibrateOn = calibrate.every(Boolean) ? {} : { calibrateOn: (_example: unknown, i: number) => calibrate[i] === true };
  const progress = trainingProgress(ctx, values.quiet === true);
  const started = Date.now();
  let model;
  try {
    model = await train(examples, {
      ...options,
      ...calibrateOn,
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      onWarning: progress.onWarning,
    });
  } finally {
    progress.stop();
  }
  await saveModel(model, values.out);
  ctx.stderr.write(
    `news-topics: trained on ${examples.length} examples (${model.labels.length} labels) in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${values.out}` +
      `${failed > 0 ? `; ${failed} record(s) left out` : ''}\n`,
  );
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
