/**
 * The fitted feature space: which hash slots are kept (seen in at least `minDf` training documents), their dense
 * numbering, and their weights: sublinear term frequency × IDF with L2 length normalisation, so a long article
 * and a short snippet on the same subject get comparable vectors.
 */
import type { Document } from '../text/document.js';
import { formNgrams, type SlotCounts } from './ngrams.js';
import type { PooledCounts } from './pooled-counts.js';
import type { FeatureSettings } from './settings.js';
import type { RowSource } from '../common/row-source.js';
import type { ArrayAllocator, CsrMatrix, SparseVector } from './sparse.js';

/**
 * Slot → dense feature index as a rank dictionary: one bit per slot (kept or not) and, per 32 slots, the number of
 * kept slots before them. A feature's index is that count plus the kept slots before it in its 32: 2^20 slots take
 * 256 KB instead of 4 MB for a plain table, so the lookup done for every n-gram stays in the processor's cache.
 */
export class SlotRanks {
  /** Bit `slot & 31` of word `slot >>> 5` is set when the slot is kept. */
  readonly bits: Int32Array;
  private readonly before: Int32Array;
  /** Number of kept slots. */
  readonly size: number;

  private constructor(bits: Int32Array) {
    this.bits = bits;
    this.before = new Int32Array(bits.length);
    let total = 0;
    for (let w = 0; w < bits.length; w++) {
      this.before[w] = total;
      total += popCount(bits[w] as number);
    }
    this.size = total;
  }

  /** From the kept slots, ascending. */
  static ofSlots(buckets: number, slots: Int32Array): SlotRanks {
    const bits = new Int32Array(Math.ceil(buckets / 32));
    for (const slot of slots) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
    return new SlotRanks(bits);
  }

  /** From a bitmap of `buckets / 32` words (a model file's; used as it is, not copied). */
  static ofBitmap(bits: Int32Array): SlotRanks {
    return new SlotRanks(bits);
  }

  /** The feature index of a slot, or -1 when the slot is not kept. */
  featureOf(slot: number): number {
    const word = this.bits[slot >>> 5] as number;
    const bit = 1 << (slot & 31);
    if ((word & bit) === 0) return -1;
    return (this.before[slot >>> 5] as number) + popCount(word & (bit - 1));
  }

  /** The kept slots, ascending. */
  slots(): Int32Array {
    const slots = new Int32Array(this.size);
    let k = 0;
    for (let w = 0; w < this.bits.length; w++) {
      let word = this.bits[w] as number;
      while (word !== 0) {
        const low = word & -word;
        slots[k++] = w * 32 + (31 - Math.clz32(low));
        word ^= low;
      }
    }
    return slots;
  }
}

function popCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** How many documents have each slot (the pools' slots are distinct within a document). */
function documentFrequencies(pools: readonly PooledCounts[], buckets: number): Int32Array {
  const df = new Int32Array(buckets);
  for (const { slots } of pools) for (let i = 0; i < slots.length; i++) df[slots[i] as number] = (df[slots[i] as number] as number) + 1;
  return df;
}

/** 1 + ln(count) of the counts 0-255, worked out once: `Math.log` per feature was two thirds of the weighting's time. */
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

/** Sublinear term frequency, 1 + ln(count): the same double from the table as from `Math.log`. */
function sublinearTf(count: number): number {
  return count < 256 && count >>> 0 === count ? (SUBLINEAR_TF[count] as number) : 1 + Math.log(count);
}

/** Per-document counting of features: a small open-addressing table (feature → count), cleared after each use. */
class FeatureTally {
  private keys = new Int32Array(1024).fill(-1);
  private counts = new Int32Array(1024);
  private used = new Int32Array(512);
  size = 0;

  add(feature: number): void {
    let mask = this.keys.length - 1;
    let at = Math.imul(feature, 0x9e3779b1) >>> 0;
    for (at &= mask; ; at = (at + 1) & mask) {
      const key = this.keys[at] as number;
      if (key === feature) {
        this.counts[at] = (this.counts[at] as number) + 1;
        return;
      }
      if (key === -1) break;
    }
    this.keys[at] = feature;
    this.counts[at] = 1;
    this.used[this.size++] = at;
    if (this.size * 2 > mask) {
      this.grow();
      mask = this.keys.length - 1;
    }
  }

  /** The distinct features, in the order they were first added, and their counts; empties the table. */
  drain(): { features: Int32Array; counts: Int32Array } {
    const features = new Int32Array(this.size);
    const counts = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const at = this.used[i] as number;
      features[i] = this.keys[at] as number;
      counts[i] = this.counts[at] as number;
      this.keys[at] = -1;
    }
    this.size = 0;
    return { features, counts };
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldUsed = this.used.subarray(0, this.size);
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.counts = new Int32Array(oldKeys.length * 2);
    const used = new Int32Array(oldKeys.length);
    const mask = this.keys.length - 1;
    let k = 0;
    for (const at of oldUsed) {
      const feature = oldKeys[at] as number;
      let slot = (Math.imul(feature, 0x9e3779b1) >>> 0) & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = feature;
      this.counts[slot] = oldCounts[at] as number;
      used[k++] = slot;
    }
    this.used = used;
  }
}

