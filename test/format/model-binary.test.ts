import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ByteSource, decodeModelBytes, isBinaryModel } from '../../src/format/model-binary.js';
import type { RowBlocks } from '../../src/format/row-blocks.js';
import { loadModel, ModelFormatError, saveModel, TopicClassifier, train } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const model = await train(syntheticExamples(120), { minDf: 1 });
const bytes = model.toBytes();
const texts = ['coach referee tournament', 'central bank inflation rates', 'election parliament vote'];

const headerOf = (file: Uint8Array) => JSON.parse(new TextDecoder().decode(file.subarray(16, 16 + new DataView(file.buffer, file.byteOffset).getUint32(8, true)))) as Record<string, any>;

/** A file with its header replaced (same payload), as someone who edits a header could write it. */
function withHeader(change: (header: Record<string, any>) => void): Uint8Array {
  const header = headerOf(bytes);
  change(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((16 + text.length) / 8) * 8;
  const oldStart = Math.ceil((16 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true)) / 8) * 8;
  const out = new Uint8Array(start + bytes.length - oldStart);
  out.set(bytes.subarray(0, 16));
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(text, 16);
  out.set(bytes.subarray(oldStart), start);
  return out;
}

describe('binary model file (format version 3)', () => {
  it('round-trips: the same scores, labels, thresholds and JSON as the model written', () => {
    const back = TopicClassifier.fromBytes(bytes);
    expect(isBinaryModel(bytes)).toBe(true);
    expect(back.labels).toEqual(model.labels);
    for (const text of texts) expect(Array.from(back.scores(text))).toEqual(Array.from(model.scores(text)));
    expect(back.toJSON()).toEqual(model.toJSON());
    expect(back.toBytes()).toEqual(bytes);
  });

  it('inflates a block of weight rows only when a text needs it, and reads bytes that are not 8-aligned', () => {
    const back = TopicClassifier.fromBytes(bytes);
    const rows = back.parts.weights.rows as RowBlocks;
    const all = rows.pending.of;
    expect(all).toBeGreaterThan(2);
    expect(rows.pending.blocks).toBe(all);
    back.scores('referee');
    expect(rows.pending.blocks).toBeLessThan(all);
    expect(rows.pending.blocks).toBeGreaterThanOrEqual(all - 2);
    back.toJSON();
    expect(rows.pending.blocks).toBe(0);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const moved = TopicClassifier.fromBytes(shifted.subarray(1));
    expect(Array.from(moved.scores(texts[0]!))).toEqual(Array.from(model.scores(texts[0]!)));
  });

  it('says what each block is, with the offsets of its arrays and no training text', () => {
    const header = headerOf(bytes);
    expect(header).toMatchObject({ format: 'news-topics/model', version: 3, features: { kind: 'hashed-ngrams' }, learner: { kind: 'linear-ovr', weights: { bits: 8, layout: 'feature-major' } }, calibration: { kind: 'platt' } });
    expect(header.features.bitmap).toEqual({ offset: 0, bytes: 2 ** 20 / 8 });
    expect(header.checksum).toMatch(/^fnv4:[0-9a-f]{32}$/);
    expect(new TextDecoder().decode(bytes)).not.toContain('striker');
  });

  it('refuses a changed byte anywhere: in the tables at load, in a weight block when the block is read', () => {
    const blocksStart = bytes.length - headerOf(bytes).learner.weights.blocks.bytes;
    for (const at of [4096, blocksStart - 1]) {
      const damaged = bytes.slice();
      damaged[at] = (damaged[at] as number) ^ 0x10;
      expect(() => TopicClassifier.fromBytes(damaged, 'm.bin'), `byte ${at}`).toThrow(/m\.bin is not a usable model: checksum does not match/);
    }
    for (const at of [blocksStart, bytes.length - 1, Math.floor((blocksStart + bytes.length) / 2)]) {
      const damaged = bytes.slice();
      damaged[at] = (damaged[at] as number) ^ 0x10;
      const loaded = TopicClassifier.fromBytes(damaged, 'm.bin');
      expect(() => loaded.toJSON(), `byte ${at}`).toThrow(/m\.bin is not a usable model: weight block \d+ does not match its checksum/);
    }
  });

  it('refuses a truncated file and an edited header', () => {
    for (const length of [0, 7, 12, 20, 200, bytes.length - 8]) {
      expect(() => TopicClassifier.fromBytes(bytes.slice(0, length), 'm.bin').toJSON(), `${length} bytes`).toThrow(ModelFormatError);
    }
    expect(() => TopicClassifier.fromBytes(withHeader((h) => (h.thresholds[0] = 0.01)))).toThrow(/checksum does not match/);
  });

  it('refuses other files and versions with a clear message', () => {
    expect(() => TopicClassifier.fromBytes(new TextEncoder().encode('{"format":"news-topics/model"}'), 'x.bin')).toThrow('x.bin is not a usable model: is not a binary news-topics model (its first bytes are not "NTMODEL")');
    expect(() => TopicClassifier.fromBytes(withHeader((h) => (h.version = 4)))).toThrow(/binary format version 4 is not one this news-topics reads \(3\)/);
    const huge = bytes.slice(0, 64);
    new DataView(huge.buffer).setUint32(8, 2 ** 31, true);
    expect(() => TopicClassifier.fromBytes(huge)).toThrow(/declares a header of 2147483648 bytes/);
    expect(() => TopicClassifier.fromBytes('NTMODEL' as unknown as Uint8Array)).toThrow(/bytes must be a Uint8Array or ArrayBuffer/);
  });

  it('saveModel writes binary unless the name ends in .json; loadModel reads both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nt-binary-'));
    await saveModel(model, join(dir, 'model.bin'));
    await saveModel(model, join(dir, 'model.json'));
    expect(isBinaryModel(readFileSync(join(dir, 'model.bin')))).toBe(true);
    expect(readFileSync(join(dir, 'model.json'), 'utf8').startsWith('{"format":"news-topics/model"')).toBe(true);
    for (const name of ['model.bin', 'model.json']) {
      const loaded = await loadModel(join(dir, name));
      expect(Array.from(loaded.scores(texts[1]!))).toEqual(Array.from(model.scores(texts[1]!)));
    }
    writeFileSync(join(dir, 'cut.bin'), bytes.subarray(0, 1000));
    await expect(loadModel(join(dir, 'cut.bin'))).rejects.toThrow(/cut\.bin is not a usable model/);
  });

  it('reads from a source that reuses one buffer for every read (as the file reader of the default model does)', () => {
    const scratch = Buffer.alloc(bytes.length);
    const source: ByteSource = {
      size: bytes.length,
      read: (offset, length) => {
        const n = Math.max(0, Math.min(length, bytes.length - offset));
        scratch.fill(0xff);
        scratch.set(bytes.subarray(offset, offset + n));
        return scratch.subarray(0, n);
      },
    };
    const back = new TopicClassifier(decodeModelBytes(source, 'reused'));
    for (const text of texts) expect(Array.from(back.scores(text))).toEqual(Array.from(model.scores(text)));
    expect(Array.from(back.parts.space.slots)).toEqual(Array.from(model.parts.space.slots));
    expect(back.toJSON()).toEqual(model.toJSON());
  });

  it('takes an ArrayBuffer and a SharedArrayBuffer', () => {
    const plain = bytes.slice().buffer;
    expect(TopicClassifier.fromBytes(plain).labels).toEqual(model.labels);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    expect(Array.from(TopicClassifier.fromBytes(shared).scores(texts[2]!))).toEqual(Array.from(model.scores(texts[2]!)));
  });
});

