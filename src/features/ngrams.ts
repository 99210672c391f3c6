/**
 * Hashed n-grams: the kept words of a document (stop words and short words dropped) give unigrams and bigrams of
 * consecutive kept words, hashed into `buckets` slots (like scikit-learn's HashingVectorizer: no vocabulary to
 * store, at the price of rare collisions and no way back from a slot to its words). The only place where n-grams
 * are formed and hashed: the features count them, explanations name them.
 */
import { grown } from '../common/typed-arrays.js';
import type { Document } from '../text/document.js';
import { finalize } from '../text/hash.js';
import { KEPT, type WordTable } from '../text/tokenizer.js';
import type { FeatureSettings } from './settings.js';

/** Hash of an ordered pair of token hashes (a bigram), without building the bigram string. */
export function hashPair(first: number, second: number): number {
  return finalize(Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(second, 0xc2b2ae35) + 0x27d4eb2f);
}

/** The hash of a word's lead feature: its own hash, salted, so lead and body occurrences get separate slots. */
const LEAD_SALT = 0x5bd1e995;

/** What kind of n-gram a visit is. */
export type NgramKind = 'word' | 'pair' | 'lead';
const KINDS: readonly NgramKind[] = ['word', 'pair', 'lead'];

/**
 * The n-grams of a document, in text order, as columns: n-gram i falls in hash slot `slots[i]`, spans words
 * `firsts[i]` to `lasts[i]` (equal for a unigram), and is of kind `KINDS[kinds[i]]`. The arrays are scratch space
 * shared by every call: valid until the next `formNgrams`.
 */
export interface NgramList {
  readonly length: number;
  readonly slots: Int32Array;
  readonly firsts: Int32Array;
  readonly lasts: Int32Array;
  readonly kinds: Uint8Array;
}

let scratch = { slots: new Int32Array(4096), firsts: new Int32Array(4096), lasts: new Int32Array(4096), kinds: new Uint8Array(4096) };

function reserve(needed: number): void {
  if (needed <= scratch.slots.length) return;
  // The four columns have one length, so they grow alike.
  scratch = { slots: grown(scratch.slots, needed), firsts: grown(scratch.firsts, needed), lasts: grown(scratch.lasts, needed), kinds: grown(scratch.kinds, needed) };
}

/**
 * Every n-gram of a document: the kept words as unigrams, pairs of consecutive kept words as bigrams (when
 * `ngrams` is 2), and the first `leadWords` kept words once more as lead words. The only place n-grams are formed.
 */
export function formNgrams(words: WordTable, settings: Pick<FeatureSettings, 'ngrams' | 'buckets' | 'leadWords'>): NgramList {
  reserve(3 * words.length);
  const { slots, firsts, lasts, kinds } = scratch;
  const mask = settings.buckets - 1;
  const pairs = settings.ngrams === 2;
  const { hashes, flags } = words;
  let n = 0;
  let previous = -1;
  let kept = 0;
  for (let i = 0; i < words.length; i++) {
    if (((flags[i] as number) & KEPT) === 0) continue;
    const hash = hashes[i] as number;
    slots[n] = hash & mask;
    firsts[n] = i;
    lasts[n] = i;
    kinds[n++] = 0;
    if (pairs && previous >= 0) {
      slots[n] = hashPair(hashes[previous] as number, hash) & mask;
      firsts[n] = previous;
      lasts[n] = i;
      kinds[n++] = 1;
    }
    if (kept < settings.leadWords) {
      slots[n] = finalize(hash ^ LEAD_SALT) & mask;
      firsts[n] = i;
      lasts[n] = i;
      kinds[n++] = 2;
    }
    kept++;
    previous = i;
  }
  return { length: n, slots, firsts, lasts, kinds };
}

/** Calls `visit(slot, first, last, kind)` for every n-gram of the document, in text order (see `formNgrams`). */
export function eachNgram(
  words: WordTable,
  settings: Pick<FeatureSettings, 'ngrams' | 'buckets' | 'leadWords'>,
  visit: (slot: number, first: number, last: number, kind: NgramKind) => void,
): void {
  const list = formNgrams(words, settings);
  const slots = list.slots.slice(0, list.length);
  const firsts = list.firsts.slice(0, list.length);
  const lasts = list.lasts.slice(0, list.length);
  const kinds = list.kinds.slice(0, list.length);
  for (let i = 0; i < slots.length; i++) visit(slots[i] as number, firsts[i] as number, lasts[i] as number, KINDS[kinds[i] as number] as NgramKind);
}

/** Distinct hash slots of a text with their counts, slots ascending. */
export interface SlotCounts {
  readonly slots: Int32Array;
  readonly counts: Float32Array;
}

/** Counts the hashed n-grams of a document. */
export function countSlots(doc: Document, settings: FeatureSettings): SlotCounts {
  const list = formNgrams(doc.words, settings);
  const sorted = list.slots.slice(0, list.length).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const slots = new Int32Array(distinct);
  const counts = new Float32Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) slots[++k] = sorted[i] as number;
    counts[k] = (counts[k] as number) + 1;
  }
  return { slots, counts };
}
