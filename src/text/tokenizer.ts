/**
 * Text → words → feature tokens. The only module that imports `natural`, and only by deep path: the package root
 * loads database drivers and prints on stdout (see ../shared/STYLE.md).
 *
 * Steps: Unicode NFKC → word matching with offsets (our pattern) → possessives and apostrophes dropped → dotted
 * and upper-case acronyms kept whole ("U.S." → "us", never a stop word) → lower case → stop words out → Porter
 * stems (natural). Every regular expression here is linear in the input, and so is stemming: natural's Porter
 * stemmer is quadratic in the length of a word (its `/[^aeiouy]+y/` step), so only words of at most
 * `MAX_STEMMED_LENGTH` characters are stemmed; a longer run of letters (CJK or Thai without spaces, a run of
 * consonants) is kept as it is.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { InvalidInputError } from '../common/errors.js';
import { hashString } from './hash.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';

/** The settings that decide how text becomes tokens; stored in every model file. */
export interface TokenizerSettings {
  /** Reduce words to Porter stems ("preparations" → "prepar"). Default `true`. */
  readonly stem: boolean;
  /** Drop English function words. Default `true`. */
  readonly stopWords: boolean;
  /** Tokens shorter than this (in characters) are dropped, acronyms excepted. Default `2`. */
  readonly minTokenLength: number;
}

export const DEFAULT_TOKENIZER_SETTINGS: TokenizerSettings = { stem: true, stopWords: true, minTokenLength: 2 };

/** Names the token rules; a model trained with other rules is refused (see format/model-json.ts). */
export const TOKENIZER_VERSION = 1;

/** Longer words are not stemmed (no English word is this long; the stemmer is quadratic in word length). */
export const MAX_STEMMED_LENGTH = 40;

// A dotted acronym ("U.S.", "e.g."), or a run of letters/digits with apostrophe parts ("Russia's") and
// decimal or thousands parts ("3.5", "1,000"). Each repetition starts with a distinct character, so no backtracking.
const WORD_PATTERN = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*(?:[.,]\p{N}+)*/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const UPPER_ACRONYM = /^\p{Lu}{2,5}$/u;
const NUMBER = /^[\p{N}.,]+$/u;
const HAS_DIGIT = /\p{N}/u;

/** A word of a text: where it is, how it is written, and the feature token it becomes. */
export interface Word {
  /** The surface form, as written (possessive removed). */
  readonly surface: string;
  /** Offset of its first character in the normalised text. */
  readonly start: number;
  /** The feature token (lower case, stemmed); `null` when the word is dropped (stop word, too short). */
  readonly token: string | null;
  /** The token's hash (features/ngrams.ts maps it to a slot); 0 for a dropped word. */
  readonly hash: number;
}

/** The text as the tokenizer reads it: NFKC, typographic apostrophes made plain. Offsets of words refer to it. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHES, "'");
}

// Surface form → feature token, one cache per combination of settings. natural's Porter stemmer costs ~7 µs a
// word and the checks below a few regular expressions; news repeats its words, so a bounded cache pays for itself.
const TOKEN_CACHE_LIMIT = 200_000;
interface CachedToken {
  readonly token: string;
  readonly hash: number;
}
type TokenCache = Map<string, CachedToken | null>;
const tokenCaches = new Map<string, TokenCache>();

function cacheFor(settings: TokenizerSettings): TokenCache {
  const key = `${settings.stem}|${settings.stopWords}|${settings.minTokenLength}`;
  let cache = tokenCaches.get(key);
  if (cache === undefined) tokenCaches.set(key, (cache = new Map()));
  return cache;
}

function cachedToken(raw: string, settings: TokenizerSettings, cache: TokenCache): CachedToken | null {
  let entry = cache.get(raw);
  if (entry === undefined) {
    const token = toToken(raw, settings);
    entry = token === null ? null : { token, hash: hashString(token) };
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    cache.set(raw, entry);
  }
  return entry;
}

function toToken(raw: string, settings: TokenizerSettings): string | null {
  const acronym = raw.includes('.') && !NUMBER.test(raw);
  if (acronym || UPPER_ACRONYM.test(raw)) return raw.replaceAll('.', '').toLowerCase();
  const lower = raw.toLowerCase();
  if (settings.stopWords && ENGLISH_STOP_WORDS.has(lower)) return null;
  const plain = lower.includes("'") ? lower.replaceAll("'", '') : lower;
  if (plain.length < settings.minTokenLength) return null;
  if (NUMBER.test(plain)) return plain.replaceAll(',', '');
  const stemmable = settings.stem && plain.length <= MAX_STEMMED_LENGTH && !HAS_DIGIT.test(plain);
  return stemmable ? PorterStemmer.stem(plain) : plain;
}

/** The words of a normalised text (see `normalise`), in order, with offsets and feature tokens. */
export function wordsOf(normalised: string, settings: TokenizerSettings): Word[] {
  const cache = cacheFor(settings);
  const words: Word[] = [];
  WORD_PATTERN.lastIndex = 0;
  for (let match = WORD_PATTERN.exec(normalised); match !== null; match = WORD_PATTERN.exec(normalised)) {
    const text = match[0];
    const surface = text.endsWith("'s") || text.endsWith("'S") ? text.slice(0, -2) : text;
    if (surface.length === 0) continue;
    const entry = cachedToken(surface, settings, cache);
    words.push({ surface, start: match.index, token: entry === null ? null : entry.token, hash: entry === null ? 0 : entry.hash });
  }
  return words;
}

/** The feature tokens of a text, in order: what a model with these settings sees (markup is not removed here). */
export function tokenize(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER_SETTINGS): string[] {
  if (typeof text !== 'string') throw new InvalidInputError('text', 'a string', text);
  const tokens: string[] = [];
  for (const word of wordsOf(normalise(text), settings)) if (word.token !== null) tokens.push(word.token);
  return tokens;
}
