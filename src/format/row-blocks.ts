/**
 * The per-feature rows of a binary model file (each feature's weights for every label, and its IDF), in compressed
 * blocks inflated on first use. A block holds `blockFeatures` consecutive features: their weight codes, feature-major,
 * then their IDF as 32-bit floats, all little-endian, DEFLATE (raw). Loading a model inflates none of them; a text
 * inflates the blocks of the features it uses, once: the first `classify` after a load costs a few blocks, not the
 * whole matrix (the default model's 20 MB of rows are 5.8 MB on disk, in 1,807 blocks of ~11 KB).
 */
import { ModelFormatError } from '../common/errors.js';
import type { RowSource } from '../common/row-source.js';
import { LITTLE_ENDIAN, littleEndian } from './bytes.js';
import type { Codec } from './codec.js';

/** Splits the rows (feature-major codes and IDF) into blocks of `blockFeatures` features and deflates each. */
export function deflateRowBlocks(codes: Int8Array | Int16Array, idf: Float32Array, labelCount: number, blockFeatures: number, deflate: (bytes: Uint8Array) => Uint8Array): { blocks: Uint8Array; offsets: Uint32Array } {
  const features = idf.length;
  const count = Math.ceil(features / blockFeatures);
  const packed: Uint8Array[] = [];
  const offsets = new Uint32Array(count + 1);
  for (let b = 0; b < count; b++) {
    const first = b * blockFeatures;
    const rows = Math.min(blockFeatures, features - first);
    const rowCodes = littleEndian(codes.subarray(first * labelCount, (first + rows) * labelCount));
    const raw = new Uint8Array(rowCodes.length + rows * 4);
    raw.set(rowCodes);
    raw.set(littleEndian(idf.subarray(first, first + rows)), rowCodes.length);
    const block = deflate(raw);
    packed.push(block);
    offsets[b + 1] = (offsets[b] as number) + block.length;
  }
  const blocks = new Uint8Array(offsets[count] as number);
  packed.forEach((block, b) => blocks.set(block, offsets[b] as number));
  return { blocks, offsets };
}

/**
 * The payload of a block written without compression (`toBytes({ blocks: 'stored' })`): one final DEFLATE stored
 * block (header byte 1, then LEN and its complement NLEN, little-endian) of exactly `expected` bytes; read in place,
 * with no inflating. Undefined for any other block, which then goes through the codec.
 */
export function storedPayload(block: Uint8Array, expected: number): Uint8Array | undefined {
  if (block.length !== expected + 5 || expected > 0xffff || ((block[0] as number) & 0x07) !== 1) return undefined;
  const len = (block[1] as number) | ((block[2] as number) << 8);
  const nlen = (block[3] as number) | ((block[4] as number) << 8);
  return len === expected && nlen === (~expected & 0xffff) ? block.subarray(5) : undefined;
}

export class RowBlocks implements RowSource {
  private readonly inflated: Uint8Array;
  private remaining: number;

  constructor(
    private readonly codes: Int8Array | Int16Array,
    private readonly idf: Float32Array,
    private readonly labelCount: number,
    private readonly blockFeatures: number,
    blockCount: number,
    /** The compressed bytes of block b, checked (or a ModelFormatError). */
    private readonly readBlock: (b: number) => Uint8Array,
    private readonly codec: Codec,
    private readonly source: string,
  ) {
    this.inflated = new Uint8Array(blockCount);
    this.remaining = this.inflated.length;
  }

  /** Blocks not inflated yet, of how many. */
  get pending(): { readonly blocks: number; readonly of: number } {
    return { blocks: this.remaining, of: this.inflated.length };
  }

  ensure(features: Int32Array): void {
    if (this.remaining === 0) return;
    const { inflated, blockFeatures } = this;
    for (let i = 0; i < features.length; i++) {
      const b = ((features[i] as number) / blockFeatures) | 0;
      if (inflated[b] === 0) this.inflate(b);
    }
  }

  ensureAll(): void {
    for (let b = 0; b < this.inflated.length; b++) if (this.inflated[b] === 0) this.inflate(b);
  }

  private inflate(b: number): void {
    const { labelCount, blockFeatures, codes, idf } = this;
    const first = b * blockFeatures;
    const rows = Math.min(blockFeatures, idf.length - first);
    const codeBytes = rows * labelCount * codes.BYTES_PER_ELEMENT;
    const expected = codeBytes + rows * 4;
    let raw: Uint8Array;
    try {
      const block = this.readBlock(b);
      raw = storedPayload(block, expected) ?? this.codec.inflate(block, expected);
    } catch (error) {
      if (error instanceof ModelFormatError) throw error;
      throw new ModelFormatError(this.source, `learner.weights block ${b} is damaged (it does not inflate)`);
    }
    this.store(b, raw);
  }

  /** Writes an inflated block into the codes and the IDF. */
  private store(b: number, raw: Uint8Array): void {
    if (this.inflated[b] === 1) return;
    const { labelCount, blockFeatures, codes, idf } = this;
    const first = b * blockFeatures;
    const rows = Math.min(blockFeatures, idf.length - first);
    const codeBytes = rows * labelCount * codes.BYTES_PER_ELEMENT;
    const expected = codeBytes + rows * 4;
    if (raw.length !== expected) throw new ModelFormatError(this.source, `learner.weights block ${b} holds ${raw.length} bytes, expected ${expected}`);
    const start = first * labelCount;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (codes.BYTES_PER_ELEMENT === 1 || LITTLE_ENDIAN) new Uint8Array(codes.buffer, codes.byteOffset + start * codes.BYTES_PER_ELEMENT, codeBytes).set(raw.subarray(0, codeBytes));
    else for (let i = 0; i < rows * labelCount; i++) codes[start + i] = view.getInt16(i * 2, true);
    for (let f = 0; f < rows; f++) idf[first + f] = view.getFloat32(codeBytes + f * 4, true);
    this.inflated[b] = 1;
    this.remaining--;
  }
}
