/**
 * Hashed n-grams: the kept words of a document (stop words and short words dropped) give unigrams and bigrams of
 * consecutive kept words, hashed into `buckets` slots (like scikit-learn's HashingVectorizer: no vocabulary to
 * store, at the price of rare collisions and no way back from a slot to its words). The only place where n-grams
 * are formed and hashed: the features count them, explanations name them.
 */
import type { Document } from '../text/document.js';
import { finalize } from '../text/hash.js';
import type { Word } from '../text/tokenizer.js';
import type { FeatureSettings } from './settings.js';

/** Hash of an ordered pair of token hashes (a bigram), without building the bigram string. */
export function hashPair(first: number, second: number): number {
  return finalize(Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(second, 0xc2b2ae35) + 0x27d4eb2f);
}

/** The hash of a word's lead feature: its own hash, salted, so lead and body occurrences get separate slots. */
const LEAD_SALT = 0x5bd1e995;

/** What kind of n-gram a visit is. */
export type NgramKind = 'word' | 'pair' | 'lead';

/**
 * Calls `visit(slot, first, last, kind)` for every n-gram of the document, in text order: `first` and `last` index
 * the words it spans (equal for a unigram); the first `leadWords` kept words are visited once more as lead words.
 */
export function eachNgram(
  words: readonly Word[],
  settings: Pick<FeatureSettings, 'ngrams' | 'buckets' | 'leadWords'>,
  visit: (slot: number, first: number, last: number, kind: NgramKind) => void,
): void {
  const mask = settings.buckets - 1;
  let previous = -1;
  let kept = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    if (word.token === null) continue;
    visit(word.hash & mask, i, i, 'word');
    if (settings.ngrams === 2 && previous >= 0) visit(hashPair((words[previous] as Word).hash, word.hash) & mask, previous, i, 'pair');
    if (kept < settings.leadWords) visit(finalize(word.hash ^ LEAD_SALT) & mask, i, i, 'lead');
    kept++;
    previous = i;
  }
}

/** Distinct hash slots of a text with their counts, slots ascending. */
export interface SlotCounts {
  readonly slots: Int32Array;
  readonly counts: Float32Array;
}

/** Counts the hashed n-grams of a document. */
export function countSlots(doc: Document, settings: FeatureSettings): SlotCounts {
  const raw: number[] = [];
  eachNgram(doc.words, settings, (slot) => raw.push(slot));
  const sorted = Int32Array.from(raw).sort();
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
