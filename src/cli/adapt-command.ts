/** `news-topics adapt DATA --base default|MODEL --out MODEL`: bends a model to labelled examples, writes it and its card. */
import { basename } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { defaultModel } from '../io/default-model.js';
import { loadModel, saveModel } from '../io/model-files.js';
import { adapt, type AdaptOptions } from '../learn/adapt.js';
import { modelCard } from '../news/model-card.js';
import { booleanOption, checkWritable, choiceOption, type CliContext, numberOption, parseCommandArgs, UsageError } from './context.js';
import { DATA_OPTIONS, dataSource, readLabelledExamples } from './data-options.js';
import { trainingProgress } from './progress-bar.js';
import { SOLVER_OPTIONS, trainOptionsFrom } from './train-command.js';
import { EXIT } from './usage.js';

export async function adaptCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...DATA_OPTIONS,
    ...SOLVER_OPTIONS,
    base: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'keep-base-topics': { type: 'string' },
    map: { type: 'string' },
    anchor: { type: 'string' },
    learner: { type: 'string' },
    'min-df': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (positionals.length !== 1) throw new UsageError(`adapt takes one DATA file, received ${positionals.length}`);
  if (values.out === undefined) throw new UsageError('adapt needs --out MODEL, the file to write');
  const path = positionals[0] as string;
  const source = dataSource(path, values);
  const engine = trainOptionsFrom(values, source.fields.labelSeparator);
  const keepBaseTopics = booleanOption(values['keep-base-topics'], 'keep-base-topics');
  const learner = choiceOption(values.learner, 'learner', ['svm', 'centroid', 'auto'] as const);
  const anchor = values.anchor === 'auto' ? 'auto' : numberOption(values.anchor, 'anchor', 1e-6, 1e6);
  const minDf = numberOption(values['min-df'], 'min-df', 1, 1e9, true);
  const map: Record<string, string> = {};
  for (const pair of values.map?.split(',') ?? []) {
    const [mine, topic, extra] = pair.split('=').map((s) => s.trim());
    if (!mine || !topic || extra !== undefined) throw new UsageError(`--map takes YOUR_LABEL=BASE_TOPIC pairs separated by commas, received "${pair}"`);
    map[mine] = topic;
  }
  await checkWritable(values.out, '--out');
  const baseName = values.base ?? 'default';
  const base = baseName === 'default' ? defaultModel() : await loadModel(baseName);
  const { examples, leftOut: failed } = await readLabelledExamples(path, source, ctx);
  const progress = trainingProgress(ctx, values.quiet === true);
  const started = Date.now();
  const options: AdaptOptions = {
    ...engine,
    ...(keepBaseTopics !== undefined ? { keepBaseTopics } : {}),
    ...(anchor !== undefined ? { anchor } : {}),
    ...(learner !== undefined ? { learner } : {}),
    ...(minDf !== undefined ? { minDf } : {}),
    ...(Object.keys(map).length > 0 ? { map } : {}),
    ...(baseName !== 'default' ? { baseName: basename(baseName) } : {}),
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    onWarning: progress.onWarning,
  };
  let model;
  try {
    model = await adapt(base, examples, options);
  } finally {
    progress.stop();
  }
  await saveModel(model, values.out);
  await writeFileAtomic(`${values.out}.md`, modelCard(model, basename(values.out)), '--out');
  const from = model.training.adaptedFrom;
  ctx.stderr.write(
    `news-topics: adapted ${from?.name ?? 'the base'} with ${examples.length} examples (learnt: ${from?.labels.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `wrote ${values.out} (${model.labels.length} labels) and its card ${values.out}.md${failed > 0 ? `; ${failed} record(s) left out` : ''}\n`,
  );
  return failed > 0 ? EXIT.someRecordsFailed : EXIT.ok;
}
