/**
 * The binary model file (format version 3): the same content as the JSON file (format/model-json.ts), laid out so
 * that loading costs milliseconds: no base64, no SHA-256 over the whole text, no copy per weight. Kept hash slots
 * are a bitmap (one bit per bucket), the feature lookup (features/feature-space.ts); each feature's row (its weights
 * for every label and its IDF) is in DEFLATE blocks of `blockFeatures` features, inflated the first time a text uses
 * one of their features (format/row-blocks.ts). Every array but the last starts at a multiple of 8.
 *
 * Layout:
 *   bytes 0-7    magic: "NTMODEL" and 0x1a (a text-mode transfer or a text editor shows at once)
 *   bytes 8-11   header length H (uint32, little-endian)
 *   bytes 12-15  zero
 *   bytes 16-…   header: H bytes of UTF-8 JSON (labels, settings, calibration, thresholds, training summary, and the
 *                offset and length of each array), then zero bytes up to a multiple of 8
 *   …            the arrays, back to back, each but the last padded with zero bytes to a multiple of 8
 *
 * The arrays are, in order: the slot bitmap, the block offsets, the block checksums, then the blocks, so that a
 * reader can take everything but the blocks in one read and each block when it is needed (io/default-model.ts reads
 * the default model's blocks from disk on demand: loading reads 0.14 MB, not 6 MB).
 *
 * Integrity checks against damage, not signatures: `checksum` in the header is four lanes of 32-bit FNV-1a over the
 * canonical JSON of the header (without `checksum`) and every 32-bit word of the arrays before the blocks, finished
 * with murmur3's mixer; each block has its own 32-bit FNV-1a, checked when the block is read. A changed word always
 * changes its lane; truncation shows in the lengths. Checking costs well under a millisecond at load, where SHA-256
 * over the JSON file cost ~100 ms.
 */
import { ModelFormatError } from '../common/errors.js';
import { FeatureSpace, SlotRanks } from '../features/feature-space.js';
import { allRows, type LinearWeights } from '../model/linear-model.js';
import type { ClassifierParts } from '../model/parts.js';
import { finalize } from '../text/hash.js';
import { TOKENIZER_VERSION } from '../text/tokenizer.js';
import { LITTLE_ENDIAN, littleEndian } from './bytes.js';
import { canonicalJson } from './checksum.js';
import { type Codec, platformCodec } from './codec.js';
import { optionalModule } from '../common/optional-modules.js';
import { deflateRowBlocks, RowBlocks } from './row-blocks.js';
import { decodeLabels, decodeSettings, decodeVersion2Tail, Reader } from './model-fields.js';
import { MODEL_FORMAT } from './model-json.js';

export const BINARY_MODEL_VERSION = 3;
const MAGIC = [0x4e, 0x54, 0x4d, 0x4f, 0x44, 0x45, 0x4c, 0x1a]; // "NTMODEL" 0x1a
const PREAMBLE = 16;
/** A header larger than this is refused (the default model's is ~3 KB). */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Features per compressed block of weight rows (~10 KB of 8-bit codes for 40 labels). */
const BLOCK_FEATURES = 256;

function sharedArray<T extends Int8Array | Int16Array | Float32Array>(Kind: { new (length: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return typeof SharedArrayBuffer === 'function' ? new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT)) : new Kind(length);
}

/** True when the bytes start like a binary model file. */
export function isBinaryModel(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** 32-bit FNV-1a of a block's bytes (its own check, read with the block). */
export function blockChecksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return finalize(h);
}

