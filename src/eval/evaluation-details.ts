/**
 * Everything an evaluation report draws, from one pass over the examples (each text read once): the summary
 * figures of `evaluate`, a reliability table (predicted probability vs observed frequency, per bin), a topic
 * co-occurrence matrix (which labels are predicted when another is gold), score histograms of gold and non-gold
 * (document, label) pairs, and the worst errors with the words behind them. Explanations of the worst errors come
 * from the readings kept for them, not from reading their texts again.
 */
import { optionalNumber, optionsObject } from '../common/validate.js';
import type { Example } from '../learn/examples.js';
import type { TopicClassifier } from '../model/classifier.js';
import { explainDocument } from '../model/explain.js';
import type { Explanation } from '../model/result.js';
import type { ReliabilityBin } from './calibration-error.js';
import { type EvaluateOptions, evaluatePass, type EvaluationReport } from './evaluate.js';

export type { ReliabilityBin } from './calibration-error.js';

export interface ScoreHistogram {
  readonly label: string;
  /** Counts per equal-width probability bin, for pairs whose label was gold. */
  readonly gold: readonly number[];
  /** The same for pairs whose label was not gold. */
  readonly other: readonly number[];
}

/** One of the worst errors: a label given with high probability but not gold, or gold but missed with low probability. */
export interface WorstError {
  /** Index of the example in the data. */
  readonly index: number;
  readonly title?: string;
  /** The start of the text as read (`excerptChars` characters, then `…` if there is more; empty when 0). */
  readonly excerpt: string;
  readonly gold: readonly string[];
  readonly predicted: readonly string[];
  /** `false-positive`: `label` was given but is not gold; `missed`: `label` is gold but was not given. */
  readonly kind: 'false-positive' | 'missed';
  readonly label: string;
  readonly score: number;
  /** How wrong: the score of a false positive, 1 − the score of a miss. */
  readonly loss: number;
  readonly explanation: Explanation;
}

export interface EvaluationDetails {
  readonly report: EvaluationReport;
  /** The model's labels, in model order: the axes of `cooccurrence`. */
  readonly labels: readonly string[];
  /** Over every (document, model label) pair: the bins of the report's calibration error. */
  readonly reliability: readonly ReliabilityBin[];
  /** `cooccurrence[g][p]`: documents with gold label g that were given label p (model label indices). */
  readonly cooccurrence: readonly (readonly number[])[];
  /** Documents per gold label (model label indices). */
  readonly goldCounts: readonly number[];
  /** Gold labels of the data that the model does not have (left out of the matrix), with their documents. */
  readonly unknownLabels: Readonly<Record<string, number>>;
  /** All labels pooled first (`label: '*'`), then one per model label. */
  readonly histograms: readonly ScoreHistogram[];
  /** Worst first. */
  readonly worst: readonly WorstError[];
}

export interface EvaluationDetailsOptions extends EvaluateOptions {
  /** How many worst errors to keep. Default `12`. */
  readonly worst?: number;
  /** Characters of each worst error's text to keep. Default `300`; `0` keeps none (for texts you may not republish). */
  readonly excerptChars?: number;
  /** Bins of the score histograms. Default `20`. */
  readonly histogramBins?: number;
  /** Words listed each way in the worst errors' explanations. Default `8`. */
  readonly explainLimit?: number;
}

interface Candidate {
  readonly loss: number;
  readonly keep: () => WorstError;
}

/**
 * `evaluate`, plus what a report draws (see the module comment).
 * @example
 * const details = await evaluationDetails(model, examples, { worst: 10 });
 * details.reliability; // predicted vs observed, per probability bin
 */
