/**
 * Why a label got its score: the words and phrases of the text (unigrams and bigrams as written, not hash slots)
 * with their contributions to the label's raw linear score. bias + Σ contributions = the score before calibration,
 * exactly (the listed ones plus `rest`). Nothing extra is stored in the model: the readable forms come from the
 * text itself, by hashing its words the way the features do, so explanations cost no model size.
 */
import { applySigmoid, type Sigmoid } from './calibration.js';
import type { TopicClassifier } from './classifier.js';
import { textForFeatures } from './clean-text.js';
import { InvalidInputError } from './errors.js';
import type { FeatureSettings, SparseVector } from './features.js';
import { hashPair, hashString } from './hash.js';
import { words } from './tokenize.js';

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

/** Explains `label`'s score for `text` under `model`, listing at most `limit` contributions each way. */
export function explainWith(model: TopicClassifier, text: string, label: string, limit = 10): Explanation {
  return explainLabels(model, text, [label], limit)[0] as Explanation;
}

/** Explanations of several labels for one text: the text is read and vectorised once for all of them. */
export function explainLabels(model: TopicClassifier, text: string, labels: readonly string[], limit = 10): Explanation[] {
  const indices = labels.map((label) => {
    const l = model.labels.indexOf(label);
    if (l < 0) throw new InvalidInputError('label', `one of the model's labels (${model.labels.slice(0, 8).join(', ')}${model.labels.length > 8 ? ', …' : ''})`, label);
    return l;
  });
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidInputError('options.limit', 'a whole number ≥ 0', limit);
  const { space } = model.parts;
  const forms = readableForms(text, space.settings);
  const vector = space.vectorize(text);
  const phrases = Array.from(vector.indices, (feature) => (forms.get(space.slots[feature] as number) ?? ['?']).join(' / '));
  return indices.map((l) => explainLabel(model, l, vector, phrases, limit));
}

/** Readable forms of every hash slot the text fills, in the order the features see them. */
function readableForms(text: string, settings: FeatureSettings): Map<number, string[]> {
  const plain = textForFeatures(text);
  const read = plain.length > settings.maxChars ? plain.slice(0, settings.maxChars) : plain;
  const mask = settings.buckets - 1;
  const forms = new Map<number, string[]>();
  const note = (slot: number, form: string) => {
    const list = forms.get(slot);
    if (!list) forms.set(slot, [form]);
    else if (!list.includes(form)) list.push(form);
  };
  let previous: { hash: number; surface: string } | undefined;
  for (const word of words(read, settings)) {
    if (word.token === null) continue;
    const hash = hashString(word.token);
    note(hash & mask, word.surface);
    if (settings.ngrams === 2 && previous) note(hashPair(previous.hash, hash) & mask, `${previous.surface} ${word.surface}`);
    previous = { hash, surface: word.surface };
  }
  return forms;
}

function explainLabel(model: TopicClassifier, l: number, vector: SparseVector, phrases: readonly string[], limit: number): Explanation {
  const { weights, biases, sigmoids } = model.parts;
  const L = model.labels.length;
  const scale = weights.scales[l] as number;
  const all: Contribution[] = [];
  for (let i = 0; i < vector.indices.length; i++) {
    const contribution = (weights.codes[(vector.indices[i] as number) * L + l] as number) * scale * (vector.values[i] as number);
    if (contribution !== 0) all.push({ text: phrases[i] as string, contribution });
  }
  const bias = biases[l] as number;
  const rawScore = all.reduce((sum, c) => sum + c.contribution, bias);
  const up = all.filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const down = all.filter((c) => c.contribution < 0).sort((a, b) => a.contribution - b.contribution);
  const rest = [...up.slice(limit), ...down.slice(limit)].reduce((sum, c) => sum + c.contribution, 0);
  return {
    label: model.labels[l] as string,
    score: applySigmoid(sigmoids[l] as Sigmoid, rawScore),
    rawScore,
    bias,
    up: up.slice(0, limit),
    down: down.slice(0, limit),
    rest,
  };
}
