/**
 * Countries mentioned in a text: common and official names, alternative spellings, demonyms and capitals from the
 * world-countries package (ISO 3166 codes; ODbL), plus what it lacks from data/place-aliases.json (abbreviations
 * such as "U.S.", metonyms such as "Kremlin", phrases that are not places such as "New Mexico" or "guinea pig", and
 * context rules for ambiguous names such as Georgia, Jordan, Chad and Turkey). Matching is case-sensitive, on whole
 * words, longest phrase first, so "South Korea" is one mention of South Korea and never also "Korea".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { requireText } from './options.js';

export interface PlaceMention {
  /** The country's common English name, e.g. `North Korea`. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 code, e.g. `KP`. */
  readonly code: string;
  /** How many times the text mentions it (names, demonyms, capitals, aliases). */
  readonly mentions: number;
  /** Character offset of the first mention. */
  readonly firstOffset: number;
}

interface Country {
  readonly cca2: string;
  readonly name: { readonly common: string; readonly official: string };
  readonly altSpellings: readonly string[];
  readonly capital?: readonly string[];
  readonly demonyms?: { readonly eng?: { readonly f: string; readonly m: string } };
}

interface AliasFile {
  readonly aliases: Record<string, string[]>;
  readonly notPlaces: string[];
  readonly personNames: string[];
  readonly contextual: Record<string, { names: string[]; place: string[]; other: string[] }>;
  readonly metonymCapitalsOnly: string[];
  readonly metonymVerbs: string[];
}

/** What a phrase means: a country code (and how it may be used), or `null` for a phrase that is not a country. */
interface Entry {
  readonly code: string | null;
  readonly capital: boolean;
}

interface Gazetteer {
  readonly names: Map<string, string>;
  /** Phrase (words joined by one space) → entry; `longest` is the most words in a phrase. */
  readonly phrases: Map<string, Entry>;
  readonly longest: number;
  readonly aliases: AliasFile;
}

// Words with their offsets: dotted abbreviations ("U.S."), or runs of letters, marks, digits and inner hyphens.
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu;
const GEOGRAPHIC_ADJECTIVES = new Set(['Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Neighbouring', 'Neighboring', 'Greater', 'Upper', 'Lower', 'Across', 'In', 'From', 'To', 'And', 'Of', 'The']);
const TITLES = new Set(['King', 'Queen', 'Prince', 'Princess', 'President', 'Prime', 'Foreign', 'Minister', 'Government', 'Army', 'Armed', 'Parliament', 'Embassy', 'Crown', 'Valley', 'River', 'National', 'State', 'Central']);

let cached: Gazetteer | undefined;

function gazetteer(): Gazetteer {
  if (cached) return cached;
  // Loaded on the first call only: the package's JSON is 1.4 MB. Its ESM entry imports JSON without an import
  // attribute, which Node refuses, so it is loaded through require.
  const countries = createRequire(import.meta.url)('world-countries') as Country[];
  const aliases = JSON.parse(readFileSync(new URL('../data/place-aliases.json', import.meta.url), 'utf8')) as AliasFile;
  const names = new Map<string, string>();
  const phrases = new Map<string, Entry>();
  const add = (phrase: string, entry: Entry) => {
    const words = wordsOf(phrase);
    if (words.length === 0) return;
    const key = words.map((w) => w.text).join(' ');
    // A phrase listed as "not a place" wins over everything; otherwise the first source wins.
    if (entry.code === null || !phrases.has(key)) phrases.set(key, entry);
  };
  for (const c of countries) {
    names.set(c.cca2, c.name.common);
    const forms = [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3 && /^\p{Lu}/u.test(s))];
    if (c.demonyms?.eng) forms.push(c.demonyms.eng.m, c.demonyms.eng.f, `${c.demonyms.eng.m}s`);
    for (const form of forms) add(form, { code: c.cca2, capital: false });
    for (const capital of c.capital ?? []) add(capital, { code: c.cca2, capital: true });
  }
  for (const [code, list] of Object.entries(aliases.aliases)) for (const alias of list) add(alias, { code, capital: false });
  for (const phrase of aliases.notPlaces) add(phrase, { code: null, capital: false });
  let longest = 1;
  for (const key of phrases.keys()) longest = Math.max(longest, key.split(' ').length);
  cached = { names, phrases, longest, aliases };
  return cached;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The words of a text with their offsets; a possessive is the name itself ("Jordan's army" → "Jordan"). */
function wordsOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = /['’]s$/.test(m[0]) ? m[0].slice(0, -2) : m[0];
    tokens.push({ text: word, start: m.index, end: m.index + word.length });
  }
  return tokens;
}

/** Countries mentioned in a text, most mentioned first (then earliest). */
export function places(body: string): PlaceMention[] {
  requireText(body, 'body');
  const g = gazetteer();
  const tokens = wordsOf(body);
  const found = new Map<string, { mentions: number; firstOffset: number }>();
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    let entry: Entry | undefined;
    for (let n = Math.min(g.longest, tokens.length - i); n >= 1; n--) {
      const key = tokens.slice(i, i + n).map((t) => t.text).join(' ');
      entry = g.phrases.get(key);
      if (entry !== undefined) {
        matched = n;
        break;
      }
    }
    if (matched === 0 || entry === undefined) {
      i++;
      continue;
    }
    const phrase = tokens.slice(i, i + matched);
    if (entry.code !== null && accepts(entry, phrase, tokens, i, matched, body, g)) {
      const first = phrase[0] as Token;
      const seen = found.get(entry.code);
      if (seen) seen.mentions++;
      else found.set(entry.code, { mentions: 1, firstOffset: first.start });
    }
    i += matched;
  }
  return [...found.entries()]
    .map(([code, f]) => ({ name: g.names.get(code) ?? code, code, mentions: f.mentions, firstOffset: f.firstOffset }))
    .sort((a, b) => b.mentions - a.mentions || a.firstOffset - b.firstOffset);
}

/** The context rules for ambiguous phrases. */
function accepts(entry: Entry, phrase: Token[], tokens: Token[], at: number, length: number, body: string, g: Gazetteer): boolean {
  const text = phrase.map((t) => t.text).join(' ');
  const next = tokens[at + length];
  const previous = tokens[at - 1];
  const rules = g.aliases;
  // Ambiguous capitals count only as metonyms: "Kingston said".
  if (entry.capital && rules.metonymCapitalsOnly.includes(text)) {
    return next !== undefined && rules.metonymVerbs.includes(next.text) && body.slice((phrase.at(-1) as Token).end, next.start).trim() === '';
  }
  // A single name that is also a given name or surname: "Michael Jordan", "Chad Johnson", "Denzel Washington".
  if (length === 1 && rules.personNames.includes(text)) {
    const adjacent = (a: Token, b: Token) => body.slice(a.end, b.start) === ' ';
    const first = phrase[0] as Token;
    if (previous && /^\p{Lu}\p{Ll}+$/u.test(previous.text) && !GEOGRAPHIC_ADJECTIVES.has(previous.text) && adjacent(previous, first) && !g.phrases.has(previous.text)) return false;
    if (next && /^\p{Lu}\p{Ll}+$/u.test(next.text) && !TITLES.has(next.text) && !rules.metonymVerbs.includes(next.text) && adjacent(first, next) && !g.phrases.has(next.text)) return false;
  }
  // Names shared with something else (Georgia the US state, turkey the bird): the text decides.
  const context = entry.code === null ? undefined : rules.contextual[entry.code];
  if (context && context.names.includes(text)) {
    const has = (cues: string[]) => cues.some((cue) => body.includes(cue));
    if (has(context.other) && !has(context.place)) return false;
  }
  return true;
}
