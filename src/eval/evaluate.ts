/**
 * Evaluation: the model's decisions on labelled examples against their gold labels. Micro figures pool every
 * (document, label) decision; macro figures average per-label F1 over the labels that occur in the gold labels or
 * the predictions. Calibration error (ECE, 10 equal-width bins) compares predicted probabilities with how often
 * they come true: over every (document, model label) pair, and over each document's top label. Each example is
 * read once: its probabilities feed both the decisions and the calibration figures.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { collectExamples, type Example, exampleArticle } from '../learn/examples.js';
import { TopicClassifier } from '../model/classifier.js';
import { DECISION_KEYS, type DecisionOptions, ruleFrom } from '../model/decide.js';
import { CalibrationBins } from './calibration-error.js';
import { type SetMetrics, scoreLabelSets } from './metrics.js';

export interface EvaluationReport extends SetMetrics {
  /** Share of documents whose best-scored label is one of their gold labels. */
  readonly top1Accuracy: number;
  /** Expected calibration error over every (document, label) probability. */
  readonly calibrationError: number;
  /** Expected calibration error of each document's top label. */
  readonly top1CalibrationError: number;
}

export interface EvaluateOptions extends DecisionOptions {
  /** Bins for calibration error. Default `10`. */
  readonly bins?: number;
}

/** Scores a model on labelled examples. */
export async function evaluate(
  model: TopicClassifier,
  examples: Iterable<Example> | AsyncIterable<Example>,
  options?: EvaluateOptions,
): Promise<EvaluationReport> {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, [...DECISION_KEYS, 'bins'], 'options');
  const bins = optionalNumber(bag, 'bins', 'options', { min: 1, max: 1000, integer: true }) ?? 10;
  const rule = ruleFrom(bag, 'options', model.singleLabel);
  const data = await collectExamples(examples);
  if (data.length === 0) throw new InvalidInputError('examples', 'at least one example', examples);

  const gold: string[][] = [];
  const predicted: string[][] = [];
  let top1 = 0;
  const all = new CalibrationBins(bins);
  const top = new CalibrationBins(bins);
  data.forEach((example, i) => {
    const scored = model.score(exampleArticle(example), `examples[${i}]`);
    const { probabilities } = scored;
    gold.push([...example.labels]);
    predicted.push(model.resultOf(scored, rule).topics.map((t) => t.id));
    const goldSet = new Set(example.labels);
    let best = 0;
    for (let l = 0; l < probabilities.length; l++) {
      all.add(probabilities[l] as number, goldSet.has(model.labels[l] as string));
      if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    }
    const bestCorrect = goldSet.has(model.labels[best] as string);
    if (bestCorrect) top1++;
    top.add(probabilities[best] as number, bestCorrect);
  });
  return {
    ...scoreLabelSets(gold, predicted),
    top1Accuracy: top1 / data.length,
    calibrationError: all.error(),
    top1CalibrationError: top.error(),
  };
}
