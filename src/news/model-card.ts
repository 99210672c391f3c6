/**
 * A short model card (Markdown) for a model made with `train` or `adapt`: what it labels, what it learnt from, and
 * for an adapted model, its base (name, version and the SHA-256 of the base model's file) and which labels the
 * examples trained. `news-topics adapt --out MODEL` writes it beside the model as MODEL.md.
 */
import { InvalidInputError } from '../common/errors.js';
import { TopicClassifier } from '../model/classifier.js';
import { getTopic, isTopicId } from './taxonomy.js';

export function modelCard(model: TopicClassifier, name: string): string {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  if (typeof name !== 'string' || name.length === 0) throw new InvalidInputError('name', 'a non-empty string', name);
  const t = model.training;
  const from = t.adaptedFrom;
  const show = (label: string) => (isTopicId(label) ? `\`${label}\` (${getTopic(label).label})` : `\`${label}\``);
  const learnt = new Set(from?.labels ?? []);
  const lines = [
    `# Model card: ${name}`,
    '',
    from
      ? `Adapted with \`adapt\` from **${from.name}**${from.version ? ` ${from.version}` : ''} (base model file \`${from.sha256}\`) with ${from.examples} examples${from.learner === 'centroid' ? ', its labels learnt as centroids of their examples' : ''}.`
      : `Trained with \`train\` on ${t.examples} examples.`,
    '',
    `- Labels (${model.labels.length}): ${model.labels.map((label) => (from && !learnt.has(label) ? `${show(label)} (kept from the base)` : show(label))).join(', ')}`,
    ...(from ? [`- Learnt or corrected from the examples: ${from.labels.map(show).join(', ')}; every other label is the base model's, unchanged.`] : []),
    `- Engine: linear SVM per label, cost ${t.c}, class weight ${t.classWeight}, seed ${t.seed}; Platt calibration from ${t.calibrationFolds} folds${t.calibrationFolds === 0 ? ' (off: fixed margin mapping)' : ''}.`,
    ...(t.calibrationFallbacks.length > 0 ? [`- Not calibrated (too few held-out examples): ${t.calibrationFallbacks.map(show).join(', ')}.`] : []),
    `- Features: ${model.parts.space.size} hashed word and word-pair features${from ? ' (the base model’s)' : ''}.`,
    '',
  ];
  return lines.join('\n');
}
