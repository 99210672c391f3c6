/**
 * Countries mentioned in a text: common and official names, alternative spellings, demonyms and capitals from the
 * world-countries package (ISO 3166 codes; ODbL), plus what it lacks from data/place-aliases.json (abbreviations
 * such as "U.S.", metonyms such as "Kremlin", phrases that are not places such as "New Mexico" or "guinea pig", and
 * context rules for ambiguous names such as Georgia, Jordan, Chad and Turkey); both reach the code through
 * place-data.ts. Matching reads the words of the document as the features do (markup removed), is case-sensitive,
 * on whole words, longest phrase first, so "South Korea" is one mention of South Korea and never also "Korea".
 * Linear in the text: each context rule looks at the text once per call, not once per mention.
 */
import type { PlaceMention } from '../model/result.js';
import { type Document, readDocument } from '../text/document.js';
import { type ArticleInput, toArticle } from '../text/input.js';
import { DEFAULT_TOKENIZER_SETTINGS, normalise, readWords, surfaceOf } from '../text/tokenizer.js';
import { COUNTRIES, PLACE_RULES } from './place-data.js';

/** What a phrase means: a country code (and how it may be used), or `null` for a phrase that is not a country. */
interface Entry {
  readonly code: string | null;
  readonly capital: boolean;
}

/** A trie of phrases by surface word: the node reached by a phrase's words holds its entry. */
interface TrieNode {
  entry?: Entry;
  key: string;
  next?: Map<string, TrieNode>;
}

interface Gazetteer {
  readonly names: Map<string, string>;
  /** Phrase (surface words joined by one space) → entry. */
  readonly phrases: Map<string, Entry>;
  /** The same phrases as a trie, first word first. */
  readonly trie: Map<string, TrieNode>;
}

const GEOGRAPHIC_ADJECTIVES = new Set(['Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Neighbouring', 'Neighboring', 'Greater', 'Upper', 'Lower', 'Across', 'In', 'From', 'To', 'And', 'Of', 'The']);
const TITLES = new Set(['King', 'Queen', 'Prince', 'Princess', 'President', 'Prime', 'Foreign', 'Minister', 'Government', 'Army', 'Armed', 'Parliament', 'Embassy', 'Crown', 'Valley', 'River', 'National', 'State', 'Central']);
const METONYM_CAPITALS = new Set<string>(PLACE_RULES.metonymCapitalsOnly);
const METONYM_VERBS = new Set<string>(PLACE_RULES.metonymVerbs);
const PERSON_NAMES = new Set<string>(PLACE_RULES.personNames);
const CONTEXTUAL: Record<string, { readonly names: readonly string[]; readonly place: readonly string[]; readonly other: readonly string[] }> = PLACE_RULES.contextual;
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;

let cached: Gazetteer | undefined;

/** A phrase's key: its words as the tokenizer finds them, joined by one space. */
function keyOf(phrase: string): string {
  const text = normalise(phrase);
  const words = readWords(text, DEFAULT_TOKENIZER_SETTINGS);
  return Array.from({ length: words.length }, (_, i) => surfaceOf(text, words, i)).join(' ');
}

function gazetteer(): Gazetteer {
  if (cached) return cached;
  const names = new Map<string, string>();
  const phrases = new Map<string, Entry>();
  const add = (phrase: string, entry: Entry) => {
    const key = keyOf(phrase);
    if (key.length === 0) return;
    // A phrase listed as "not a place" wins over everything; otherwise the first source wins.
    if (entry.code === null || !phrases.has(key)) phrases.set(key, entry);
  };
  for (const c of COUNTRIES) {
    names.set(c.code, c.name);
    for (const form of c.forms) add(form, { code: c.code, capital: false });
    for (const capital of c.capitals) add(capital, { code: c.code, capital: true });
  }
  for (const [code, list] of Object.entries(PLACE_RULES.aliases)) for (const alias of list as readonly string[]) add(alias, { code, capital: false });
  for (const phrase of PLACE_RULES.notPlaces) add(phrase, { code: null, capital: false });
  const trie = new Map<string, TrieNode>();
  for (const [key, entry] of phrases) {
    let level = trie;
    let node: TrieNode | undefined;
    const parts = key.split(' ');
    parts.forEach((part, k) => {
      node = level.get(part);
      if (node === undefined) {
        node = { key: parts.slice(0, k + 1).join(' ') };
        level.set(part, node);
      }
      if (k < parts.length - 1) level = node.next ??= new Map();
    });
    (node as TrieNode | undefined as TrieNode).entry = entry;
  }
  cached = { names, phrases, trie };
  return cached;
}