export async function evaluationDetails(
  model: TopicClassifier,
  examples: Iterable<Example> | AsyncIterable<Example>,
  options?: EvaluationDetailsOptions,
): Promise<EvaluationDetails> {
  const bag = optionsObject(options, 'options');
  const worstCount = optionalNumber(bag, 'worst', 'options', { min: 0, max: 10_000, integer: true }) ?? 12;
  const excerptChars = optionalNumber(bag, 'excerptChars', 'options', { min: 0, max: 1e6, integer: true }) ?? 300;
  const histogramBins = optionalNumber(bag, 'histogramBins', 'options', { min: 2, max: 1000, integer: true }) ?? 20;
  const limit = optionalNumber(bag, 'explainLimit', 'options', { min: 0, max: 1000, integer: true }) ?? 8;
  // evaluatePass checks the model; until then, read its labels only if it has them.
  const labels: readonly string[] = Array.isArray((model as { labels?: unknown } | null)?.labels) ? model.labels : [];
  const n = labels.length;
  const labelIndex = new Map(labels.map((label, l) => [label, l]));

  const cooccurrence = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const goldCounts = new Array<number>(n).fill(0);
  const unknownLabels: Record<string, number> = {};
  const histogram = (label: string): { label: string; gold: number[]; other: number[] } => ({ label, gold: new Array<number>(histogramBins).fill(0), other: new Array<number>(histogramBins).fill(0) });
  const pooled = histogram('*');
  const perLabel = labels.map(histogram);
  let worst: Candidate[] = [];

  const { report, calibration } = await evaluatePass(model, examples, bag, ['worst', 'excerptChars', 'histogramBins', 'explainLimit'], ({ index, example, scored, gold, predicted }) => {
    const p = scored.probabilities;
    const goldIndices: number[] = [];
    for (const label of gold) {
      const g = labelIndex.get(label);
      if (g === undefined) unknownLabels[label] = (unknownLabels[label] ?? 0) + 1;
      else goldIndices.push(g);
    }
    const isGold = new Uint8Array(n);
    for (const g of goldIndices) isGold[g] = 1;
    const given = new Uint8Array(n);
    for (const l of predicted) given[l] = 1;
    for (const g of goldIndices) {
      goldCounts[g] = (goldCounts[g] as number) + 1;
      const row = cooccurrence[g] as number[];
      for (const l of predicted) row[l] = (row[l] as number) + 1;
    }
    let worstHere: { loss: number; l: number; kind: WorstError['kind'] } | undefined;
    for (let l = 0; l < n; l++) {
      const prob = p[l] as number;
      const h = Math.min(histogramBins - 1, Math.floor(prob * histogramBins));
      const side = isGold[l] ? 'gold' : 'other';
      pooled[side][h] = (pooled[side][h] as number) + 1;
      const own = (perLabel[l] as { gold: number[]; other: number[] })[side];
      own[h] = (own[h] as number) + 1;
      const loss = isGold[l] && !given[l] ? 1 - prob : !isGold[l] && given[l] ? prob : -1;
      if (loss >= 0 && (worstHere === undefined || loss > worstHere.loss)) worstHere = { loss, l, kind: isGold[l] ? 'missed' : 'false-positive' };
    }
    if (worstHere === undefined || worstCount === 0) return;
    const last = worst[worst.length - 1];
    if (worst.length >= worstCount && last !== undefined && last.loss >= worstHere.loss) return;
    const { loss, l, kind } = worstHere;
    worst.push({
      loss,
      keep: () => ({
        index,
        ...(example.title ? { title: example.title } : {}),
        excerpt: excerptChars === 0 ? '' : scored.doc.text.length > excerptChars ? `${scored.doc.text.slice(0, excerptChars)}…` : scored.doc.text,
        gold,
        predicted: predicted.map((q) => labels[q] as string),
        kind,
        label: labels[l] as string,
        score: p[l] as number,
        loss,
        explanation: explainDocument(model.parts, scored.doc, scored.vector, [l], limit)[0] as Explanation,
      }),
    });
    // Stable: among equal losses the earlier document stays ahead.
    worst.sort((a, b) => b.loss - a.loss);
    if (worst.length > worstCount) worst = worst.slice(0, worstCount);
  });

  return { report, labels, reliability: calibration.table(), cooccurrence, goldCounts, unknownLabels, histograms: [pooled, ...perLabel], worst: worst.map((w) => w.keep()) };
}