interface Section {
  readonly offset: number;
  readonly bytes: number;
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The integrity check of a header text and the arrays before the blocks (see the file comment). */
function checksum(headerText: string, front: Uint8Array): string {
  const lanes = [0x811c9dc5, 0x9e3779b1, 0x85ebca77, 0xc2b2ae3d];
  for (let i = 0; i < headerText.length; i++) lanes[i & 3] = Math.imul((lanes[i & 3] as number) ^ headerText.charCodeAt(i), 0x01000193);
  // The arrays before the blocks are a multiple of 8 bytes long: read as 32-bit words (in place when aligned).
  const data = new DataView(front.buffer, front.byteOffset, front.byteLength);
  const words = front.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Int32Array(front.buffer, front.byteOffset, front.byteLength >> 2) : Int32Array.from({ length: front.byteLength >> 2 }, (_, i) => data.getInt32(i * 4, true));
  let a = lanes[0] as number;
  let b = lanes[1] as number;
  let c = lanes[2] as number;
  let d = lanes[3] as number;
  const n = words.length - (words.length % 4);
  for (let i = 0; i < n; i += 4) {
    a = Math.imul(a ^ (words[i] as number), 0x01000193);
    b = Math.imul(b ^ (words[i + 1] as number), 0x01000193);
    c = Math.imul(c ^ (words[i + 2] as number), 0x01000193);
    d = Math.imul(d ^ (words[i + 3] as number), 0x01000193);
  }
  for (let i = n; i < words.length; i++) a = Math.imul(a ^ (words[i] as number), 0x01000193);
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `fnv4:${hex(finalize(a ^ words.length))}${hex(finalize(b))}${hex(finalize(c))}${hex(finalize(d))}`;
}

/** How a binary file's weight blocks are compressed: `deflate` (level 9) or `stored` (DEFLATE stored blocks). */
export type BlockCompression = 'deflate' | 'stored';

/** The model as a binary file. */
export function encodeModelBytes(parts: ClassifierParts, compression: BlockCompression = 'deflate'): Uint8Array {
  const { space } = parts;
  const weights = allRows(parts.weights);
  if (weights.bits === 32) throw new Error('news-topics: internal error: float weights must be quantised before they are written');
  const deflate = (bytes: Uint8Array) => optionalModule('fflate').deflateSync(bytes, { level: compression === 'stored' ? 0 : 9 });
  space.pending?.ensureAll();
  const rows = deflateRowBlocks(weights.codes as Int8Array | Int16Array, space.idf, weights.labelCount, BLOCK_FEATURES, deflate);
  const sums = new Uint32Array(rows.offsets.length - 1);
  for (let b = 0; b < sums.length; b++) sums[b] = blockChecksum(rows.blocks.subarray(rows.offsets[b], rows.offsets[b + 1]));
  const arrays = [littleEndian(space.ranks.bits), littleEndian(rows.offsets), littleEndian(sums), rows.blocks];
  const sections: Section[] = [];
  let offset = 0;
  arrays.forEach((array, i) => {
    sections.push({ offset, bytes: array.byteLength });
    // No padding after the last array: the file ends with its last block, so that every byte is checked.
    offset += i === arrays.length - 1 ? array.byteLength : pad8(array.byteLength);
  });
  const payload = new Uint8Array(offset);
  arrays.forEach((array, i) => payload.set(array, (sections[i] as Section).offset));
  const { calibrationFallbacks, ...training } = parts.training;
  const [bitmap, offsets, blockSums, blocks] = sections as [Section, Section, Section, Section];
  const header = {
    format: MODEL_FORMAT,
    version: BINARY_MODEL_VERSION,
    tokenizer: TOKENIZER_VERSION,
    labels: [...parts.labels],
    singleLabel: parts.singleLabel,
    features: { kind: 'hashed-ngrams', settings: { ...space.settings }, count: space.size, bitmap, idf: 'in-weight-blocks' },
    learner: {
      kind: 'linear-ovr',
      biases: Array.from(weights.biases),
      weights: {
        bits: weights.bits,
        layout: 'feature-major',
        scales: Array.from(weights.scales),
        blockFeatures: BLOCK_FEATURES,
        offsets,
        checksums: blockSums,
        blocks: { ...blocks, encoding: 'deflate-blocks' },
      },
    },
    calibration: { kind: 'platt', a: parts.sigmoids.map((s) => s.a), b: parts.sigmoids.map((s) => s.b), fallback: [...calibrationFallbacks] },
    thresholds: Array.from(parts.thresholds),
    training,
  };
  const text = JSON.stringify({ ...header, checksum: checksum(canonicalJson(header), payload.subarray(0, blocks.offset)) });
  const headerBytes = new TextEncoder().encode(text);
  const start = pad8(PREAMBLE + headerBytes.length);
  const file = new Uint8Array(start + payload.length);
  file.set(MAGIC, 0);
  new DataView(file.buffer).setUint32(8, headerBytes.length, true);
  file.set(headerBytes, PREAMBLE);
  file.set(payload, start);
  return file;
}

/**
 * Where a model file's bytes come from: `read(offset, length)` returns exactly those bytes (or fewer at the end of the
 * file); the bytes returned may be reused by the next read. In memory (`bytesSource`), or a file read on demand.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

/** A model file already in memory (reads are views on it). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

interface CheckedSection {
  readonly offset: number;
  readonly bytes: number;
}

/**
 * A section of the payload, checked: 8-aligned, of the length the header's counts imply (`expected`; undefined for a
 * compressed section), inside the payload.
 */
function section(r: Reader, value: unknown, field: string, payloadSize: number, expected: number | undefined, encoding?: string): CheckedSection {
  const s = r.object(value, field);
  const offset = r.integer(s.offset, `${field}.offset`, 0, Number.MAX_SAFE_INTEGER);
  const bytes = r.integer(s.bytes, `${field}.bytes`, 0, Number.MAX_SAFE_INTEGER);
  if (offset % 8 !== 0) r.fail(`${field}.offset should be a multiple of 8, found ${offset}`);
  if (s.encoding !== encoding) r.fail(`${field}.encoding should be ${JSON.stringify(encoding)}, found ${JSON.stringify(s.encoding)?.slice(0, 40)}`);
  if (expected !== undefined && bytes !== expected) r.fail(`${field}.bytes should be ${expected} (from the counts in the header), found ${bytes}`);
  if (offset + bytes > payloadSize) r.fail(`${field} runs past the end of the file: the file is truncated`);
  return { offset, bytes };
}

function view<T extends Int32Array | Uint32Array | Float32Array>(Kind: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number }, bytes: Uint8Array): T {
  const length = bytes.byteLength / Kind.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN && bytes.byteOffset % Kind.BYTES_PER_ELEMENT === 0) return new Kind(bytes.buffer, bytes.byteOffset, length);
  const out = new Kind(length);
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < length; i++) {
    if (out instanceof Float32Array) out[i] = data.getFloat32(i * 4, true);
    else if (out instanceof Uint32Array) out[i] = data.getUint32(i * 4, true);
    else out[i] = data.getInt32(i * 4, true);
  }
  return out;
}

