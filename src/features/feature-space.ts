/**
 * The fitted feature space: which hash slots are kept (seen in at least `minDf` training documents), their dense
 * numbering, and their weights: sublinear term frequency × IDF with L2 length normalisation, so a long article
 * and a short snippet on the same subject get comparable vectors.
 */
import type { Document } from '../text/document.js';
import { countSlots, type SlotCounts } from './ngrams.js';
import type { FeatureSettings } from './settings.js';
import type { SparseVector } from './sparse.js';

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

  /** Distinct slots seen in the documents a space was fitted on (before `minDf`): how much `minDf` dropped. */
  static distinctSlots(documents: readonly SlotCounts[], buckets: number): number {
    const seen = new Uint8Array(buckets);
    let distinct = 0;
    for (const doc of documents) {
      for (const slot of doc.slots) {
        if (seen[slot] === 0) distinct++;
        seen[slot] = 1;
      }
    }
    return distinct;
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

  /** A read document → its feature vector. */
  vectorize(doc: Document): SparseVector {
    return this.transform(countSlots(doc, this.settings));
  }
}
