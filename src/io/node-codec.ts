/** The model file codec for Node: the same inflate (bounded) and SHA-256 as the core's, with node:zlib and node:crypto. */
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type { Codec } from '../format/codec.js';

export const nodeCodec: Codec = {
  fromBase64(text) {
    // Buffer.from skips characters that are not base64, so a text with any decodes short: that is the check.
    if (text.length % 4 !== 0) return undefined;
    const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
    const bytes = Buffer.from(text, 'base64');
    return bytes.length === (text.length / 4) * 3 - padding ? bytes : undefined;
  },
  inflate(packed, maxBytes) {
    // maxOutputLength stops inflation one byte past the declared size, as the pure codec does; one chunk of that
    // size saves concatenating many small ones.
    try {
      return inflateRawSync(packed, { maxOutputLength: maxBytes + 1, chunkSize: Math.max(maxBytes + 1, 64) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return new Uint8Array(maxBytes + 1);
      throw error;
    }
  },
  sha256() {
    const hash = createHash('sha256');
    return {
      update: (text) => void hash.update(text, 'utf8'),
      hex: () => hash.digest('hex'),
    };
  },
};
