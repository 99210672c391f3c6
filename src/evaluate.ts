/**
 * Evaluation: the model's decisions on labelled examples against their gold labels. Micro figures pool every
 * (document, label) decision; macro figures average per-label F1 over the labels that occur in the gold labels or
 * the predictions. Calibration error (ECE, 10 equal-width bins) compares predicted probabilities with how often
 * they come true: over every (document, model label) pair, and over each document's top label.
 */
import { type PredictOptions, TopicClassifier } from './classifier.js';
import { InvalidInputError } from './errors.js';
import { collectExamples, type Example, exampleText } from './examples.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from './options.js';
import { CalibrationBins, type SetMetrics, scoreLabelSets } from './metrics.js';
import { type TrainOptions, train } from './train.js';
import { createRandom, shuffleInPlace } from './random.js';

export interface EvaluationReport extends SetMetrics {
  /** Share of documents whose best-scored label is one of their gold labels. */
  readonly top1Accuracy: number;
  /** Expected calibration error over every (document, label) probability. */
  readonly calibrationError: number;
  /** Expected calibration error of each document's top label. */
  readonly top1CalibrationError: number;
}

export interface EvaluateOptions extends PredictOptions {
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
  rejectUnknownKeys(bag, ['topK', 'threshold', 'atLeastOne', 'bins'], 'options');
  const bins = optionalNumber(bag, 'bins', 'options', { min: 1, max: 1000, integer: true }) ?? 10;
  const predictOptions: Record<string, unknown> = { ...bag };
  delete predictOptions.bins;
  const data = await collectExamples(examples);
  if (data.length === 0) throw new InvalidInputError('examples', 'at least one example', examples);

  const gold: string[][] = [];
  const predicted: string[][] = [];
  let top1 = 0;
  const all = new CalibrationBins(bins);
  const top = new CalibrationBins(bins);
  for (const example of data) {
    const text = exampleText(example);
    const probabilities = model.scores(text);
    gold.push([...example.labels]);
    predicted.push(model.predict(text, predictOptions as PredictOptions).map((p) => p.label));
    const goldSet = new Set(example.labels);
    let best = 0;
    for (let l = 0; l < probabilities.length; l++) {
      all.add(probabilities[l] as number, goldSet.has(model.labels[l] as string));
      if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    }
    const bestCorrect = goldSet.has(model.labels[best] as string);
    if (bestCorrect) top1++;
    top.add(probabilities[best] as number, bestCorrect);
  }
  return {
    ...scoreLabelSets(gold, predicted),
    top1Accuracy: top1 / data.length,
    calibrationError: all.error(),
    top1CalibrationError: top.error(),
  };
}

export interface CrossValidationReport {
  readonly folds: readonly EvaluationReport[];
  /** Mean over folds of the headline figures. */
  readonly mean: { readonly microF1: number; readonly macroF1: number; readonly top1Accuracy: number; readonly calibrationError: number };
}

/** k-fold cross-validation: trains on k-1 folds, evaluates on the held-out one, k times (folds by seeded shuffle). */
export async function crossValidate(
  examples: Iterable<Example> | AsyncIterable<Example>,
  trainOptions?: TrainOptions,
  options?: { readonly folds?: number; readonly seed?: number },
): Promise<CrossValidationReport> {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['folds', 'seed'], 'options');
  const folds = optionalNumber(bag, 'folds', 'options', { min: 2, max: 100, integer: true }) ?? 5;
  const seed = optionalNumber(bag, 'seed', 'options', { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 42;
  const data = await collectExamples(examples);
  if (data.length < folds * 2) throw new InvalidInputError('examples', `at least ${folds * 2} examples for ${folds} folds`, data);
  const order = shuffleInPlace(Array.from({ length: data.length }, (_, i) => i), createRandom(seed));
  const reports: EvaluationReport[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const test = order.filter((_, k) => k % folds === fold).map((i) => data[i] as Example);
    const trainSet = order.filter((_, k) => k % folds !== fold).map((i) => data[i] as Example);
    const model = await train(trainSet, trainOptions);
    reports.push(await evaluate(model, test));
  }
  const mean = (pick: (r: EvaluationReport) => number) => reports.reduce((s, r) => s + pick(r), 0) / reports.length;
  return {
    folds: reports,
    mean: {
      microF1: mean((r) => r.micro.f1),
      macroF1: mean((r) => r.macro.f1),
      top1Accuracy: mean((r) => r.top1Accuracy),
      calibrationError: mean((r) => r.calibrationError),
    },
  };
}