export class FeatureSpace {
  /** Slot → dense feature index (see SlotRanks). */
  readonly ranks: SlotRanks;
  private readonly tally = new FeatureTally();
  private keptSlots: Int32Array | undefined;

  constructor(
    readonly settings: FeatureSettings,
    /** The kept slots: ascending (feature i is the i-th), or as a rank dictionary. */
    slots: Int32Array | SlotRanks,
    /** IDF per feature (all 1 when `settings.idf` is off). */
    readonly idf: Float32Array,
    /** When the IDF of a feature arrives on demand (a binary model file's blocks): ensure before reading it. */
    readonly pending?: RowSource,
  ) {
    if (slots instanceof SlotRanks) this.ranks = slots;
    else {
      this.ranks = SlotRanks.ofSlots(settings.buckets, slots);
      this.keptSlots = slots;
    }
  }

  /** The kept slots, ascending; feature i is slot `slots[i]`. */
  get slots(): Int32Array {
    if (this.keptSlots === undefined) this.keptSlots = this.ranks.slots();
    return this.keptSlots;
  }

  get size(): number {
    return this.ranks.size;
  }

  /** Learns which slots to keep and their IDF from the slot counts of the training documents. */
  static fit(pools: readonly PooledCounts[], settings: FeatureSettings): FeatureSpace {
    const df = documentFrequencies(pools, settings.buckets);
    let kept = 0;
    for (let s = 0; s < df.length; s++) if ((df[s] as number) >= settings.minDf) kept++;
    const slots = new Int32Array(kept);
    const idf = new Float32Array(kept);
    let n = 0;
    for (const pool of pools) n += pool.documents;
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
  static distinctSlots(pools: readonly PooledCounts[], buckets: number): number {
    const df = documentFrequencies(pools, buckets);
    let distinct = 0;
    for (let s = 0; s < df.length; s++) if ((df[s] as number) > 0) distinct++;
    return distinct;
  }

  /** The training matrix: every document's `transform`, one row each, in order, in arrays from `allocate`. */
  matrix(pools: readonly PooledCounts[], allocate: ArrayAllocator): CsrMatrix {
    let rows = 0;
    let entries = 0;
    for (const pool of pools) {
      rows += pool.documents;
      entries += pool.slots.length;
    }
    // The kept slots' features and counts, row after row; then each row weighed as `transform` weighs it.
    const features = new Int32Array(entries);
    const counts = new Int32Array(entries);
    const rowStart = allocate(Int32Array, rows + 1);
    let row = 0;
    let n = 0;
    for (const pool of pools) {
      for (let d = 0; d < pool.documents; d++) {
        for (let i = pool.starts[d] as number, end = pool.starts[d + 1] as number; i < end; i++) {
          const feature = this.ranks.featureOf(pool.slots[i] as number);
          if (feature < 0) continue;
          features[n] = feature;
          counts[n++] = pool.counts[i] as number;
        }
        rowStart[++row] = n;
      }
    }
    const indices = allocate(Int32Array, n);
    const values = allocate(Float32Array, n);
    indices.set(features.subarray(0, n));
    for (let r = 0; r < rows; r++) {
      const start = rowStart[r] as number;
      const end = rowStart[r + 1] as number;
      this.weigh(indices.subarray(start, end), counts.subarray(start, end), values.subarray(start, end));
    }
    return { rows, columns: this.size, rowStart, indices, values };
  }

  /** Weighted, L2-normalised vector of a document's slot counts; slots not kept are ignored. */
  transform(doc: SlotCounts): SparseVector {
    this.pending?.ensureAll();
    const { slots, counts } = doc;
    const indices = new Int32Array(slots.length);
    const kept = new Float64Array(slots.length);
    let n = 0;
    for (let i = 0; i < slots.length; i++) {
      const feature = this.ranks.featureOf(slots[i] as number);
      if (feature < 0) continue;
      indices[n] = feature;
      kept[n] = counts[i] as number;
      n++;
    }
    // Slots ascend and the numbering keeps slot order, so indices ascend too.
    return this.weigh(indices.subarray(0, n), kept.subarray(0, n));
  }

  /**
   * A read document → its feature vector: the values of `transform(countSlots(doc))`, without sorting anything:
   * only kept features are counted (in a small table kept between calls), and they come in the order the text first
   * uses them, not ascending (scores then differ from the sorted order's in the last bits of a double at most).
   */
  vectorize(doc: Document): SparseVector {
    const { ranks, tally } = this;
    const ngrams = formNgrams(doc.words, this.settings);
    const slots = ngrams.slots;
    for (let i = 0; i < ngrams.length; i++) {
      const feature = ranks.featureOf(slots[i] as number);
      if (feature >= 0) tally.add(feature);
    }
    const { features, counts } = tally.drain();
    this.pending?.ensure(features);
    return this.weigh(features, counts);
  }

  /** Features and their counts → sublinear TF × IDF values, L2-normalised (the one weighting of every path), in `values` when given. */
  private weigh(indices: Int32Array, counts: ArrayLike<number>, values = new Float32Array(indices.length)): SparseVector {
    let norm = 0;
    for (let i = 0; i < indices.length; i++) {
      const count = counts[i] as number;
      const tf = this.settings.sublinearTf ? sublinearTf(count) : count;
      const value = tf * (this.idf[indices[i] as number] as number);
      values[i] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * scale;
    return { indices, values };
  }
}
