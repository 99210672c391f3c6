/**
 * A trained topic classifier: one linear scorer per label over hashed n-gram features, each followed by its
 * Platt sigmoid (calibrated probability) and its tuned decision threshold. Made by `train`, `fromJSON` or `load`.
 */
import { applySigmoid, type Sigmoid } from './calibration.js';
import { InvalidInputError } from './errors.js';
import { type Explanation, explainWith } from './explain.js';
import { FeatureSpace, type SparseVector, type Truncation, truncationOf } from './features.js';
import { decodeModel, encodeModel, type ModelJson, type QuantizedWeights } from './model-file.js';
import { readModelFile, writeFileAtomic } from './model-io.js';
import { optionalBoolean, optionalNumber, optionsObject, rejectUnknownKeys, requireText } from './options.js';

/** One label of a prediction, scores in [0, 1]. */
export interface Prediction {
  readonly label: string;
  readonly score: number;
}

/** Labels of one text; `truncated` is set when the text was longer than the model reads. */
export type Predictions = Prediction[] & { readonly truncated?: Truncation };

export interface PredictOptions {
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

/** What the model records about how it was made (no training data). */
export interface TrainingSummary {
  readonly examples: number;
  readonly seed: number;
  readonly c: number;
  readonly classWeight: 'balanced' | 'none';
  readonly calibrationFolds: number;
}

export interface ClassifierParts {
  readonly space: FeatureSpace;
  readonly labels: readonly string[];
  readonly weights: QuantizedWeights;
  readonly biases: Float64Array;
  readonly sigmoids: readonly Sigmoid[];
  readonly thresholds: Float64Array;
  readonly singleLabel: boolean;
  readonly training: TrainingSummary;
}

const PREDICT_KEYS = ['topK', 'threshold', 'atLeastOne'] as const;

interface Decision {
  readonly topK: number;
  readonly threshold: number | undefined;
  readonly atLeastOne: boolean;
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

  /** @internal Use `train`, `TopicClassifier.fromJSON` or `TopicClassifier.load`. */
  constructor(parts: ClassifierParts) {
    this.parts = parts;
    this.labels = Object.freeze([...parts.labels]);
    this.thresholds = Object.freeze(Array.from(parts.thresholds));
    this.singleLabel = parts.singleLabel;
    this.training = parts.training;
  }

  /** Calibrated probability of every label for a text, in `labels` order. */
  scores(text: string): Float64Array {
    requireText(text, 'text');
    return this.probabilities(this.parts.space.vectorize(text));
  }

  /** Labels for a text, best first, decided by per-label thresholds (or `threshold`) and `topK`. */
  predict(text: string, options?: PredictOptions): Predictions {
    requireText(text, 'text');
    return this.predictOne(text, this.decision(options, 'options'));
  }

  /** `predict` for many texts: one array per text, in input order. */
  predictBatch(texts: readonly string[], options?: PredictOptions): Predictions[] {
    if (!Array.isArray(texts)) throw new InvalidInputError('texts', 'an array of strings', texts);
    const decision = this.decision(options, 'options');
    texts.forEach((text, i) => requireText(text, `texts[${i}]`));
    return texts.map((text) => this.predictOne(text, decision));
  }

  private predictOne(text: string, decision: Decision): Predictions {
    const probabilities = this.probabilities(this.parts.space.vectorize(text));
    return withTruncation(this.decide(probabilities, decision), truncationOf(text, this.parts.space.settings));
  }

  /**
   * Why `label` scores what it does for `text`: the words and phrases that push it up and down, with their
   * contributions to the score before calibration (at most `limit` each way, default 10).
   */
  explain(text: string, label: string, options?: { readonly limit?: number }): Explanation {
    requireText(text, 'text');
    const bag = optionsObject(options, 'options');
    rejectUnknownKeys(bag, ['limit'], 'options');
    const limit = optionalNumber(bag, 'limit', 'options', { min: 0, max: 1e6, integer: true });
    return explainWith(this, text, label, limit);
  }

  /** The model as a plain JSON-serialisable object (format `news-topics/model`). */
  toJSON(): ModelJson {
    return encodeModel(this.parts);
  }

  /** Rebuilds a model from `toJSON()` output (object or JSON string); throws ModelFormatError when invalid. */
  static fromJSON(json: unknown, source = '<json>'): TopicClassifier {
    return new TopicClassifier(decodeModel(json, source));
  }

  /** Writes the model file atomically (temporary file, then rename). */
  async save(path: string): Promise<void> {
    requireText(path, 'path');
    await writeFileAtomic(path, `${JSON.stringify(this.toJSON())}\n`);
  }

  /** Reads and validates a model file. */
  static async load(path: string): Promise<TopicClassifier> {
    requireText(path, 'path');
    return TopicClassifier.fromJSON(await readModelFile(path), path);
  }

  /** @internal Raw linear decision values (before calibration) of a feature vector. */
  decisionValues(vector: SparseVector): Float64Array {
    const labelCount = this.labels.length;
    const sums = new Float64Array(labelCount);
    const { indices, values } = vector;
    const { codes, scales } = this.parts.weights;
    // Weights are integer codes times a per-label scale: sum codes × values, then scale once per label.
    for (let i = 0; i < indices.length; i++) {
      const base = (indices[i] as number) * labelCount;
      const value = values[i] as number;
      for (let l = 0; l < labelCount; l++) sums[l] = (sums[l] as number) + (codes[base + l] as number) * value;
    }
    for (let l = 0; l < labelCount; l++) sums[l] = (sums[l] as number) * (scales[l] as number) + (this.parts.biases[l] as number);
    return sums;
  }

  private probabilities(vector: SparseVector): Float64Array {
    const raw = this.decisionValues(vector);
    for (let l = 0; l < raw.length; l++) raw[l] = applySigmoid(this.parts.sigmoids[l] as Sigmoid, raw[l] as number);
    return raw;
  }

  private decision(options: unknown, field: string): Decision {
    const bag = optionsObject(options, field);
    rejectUnknownKeys(bag, PREDICT_KEYS, field);
    const topK = optionalNumber(bag, 'topK', field, { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, allowInfinity: true });
    const threshold = optionalNumber(bag, 'threshold', field, { min: 0, max: 1 });
    const atLeastOne = optionalBoolean(bag, 'atLeastOne', field);
    return { topK: topK ?? (this.singleLabel ? 1 : Infinity), threshold, atLeastOne: atLeastOne ?? true };
  }

  private decide(probabilities: Float64Array, decision: Decision): Prediction[] {
    const order = Array.from(probabilities.keys()).sort(
      (x, y) => (probabilities[y] as number) - (probabilities[x] as number) || x - y,
    );
    const result: Prediction[] = [];
    for (const l of order) {
      if (result.length >= decision.topK) break;
      const score = probabilities[l] as number;
      const cut = decision.threshold ?? (this.thresholds[l] as number);
      if (score >= cut) result.push({ label: this.labels[l] as string, score });
    }
    if (result.length === 0 && decision.atLeastOne && order.length > 0) {
      const best = order[0] as number;
      result.push({ label: this.labels[best] as string, score: probabilities[best] as number });
    }
    return result;
  }
}

/** Marks a result array with the truncation of its text, when there was one. */
export function withTruncation<T>(results: T[], truncated: Truncation | undefined): T[] & { readonly truncated?: Truncation } {
  return truncated ? Object.assign(results, { truncated }) : results;
}
