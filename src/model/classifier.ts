/**
 * A trained topic classifier: one linear scorer per label over hashed n-gram features, each followed by its
 * Platt sigmoid (calibrated probability) and its tuned decision threshold. Made by `train`, `fromJSON` or
 * `loadModel`. Pure: no file or thread access (see io/ for files).
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import type { SparseVector } from '../features/sparse.js';
import type { Codec } from '../format/codec.js';
import { decodeModelBytes, encodeModelBytes } from '../format/model-binary.js';
import { decodeModel, encodeModel, type ModelJson } from '../format/model-json.js';
import { type Document, readDocument } from '../text/document.js';
import { type ArticleInput, toArticle } from '../text/input.js';
import { applySigmoid, type Sigmoid } from './calibration.js';
import { decide, decisionRule, type DecisionOptions, type DecisionRule } from './decide.js';
import { explainDocument } from './explain.js';
import { linearScores } from './linear-model.js';
import type { ClassifierParts, TrainingSummary } from './parts.js';
import type { Explanation, Result, TopicItem } from './result.js';

/** Options of `predict` and `predictBatch`. */
export type PredictOptions = DecisionOptions;

/** @internal A read text with its features and calibrated probabilities. */
export interface Scored {
  readonly doc: Document;
  readonly vector: SparseVector;
  readonly probabilities: Float64Array;
}

export class TopicClassifier {
  /** The label set, in the order of `scores()`. */
  readonly labels: readonly string[];
  /** Per-label decision thresholds on the probability, in label order. */
  readonly thresholds: readonly number[];
  /** True when every training example had exactly one label: predictions then default to the top label. */
  readonly singleLabel: boolean;
  readonly training: TrainingSummary;
  /** @internal */
  readonly parts: ClassifierParts;

  /** @internal Use `train`, `TopicClassifier.fromJSON` or `loadModel`. */
  constructor(parts: ClassifierParts) {
    this.parts = parts;
    this.labels = Object.freeze([...parts.labels]);
    this.thresholds = Object.freeze(Array.from(parts.thresholds));
    this.singleLabel = parts.singleLabel;
    this.training = parts.training;
  }

  /** @internal Reads an input once: validation, clean-up, words, features, probabilities. */
  score(input: unknown, field = 'input'): Scored {
    const doc = readDocument(toArticle(input, field), this.parts.space.settings);
    const vector = this.parts.space.vectorize(doc);
    const probabilities = linearScores(this.parts.weights, vector);
    for (let l = 0; l < probabilities.length; l++) probabilities[l] = applySigmoid(this.parts.sigmoids[l] as Sigmoid, probabilities[l] as number);
    return { doc, vector, probabilities };
  }

  /** Calibrated probability of every label for a text (a body, or `{ title?, body }`), in `labels` order. */
  scores(input: ArticleInput): Float64Array {
    return this.score(input).probabilities;
  }

  /**
   * Labels for a text (a body, or `{ title?, body }`), best first, decided by per-label thresholds (or
   * `threshold`) and `topK`.
   * @example
   * model.predict({ title: 'Cup final', body: 'The striker scored twice…' });
   * // { topics: [{ id: 'sport', label: 'sport', score: 0.97 }] }
   */
  predict(input: ArticleInput, options?: PredictOptions): Result {
    const rule = decisionRule(options, 'options', this.singleLabel);
    return this.resultOf(this.score(input), rule);
  }

  /** `predict` for many texts: one result per text, in input order. */
  predictBatch(inputs: readonly ArticleInput[], options?: PredictOptions): Result[] {
    if (!Array.isArray(inputs)) throw new InvalidInputError('inputs', 'an array of texts or { title?, body } objects', inputs);
    const rule = decisionRule(options, 'options', this.singleLabel);
    const scored = inputs.map((input, i) => this.score(input, `inputs[${i}]`));
    return scored.map((s) => this.resultOf(s, rule));
  }