/**
 * Validates a binary model file and returns its parts. Everything but the weight blocks is read and checked now;
 * each block is read, checked and inflated the first time a text needs it. Every fault is a ModelFormatError
 * naming `source`, now or (a damaged block) when the block is read. Bytes given in memory must not change afterwards.
 */
export function decodeModelBytes(input: Uint8Array | ByteSource, source: string, codec: Codec = platformCodec()): ClassifierParts {
  const file = input instanceof Uint8Array ? bytesSource(input) : input;
  const r = new Reader(source, codec);
  // Copies (`new Uint8Array(view)`: a Node Buffer's own `slice` would still share the reader's memory).
  const preamble = new Uint8Array(file.read(0, PREAMBLE));
  if (!isBinaryModel(preamble)) r.fail('is not a binary news-topics model (its first bytes are not "NTMODEL")');
  if (preamble.length < PREAMBLE) r.fail('is truncated (it ends inside its preamble)');
  const headerLength = new DataView(preamble.buffer).getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) r.fail(`declares a header of ${headerLength} bytes, more than any model has`);
  if (PREAMBLE + headerLength > file.size) r.fail('is truncated (it ends inside its header)');
  let json: Record<string, unknown>;
  try {
    json = r.object(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.read(PREAMBLE, headerLength))), 'the header');
  } catch (error) {
    if (error instanceof ModelFormatError) throw error;
    return r.fail(`has a damaged header (${(error as Error).message})`);
  }
  if (json.format !== MODEL_FORMAT) r.fail(`format should be "${MODEL_FORMAT}", found ${JSON.stringify(json.format)?.slice(0, 40)}`);
  const version = r.integer(json.version, 'version', 1, Number.MAX_SAFE_INTEGER);
  if (version !== BINARY_MODEL_VERSION) r.fail(`binary format version ${version} is not one this news-topics reads (${BINARY_MODEL_VERSION}); upgrade news-topics`);
  const tokenizer = r.integer(json.tokenizer, 'tokenizer', 1, Number.MAX_SAFE_INTEGER);
  if (tokenizer !== TOKENIZER_VERSION) r.fail(`tokenizer version ${tokenizer} is not the one this news-topics has (${TOKENIZER_VERSION})`);
  const start = pad8(PREAMBLE + headerLength);
  if (start > file.size) r.fail('is truncated (it ends before its arrays)');
  const payloadSize = file.size - start;

  const labels = decodeLabels(r, json.labels);
  const L = labels.length;
  const features = r.object(json.features, 'features');
  if (features.kind !== 'hashed-ngrams') r.fail(`features.kind should be "hashed-ngrams", found ${JSON.stringify(features.kind)?.slice(0, 40)}`);
  const settings = decodeSettings(r, features.settings, 'features.settings');
  const count = r.integer(features.count, 'features.count', 0, settings.buckets);
  const learner = r.object(json.learner, 'learner');
  if (learner.kind !== 'linear-ovr') r.fail(`learner.kind should be "linear-ovr" (this news-topics knows no other), found ${JSON.stringify(learner.kind)?.slice(0, 40)}`);
  const w = r.object(learner.weights, 'learner.weights');
  if (w.layout !== 'feature-major') r.fail(`learner.weights.layout should be "feature-major", found ${JSON.stringify(w.layout)?.slice(0, 40)}`);
  const bits = w.bits;
  if (bits !== 8 && bits !== 16) return r.fail(`learner.weights.bits should be 8 or 16, found ${JSON.stringify(bits)?.slice(0, 40)}`);
  const blockFeatures = r.integer(w.blockFeatures, 'learner.weights.blockFeatures', 1, 2 ** 24);
  const blockCount = Math.ceil(count / blockFeatures);

  // Everything before the blocks, in one read, checked against the header's checksum.
  const bitmapAt = section(r, features.bitmap, 'features.bitmap', payloadSize, settings.buckets / 8);
  if (features.idf !== 'in-weight-blocks') r.fail(`features.idf should be "in-weight-blocks", found ${JSON.stringify(features.idf)?.slice(0, 40)}`);
  const offsetsAt = section(r, w.offsets, 'learner.weights.offsets', payloadSize, (blockCount + 1) * 4);
  const sumsAt = section(r, w.checksums, 'learner.weights.checksums', payloadSize, blockCount * 4);
  const blocksAt = section(r, w.blocks, 'learner.weights.blocks', payloadSize, undefined, 'deflate-blocks');
  if (bitmapAt.offset !== 0 || offsetsAt.offset < bitmapAt.offset + bitmapAt.bytes || sumsAt.offset < offsetsAt.offset + offsetsAt.bytes || blocksAt.offset < sumsAt.offset + sumsAt.bytes) {
    r.fail('has its arrays out of order (bitmap, offsets, checksums, blocks)');
  }
  if (blocksAt.offset + blocksAt.bytes !== payloadSize) r.fail(`has ${payloadSize - blocksAt.offset - blocksAt.bytes} bytes after its last weight block`);
  let front = file.read(start, blocksAt.offset);
  if (front.length !== blocksAt.offset) r.fail('is truncated (it ends before its weight blocks)');
  // Copied: the bitmap, IDF and block tables are kept, never views on a reader's reused buffer (nor on bytes a caller
  // might reuse), and the copy is 8-aligned.
  front = new Uint8Array(front);
  const { checksum: stored, ...header } = json;
  if (typeof stored !== 'string' || stored !== checksum(canonicalJson(header), front)) {
    r.fail('checksum does not match its contents: the file was damaged or edited after it was written');
  }
  const part = (at: CheckedSection) => front.subarray(at.offset, at.offset + at.bytes);

  const bitmap = view(Int32Array, part(bitmapAt));
  const ranks = SlotRanks.ofBitmap(bitmap);
  if (ranks.size !== count) r.fail(`features.bitmap holds ${ranks.size} slots, features.count says ${count}`);

  const biases = Float64Array.from(r.numbers(learner.biases, 'learner.biases', L));
  const scales = Float64Array.from(r.numbers(w.scales, 'learner.weights.scales', L, 0));
  const offsets = view(Uint32Array, part(offsetsAt));
  const sums = view(Uint32Array, part(sumsAt));
  for (let b = 0; b <= blockCount; b++) {
    const at = offsets[b] as number;
    if ((b === 0 && at !== 0) || (b > 0 && at < (offsets[b - 1] as number)) || (b === blockCount && at !== blocksAt.bytes)) r.fail(`learner.weights.offsets are damaged (entry ${b})`);
  }
  const blocksStart = start + blocksAt.offset;
  const readBlock = (b: number): Uint8Array => {
    const length = (offsets[b + 1] as number) - (offsets[b] as number);
    const bytes = file.read(blocksStart + (offsets[b] as number), length);
    if (bytes.length !== length) throw new ModelFormatError(source, `is truncated (weight block ${b} runs past its end)`);
    if (blockChecksum(bytes) !== sums[b]) throw new ModelFormatError(source, `weight block ${b} does not match its checksum: the file was damaged or changed after it was loaded`);
    return bytes;
  };
  // In shared memory where the runtime has it: worker threads then use these very arrays (model/shared-parts.ts).
  const codes = bits === 8 ? sharedArray(Int8Array, count * L) : sharedArray(Int16Array, count * L);
  const idf = sharedArray(Float32Array, count);
  const rows = new RowBlocks(codes, idf, L, blockFeatures, blockCount, readBlock, codec, source);
  const space = new FeatureSpace(settings, ranks, idf, rows);
  const weights: LinearWeights = { labelCount: L, bits, codes, scales, biases, rows };

  return decodeVersion2Tail(r, json, labels, space, weights);
}
