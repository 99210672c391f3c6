/**
 * Finding the words of a normalised text, by hand: the same words as the pattern
 *   (?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*(?:[.,]\p{N}+)*   (flags g and u)
 * (a dotted acronym such as "U.S.", or a run of letters, marks and digits with apostrophe parts such as "Russia's"
 * and decimal or thousands parts such as "3.5" or "1,000"), at the same offsets, without a match object or a
 * substring per word. One pass, each character looked at a bounded number of times: linear. Character classes
 * come from the same Unicode properties, looked up once per code point and kept in a table.
 * test/text/word-scanner.test.ts checks it against the pattern itself.
 */

const LETTER = 1;
const MARK = 2;
const NUMBER = 4;
const KNOWN = 8;
const WORD_CHAR = LETTER | MARK | NUMBER;
const APOSTROPHE_PART = LETTER | MARK;

const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_NUMBER = /^\p{N}$/u;

/** Classes of the Basic Multilingual Plane, filled as code points are met (0: not looked up yet). */
const BMP = new Uint8Array(0x10000);
const ASTRAL = new Map<number, number>();

function lookUp(codePoint: number): number {
  const s = String.fromCodePoint(codePoint);
  return KNOWN | (IS_LETTER.test(s) ? LETTER : 0) | (IS_MARK.test(s) ? MARK : 0) | (IS_NUMBER.test(s) ? NUMBER : 0);
}

for (let c = 0; c < 128; c++) BMP[c] = lookUp(c);

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let cls = BMP[codePoint] as number;
    if (cls === 0) BMP[codePoint] = cls = lookUp(codePoint);
    return cls;
  }
  let cls = ASTRAL.get(codePoint);
  if (cls === undefined) ASTRAL.set(codePoint, (cls = lookUp(codePoint)));
  return cls;
}

/** The code point at `i` (a lone surrogate is its own code point, as with the `u` flag). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Class of the code point at `i` (0 past the end); `width` of that code point is 2 for a surrogate pair. */
function classAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  return c < 128 ? (BMP[c] as number) : classOf(codePointAt(text, i));
}

function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && codePointAt(text, i) > 0xffff ? 2 : 1;
}

/** End of a run of characters of `classes` starting at `i`. */
function runEnd(text: string, i: number, classes: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (((BMP[c] as number) & classes) === 0) break;
      j++;
    } else {
      if ((classOf(codePointAt(text, j)) & classes) === 0) break;
      j += widthAt(text, j);
    }
  }
  return j;
}

const DOT = 0x2e;
const COMMA = 0x2c;
const QUOTE = 0x27;

/** Calls `found(start, end)` for every word of the text, in order (the pattern's matches, as offsets). */
export function scanWords(text: string, found: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if ((cls & WORD_CHAR) === 0) {
      i += text.charCodeAt(i) < 128 ? 1 : widthAt(text, i);
      continue;
    }
    const start = i;
    // A dotted acronym first: two or more of (letter, full stop), as many as there are.
    if (cls & LETTER) {
      let j = i;
      let repeats = 0;
      while (classAt(text, j) & LETTER) {
        const after = j + widthAt(text, j);
        if (after >= n || text.charCodeAt(after) !== DOT) break;
        j = after + 1;
        repeats++;
      }
      if (repeats >= 2) {
        found(start, j);
        i = j;
        continue;
      }
    }
    // Otherwise letters, marks and digits, then apostrophe parts, then decimal or thousands parts.
    let j = runEnd(text, i, WORD_CHAR);
    while (j + 1 < n && text.charCodeAt(j) === QUOTE && (classAt(text, j + 1) & APOSTROPHE_PART) !== 0) j = runEnd(text, j + 1, APOSTROPHE_PART);
    while (j + 1 < n && (text.charCodeAt(j) === DOT || text.charCodeAt(j) === COMMA) && (classAt(text, j + 1) & NUMBER) !== 0) j = runEnd(text, j + 1, NUMBER);
    found(start, j);
    i = j;
  }
}
