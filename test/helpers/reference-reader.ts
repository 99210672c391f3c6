/**
 * The read path as it was before the fast scanner (0.2.0): the word regular expression, a Map-cached token per
 * surface, Word objects, and slot counting by sorting. Kept as the oracle that the fast path must match exactly
 * (test/text/fast-path.test.ts): same words, offsets, tokens and hashes, same slots and counts, same vectors.
 */
import { textForFeatures } from '../../src/text/clean.js';
import { hashString, finalize } from '../../src/text/hash.js';
import { articleText, type Article } from '../../src/text/input.js';
import { normalise, toToken, type TokenizerSettings } from '../../src/text/tokenizer.js';
import { hashPair } from '../../src/features/ngrams.js';
import type { FeatureSettings } from '../../src/features/settings.js';

const WORD_PATTERN = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*(?:[.,]\p{N}+)*/gu;

export interface ReferenceWord {
  readonly surface: string;
  readonly start: number;
  readonly token: string | null;
  readonly hash: number;
}

// Surface → token, as 0.2.0 cached it (natural's stemmer costs microseconds a word). One settings object per run.
const memo = new Map<string, { token: string | null; hash: number }>();
let memoSettings: TokenizerSettings | undefined;

export function referenceWords(normalised: string, settings: TokenizerSettings): ReferenceWord[] {
  if (memoSettings !== settings) {
    memo.clear();
    memoSettings = settings;
  }
  const words: ReferenceWord[] = [];
  WORD_PATTERN.lastIndex = 0;
  for (let match = WORD_PATTERN.exec(normalised); match !== null; match = WORD_PATTERN.exec(normalised)) {
    const text = match[0];
    const surface = text.endsWith("'s") || text.endsWith("'S") ? text.slice(0, -2) : text;
    if (surface.length === 0) continue;
    let known = memo.get(surface);
    if (known === undefined) {
      const token = toToken(surface, settings);
      memo.set(surface, (known = { token, hash: token === null ? 0 : hashString(token) }));
    }
    words.push({ surface, start: match.index, token: known.token, hash: known.hash });
  }
  return words;
}

export function referenceText(article: Article, maxChars: number): string {
  const plain = textForFeatures(articleText(article));
  return normalise(plain.length > maxChars ? plain.slice(0, maxChars) : plain);
}

const LEAD_SALT = 0x5bd1e995;

/** Distinct slots (ascending) and their counts, as 0.2.0 counted them. */
export function referenceSlots(words: readonly ReferenceWord[], settings: FeatureSettings): Map<number, number> {
  const mask = settings.buckets - 1;
  const raw: number[] = [];
  let previous = -1;
  let kept = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as ReferenceWord;
    if (word.token === null) continue;
    raw.push(word.hash & mask);
    if (settings.ngrams === 2 && previous >= 0) raw.push(hashPair((words[previous] as ReferenceWord).hash, word.hash) & mask);
    if (kept < settings.leadWords) raw.push(finalize(word.hash ^ LEAD_SALT) & mask);
    kept++;
    previous = i;
  }
  const counts = new Map<number, number>();
  for (const slot of raw.sort((a, b) => a - b)) counts.set(slot, (counts.get(slot) ?? 0) + 1);
  return counts;
}
