/**
 * Surface form → feature token, remembered. natural's Porter stemmer costs microseconds a word and news repeats its
 * words, so every distinct surface form is worked out once (per tokenizer settings) and looked up afterwards, by the
 * characters of the text itself: an open-addressing table hashed over the word's code units, compared against the
 * stored form, so that a word already seen costs no substring and no `Map` lookup on a fresh string. Forms are kept
 * as code units in one typed pool (not as strings: a substring can keep its whole article alive), and every column
 * is a typed array. Bounded: at `TOKEN_CACHE_LIMIT` forms, or when the pool is full, the table starts again empty.
 */
import { grown } from '../common/typed-arrays.js';

/** Distinct surface forms kept before the table is cleared. */
export const TOKEN_CACHE_LIMIT = 200_000;
/** Code units of surface forms kept before the table is cleared (8 MB). */
const POOL_LIMIT = 1 << 22;

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
  private count = 0;
  /** The surface forms' code units, end to end; entry e's form is `pool[formStarts[e], formStarts[e + 1])`. */
  private pool = new Uint16Array(1 << 14);
  private formStarts = new Int32Array(INITIAL_CAPACITY + 1);
  private formHashes = new Int32Array(INITIAL_CAPACITY);
  /** Per entry: token (or null), token hash, flags. */
  tokens: (string | null)[] = [];
  hashes = new Int32Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);

  constructor(private readonly work: (surface: string) => TokenInfo) {}

  /** The entry of the surface form `text[start, end)`, worked out on first sight. */
  find(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const { table, formHashes, formStarts, pool } = this;
    const mask = this.capacity - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const stored = table[slot] as number;
      if (stored === 0) break;
      const e = stored - 1;
      if (formHashes[e] !== h) continue;
      const at = formStarts[e] as number;
      if ((formStarts[e + 1] as number) - at !== length) continue;
      let k = 0;
      while (k < length && pool[at + k] === text.charCodeAt(start + k)) k++;
      if (k === length) return e;
    }
    return this.add(text, start, end, h);
  }

  private add(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    if (this.count >= TOKEN_CACHE_LIMIT || (this.formStarts[this.count] as number) + length > POOL_LIMIT) this.clear();
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const info = this.work(text.slice(start, end));
    const e = this.count++;
    const at = this.formStarts[e] as number;
    this.pool = grown(this.pool, at + length, at);
    for (let k = 0; k < length; k++) this.pool[at + k] = text.charCodeAt(start + k);
    this.formStarts[e + 1] = at + length;
    this.formHashes[e] = h;
    this.tokens.push(info.token);
    this.hashes[e] = info.hash;
    this.flags[e] = info.flags;
    this.place(e, h);
    return e;
  }

  private place(e: number, h: number): void {
    const mask = this.capacity - 1;
    let slot = h & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = e + 1;
  }

  /** Doubles the table (kept at most half full) and the entry columns. */
  private grow(): void {
    this.capacity *= 2;
    const used = this.count;
    this.formStarts = grown(this.formStarts, this.capacity + 1, used + 1);
    this.formHashes = grown(this.formHashes, this.capacity, used);
    this.hashes = grown(this.hashes, this.capacity, used);
    this.flags = grown(this.flags, this.capacity, used);
    this.table = new Int32Array(this.capacity);
    for (let e = 0; e < used; e++) this.place(e, this.formHashes[e] as number);
  }

  private clear(): void {
    this.capacity = INITIAL_CAPACITY;
    this.table = new Int32Array(INITIAL_CAPACITY);
    this.count = 0;
    this.pool = new Uint16Array(1 << 14);
    this.formStarts = new Int32Array(INITIAL_CAPACITY + 1);
    this.formHashes = new Int32Array(INITIAL_CAPACITY);
    this.tokens = [];
    this.hashes = new Int32Array(INITIAL_CAPACITY);
    this.flags = new Uint8Array(INITIAL_CAPACITY);
  }
}
