/** k-fold cross-validation: trains on k-1 folds, evaluates on the held-out one, k times (folds by seeded shuffle). */
import { InvalidInputError } from '../common/errors.js';
import { createRandom, shuffleInPlace } from '../common/random.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { type EvaluationReport, evaluate } from '../eval/evaluate.js';
import { collectExamples, type Example } from './examples.js';
import type { TrainOptions } from './options.js';
import { train } from './train.js';

export interface CrossValidationReport {
  readonly folds: readonly EvaluationReport[];
  /** Mean over folds of the headline figures. */
  readonly mean: { readonly microF1: number; readonly macroF1: number; readonly top1Accuracy: number; readonly calibrationError: number };
}

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
