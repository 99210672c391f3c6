/** Growing typed arrays: the one doubling rule of the token cache, the n-gram scratch space and the pooled counts. */

type Growable = Int32Array | Uint16Array | Uint8Array;

/** `array` when it holds `needed` entries; else a new one of the same kind, doubled until it does, with `array`'s first `used` entries. */
export function grown<T extends Growable>(array: T, needed: number, used: number = array.length): T {
  if (needed <= array.length) return array;
  let size = array.length;
  while (size < needed) size *= 2;
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array.subarray(0, used));
  return next;
}
