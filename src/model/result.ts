/**
 * The one result shape. Every function that labels a text returns a `Result`: a plain object that survives
 * `JSON.stringify`, whose `topics` are items `{ id, label, score, ... }`. For a model trained on your own labels,
 * `id` and `label` are both the label; for a model whose labels are taxonomy ids, `label` is the display name and
 * `parent` and `iptc` come from the taxonomy.
 */
import type { Truncation } from '../text/document.js';

/** Why a label got its score: see `TopicClassifier.explain`. */
export interface Contribution {
  /** The word or phrase as written in the text (several forms that share a feature are joined with " / "). */
  readonly text: string;
  /** Its share of the raw score: positive pushes the label up, negative down. */
  readonly contribution: number;
}

export interface Explanation {
  readonly label: string;
  /** Calibrated probability, as `scores()` gives it. */
  readonly score: number;
  /** The linear score before calibration: `bias + Σ up + Σ down + rest`. */
  readonly rawScore: number;
  readonly bias: number;
  /** Largest positive contributions first. */
  readonly up: readonly Contribution[];
  /** Largest negative contributions first. */
  readonly down: readonly Contribution[];
  /** The sum of the contributions not listed (beyond `limit` on either side). */
  readonly rest: number;
}

/** A country a text mentions (see `places`). */
export interface PlaceMention {
  /** The country's common English name, e.g. `North Korea`. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 code, e.g. `KP`. */
  readonly code: string;
  /** How many times the text mentions it (names, demonyms, capitals, aliases). */
  readonly mentions: number;
  /** Offset of the first mention in the text as read (markup removed, NFKC-normalised). */
  readonly firstOffset: number;
}

/** One topic (or label) of a result. */
export interface TopicItem {
  readonly id: string;
  readonly label: string;
  /** Calibrated probability in [0, 1]. */
  readonly score: number;
  /** Taxonomy models: the parent topic id, or `null` for a top-level topic. */
  readonly parent?: string | null;
  /** Taxonomy models: the IPTC Media Topic codes. */
  readonly iptc?: readonly string[];
  /** With `explain: true`: the words that pushed this label's own score up and down. */
  readonly explanation?: Explanation;
}

/** What a text got. */
export interface Result {
  /** Best first. */
  readonly topics: TopicItem[];
  /** Set when the text was longer than the model reads: how long it was and how much was read. */
  readonly truncated?: Truncation;
  /** With `places: true`: the countries the text mentions. */
  readonly places?: PlaceMention[];
  /**
   * `classify`: the text's language (ISO 639-3: `eng`, `fra`, …; `und` when it is too short to tell). A text that
   * is clearly not English gets no topics unless `language: 'any'` is passed.
   */
  readonly language?: string;
  /**
   * Batch paths only (`classifyMany`, `predictMany`, the CLI): the input could not be classified (`topics` is then
   * empty). `name` is the error class (`InvalidInputError`, …), `field` the input field at fault when known.
   */
  readonly error?: { readonly name: string; readonly message: string; readonly field?: string };
}
