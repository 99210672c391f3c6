/**
 * Text clean-up before features: scraped article bodies may carry HTML (tags, entities, scripts, styles). When a
 * text looks like markup it goes through htmlparser2 (a real, streaming HTML parser: linear, no regex over tags),
 * keeping text nodes and turning block elements into line breaks; then control characters are dropped and runs of
 * blank space folded.
 */
import { Parser } from 'htmlparser2';
import { InvalidInputError } from './errors.js';

const LOOKS_LIKE_HTML = /<[a-zA-Z!/?]|&(?:#\d{1,7}|#x[\da-fA-F]{1,6}|[a-zA-Z]{2,31});/;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'table', 'section',
  'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'figure', 'figcaption', 'aside', 'nav', 'main', 'dd', 'dt',
]);
// Control characters other than tab and line breaks, and the zero-width ones.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g;

function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCKS.has(name)) parts.push('\n');
      },
      onclosetag(name, implied) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCKS.has(name) && !implied) parts.push('\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

/**
 * What the features read: markup turned into text and invisible characters dropped (a zero-width space inside a
 * word would split it). Blank space is left alone: the tokenizer skips it anyway.
 */
export function textForFeatures(text: string): string {
  const plain = LOOKS_LIKE_HTML.test(text) ? htmlToText(text) : text;
  return plain.replace(CONTROL, '');
}

/** Plain text of a scraped body: markup removed, entities decoded, control characters out, blank runs folded. */
export function cleanText(text: string): string {
  if (typeof text !== 'string') throw new InvalidInputError('text', 'a string', text);
  return textForFeatures(text)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}
