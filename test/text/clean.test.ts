import { describe, expect, it } from 'vitest';
import { classify, cleanText, tokenize } from '../../src/index.js';

describe('cleanText', () => {
  it('turns HTML into text: tags out, entities decoded, scripts and styles dropped, blocks on their own lines', () => {
    const html = '<html><head><title>t</title><style>p { color: red }</style></head><body><h1>Storm &amp; floods</h1>' +
      '<script>var x = "<p>not text</p>";</script><p>Rain&nbsp;fell for 3&#160;days&hellip;</p><p>Rivers rose.</p></body></html>';
    expect(cleanText(html)).toBe('Storm & floods\nRain fell for 3 days…\nRivers rose.');
  });

  it('drops control and zero-width characters and folds runs of blank space', () => {
    expect(cleanText('a\u0000b\u200bc\t\t  d\r\n\n\n e')).toBe('abc d\ne');
  });

  it('leaves plain text with a stray "<" or "&" readable', () => {
    expect(cleanText('Profits rose 5% & shares < 10 dollars')).toBe('Profits rose 5% & shares < 10 dollars');
  });

  it('stays linear on pathological input (no timing assertion: a backtracking pattern would not return)', () => {
    const inputs = [
      '<div>'.repeat(200_000),
      '<'.repeat(1_000_000),
      '&'.repeat(1_000_000),
      '<a href="'.repeat(100_000),
      ' \n'.repeat(500_000),
      '!?.,;:'.repeat(200_000),
    ];
    for (const input of inputs) {
      expect(typeof cleanText(input)).toBe('string');
      expect(Array.isArray(tokenize(input))).toBe(true);
    }
    expect(classify('<div>'.repeat(50_000) + 'The striker scored a goal in the league match.').topics[0]?.id).toBe('sport');
  });

  it('reads article bodies as scraped: dateline, metadata line and boilerplate', () => {
    const scraped = ' date 2024-05-01 en English\nSport\n\nBy: Staff Reporter\nPublished: May 1, 2024 at 9:00 am EST\n' +
      'The striker scored twice in the second half as the league leaders won the cup final.\n\n' +
      '&copy; 2024 Publisher. All rights reserved. Subscribe to our newsletter.';
    expect(classify(scraped).topics[0]?.id).toBe('sport');
  });
});
