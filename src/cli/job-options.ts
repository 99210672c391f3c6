/** The model and decision options of the commands that classify (classify, worker), read the same way. */
import { isTopicId } from '../news/taxonomy.js';
import type { JobOptions } from '../news/article-job.js';
import type { TopicClassifier } from '../model/classifier.js';
import { choiceOption, numberOption, UsageError } from './context.js';

export const JOB_OPTIONS = {
  model: { type: 'string' },
  'top-k': { type: 'string' },
  threshold: { type: 'string' },
  hierarchy: { type: 'string' },
  explain: { type: 'boolean' },
  places: { type: 'boolean' },
  'any-language': { type: 'boolean' },
} as const;

type Values = { [K in keyof typeof JOB_OPTIONS]?: (typeof JOB_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

/** Checked job options (a usage error names a bad one); `--hierarchy` needs a taxonomy model. */
export function jobOptionsFrom(values: Values, model: TopicClassifier): JobOptions {
  const topK = numberOption(values['top-k'], 'top-k', 1, 1e9, true);
  const threshold = numberOption(values.threshold, 'threshold', 0, 1);
  const hierarchy = choiceOption(values.hierarchy, 'hierarchy', ['specific', 'full'] as const);
  if (hierarchy !== undefined && !model.labels.every((label) => isTopicId(label))) throw new UsageError('--hierarchy applies to models whose labels are taxonomy ids');
  return {
    ...(topK !== undefined ? { topK } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    ...(hierarchy ? { hierarchy } : {}),
    explain: values.explain === true,
    places: values.places === true,
    language: values['any-language'] ? 'any' : 'english',
  };
}
