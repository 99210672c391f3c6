/**
 * The two byte operations a model file needs, behind one interface: bounded raw-DEFLATE inflation and SHA-256.
 * The core's default is pure JavaScript (fflate, @noble/hashes), the same in browsers and workers; Node's loaders
 * (io/) pass `nodeCodec`, which does the same with node:zlib and node:crypto, several times faster on a large model.
 * Either reads and checks the same files.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { inflateSync } from 'fflate';
import { fromBase64 } from './base64.js';

/** An incremental SHA-256. */
export interface Hasher {
  update(text: string): void;
  hex(): string;
}

export interface Codec {
  /** Decodes base64 text; undefined when it is not base64. */
  fromBase64(text: string): Uint8Array | undefined;
  /** Inflates raw DEFLATE into at most `maxBytes + 1` bytes (so that one byte too many shows), or throws. */
  inflate(packed: Uint8Array, maxBytes: number): Uint8Array;
  sha256(): Hasher;
}

export const pureCodec: Codec = {
  fromBase64,
  inflate(packed, maxBytes) {
    return inflateSync(packed, { out: new Uint8Array(maxBytes + 1) });
  },
  sha256() {
    const hash = sha256.create();
    const encoder = new TextEncoder();
    return {
      update: (text) => hash.update(encoder.encode(text)),
      hex: () => bytesToHex(hash.digest()),
    };
  },
};
