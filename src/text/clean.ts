/**
 * Text clean-up before features: scraped article bodies may carry HTML (tags, entities, scripts, styles). When a
 * text looks like markup it goes through htmlparser2's tokenizer (a real, streaming HTML tokenizer: linear, no regex
 * over tags; its tree-building Parser is avoided because it is quadratic on deeply nested tags), keeping text and
 * decoded entities, dropping scripts, styles and titles, and turning block elements into line breaks; then control
 * characters are dropped and runs of blank space folded. The tokenizer is loaded on the first text with markup.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalModule } from '../common/optional-modules.js';

const LOOKS_LIKE_HTML = /<[a-zA-Z!/?]|&(?:#\d{1,7}|#x[\da-fA-F]{1,6}|[a-zA-Z]{2,31});/;
// Elements whose content is never article text. The tokenizer reads each as raw text up to its own end tag.
const SKIPPED = new Set(['script', 'style', 'title']);
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'table', 'section',
  'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'figure', 'figcaption', 'aside', 'nav', 'main', 'dd', 'dt',
]);
// Control characters other than tab and line breaks, and the zero-width ones.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g;

function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping: string | null = null;
  let tag = '';
  const noop = () => {};
  const { Tokenizer } = optionalModule('htmlparser2');
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext(start, end) {
        if (skipping === null) parts.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (skipping === null) parts.push(String.fromCodePoint(codepoint));
      },
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        if (skipping !== null) return;
        if (SKIPPED.has(tag)) skipping = tag;
        else if (BLOCKS.has(tag)) parts.push('\n');
      },
      onselfclosingtag() {
        if (skipping === tag) skipping = null;
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (skipping === name) skipping = null;
        else if (skipping === null && BLOCKS.has(name)) parts.push('\n');
      },
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onprocessinginstruction: noop,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
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
