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
import { type Scored, TopicClassifier } from '../model/classifier.js';
import { decide, DECISION_KEYS, type DecisionOptions, ruleFrom } from '../model/decide.js';
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
  /**
   * Labels a label implies (for a hierarchy: its ancestors). Gold and given label sets are both closed under it
   * before they are compared (and the calibration figures count a label as gold when the closed gold set has it). The CLI
   * passes the taxonomy's ancestors for a model whose labels are taxonomy ids (as `classify` with
   * `hierarchy: 'full'` lists them). Default: none.
   */
  readonly implied?: (label: string) => readonly string[];
}

/** @internal The headline figures of a report, named, in the order the CLI table and the HTML report show them. */
export function headlineFigures(report: EvaluationReport): [name: string, value: number][] {
  return [
    ['documents', report.documents],
    ['micro F1', report.micro.f1],
    ['micro precision', report.micro.precision],
    ['micro recall', report.micro.recall],
    ['macro F1', report.macro.f1],
    ['top-1 accuracy', report.top1Accuracy],
    ['exact match', report.exactMatch],
    ['calibration error (ECE)', report.calibrationError],
  ];
}

/** @internal What one pass over the examples hands an observer: the example, its reading and its decision. */
export interface EvaluatedDocument {
  readonly index: number;
  readonly example: Example;
  readonly scored: Scored;
  /** Label indices given: the decided ones best first, then those they imply. */
  readonly predicted: readonly number[];
  /** The gold labels, closed under `implied`. */
  readonly gold: readonly string[];
}

/**
 * Scores a model on labelled examples.
 * @example
 * const report = await evaluate(model, [{ text: 'The striker scored twice…', labels: ['sport'] }]);
 * report.micro.f1; // 1
 */
export async function evaluate(
  model: TopicClassifier,
  examples: Iterable<Example> | AsyncIterable<Example>,
  options?: EvaluateOptions,
): Promise<EvaluationReport> {
  return (await evaluatePass(model, examples, options, [])).report;
}

/**
 * @internal `evaluate`, also handing each document to `observe` (read once: the observer gets the same reading),
 * and returning the calibration bins of every (document, label) pair. `extraKeys` are option keys the caller reads
 * itself.
 */
export async function evaluatePass(
  model: TopicClassifier,
  examples: Iterable<Example> | AsyncIterable<Example>,
  options: unknown,
  extraKeys: readonly string[],
  observe?: (document: EvaluatedDocument) => void,
): Promise<{ report: EvaluationReport; calibration: CalibrationBins }> {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, [...DECISION_KEYS, 'bins', 'implied', ...extraKeys], 'options');
  const bins = optionalNumber(bag, 'bins', 'options', { min: 1, max: 1000, integer: true }) ?? 10;
  const implied = bag.implied;
  if (implied !== undefined && typeof implied !== 'function') throw new InvalidInputError('options.implied', 'a function from a label to the labels it implies', implied);
  const close = (labels: readonly string[]): string[] => {
    if (implied === undefined) return [...labels];
    const all = new Set(labels);
    for (const label of labels) for (const other of (implied as (label: string) => readonly string[])(label)) all.add(other);
    return [...all];
  };
  const labelIndex = new Map(model.labels.map((label, l) => [label, l]));
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
    const given = close(decide(probabilities, model.parts.thresholds, rule).map((l) => model.labels[l] as string));
    const goldLabels = close(example.labels);
    gold.push(goldLabels);
    predicted.push(given);
    const goldSet = new Set(goldLabels);
    let best = 0;
    for (let l = 0; l < probabilities.length; l++) {
      all.add(probabilities[l] as number, goldSet.has(model.labels[l] as string));
      if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    }
    const bestCorrect = goldSet.has(model.labels[best] as string);
    if (bestCorrect) top1++;
    top.add(probabilities[best] as number, bestCorrect);
    observe?.({ index: i, example, scored, gold: goldLabels, predicted: given.map((label) => labelIndex.get(label)).filter((l): l is number => l !== undefined) });
  });
  return {
    report: {
      ...scoreLabelSets(gold, predicted),
      top1Accuracy: top1 / data.length,
      calibrationError: all.error(),
      top1CalibrationError: top.error(),
    },
    calibration: all,
  };
}
