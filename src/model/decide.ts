/**
 * The one decision rule: which labels a text gets from its calibrated probabilities. Labels are ranked by
 * probability (ties by label order); a label is kept when its probability is at least its own threshold (or the
 * caller's `threshold`), at most `topK` of them; when none passes and `atLeastOne` is set, the best one is kept
 * anyway. `predict`, `classify`, evaluation, the cost search of training and the benchmark all decide through it.
 */
import { optionalBoolean, optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';

export interface DecisionRule {
  readonly topK: number;
  /** One cut for every label; `undefined` uses each label's own threshold. */
  readonly threshold: number | undefined;
  readonly atLeastOne: boolean;
}

export interface DecisionOptions {
  /** At most this many labels. Default: 1 for a model trained on single-label data, otherwise no limit. */
  readonly topK?: number;
  /**
   * Keep labels whose probability is at least this. Default: each label's own threshold, tuned on held-out data
   * during training (`model.thresholds`). `0` keeps every label (up to `topK`).
   */
  readonly threshold?: number;
  /** When no label passes, return the single best one anyway. Default `true`. */
  readonly atLeastOne?: boolean;
}

export const DECISION_KEYS = ['topK', 'threshold', 'atLeastOne'] as const;

/** The default rule of a model: the single best label for a single-label model, else every label that passes. */
export function defaultRule(singleLabel: boolean): DecisionRule {
  return { topK: singleLabel ? 1 : Infinity, threshold: undefined, atLeastOne: true };
}

/** Validates decision options (`bag` already checked for unknown keys by the caller) and fills in defaults. */
export function ruleFrom(bag: Record<string, unknown>, field: string, singleLabel: boolean): DecisionRule {
  const topK = optionalNumber(bag, 'topK', field, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, allowInfinity: true });
  const threshold = optionalNumber(bag, 'threshold', field, { min: 0, max: 1 });
  const atLeastOne = optionalBoolean(bag, 'atLeastOne', field);
  const base = defaultRule(singleLabel);
  return { topK: topK ?? base.topK, threshold, atLeastOne: atLeastOne ?? base.atLeastOne };
}

/** `ruleFrom` for an options object that holds only decision options. */
export function decisionRule(options: unknown, field: string, singleLabel: boolean): DecisionRule {
  const bag = optionsObject(options, field);
  rejectUnknownKeys(bag, DECISION_KEYS, field);
  return ruleFrom(bag, field, singleLabel);
}

/** The chosen label indices, best first. */
export function decide(probabilities: ArrayLike<number>, thresholds: ArrayLike<number>, rule: DecisionRule): number[] {
  const n = probabilities.length;
  // The labels that pass, ranked (by probability, ties by label order), then cut at topK: only those are sorted.
  const chosen: number[] = [];
  for (let l = 0; l < n; l++) if ((probabilities[l] as number) >= (rule.threshold ?? (thresholds[l] as number))) chosen.push(l);
  chosen.sort((x, y) => (probabilities[y] as number) - (probabilities[x] as number) || x - y);
  if (chosen.length > rule.topK) chosen.length = rule.topK;
  if (chosen.length === 0 && rule.atLeastOne && n > 0) {
    let best = 0;
    for (let l = 1; l < n; l++) if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    chosen.push(best);
  }
  return chosen;
}
