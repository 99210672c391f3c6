/**
 * Surface form → feature token, remembered. natural's Porter stemmer costs microseconds a word and news repeats its
 * words, so every distinct surface form is worked out once (per tokenizer settings) and looked up afterwards, by the
 * characters of the text itself: an open-addressing table hashed over the word's code units, compared against the
 * stored form, so that a word already seen costs no substring and no `Map` lookup on a fresh string. Bounded: at
 * `TOKEN_CACHE_LIMIT` forms the table starts again empty.
 */

/** Distinct surface forms kept before the table is cleared. */
export const TOKEN_CACHE_LIMIT = 200_000;

/** What a surface form becomes: its token (or `null` when dropped), the token's hash, and its flags. */
export interface TokenInfo {
  readonly token: string | null;
  readonly hash: number;
  readonly flags: number;
}

const INITIAL_CAPACITY = 1 << 12;

export class TokenCache {
  private capacity = INITIAL_CAPACITY;
  /** Open addressing: entry index + 1, or 0 for an empty slot. */
  private table = new Int32Array(INITIAL_CAPACITY);
  private forms: string[] = [];
  private formHashes: number[] = [];
  /** Per entry: token (or null), token hash, flags. */
  tokens: (string | null)[] = [];
  hashes: number[] = [];
  flags: number[] = [];

  constructor(private readonly work: (surface: string) => TokenInfo) {}

  /** The entry of the surface form `text[start, end)`, worked out on first sight. */
  find(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.capacity - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const stored = this.table[slot] as number;
      if (stored === 0) break;
      const e = stored - 1;
      if (this.formHashes[e] !== h) continue;
      const form = this.forms[e] as string;
      if (form.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (form.charCodeAt(k) !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      }
      if (same) return e;
    }
    return this.add(text.slice(start, end), h);
  }

  private add(form: string, h: number): number {
    if (this.forms.length >= TOKEN_CACHE_LIMIT) this.clear();
    if ((this.forms.length + 1) * 2 > this.capacity) this.grow();
    const info = this.work(form);
    const e = this.forms.length;
    this.forms.push(form);
    this.formHashes.push(h);
    this.tokens.push(info.token);
    this.hashes.push(info.hash);
    this.flags.push(info.flags);
    this.place(e, h);
    return e;
  }

  private place(e: number, h: number): void {
    const mask = this.capacity - 1;
    let slot = h & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = e + 1;
  }

  private grow(): void {
    this.capacity *= 2;
    this.table = new Int32Array(this.capacity);
    for (let e = 0; e < this.forms.length; e++) this.place(e, this.formHashes[e] as number);
  }

  private clear(): void {
    this.capacity = INITIAL_CAPACITY;
    this.table = new Int32Array(INITIAL_CAPACITY);
    this.forms = [];
    this.formHashes = [];
    this.tokens = [];
    this.hashes = [];
    this.flags = [];
  }
}
