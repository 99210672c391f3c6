import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/index.js';
import { readDocument } from '../../src/text/document.js';
import { detectLanguage } from '../../src/text/language.js';
import { DEFAULT_TOKENIZER_SETTINGS } from '../../src/text/tokenizer.js';
import { HAS_SHARED, readJsonl, sharedPath } from '../helpers/shared-data.js';

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/languages.json', import.meta.url), 'utf8')) as Record<string, string[]>;
const language = (text: string) => detectLanguage(readDocument({ title: null, body: text }, { ...DEFAULT_TOKENIZER_SETTINGS, maxChars: 100_000 }));
const CODES: Record<string, string> = { fr: 'fra', de: 'deu', es: 'spa', it: 'ita', pt: 'por', nl: 'nld' };

describe('language', () => {
  it.each(['fr', 'de', 'es', 'it', 'pt', 'nl'])('recognises news paragraphs in %s (written for the tests)', (lang) => {
    for (const text of fixtures[lang]!) expect(language(text)).toBe(CODES[lang]);
  });

  it('calls English text English, and a text too short to tell undetermined', () => {
    expect(language('The government said on Tuesday that it would raise taxes on fuel to pay for new roads and bridges, and the opposition called the plan a burden on families that drive to work.')).toBe('eng');
    expect(language('Earthquake kills dozens')).toBe('und');
  });

  it('classify gives a clearly non-English text no topics, says its language, and classifies it when asked', () => {
    for (const lang of ['fr', 'de', 'es']) {
      const text = fixtures[lang]![0]!;
      expect(classify(text)).toEqual({ topics: [], language: CODES[lang] });
      expect(classify(text, { language: 'any' }).topics.length).toBeGreaterThan(0);
    }
    expect(classify('Earthquake kills dozens')).toMatchObject({ language: 'und', topics: [{ id: 'natural-disasters' }] });
    expect(() => classify('text', { language: 'french' as never })).toThrow(/options\.language must be one of "english", "any"/);
  });

  it.skipIf(!HAS_SHARED)('takes every full-length article of the dev files for English', () => {
    for (const file of ['allsides.dev.jsonl', 'worldwide.dev.jsonl', 'bbc.dev.jsonl']) {
      const notEnglish = readJsonl(sharedPath('datasets', 'news-topics', file)).filter((r) => language(`${r.title ?? ''}\n${r.text}`) !== 'eng');
      expect(notEnglish.map((r) => r.id)).toEqual([]);
    }
  });
});
