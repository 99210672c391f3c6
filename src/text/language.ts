/**
 * The language of a read document, for the news model (which is English only). A text in which at least
 * `ENGLISH_SHARE` of the first 200 words are English function words is English without more ado (every
 * full-length English article of the dev files passes: their lowest share is 0.23; the French, German, Spanish,
 * Italian, Portuguese and Dutch paragraphs of the tests score at most 0.14). Any other text goes to franc-min
 * (wooorm/franc: trigram profiles of 82 languages, pure JavaScript), which reads its first 1,000 characters.
 * A text of fewer than `MIN_DETECT_CHARS` characters cannot be told reliably: it is `und` and treated as English.
 * franc-min is loaded on the first text that needs it. Codes are ISO 639-3, as franc gives them: `eng`, `fra`, `deu`, `spa`, …
 */
import { optionalModule } from '../common/optional-modules.js';
import type { Document } from './document.js';
import { FUNCTION_WORD } from './tokenizer.js';

/** Share of English function words at or above which a text is English. */
export const ENGLISH_SHARE = 0.2;
/** Shorter texts are `und` (undetermined). */
export const MIN_DETECT_CHARS = 150;
const SAMPLE_WORDS = 200;
const SAMPLE_CHARS = 1000;

/** The document's language: `eng`, another ISO 639-3 code, or `und` for a text too short to tell. */
export function detectLanguage(doc: Document): string {
  const sampled = Math.min(doc.words.length, SAMPLE_WORDS);
  let english = 0;
  for (let i = 0; i < sampled; i++) if (((doc.words.flags[i] as number) & FUNCTION_WORD) !== 0) english++;
  if (sampled > 0 && english / sampled >= ENGLISH_SHARE) return 'eng';
  const sample = doc.text.length > SAMPLE_CHARS ? doc.text.slice(0, SAMPLE_CHARS) : doc.text;
  if (sample.replace(/\s+/g, ' ').trim().length < MIN_DETECT_CHARS) return 'und';
  const code = optionalModule('franc-min').franc(sample, { minLength: 10 });
  // franc-min has Scots, which it gives some English; 'und' when it cannot tell.
  return code === 'sco' ? 'eng' : code;
}

/** True when the news model should not read a text in this language. */
export function isClearlyNotEnglish(language: string): boolean {
  return language !== 'eng' && language !== 'und';
}
