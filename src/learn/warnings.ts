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
  | 'few-features';

export interface TrainingWarning {
  readonly code: TrainingWarningCode;
  /** The label concerned, when there is one. */
  readonly label?: string;
  /** A sentence for people. */
  readonly message: string;
}

/** Positive examples below which a label is reported as `few-examples`. */
export const FEW_EXAMPLES = 10;

/** Kept features below which the feature space is reported as `few-features`. */
export const FEW_FEATURES = 100;