describe("toBytes({ blocks: 'stored' })", () => {
  const stored = model.toBytes({ blocks: 'stored' });

  it('writes a larger file with the same model: same scores, and it re-encodes to the compressed file', () => {
    expect(stored.length).toBeGreaterThan(bytes.length);
    const loaded = TopicClassifier.fromBytes(stored);
    for (const text of texts) expect(Array.from(loaded.scores(text))).toEqual(Array.from(model.scores(text)));
    const rows = loaded.parts.weights.rows as RowBlocks;
    rows.ensureAll();
    expect(Buffer.from(loaded.toBytes()).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(loaded.toBytes({ blocks: 'stored' })).equals(Buffer.from(stored))).toBe(true);
  });

  it('still checks every stored block: a changed byte is a ModelFormatError when its block is read', () => {
    const damaged = stored.slice();
    damaged[damaged.length - 3] = (damaged[damaged.length - 3] as number) ^ 0x40;
    const loaded = TopicClassifier.fromBytes(damaged);
    expect(() => (loaded.parts.weights.rows as RowBlocks).ensureAll()).toThrow(ModelFormatError);
  });

  it('rejects an unknown block encoding', () => {
    expect(() => model.toBytes({ blocks: 'zip' } as never)).toThrow(/options\.blocks/);
    expect(() => model.toBytes({ level: 1 } as never)).toThrow(/level/);
  });
});
