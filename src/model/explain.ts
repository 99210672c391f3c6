/**
 * Why a label got its score: the words and phrases of the text (unigrams and bigrams as written, not hash slots)
 * with their contributions to the label's raw linear score. bias + Σ contributions = the score before calibration,
 * exactly (the listed ones plus `rest`). Nothing extra is stored in the model: the readable forms come from the
 * document's own words, through the same n-gram hashing as the features, so explanations cost no model size and
 * can only name words the features used.
 */
import { eachNgram } from '../features/ngrams.js';
import type { FeatureSpace } from '../features/feature-space.js';
import type { SparseVector } from '../features/sparse.js';
import type { Document } from '../text/document.js';
import { surfaceOf } from '../text/tokenizer.js';
import { applySigmoid, type Sigmoid } from './calibration.js';
import { contribution, type LinearWeights } from './linear-model.js';
import type { Contribution, Explanation } from './result.js';

export interface ExplainedModel {
  readonly labels: readonly string[];
  readonly space: FeatureSpace;
  readonly weights: LinearWeights;
  readonly sigmoids: readonly Sigmoid[];
}

/** Readable forms of every hash slot the document fills. */
function readableForms(doc: Document, space: FeatureSpace): Map<number, string[]> {
  const forms = new Map<number, string[]>();
  eachNgram(doc.words, space.settings, (slot, first, last, kind) => {
    const surface = surfaceOf(doc.text, doc.words, first);
    const form = kind === 'pair' ? `${surface} ${surfaceOf(doc.text, doc.words, last)}` : kind === 'lead' ? `${surface} (lead)` : surface;
    const list = forms.get(slot);
    if (!list) forms.set(slot, [form]);
    else if (!list.includes(form)) list.push(form);
  });
  return forms;
}

/** Explanations of several labels (indices) for one read document and its vector, at most `limit` each way. */
export function explainDocument(model: ExplainedModel, doc: Document, vector: SparseVector, labels: readonly number[], limit: number): Explanation[] {
  model.weights.rows?.ensure(vector.indices);
  const forms = readableForms(doc, model.space);
  const phrases = Array.from(vector.indices, (feature) => (forms.get(model.space.slots[feature] as number) ?? ['?']).join(' / '));
  return labels.map((l) => {
    const all: Contribution[] = [];
    for (let i = 0; i < vector.indices.length; i++) {
      const share = contribution(model.weights, l, vector.indices[i] as number, vector.values[i] as number);
      if (share !== 0) all.push({ text: phrases[i] as string, contribution: share });
    }
    const bias = model.weights.biases[l] as number;
    const rawScore = all.reduce((sum, c) => sum + c.contribution, bias);
    const up = all.filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution);
    const down = all.filter((c) => c.contribution < 0).sort((a, b) => a.contribution - b.contribution);
    const rest = [...up.slice(limit), ...down.slice(limit)].reduce((sum, c) => sum + c.contribution, 0);
    return {
      label: model.labels[l] as string,
      score: applySigmoid(model.sigmoids[l] as Sigmoid, rawScore),
      rawScore,
      bias,
      up: up.slice(0, limit),
      down: down.slice(0, limit),
      rest,
    };
  });
}
