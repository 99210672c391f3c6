/**
 * The two byte operations model files need, behind one interface: bounded raw-DEFLATE inflation and SHA-256.
 * `pureCodec` is pure JavaScript (fflate, @noble/hashes, loaded on first use: common/optional-modules.ts), the same
 * in browsers and workers; `nativeCodec` does the same with Node's zlib and crypto (several times faster on a large
 * model), found at run time with `process.getBuiltinModule`, so this module imports no Node module. `platformCodec`
 * is the native one where the runtime has it (Node, Bun, Deno), else the pure one. Each reads and checks the same
 * files (test/format/model-json.test.ts).
 */
import type * as Crypto from 'node:crypto';
import type * as Zlib from 'node:zlib';
import { nodeBuiltin, optionalModule } from '../common/optional-modules.js';
import { fromBase64 } from './base64.js';

/** An incremental SHA-256. */
export interface Hasher {
  /** Text is hashed as UTF-8. */
  update(data: string | Uint8Array): void;
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
    return optionalModule('fflate').inflateSync(packed, { out: new Uint8Array(maxBytes + 1) });
  },
  sha256() {
    const hash = optionalModule('@noble/hashes/sha2.js').sha256.create();
    const { bytesToHex } = optionalModule('@noble/hashes/utils.js');
    const encoder = new TextEncoder();
    return {
      update: (data) => hash.update(typeof data === 'string' ? encoder.encode(data) : data),
      hex: () => bytesToHex(hash.digest()),
    };
  },
};

/** Node's zlib and crypto, or undefined where the runtime has no Node modules. */
export function nativeCodec(): Codec | undefined {
  const zlib = nodeBuiltin<typeof Zlib>('node:zlib');
  const crypto = nodeBuiltin<typeof Crypto>('node:crypto');
  const BufferClass = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (zlib === undefined || crypto === undefined || BufferClass === undefined) return undefined;
  return {
    fromBase64(text) {
      // Buffer.from skips characters that are not base64, so a text with any decodes short: that is the check.
      if (text.length % 4 !== 0) return undefined;
      const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
      const bytes = BufferClass.from(text, 'base64');
      return bytes.length === (text.length / 4) * 3 - padding ? bytes : undefined;
    },
    inflate(packed, maxBytes) {
      // maxOutputLength stops inflation one byte past the declared size, as the pure codec does; one chunk of that
      // size saves concatenating many small ones.
      try {
        return zlib.inflateRawSync(packed, { maxOutputLength: maxBytes + 1, chunkSize: Math.max(maxBytes + 1, 64) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return new Uint8Array(maxBytes + 1);
        throw error;
      }
    },
    sha256() {
      const hash = crypto.createHash('sha256');
      return {
        update: (data) => void (typeof data === 'string' ? hash.update(data, 'utf8') : hash.update(data)),
        hex: () => hash.digest('hex'),
      };
    },
  };
}

let platform: Codec | undefined;

/** The native codec where there is one, else the pure one. */
export function platformCodec(): Codec {
  if (platform === undefined) platform = nativeCodec() ?? pureCodec;
  return platform;
}
