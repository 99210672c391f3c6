/** 32-bit FNV-1a over UTF-16 code units, finished with murmur3's avalanche so low bits are well mixed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return finalize(hash);
}

/** Hash of an ordered pair of token hashes (a bigram), without building the bigram string. */
export function hashPair(first: number, second: number): number {
  return finalize(Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(second, 0xc2b2ae35) + 0x27d4eb2f);
}

function finalize(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
