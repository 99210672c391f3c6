/** The CLI's readers against hostile input: one output record per input record, in order, whatever the bytes. */
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/io/input-records.js';
import { splitLines } from '../../src/cli/records.js';
import { runInProcess } from '../helpers/run-cli.js';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 200 });
const noNewline = bytes.map((b) => Buffer.from(b.filter((x) => x !== 0x0a)));

/** The lines a JSONL reader must answer: split on \n, a trailing \r dropped, a leading BOM dropped, blank ones skipped. */
function expectedLines(input: Buffer): number[] {
  const lines: number[] = [];
  let text = input;
  if (text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) text = text.subarray(3);
  text.toString('latin1').split('\n').forEach((line, i) => {
    const decoded = Buffer.from(line, 'latin1').toString('utf8').replace(/\r$/, '');
    if (/\S/.test(decoded)) lines.push(i + 1);
  });
  return lines;
}

describe('JSON Lines reader', () => {
  it('gives one record per non-blank line, in order, for random byte lines mixed with valid records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(noNewline, fc.constant(Buffer.from('{"id":"ok","text":"The striker scored a goal."}'))), { maxLength: 12 }), async (lines) => {
        const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        const run = await runInProcess(['classify', '--jsonl'], input);
        expect(run.records.map((r) => r.line)).toEqual(expectedLines(input));
        for (const r of run.records) expect(typeof r.id).toBe('string');
      }),
      { numRuns: 60 },
    );
  });

  it('skips a byte-order mark, keeps a lone CR inside a record, and accepts CRLF endings', async () => {
    const bom = await runInProcess(['classify', '--jsonl'], '\ufeff{"id":"a","text":"The striker scored a goal."}\n');
    expect(bom.records).toEqual([expect.objectContaining({ id: 'a', topics: expect.any(Array) })]);
    const cr = await runInProcess(['classify', '--jsonl'], '{"id":"a",\r"text":"The striker scored a goal."}\n{"id":"b","text":"Voters went to the polls."}\r\n');
    expect(cr.records.map((r) => [r.id, r.line, r.error])).toEqual([['a', 1, undefined], ['b', 2, undefined]]);
  });

  it('turns a line longer than it holds into an error record, without holding it, and reads on', async () => {
    const chunks = async function* () {
      yield Buffer.from('{"id":"before","text":"goal"}\n{"id":"huge","text":"');
      const block = Buffer.alloc(1024 * 1024, 0x61);
      for (let i = 0; i <= MAX_LINE_BYTES / block.length; i++) yield block;
      yield Buffer.from('"}\n{"id":"after","text":"goal"}\n');
    };
    const lines: Array<string | undefined> = [];
    for await (const line of splitLines(chunks(), MAX_LINE_BYTES)) lines.push(line === undefined ? undefined : line.slice(0, 30));
    expect(lines).toEqual(['{"id":"before","text":"goal"}', undefined, '{"id":"after","text":"goal"}']);
    const run = await runInProcess(['classify', '--jsonl'], Buffer.concat([Buffer.from('{"id":"x","text":"'), Buffer.alloc(MAX_LINE_BYTES + 10, 0x61), Buffer.from('"}\n{"id":"y","text":"goal"}\n')]));
    expect(run.records.map((r) => [r.id, r.line])).toEqual([['stdin:1', 1], ['y', 2]]);
    expect(run.records[0]!.error).toMatch(/longer than \d+ bytes/);
  }, 60_000);
});

describe('CSV reader', () => {
  const quote = (b: Uint8Array) => `"${Buffer.from(b).toString('utf8').replaceAll('"', '""')}"`;

  it('gives one record per row, in order, for random bytes in properly quoted fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bytes, { minLength: 1, maxLength: 10 }), async (fields) => {
        const csv = `id,text\n${fields.map((f, i) => `r${i},${quote(f)}`).join('\n')}\n`;
        const run = await runInProcess(['classify', '--csv'], csv);
        expect(run.records.map((r) => r.id)).toEqual(fields.map((_, i) => `r${i}`));
      }),
      { numRuns: 60 },
    );
  });

  it('never stops half-way on random bytes: records come with ids, in line order', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const run = await runInProcess(['classify', '--csv'], Buffer.concat([Buffer.from('id,text\n'), Buffer.from(b)]));
        expect([0, 1]).toContain(run.code);
        const lines = run.records.map((r) => r.line as number);
        expect(lines).toEqual([...lines].sort((x, y) => x - y));
        for (const r of run.records) expect(typeof r.id).toBe('string');
      }),
      { numRuns: 100 },
    );
  });

  it('keeps rows in order around a malformed row, loses none, and reports an unclosed quote at its own row', async () => {
    const run = await runInProcess(['classify', '--csv'], 'id,text\n1,central bank\n2,"bad "quote" row"\n3,football\n');
    expect(run.records.map((r) => r.id)).toEqual(['1', '2', '3']);
    const empty = await runInProcess(['classify', '--csv'], 'id,text\n1,""\n2,valid row about the football match\n');
    expect(empty.records.map((r) => [r.id, r.error === undefined])).toEqual([['1', false], ['2', true]]);
    const unclosed = await runInProcess(['classify', '--csv'], 'id,text\n1,fine text about football\n2,"never closed\n3,more\n4,and more\n');
    expect(unclosed.records.map((r) => [r.id, r.line])).toEqual([['1', 2], ['stdin:3', 3]]);
    expect(unclosed.records[1]!.error).toMatch(/CSV: .*[Qq]uote/);
    const bom = await runInProcess(['classify', '--csv'], '\ufeffid,text\n1,goal\n');
    expect(bom.records.map((r) => r.id)).toEqual(['1']);
  });
});

describe('plain-text reader', () => {
  it('gives exactly one record for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const run = await runInProcess(['classify', '--text'], Buffer.from(b));
        expect(run.records).toHaveLength(1);
        expect(run.records[0]!.id).toBe('stdin');
      }),
      { numRuns: 60 },
    );
  });
});

it('splitLines works on any chunking of the same bytes', async () => {
  await fc.assert(
    fc.asyncProperty(bytes, fc.array(fc.nat(), { maxLength: 5 }), async (b, cuts) => {
      const whole = Buffer.from(b);
      const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((x, y) => x - y);
      const pieces = [0, ...points, whole.length].slice(1).map((end, i, all) => whole.subarray(i === 0 ? 0 : all[i - 1], end));
      const read = async (source: Buffer[]) => {
        const out: Array<string | undefined> = [];
        for await (const line of splitLines(Readable.from(source), 64)) out.push(line);
        return out;
      };
      expect(await read(pieces)).toEqual(await read([whole]));
    }),
    { numRuns: 100 },
  );
});
