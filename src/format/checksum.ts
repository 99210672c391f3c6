/**
 * The model file's integrity check: SHA-256 (@noble/hashes: pure JavaScript, audited) over the canonical JSON of
 * the model's content, with object keys sorted at every level, so that a valid file whose keys were reordered
 * (by a tool that rewrites JSON) still checks. It detects damage (truncation, a changed byte); being unkeyed, it
 * cannot prove who wrote a file: anyone who edits a file can recompute it.
 */
import { type Codec, type Hasher, platformCodec } from './codec.js';

/** Writes the canonical JSON of a value (object keys sorted at every level; arrays in order) piece by piece. */
function writeCanonical(value: unknown, out: (piece: string) => void): void {
  if (Array.isArray(value)) {
    out('[');
    value.forEach((item, i) => {
      if (i > 0) out(',');
      writeCanonical(item, out);
    });
    out(']');
  } else if (typeof value === 'object' && value !== null) {
    out('{');
    Object.keys(value)
      .sort()
      .forEach((key, i) => {
        out(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
        writeCanonical((value as Record<string, unknown>)[key], out);
      });
    out('}');
  } else out(JSON.stringify(value) ?? 'null');
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  const pieces: string[] = [];
  writeCanonical(value, (piece) => pieces.push(piece));
  return pieces.join('');
}

/** SHA-256 (hex) of a text. */
export function sha256Hex(text: string, codec: Codec = platformCodec()): string {
  const hash = codec.sha256();
  hash.update(text);
  return hash.hex();
}

/**
 * `sha256:<hex>` of the canonical JSON of `body`, fed to the hash piece by piece (a model's large packed fields
 * are hashed where they are, never copied into one big string).
 */
export function checksumOf(body: unknown, codec: Codec = platformCodec()): string {
  const hash: Hasher = codec.sha256();
  let buffered = '';
  writeCanonical(body, (piece) => {
    buffered += piece;
    if (buffered.length >= 65_536) {
      hash.update(buffered);
      buffered = '';
    }
  });
  hash.update(buffered);
  return `sha256:${hash.hex()}`;
}
