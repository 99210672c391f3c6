/**
 * What training tells the caller when it can train but the result may not be what they hope: passed to
 * `onWarning` (and printed on standard error by the CLI). Training never stays silent about these.
 */
export type TrainingWarningCode =
  /** A label has fewer positive examples than it takes to learn it reliably. */
  | 'few-examples'
  /** A label's held-out scores could not be used for calibration; it uses the fixed mapping (see `calibrationFallbacks`). */
  | 'calibration-fallback'
  /** `minDf` left the feature space nearly empty. */
  | 'few-features'
  /**
   * `adapt`: a base topic is corrected from fewer positives than its calibration and threshold need: they are
   * re-learnt from these few, where the base model's came from thousands, so the topic may move further than the
   * examples justify (bench/ADAPT-RESULTS.md: `military` from 15 positives fell from 0.733 to 0.660 F1).
   */
  | 'thin-correction';

export interface TrainingWarning {
  readonly code: TrainingWarningCode;
  /** The label concerned, when there is one. */
  readonly label?: string;
  /** A sentence for people. */
  readonly message: string;
}

/** Positive examples below which a label is reported as `few-examples`. */
export const FEW_EXAMPLES = 10;

/** Positive examples below which `adapt` reports a corrected base topic as `thin-correction`. */
export const THIN_CORRECTION = 50;

/** Kept features below which the feature space is reported as `few-features`. */
export const FEW_FEATURES = 100;
