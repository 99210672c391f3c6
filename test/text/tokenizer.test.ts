import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/index.js';
import { MAX_STEMMED_LENGTH, normalise, readWords, surfaceOf, DEFAULT_TOKENIZER_SETTINGS } from '../../src/text/tokenizer.js';
import { growthRatio, MAX_GROWTH } from '../helpers/growth.js';

describe('tokenize (golden)', () => {
  it('drops possessives, with straight or curly apostrophes', () => {
    expect(tokenize("Russia's army")).toEqual(['russia', 'armi']);
    expect(tokenize('North Korea’s ruling party')).toEqual(['north', 'korea', 'rule', 'parti']);
  });

  it('keeps dotted and upper-case acronyms whole and never treats them as stop words', () => {
    expect(tokenize('The U.S. and the U.K. met')).toEqual(['us', 'uk', 'met']);
    expect(tokenize('It was us')).toEqual([]);
    expect(tokenize('US troops and the WHO')).toEqual(['us', 'troop', 'who']);
  });

  it('splits hyphenated names into their parts', () => {
    expect(tokenize('U.S.-China trade talks')).toEqual(['us', 'china', 'trade', 'talk']);
    expect(tokenize('Russia-Ukraine war')).toEqual(['russia', 'ukrain', 'war']);
  });

  it('keeps numbers, with decimals and without thousands separators', () => {
    expect(tokenize('He paid $1,000.50 for 3.5% of it in 2023.')).toEqual(['paid', '1000.50', '3.5', '2023']);
  });

  it('handles Unicode letters and normalises compatibility forms', () => {
    expect(tokenize('Café in São Paulo, Zürich')).toEqual(['café', 'são', 'paulo', 'zürich']);
    expect(tokenize('ﬁnance')).toEqual(['financ']); // the "ﬁ" ligature
    expect(tokenize('Ｔｏｋｙｏ')).toEqual(['tokyo']); // full-width letters
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('... --- !!!')).toEqual([]);
  });

  it('keeps the surface form and offset of every word', () => {
    const text = normalise("Russia's U.S. allies");
    const words = readWords(text, DEFAULT_TOKENIZER_SETTINGS);
    expect(Array.from(words.starts, (start, i) => [surfaceOf(text, words, i), start])).toEqual([['Russia', 0], ['U.S.', 9], ['allies', 14]]);
  });

  it('stems English-length words only: a long run of letters is kept as it is', () => {
    expect(tokenize('preparations')).toEqual(['prepar']);
    const long = 'b'.repeat(MAX_STEMMED_LENGTH + 1);
    expect(tokenize(long)).toEqual([long]);
  });

  it('is linear in the length of a word (natural\'s Porter stemmer is quadratic in it)', () => {
    // Fresh words each time (the token cache must not help): CJK without spaces, and consonants.
    for (const letter of ['中', 'b']) {
      const ratio = growthRatio((n, trial) => `${letter.repeat(n)}${'xyz'[trial % 3]}${trial}`, tokenize, 250_000);
      expect(ratio, `${letter}: 4x the input took ${ratio.toFixed(1)}x the time`).toBeLessThanOrEqual(MAX_GROWTH);
    }
  });

  it('stays linear on pathological input (1 MB runs)', () => {
    for (const text of ['a'.repeat(1_000_000), '.'.repeat(1_000_000), "a'".repeat(500_000), 'a.'.repeat(500_000), '1,'.repeat(500_000)]) {
      // No timing assertion (shared machines are noisy): a regex that backtracked would not return at all.
      expect(Array.isArray(tokenize(text))).toBe(true);
    }
  });
});
