import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, places } from '../../src/index.js';
import { growthRatio, MAX_GROWTH } from '../helpers/growth.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';

const codes = (text: string) => places(text).map((p) => p.code);

describe('places', () => {
  it('returns name, ISO code, mentions and first offset, most mentioned first', () => {
    const text = 'Kenya and Uganda signed a deal. Kenyan officials said Nairobi would host the talks.';
    expect(places(text)).toEqual([
      { name: 'Kenya', code: 'KE', mentions: 3, firstOffset: 0 },
      { name: 'Uganda', code: 'UG', mentions: 1, firstOffset: text.indexOf('Uganda') },
    ]);
  });

  it('recognises official names, abbreviations, demonyms and capitals used as metonyms', () => {
    expect(codes("The Democratic People's Republic of Korea fired a missile.")).toEqual(['KP']);
    expect(codes('The DPRK, the U.S. and the UK traded warnings.')).toEqual(['KP', 'US', 'GB']);
    expect(codes('North Korean and Russian officials met.')).toEqual(['KP', 'RU']);
    expect(codes('Pyongyang said it would respond, and Washington warned of sanctions.')).toEqual(['KP', 'US']);
  });

  it('Georgia: the country with Caucasus context, not the US state', () => {
    expect(codes("Georgia's governor signed the bill in Atlanta on Tuesday.")).toEqual([]);
    expect(codes("Russian troops remain in Georgia's breakaway region of South Ossetia, Tbilisi said.")).toContain('GE');
  });

  it('Jordan and Chad: people or countries', () => {
    expect(codes('Michael Jordan scored 40 points. Jordan Peterson spoke later.')).toEqual([]);
    expect(places("King Abdullah of Jordan met officials in Amman. Jordan's army was on alert.")).toEqual([
      expect.objectContaining({ code: 'JO', mentions: 3 }),
    ]);
    expect(places("Chad Johnson caught the ball. Chad's president visited N'Djamena.")).toEqual([expect.objectContaining({ code: 'TD', mentions: 2 })]);
  });

  it('Turkey the bird, guinea pigs, New Mexico and Korea are not the countries', () => {
    expect(codes('We ate roast turkey at Thanksgiving. Turkey dinner was fine.')).toEqual([]);
    expect(codes('Turkey and Greece agreed on a maritime deal, Ankara said.')).toEqual(['TR', 'GR']);
    expect(codes('The guinea pig escaped. Guinea pigs are pets.')).toEqual([]);
    expect(codes('Guinea held elections.')).toEqual(['GN']);
    expect(codes('New Mexico passed a law.')).toEqual([]);
    expect(codes('New Mexico passed a law; Mexico responded.')).toEqual(['MX']);
  });

  it('counts "South Korea" once, never also as "Korea"', () => {
    expect(places('South Korea and North Korea met.')).toEqual([
      expect.objectContaining({ code: 'KR', mentions: 1 }),
      expect.objectContaining({ code: 'KP', mentions: 1 }),
    ]);
  });

  it('ambiguous capitals count only as metonyms', () => {
    expect(codes('Kingston is a city in Ontario.')).toEqual([]);
    expect(codes('Kingston said the storm had passed.')).toEqual(['JM']);
  });

  it('is linear in the text, however many ambiguous names it repeats (context rules look once per call)', () => {
    for (const name of ['Georgia ', 'Turkey ', 'Jordan ']) {
      // 1,024 and 4,096 mentions: both inputs stay in the processor's cache, so a test file running beside this one
      // cannot slow the larger more than the smaller (at 8,192 it did, up to 5.03x in CI); a quadratic rule gives 16x.
      const ratio = growthRatio((n, trial) => `${'Atlanta '.repeat(trial + 2)}${name.repeat(n)}`, places, 1024, 15);
      expect(ratio, `${name.trim()}: 4x the input took ${ratio.toFixed(1)}x the time`).toBeLessThanOrEqual(MAX_GROWTH);
    }
  });

  it('takes { title, body }', () => {
    expect(places({ title: 'Kenya votes', body: 'Results from Nairobi are due.' }).map((p) => p.code)).toEqual(['KE']);
  });

  it('validates its argument', () => {
    expect(() => places(7 as never)).toThrow(InvalidInputError);
  });

  it.skipIf(!HAS_SHARED)('seed article: North Korea first, then the others it names', () => {
    const found = places(readFileSync(sharedPath('seed', 'article.txt'), 'utf8'));
    expect(found[0]?.name).toBe('North Korea');
    for (const name of ['United States', 'South Korea', 'Russia', 'Ukraine', 'China']) expect(found.map((p) => p.name)).toContain(name);
  });
});