/** Countries mentioned in a read document, most mentioned first (then earliest). */
export function placesIn(doc: Document): PlaceMention[] {
  const g = gazetteer();
  const { words, text } = doc;
  const found = new Map<string, { mentions: number; firstOffset: number }>();
  // Context rules ask whether the text has certain cues: answered once per country and call.
  const contextVerdicts = new Map<string, boolean>();
  let i = 0;
  while (i < words.length) {
    // Longest phrase first, walking a trie of phrases word by word: no key is built for a word that starts none.
    let matched = 0;
    let entry: Entry | undefined;
    let key = '';
    let node = g.trie.get(surfaceOf(text, words, i));
    for (let n = 1; node !== undefined; n++) {
      if (node.entry !== undefined) {
        matched = n;
        entry = node.entry;
        key = node.key;
      }
      node = i + n < words.length ? node.next?.get(surfaceOf(text, words, i + n)) : undefined;
    }
    if (matched === 0 || entry === undefined) {
      i++;
      continue;
    }
    if (entry.code !== null && accepts(entry, key, doc, i, matched, contextVerdicts)) {
      const seen = found.get(entry.code);
      if (seen) seen.mentions++;
      else found.set(entry.code, { mentions: 1, firstOffset: words.starts[i] as number });
    }
    i += matched;
  }
  return [...found.entries()]
    .map(([code, f]) => ({ name: g.names.get(code) ?? code, code, mentions: f.mentions, firstOffset: f.firstOffset }))
    .sort((a, b) => b.mentions - a.mentions || a.firstOffset - b.firstOffset);
}

interface PlacedWord {
  readonly surface: string;
  readonly start: number;
  readonly end: number;
}

/** The context rules for ambiguous phrases. */
function accepts(entry: Entry, text: string, doc: Document, at: number, length: number, contextVerdicts: Map<string, boolean>): boolean {
  const { words } = doc;
  const word = (k: number): PlacedWord | undefined =>
    k >= 0 && k < words.length ? { surface: surfaceOf(doc.text, words, k), start: words.starts[k] as number, end: words.ends[k] as number } : undefined;
  const first = word(at) as PlacedWord;
  const last = word(at + length - 1) as PlacedWord;
  const next = word(at + length);
  const previous = word(at - 1);
  const end = (w: PlacedWord) => w.end;
  const adjacent = (a: PlacedWord, b: PlacedWord) => doc.text.slice(end(a), b.start) === ' ';
  // Ambiguous capitals count only as metonyms: "Kingston said".
  if (entry.capital && METONYM_CAPITALS.has(text)) {
    return next !== undefined && METONYM_VERBS.has(next.surface) && doc.text.slice(end(last), next.start).trim() === '';
  }
  const g = gazetteer();
  // A single name that is also a given name or surname: "Michael Jordan", "Chad Johnson", "Denzel Washington".
  if (length === 1 && PERSON_NAMES.has(text)) {
    if (previous && TITLE_CASE.test(previous.surface) && !GEOGRAPHIC_ADJECTIVES.has(previous.surface) && adjacent(previous, first) && !g.phrases.has(previous.surface)) return false;
    if (next && TITLE_CASE.test(next.surface) && !TITLES.has(next.surface) && !METONYM_VERBS.has(next.surface) && adjacent(first, next) && !g.phrases.has(next.surface)) return false;
  }
  // Names shared with something else (Georgia the US state, turkey the bird): the text decides, once per call.
  const context = entry.code === null ? undefined : CONTEXTUAL[entry.code];
  if (context && context.names.includes(text)) {
    let verdict = contextVerdicts.get(entry.code as string);
    if (verdict === undefined) {
      const has = (cues: readonly string[]) => cues.some((cue) => doc.text.includes(cue));
      verdict = !(has(context.other) && !has(context.place));
      contextVerdicts.set(entry.code as string, verdict);
    }
    return verdict;
  }
  return true;
}

/** How much of a text `places` reads: far more than a model does, since matching names is cheap. */
const PLACES_MAX_CHARS = 10_000_000;

/** Countries an article mentions (a body, or `{ title?, body }`), most mentioned first (then earliest). */
export function places(input: ArticleInput): PlaceMention[] {
  return placesIn(readDocument(toArticle(input, 'input'), { ...DEFAULT_TOKENIZER_SETTINGS, maxChars: PLACES_MAX_CHARS }));
}
