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
import { type TrainOptions, train } from './train.js';
import { createRandom, shuffleInPlace } from './random.js';

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LabelReport extends Scores {
  readonly label: string;
  /** Documents that carry the label. */
  readonly support: number;
  /** Documents the model gave the label. */
  readonly predicted: number;
  readonly truePositives: number;
}

export interface EvaluationReport {
  readonly documents: number;
  readonly micro: Scores;
  readonly macro: Scores;
  /** Share of documents whose best-scored label is one of their gold labels. */
  readonly top1Accuracy: number;
  /** Share of documents whose predicted label set equals the gold set. */
  readonly exactMatch: number;
  /** Expected calibration error over every (document, label) probability. */
  readonly calibrationError: number;
  /** Expected calibration error of each document's top label. */
  readonly top1CalibrationError: number;
  /** Per label, sorted by label. */
  readonly labels: readonly LabelReport[];
}

export interface EvaluateOptions extends PredictOptions {
  /** Bins for calibration error. Default `10`. */
  readonly bins?: number;
}

function scores(tp: number, predicted: number, support: number): Scores {
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = support > 0 ? tp / support : 0;
  const f1 = predicted + support > 0 ? (2 * tp) / (predicted + support) : 0;
  return { precision, recall, f1 };
}

class CalibrationBins {
  private readonly count: Float64Array;
  private readonly confidence: Float64Array;
  private readonly hits: Float64Array;
  constructor(readonly bins: number) {
    this.count = new Float64Array(bins);
    this.confidence = new Float64Array(bins);
    this.hits = new Float64Array(bins);
  }
  add(probability: number, correct: boolean): void {
    const bin = Math.min(this.bins - 1, Math.floor(probability * this.bins));
    this.count[bin] = (this.count[bin] as number) + 1;
    this.confidence[bin] = (this.confidence[bin] as number) + probability;
    if (correct) this.hits[bin] = (this.hits[bin] as number) + 1;
  }
  error(): number {
    let total = 0;
    let sum = 0;
    for (let b = 0; b < this.bins; b++) {
      const n = this.count[b] as number;
      total += n;
      if (n > 0) sum += Math.abs((this.hits[b] as number) - (this.confidence[b] as number));
    }
    return total > 0 ? sum / total : 0;
  }
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

  const perLabel = new Map<string, { tp: number; predicted: number; support: number }>();
  const entry = (label: string) => {
    let e = perLabel.get(label);
    if (e === undefined) perLabel.set(label, (e = { tp: 0, predicted: 0, support: 0 }));
    return e;
  };
  let tp = 0;
  let predictedTotal = 0;
  let supportTotal = 0;
  let top1 = 0;
  let exact = 0;
  const all = new CalibrationBins(bins);
  const top = new CalibrationBins(bins);
  for (const example of data) {
    const text = exampleText(example);
    const probabilities = model.scores(text);
    const predicted = model.predict(text, predictOptions as PredictOptions).map((p) => p.label);
    const gold = new Set(example.labels);
    for (const label of gold) entry(label).support++;
    supportTotal += gold.size;
    let hits = 0;
    for (const label of predicted) {
      const e = entry(label);
      e.predicted++;
      if (gold.has(label)) {
        e.tp++;
        hits++;
      }
    }
    tp += hits;
    predictedTotal += predicted.length;
    if (hits === gold.size && predicted.length === gold.size) exact++;
    let best = 0;
    for (let l = 0; l < probabilities.length; l++) {
      all.add(probabilities[l] as number, gold.has(model.labels[l] as string));
      if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    }
    const bestCorrect = gold.has(model.labels[best] as string);
    if (bestCorrect) top1++;
    top.add(probabilities[best] as number, bestCorrect);
  }
  const labels = [...perLabel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, e]): LabelReport => ({ label, support: e.support, predicted: e.predicted, truePositives: e.tp, ...scores(e.tp, e.predicted, e.support) }));
  const macro = labels.reduce(
    (acc, l) => ({ precision: acc.precision + l.precision, recall: acc.recall + l.recall, f1: acc.f1 + l.f1 }),
    { precision: 0, recall: 0, f1: 0 },
  );
  const k = Math.max(1, labels.length);
  return {
    documents: data.length,
    micro: scores(tp, predictedTotal, supportTotal),
    macro: { precision: macro.precision / k, recall: macro.recall / k, f1: macro.f1 / k },
    top1Accuracy: top1 / data.length,
    exactMatch: exact / data.length,
    calibrationError: all.error(),
    top1CalibrationError: top.error(),
    labels,
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
