/**
 * Reading a text, once: an article becomes its cleaned, normalised text (markup removed, cut to the length the
 * model reads), the truncation when it was cut, and its words with their offsets, feature tokens and hashes.
 * Features, explanations, truncation and places all use this one value, so none of them sees markup and an
 * explanation can only name words the features used.
 */
import { articleText, type Article } from './input.js';
import { textForFeatures } from './clean.js';
import { normalise, readWords, type TokenizerSettings, type WordTable } from './tokenizer.js';

/** A text longer than the model reads: how long it was and how much was read (after markup removal). */
export interface Truncation {
  readonly characters: number;
  readonly read: number;
}

export interface ReadSettings extends TokenizerSettings {
  /** Only the first `maxChars` characters of a text (after markup is removed) are read. */
  readonly maxChars: number;
}

export interface Document {
  /** The text as read: markup removed, cut to `maxChars`, normalised (word offsets refer to it). */
  readonly text: string;
  /** Set when the text was longer than `maxChars`. */
  readonly truncated: Truncation | undefined;
  /** Its words, as columns (offsets into `text`, token hashes, flags). */
  readonly words: WordTable;
}

/** Reads an article: clean-up, cut, normalisation and words, in one pass over each stage. */
export function readDocument(article: Article, settings: ReadSettings): Document {
  // Markup is removed before the length limit applies, so that a page heavy with tags still has its text read.
  const plain = textForFeatures(articleText(article));
  const cut = plain.length > settings.maxChars;
  const text = normalise(cut ? plain.slice(0, settings.maxChars) : plain);
  return {
    text,
    truncated: cut ? { characters: plain.length, read: settings.maxChars } : undefined,
    words: readWords(text, settings),
  };
}
