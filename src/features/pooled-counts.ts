/**
 * The slot counts of many documents in one place: document d's distinct hash slots (ascending) and their counts
 * span `slots` and `counts` from `starts[d]` to `starts[d + 1]`. Training reads every text into one of these, with
 * no arrays per document, and builds its matrix from it (FeatureSpace.matrix) without a vector per document: the
 * feature stage of a fresh process went from 494 to 434 ms on ag-news and from 444 to 369 ms on wcep-sections.
 */
import { grown } from '../common/typed-arrays.js';
import type { Document } from '../text/document.js';
import { formNgrams, type SlotCounts } from './ngrams.js';
import type { FeatureSettings } from './settings.js';

export interface PooledCounts {
  readonly documents: number;
  /** `documents + 1` offsets into `slots` and `counts`. */
  readonly starts: Int32Array;
  readonly slots: Int32Array;
  readonly counts: Int32Array;
}

/** Collects the slot counts of documents, one after the other. */
export class CountPooler {
  private starts = new Int32Array(1024);
  private slots = new Int32Array(1 << 16);
  private counts = new Int32Array(1 << 16);
  private documents = 0;
  private used = 0;

  constructor(private readonly settings: FeatureSettings) {}

  /** Counts the hashed n-grams of a document (the values of `countSlots`). */
  add(doc: Document): void {
    const list = formNgrams(doc.words, this.settings);
    // Sorted in place: the n-gram list is scratch space, read by no one else until the next formNgrams.
    const sorted = list.slots.subarray(0, list.length).sort();
    this.slots = grown(this.slots, this.used + sorted.length);
    this.counts = grown(this.counts, this.used + sorted.length);
    this.starts = grown(this.starts, this.documents + 2);
    const { slots, counts } = this;
    let k = this.used - 1;
    for (let i = 0; i < sorted.length; i++) {
      const slot = sorted[i] as number;
      if (i === 0 || slot !== sorted[i - 1]) {
        slots[++k] = slot;
        counts[k] = 1;
      } else counts[k] = (counts[k] as number) + 1;
    }
    this.used = k + 1;
    this.starts[++this.documents] = this.used;
  }

  finish(): PooledCounts {
    return { documents: this.documents, starts: this.starts.slice(0, this.documents + 1), slots: this.slots.slice(0, this.used), counts: this.counts.slice(0, this.used) };
  }
}

/** Per-document slot counts (`countSlots`'s) in one pool. */
export function poolOf(documents: readonly SlotCounts[]): PooledCounts {
  const starts = new Int32Array(documents.length + 1);
  documents.forEach((doc, d) => (starts[d + 1] = (starts[d] as number) + doc.slots.length));
  const slots = new Int32Array(starts[documents.length] as number);
  const counts = new Int32Array(slots.length);
  documents.forEach((doc, d) => {
    slots.set(doc.slots, starts[d]);
    counts.set(doc.counts, starts[d]);
  });
  return { documents: documents.length, starts, slots, counts };
}
