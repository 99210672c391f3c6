/**
 * Set-based classification metrics, shared by `evaluate` and the benchmarks (one scorer for every system).
 * Micro figures pool every (document, label) decision; macro figures average per-label scores over the labels that
 * occur in the gold sets or the predictions.
 */
import { InvalidInputError } from '../common/errors.js';

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LabelReport extends Scores {
  readonly label: string;
  /** Documents that carry the label. */
  readonly support: number;
  /** Documents given the label. */
  readonly predicted: number;
  readonly truePositives: number;
}

export interface SetMetrics {
  readonly documents: number;
  readonly micro: Scores;
  readonly macro: Scores;
  /** Share of documents whose predicted label set equals the gold set. */
  readonly exactMatch: number;
  /** Per label, sorted by label. */
  readonly labels: readonly LabelReport[];
}

function scores(tp: number, predicted: number, support: number): Scores {
  return {
    precision: predicted > 0 ? tp / predicted : 0,
    recall: support > 0 ? tp / support : 0,
    f1: predicted + support > 0 ? (2 * tp) / (predicted + support) : 0,
  };
}

/** Scores predicted label sets against gold label sets, document by document. */
export function scoreLabelSets(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): SetMetrics {
  for (const [name, sets] of [['gold', gold], ['predicted', predicted]] as const) {
    if (!Array.isArray(sets)) throw new InvalidInputError(name, 'an array of label arrays', sets);
    sets.forEach((set: unknown, i) => {
      if (!Array.isArray(set) || set.some((label) => typeof label !== 'string')) throw new InvalidInputError(`${name}[${i}]`, 'an array of label strings', set);
    });
  }
  if (gold.length !== predicted.length) throw new InvalidInputError('predicted', `${gold.length} label arrays, one per gold document`, predicted);
  const perLabel = new Map<string, { tp: number; predicted: number; support: number }>();
  const entry = (label: string) => {
    let e = perLabel.get(label);
    if (e === undefined) perLabel.set(label, (e = { tp: 0, predicted: 0, support: 0 }));
    return e;
  };
  let tp = 0;
  let predictedTotal = 0;
  let supportTotal = 0;
  let exact = 0;
  gold.forEach((goldLabels, i) => {
    const goldSet = new Set(goldLabels);
    const predictedSet = new Set(predicted[i]);
    for (const label of goldSet) entry(label).support++;
    let hits = 0;
    for (const label of predictedSet) {
      const e = entry(label);
      e.predicted++;
      if (goldSet.has(label)) {
        e.tp++;
        hits++;
      }
    }
    tp += hits;
    supportTotal += goldSet.size;
    predictedTotal += predictedSet.size;
    if (hits === goldSet.size && predictedSet.size === goldSet.size) exact++;
  });
  const labels = [...perLabel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, e]): LabelReport => ({ label, support: e.support, predicted: e.predicted, truePositives: e.tp, ...scores(e.tp, e.predicted, e.support) }));
  const k = Math.max(1, labels.length);
  const sum = (pick: (l: LabelReport) => number) => labels.reduce((s, l) => s + pick(l), 0) / k;
  return {
    documents: gold.length,
    micro: scores(tp, predictedTotal, supportTotal),
    macro: { precision: sum((l) => l.precision), recall: sum((l) => l.recall), f1: sum((l) => l.f1) },
    exactMatch: gold.length > 0 ? exact / gold.length : 0,
    labels,
  };
}
