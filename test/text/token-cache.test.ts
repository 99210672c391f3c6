import { describe, expect, it } from 'vitest';
import { TOKEN_CACHE_LIMIT, TokenCache } from '../../src/text/token-cache.js';

/** A cache whose work records each surface form it is asked for. */
function counting() {
  const asked: string[] = [];
  const cache = new TokenCache((surface) => {
    asked.push(surface);
    return { token: surface.toUpperCase(), hash: surface.length, flags: surface.length % 2 };
  });
  return { cache, asked };
}

describe('TokenCache', () => {
  it('works a surface form out once, wherever in a text it appears', () => {
    const { cache, asked } = counting();
    const text = 'war, peace; war and peace. warfare';
    const first = cache.find(text, 0, 3);
    expect(cache.find(text, 12, 15)).toBe(first);
    expect(cache.find('war', 0, 3)).toBe(first);
    const peace = cache.find(text, 5, 10);
    expect(peace).not.toBe(first);
    // A longer form that starts with a known one is its own entry.
    const warfare = cache.find(text, 27, 34);
    expect(new Set([first, peace, warfare]).size).toBe(3);
    expect(asked).toEqual(['war', 'peace', 'warfare']);
    expect(cache.tokens[warfare]).toBe('WARFARE');
    expect(cache.hashes[warfare]).toBe(7);
    expect(cache.flags[warfare]).toBe(1);
  });

  it('keeps every entry right while its table and pool grow (long, non-ASCII and colliding forms)', () => {
    const { cache, asked } = counting();
    const forms = Array.from({ length: 20_000 }, (_, i) => `${i % 3 === 0 ? 'ünïcödé-' : ''}form${i}${'x'.repeat(i % 40)}`);
    const entries = forms.map((form) => cache.find(`  ${form}  `, 2, 2 + form.length));
    forms.forEach((form, i) => {
      expect(cache.find(form, 0, form.length)).toBe(entries[i]);
      expect(cache.tokens[entries[i] as number]).toBe(form.toUpperCase());
      expect(cache.hashes[entries[i] as number]).toBe(form.length);
    });
    expect(asked).toEqual(forms);
  });

  it('starts again empty at its limit, and still answers right', () => {
    const { cache, asked } = counting();
    for (let i = 0; i < TOKEN_CACHE_LIMIT; i++) {
      const form = `w${i}`;
      cache.find(form, 0, form.length);
    }
    expect(asked).toHaveLength(TOKEN_CACHE_LIMIT);
    const e = cache.find('fresh', 0, 5);
    // The table was cleared: the new form is its first entry, and an old one is worked out again.
    expect(e).toBe(0);
    expect(cache.tokens[e]).toBe('FRESH');
    expect(cache.find('w0', 0, 2)).toBe(1);
    expect(asked.slice(-2)).toEqual(['fresh', 'w0']);
  });
});