  /** @internal The decision and result of a scored text. */
  resultOf(scored: Scored, rule: DecisionRule): Result {
    const topics = decide(scored.probabilities, this.parts.thresholds, rule).map((l): TopicItem => {
      const label = this.labels[l] as string;
      return { id: label, label, score: scored.probabilities[l] as number };
    });
    return scored.doc.truncated ? { topics, truncated: scored.doc.truncated } : { topics };
  }

  /**
   * Why `label` scores what it does for a text: the words and phrases that push it up and down, with their
   * contributions to the score before calibration (at most `limit` each way, default 10).
   */
  explain(input: ArticleInput, label: string, options?: { readonly limit?: number }): Explanation {
    return this.explainAs(input, label, options, 'label');
  }

  /** @internal `explain`, naming the label argument `field` in errors (`classify`'s explain calls it `topicId`). */
  explainAs(input: ArticleInput, label: string, options: unknown, field: string): Explanation {
    const l = this.labelIndex(label, field);
    const limit = explainLimit(options);
    const scored = this.score(input);
    return explainDocument(this.parts, scored.doc, scored.vector, [l], limit)[0] as Explanation;
  }

  /** @internal The index of a label, or an InvalidInputError naming the field. */
  labelIndex(label: unknown, field: string): number {
    const l = typeof label === 'string' ? this.labels.indexOf(label) : -1;
    if (l < 0) throw new InvalidInputError(field, `one of the model's labels (${this.labels.slice(0, 8).join(', ')}${this.labels.length > 8 ? ', …' : ''})`, label);
    return l;
  }

  /** The model as a plain JSON-serialisable object (format `news-topics/model`). */
  toJSON(): ModelJson {
    return encodeModel(this.parts);
  }

  /**
   * The model as a binary model file (format version 3): loads several times faster than JSON, its arrays used in
   * place. `saveModel` writes it for any file name not ending in `.json`. `blocks: 'stored'` leaves the weight blocks
   * uncompressed (a file about twice as large that any reader loads without inflating, and that HTTP compression
   * shrinks better than the compressed one: for files served to browsers, like the default model's browser variant).
   * @example
   * const bytes = model.toBytes();
   * TopicClassifier.fromBytes(bytes).scores('…'); // the same scores
   */
  toBytes(options?: { readonly blocks?: 'deflate' | 'stored' }): Uint8Array {
    const bag = optionsObject(options, 'options');
    rejectUnknownKeys(bag, ['blocks'], 'options');
    const blocks = bag.blocks ?? 'deflate';
    if (blocks !== 'deflate' && blocks !== 'stored') throw new InvalidInputError('options.blocks', '"deflate" or "stored"', blocks);
    return encodeModelBytes(this.parts, blocks);
  }

  /**
   * Rebuilds a model from `toBytes()` output (the bytes of a binary model file); throws ModelFormatError when
   * invalid. The model's arrays are views on `bytes`: do not change them afterwards.
   */
  static fromBytes(bytes: Uint8Array | ArrayBufferLike, source = '<bytes>'): TopicClassifier {
    const isBuffer = bytes instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && bytes instanceof SharedArrayBuffer);
    const array = bytes instanceof Uint8Array ? bytes : isBuffer ? new Uint8Array(bytes) : undefined;
    if (array === undefined) throw new InvalidInputError('bytes', 'a Uint8Array or ArrayBuffer', bytes);
    return new TopicClassifier(decodeModelBytes(array, source));
  }

  /** Rebuilds a model from `toJSON()` output (object or JSON text); throws ModelFormatError when invalid. */
  static fromJSON(json: unknown, source = '<json>'): TopicClassifier {
    return new TopicClassifier(decodeModel(json, source));
  }

  /** @internal `fromJSON` with a given codec (tests compare the pure and the native one). */
  static decode(json: unknown, source: string, codec: Codec): TopicClassifier {
    return new TopicClassifier(decodeModel(json, source, codec));
  }
}

/** The `limit` of explanation options (default 10). */
export function explainLimit(options: unknown): number {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['limit'], 'options');
  return optionalNumber(bag, 'limit', 'options', { min: 0, max: 1e6, integer: true }) ?? 10;
}
