/**
 * Hashed n-gram features. Cleaned text (clean-text.ts) becomes tokens (tokenize.ts), and the tokens unigrams
 * and bigrams, hashed into `buckets` slots (like scikit-learn's HashingVectorizer: no vocabulary to store, at the
 * price of rare collisions and no way back from a slot to its words). A fitted `FeatureSpace` keeps only the slots seen in at least `minDf` training
 * documents, numbers them densely, and weights them by sublinear term frequency × IDF with L2 length
 * normalisation, so a long article and a short snippet on the same subject get comparable vectors.
 */
import { textForFeatures } from './clean-text.js';
import { hashPair } from './hash.js';
import { type TokenizerSettings, tokenHashes } from './tokenize.js';

export interface FeatureSettings extends TokenizerSettings {
  /** Longest n-gram: 1 (words) or 2 (words and word pairs). Default `2`. */
  readonly ngrams: 1 | 2;
  /** Hash slots; a power of two from 2^10 to 2^24. Default `2 ** 20`. */
  readonly buckets: number;
  /** Use 1 + ln(tf) instead of raw counts. Default `true`. */
  readonly sublinearTf: boolean;
  /** Weight features by inverse document frequency. Default `true`. */
  readonly idf: boolean;
  /** Keep a slot only if it occurs in at least this many training documents. Default `2`. */
  readonly minDf: number;
  /** Only the first `maxChars` characters of a text (after markup is removed) are read. Default `100_000`. */
  readonly maxChars: number;
}

/** A text longer than the model reads: how long it was and how much was read (after markup removal). */
export interface Truncation {
  readonly characters: number;
  readonly read: number;
}

/** The truncation a text undergoes, or undefined when it is read whole. */
export function truncationOf(text: string, settings: FeatureSettings): Truncation | undefined {
  if (text.length <= settings.maxChars) return undefined;
  const characters = textForFeatures(text).length;
  return characters > settings.maxChars ? { characters, read: settings.maxChars } : undefined;
}

/** Distinct hash slots of a text with their counts, slots ascending. */
export interface SlotCounts {
  readonly slots: Int32Array;
  readonly counts: Float32Array;
}

/** A sparse feature vector over the dense feature numbering of a `FeatureSpace`, indices ascending. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Counts the hashed unigrams and bigrams of a text. */
export function countSlots(text: string, settings: FeatureSettings): SlotCounts {
  // Markup is removed before the length limit applies, so that a page heavy with tags still has its text read.
  const plain = textForFeatures(text);
  const hashes = tokenHashes(plain.length > settings.maxChars ? plain.slice(0, settings.maxChars) : plain, settings);
  const mask = settings.buckets - 1;
  const raw = new Int32Array(settings.ngrams === 2 ? Math.max(0, hashes.length * 2 - 1) : hashes.length);
  let n = 0;
  let previous = 0;
  for (let i = 0; i < hashes.length; i++) {
    const hash = hashes[i] as number;
    raw[n++] = hash & mask;
    if (settings.ngrams === 2 && i > 0) raw[n++] = hashPair(previous, hash) & mask;
    previous = hash;
  }
  raw.sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || raw[i] !== raw[i - 1]) distinct++;
  const slots = new Int32Array(distinct);
  const counts = new Float32Array(distinct);
  let k = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || raw[i] !== raw[i - 1]) slots[++k] = raw[i] as number;
    counts[k] = (counts[k] as number) + 1;
  }
  return { slots, counts };
}

/** The fitted feature numbering and IDF weights. */
export class FeatureSpace {
  /** Slot → dense feature index, or -1 for a slot not kept. */
  private readonly slotToFeature: Int32Array;

  constructor(
    readonly settings: FeatureSettings,
    /** The kept slots, ascending; feature i is slot `slots[i]`. */
    readonly slots: Int32Array,
    /** IDF per feature (all 1 when `settings.idf` is off). */
    readonly idf: Float32Array,
  ) {
    this.slotToFeature = new Int32Array(settings.buckets).fill(-1);
    for (let i = 0; i < slots.length; i++) this.slotToFeature[slots[i] as number] = i;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Learns which slots to keep and their IDF from the slot counts of the training documents. */
  static fit(documents: readonly SlotCounts[], settings: FeatureSettings): FeatureSpace {
    const df = new Int32Array(settings.buckets);
    for (const doc of documents) for (const slot of doc.slots) (df[slot] as number)++;
    let kept = 0;
    for (let s = 0; s < df.length; s++) if ((df[s] as number) >= settings.minDf) kept++;
    const slots = new Int32Array(kept);
    const idf = new Float32Array(kept);
    const n = documents.length;
    let k = 0;
    for (let s = 0; s < df.length; s++) {
      const count = df[s] as number;
      if (count < settings.minDf) continue;
      slots[k] = s;
      // scikit-learn's smoothed IDF: ln((1 + n) / (1 + df)) + 1.
      idf[k] = settings.idf ? Math.log((1 + n) / (1 + count)) + 1 : 1;
      k++;
    }
    return new FeatureSpace(settings, slots, idf);
  }

  /** Weighted, L2-normalised vector of a document's slot counts; slots not kept are ignored. */
  transform(doc: SlotCounts): SparseVector {
    const { slots, counts } = doc;
    let n = 0;
    const indices = new Int32Array(slots.length);
    const values = new Float32Array(slots.length);
    let norm = 0;
    for (let i = 0; i < slots.length; i++) {
      const feature = this.slotToFeature[slots[i] as number] as number;
      if (feature < 0) continue;
      const count = counts[i] as number;
      const tf = this.settings.sublinearTf ? 1 + Math.log(count) : count;
      const value = tf * (this.idf[feature] as number);
      indices[n] = feature;
      values[n] = value;
      norm += value * value;
      n++;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) values[i] = (values[i] as number) * scale;
    // Slots ascend and the numbering keeps slot order, so indices ascend too.
    return { indices: indices.subarray(0, n), values: values.subarray(0, n) };
  }

  /** Text → feature vector. */
  vectorize(text: string): SparseVector {
    return this.transform(countSlots(text, this.settings));
  }
}
