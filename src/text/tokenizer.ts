/**
 * Text → words → feature tokens. The only module that imports `natural`, and only by deep path: the package root
 * loads database drivers and prints on stdout (see ../shared/STYLE.md).
 *
 * Steps: Unicode NFKC → words with offsets (word-scanner.ts) → possessives and apostrophes dropped → dotted
 * and upper-case acronyms kept whole ("U.S." → "us", never a stop word) → lower case → stop words out → Porter
 * stems (natural). Every regular expression here is linear in the input, and so is stemming: natural's Porter
 * stemmer is quadratic in the length of a word (its `/[^aeiouy]+y/` step), so only words of at most
 * `MAX_STEMMED_LENGTH` characters are stemmed; a longer run of letters (CJK or Thai without spaces, a run of
 * consonants) is kept as it is. Each distinct surface form is worked out once (token-cache.ts).
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { InvalidInputError } from '../common/errors.js';
import { hashString } from './hash.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';
import { TokenCache } from './token-cache.js';
import { scanWords } from './word-scanner.js';

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

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const UPPER_ACRONYM = /^\p{Lu}{2,5}$/u;
const NUMBER = /^[\p{N}.,]+$/u;
const HAS_DIGIT = /\p{N}/u;

/** Flags of a word (`WordTable.flags`). */
export const KEPT = 1;
/** The word, lower-cased, is an English function word (language detection counts them), whatever the settings. */
export const FUNCTION_WORD = 2;

/**
 * The words of a text, as columns: word i spans `[starts[i], ends[i])` of the normalised text (its surface form,
 * possessive removed), its feature token has hash `hashes[i]` (as a signed 32-bit integer; 0 for a dropped word),
 * and `flags[i]` says whether it is kept (`KEPT`: not a stop word or too short) and whether it is a function word.
 */
export interface WordTable {
  readonly length: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
  readonly flags: Uint8Array;
}

/** The text as the tokenizer reads it: NFKC, typographic apostrophes made plain. Offsets of words refer to it. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHES, "'");
}

// One token cache per combination of settings (see token-cache.ts).
const tokenCaches = new Map<string, TokenCache>();

function cacheFor(settings: TokenizerSettings): TokenCache {
  const key = `${settings.stem}|${settings.stopWords}|${settings.minTokenLength}`;
  let cache = tokenCaches.get(key);
  if (cache === undefined) {
    cache = new TokenCache((surface) => {
      const token = toToken(surface, settings);
      const functionWord = ENGLISH_STOP_WORDS.has(surface.toLowerCase()) ? FUNCTION_WORD : 0;
      return { token, hash: token === null ? 0 : hashString(token), flags: (token === null ? 0 : KEPT) | functionWord };
    });
    tokenCaches.set(key, cache);
  }
  return cache;
}

/** The feature token of a surface form, or `null` when the word is dropped (no cache: see `readWords`). */
export function toToken(raw: string, settings: TokenizerSettings): string | null {
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

// Column buffers reused from text to text; each table gets a right-sized copy.
let scratch = new Int32Array(4 * 1024);

const APOSTROPHE = 0x27;

/**
 * The words of a normalised text (see `normalise`), in order, with offsets, token hashes and flags. When `tokens`
 * is given, each word's token (or `null`) is appended to it.
 */
export function readWords(normalised: string, settings: TokenizerSettings, tokens?: (string | null)[]): WordTable {
  const cache = cacheFor(settings);
  let n = 0;
  scanWords(normalised, (start, matchEnd) => {
    // A possessive is dropped: "Russia's" → "Russia".
    let end = matchEnd;
    if (end - start >= 2 && normalised.charCodeAt(end - 2) === APOSTROPHE && (normalised.charCodeAt(end - 1) | 0x20) === 0x73) end -= 2;
    if (end === start) return;
    const e = cache.find(normalised, start, end);
    if (4 * n + 4 > scratch.length) {
      const larger = new Int32Array(scratch.length * 2);
      larger.set(scratch);
      scratch = larger;
    }
    scratch[4 * n] = start;
    scratch[4 * n + 1] = end;
    scratch[4 * n + 2] = cache.hashes[e] as number;
    scratch[4 * n + 3] = cache.flags[e] as number;
    if (tokens !== undefined) tokens.push(cache.tokens[e] as string | null);
    n++;
  });
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const hashes = new Int32Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = scratch[4 * i] as number;
    ends[i] = scratch[4 * i + 1] as number;
    hashes[i] = scratch[4 * i + 2] as number;
    flags[i] = scratch[4 * i + 3] as number;
  }
  return { length: n, starts, ends, hashes, flags };
}

/** The surface form of word `i` of a text's words (`text` is the normalised text they were read from). */
export function surfaceOf(text: string, words: WordTable, i: number): string {
  return text.slice(words.starts[i], words.ends[i]);
}

/** The feature tokens of a text, in order: what a model with these settings sees (markup is not removed here). */
export function tokenize(text: string, settings: TokenizerSettings = DEFAULT_TOKENIZER_SETTINGS): string[] {
  if (typeof text !== 'string') throw new InvalidInputError('text', 'a string', text);
  const all: (string | null)[] = [];
  readWords(normalise(text), settings, all);
  return all.filter((token): token is string => token !== null);
}
