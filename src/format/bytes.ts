/**
 * Byte encodings of the model file: base64 text, raw DEFLATE (fflate: pure JavaScript, the same in Node, browsers
 * and workers), delta-varint integer lists and little-endian numbers. Inflation is always bounded by the size the
 * file declares, so a crafted file cannot make a reader allocate more than that (a "decompression bomb").
 */
import { optionalModule } from '../common/optional-modules.js';
import { toBase64 } from './base64.js';
import { type Codec, platformCodec } from './codec.js';

/** Raw DEFLATE at the highest level, as base64. */
export function pack(bytes: Uint8Array): string {
  return toBase64(optionalModule('fflate').deflateSync(bytes, { level: 9 }));
}

/**
 * Inflates base64 raw-DEFLATE text into at most `maxBytes` bytes. Returns the bytes, or a fault: not base64, not
 * DEFLATE, or more than `maxBytes` (inflation stops there).
 */
export function unpack(text: string, maxBytes: number, codec: Codec = platformCodec()): Uint8Array | string {
  const packed = codec.fromBase64(text);
  if (packed === undefined) return 'is not base64 text';
  let bytes: Uint8Array;
  try {
    bytes = codec.inflate(packed, maxBytes);
  } catch {
    return 'is damaged (its compressed data does not inflate)';
  }
  if (bytes.length > maxBytes) return `inflates to more than the ${maxBytes} bytes it should hold`;
  return bytes;
}

/** Ascending integers as varint-coded differences. */
export function encodeVarintDeltas(values: Int32Array): Uint8Array {
  const out: number[] = [];
  let previous = 0;
  for (const value of values) {
    let delta = value - previous;
    previous = value;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta);
  }
  return Uint8Array.from(out);
}

/** Decodes `count` ascending integers below `limit`; returns a fault text when the bytes do not fit. */
export function decodeVarintDeltas(bytes: Uint8Array, count: number, limit: number): Int32Array | string {
  const values = new Int32Array(count);
  let position = 0;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      if (position >= bytes.length || shift > 28) return 'is damaged (ends early)';
      const byte = bytes[position++] as number;
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) break;
    }
    const value = previous + delta;
    if ((i > 0 && delta === 0) || value >= limit) return 'is damaged (values out of order or range)';
    values[i] = value;
    previous = value;
  }
  if (position !== bytes.length) return 'is damaged (trailing bytes)';
  return values;
}

/** True on a little-endian host (every common one): typed arrays then hold model files' bytes as they are. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Little-endian bytes of a typed array: a view on it on a little-endian host (do not change the array while the
 * bytes are in use), a converted copy elsewhere.
 */
export function littleEndian(array: Float32Array | Int8Array | Int16Array | Int32Array | Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN || array.BYTES_PER_ELEMENT === 1) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const bytes = new Uint8Array(array.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float32Array) view.setFloat32(i * 4, array[i] as number, true);
    else if (array instanceof Int16Array) view.setInt16(i * 2, array[i] as number, true);
    else if (array instanceof Uint32Array) view.setUint32(i * 4, array[i] as number, true);
    else view.setInt32(i * 4, array[i] as number, true);
  }
  return bytes;
}

export function readFloat32s(bytes: Uint8Array, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function readInt16s(bytes: Uint8Array, count: number): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}
