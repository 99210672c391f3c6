/**
 * The model file's integrity check: SHA-256 (@noble/hashes: pure JavaScript, audited) over the canonical JSON of
 * the model's content, with object keys sorted at every level, so that a valid file whose keys were reordered
 * (by a tool that rewrites JSON) still checks. It detects damage (truncation, a changed byte); being unkeyed, it
 * cannot prove who wrote a file: anyone who edits a file can recompute it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** `sha256:<hex>` of the canonical JSON of `body`. */
export function checksumOf(body: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}
