/**
 * Text → feature tokens. The only module that imports `natural`, and only by deep path: the package root loads
 * database drivers and prints on stdout (see ../shared/STYLE.md).
 *
 * Steps: Unicode NFKC → word matching (natural's RegexpTokenizer with our pattern) → possessives and
 * apostrophes dropped → dotted and upper-case acronyms kept whole ("U.S." → "us", never a stop word) →
 * lower case → stop words out → Porter stems. Every regular expression here is linear in the input.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { InvalidInputError } from './errors.js';
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

/** Names the token rules; a model trained with other rules is refused (see model-file.ts). */
export const TOKENIZER_VERSION = 1;

// A dotted acronym ("U.S.", "e.g."), or a run of letters/digits with apostrophe parts ("Russia's") and
// decimal or thousands parts ("3.5", "1,000"). Each repetition starts with a distinct character, so no backtracking.
const WORD_PATTERN = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*(?:[.,]\p{N}+)*/gu;
const wordMatcher = new RegexpTokenizer({ pattern: WORD_PATTERN, gaps: false });
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const UPPER_ACRONYM = /^\p{Lu}{2,5}$/u;

/** A token as it appears in the text, with the feature token it becomes. */
export interface Word {
  /** The surface form, as written (possessive removed). */
  readonly surface: string;
  /** The feature token (lower case, stemmed); `null` when the word is dropped (stop word, too short). */
  readonly token: string | null;
}

// Surface form → feature token, one cache per combination of settings. natural's Porter stemmer costs ~7 µs a
// word and the checks below a few regular expressions; news repeats its words, so a bounded cache pays for itself.
const TOKEN_CACHE_LIMIT = 200_000;

/** A feature token with its hash (what the features use), or null for a dropped word. */
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
  const acronym = raw.includes('.') && !/^[\p{N}.,]+$/u.test(raw);
  if (acronym || UPPER_ACRONYM.test(raw)) return raw.replaceAll('.', '').toLowerCase();
  const lower = raw.toLowerCase();
  if (settings.stopWords && ENGLISH_STOP_WORDS.has(lower)) return null;
  const plain = lower.includes("'") ? lower.replaceAll("'", '') : lower;
  if (plain.length < settings.minTokenLength) return null;
  if (/^[\p{N}.,]+$/u.test(plain)) return plain.replaceAll(',', '');
  return settings.stem && !/\p{N}/u.test(plain) ? PorterStemmer.stem(plain) : plain;
}

/** Calls `visit` for every word of a text, in order, with its feature token (`null` when dropped). */
function eachWord(text: string, settings: TokenizerSettings, visit: (surface: string, token: CachedToken | null) => void): void {
  const normalised = text.normalize('NFKC').replace(APOSTROPHES, "'");
  const cache = cacheFor(settings);
  for (const match of wordMatcher.tokenize(normalised) ?? []) {
    const surface = match.endsWith("'s") || match.endsWith("'S") ? match.slice(0, -2) : match;
    if (surface.length > 0) visit(surface, cachedToken(surface, settings, cache));
  }
}

/** Splits text into words with their feature tokens, in order. */
export function words(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER_SETTINGS): Word[] {
  const result: Word[] = [];
  eachWord(text, settings, (surface, entry) => result.push({ surface, token: entry === null ? null : entry.token }));
  return result;
}

/** The feature tokens of a text, in order: what the classifier sees. */
export function tokenize(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER_SETTINGS): string[] {
  if (typeof text !== 'string') throw new InvalidInputError('text', 'a string', text);
  const tokens: string[] = [];
  eachWord(text, settings, (_surface, entry) => {
    if (entry !== null) tokens.push(entry.token);
  });
  return tokens;
}

/** The hashes of `tokenize(text)`, without building the token list (the feature path). */
export function tokenHashes(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER_SETTINGS): number[] {
  const hashes: number[] = [];
  eachWord(text, settings, (_surface, entry) => {
    if (entry !== null) hashes.push(entry.hash);
  });
  return hashes;
}
