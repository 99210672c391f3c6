/**
 * Input records for the command line: plain-text files (one record each), JSON Lines and CSV, streamed so memory
 * stays flat on large files. Exactly one record comes out per input record, in input order: a bad one (malformed
 * JSON, missing or empty text, wrong type, a CSV row that does not parse, a line too long to hold) becomes an
 * error record with its line number and an id, and reading goes on.
 *
 * JSON Lines are split on "\n" only ("\r\n" endings are accepted; a lone "\r" is JSON white space inside a line,
 * as JSON says); a UTF-8 byte-order mark at the start is skipped; a line longer than `MAX_LINE_BYTES` becomes an
 * error record and is skipped without being held in memory. CSV is read by csv-parse with a header row; a field
 * whose quotes are malformed is taken literally (csv-parse's `relax_quotes`) rather than dropping rows.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { type BadRecord, type FieldNames, type InputFormat, type InputRecord, type JsonLine, MAX_LINE_BYTES, parsedRecord, toRecord } from '../io/input-records.js';
import { UsageError } from './context.js';

/** The largest plain-text article file that is read; a larger one is an error record. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

function sourceName(path: string | undefined): string {
  return path === undefined || path === '-' ? 'stdin' : path;
}

/** Lines of a byte stream split on "\n" (a trailing "\r" removed), each at most `maxBytes`, else `undefined`. */
export async function* splitLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<string | undefined> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let first = true;
  const finish = (): string | undefined => {
    if (tooLong) return undefined;
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
    if (first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    return bytes.toString('utf8');
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = buffer.indexOf(0x0a); newline >= 0; newline = buffer.indexOf(0x0a, start)) {
      const piece = buffer.subarray(start, newline);
      if (!tooLong && length + piece.length <= maxBytes) parts.push(piece);
      else tooLong = true;
      length += piece.length;
      yield finish();
      parts = [];
      length = 0;
      tooLong = false;
      start = newline + 1;
    }
    const rest = buffer.subarray(start);
    if (!tooLong && length + rest.length <= maxBytes) parts.push(Buffer.from(rest));
    else {
      tooLong = true;
      parts = [];
    }
    length += rest.length;
  }
  if (length > 0 || tooLong) yield finish();
}

/** The lines of a JSON Lines stream, not parsed yet; blank lines are skipped (they are no record). */
async function* jsonLines(input: Readable, source: string): AsyncGenerator<JsonLine> {
  let line = 0;
  for await (const json of splitLines(input, MAX_LINE_BYTES)) {
    line++;
    if (json === undefined || /\S/.test(json)) yield { json, line, source };
  }
}

async function* csvRows(input: Readable, source: string, fields: FieldNames, wantLabels: boolean): AsyncGenerator<InputRecord> {
  const errors: BadRecord[] = [];
  let parsedLine = 1; // the last line of the last record parsed (the header at first)
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => {
        if (!header.includes(fields.text)) {
          throw new UsageError(`${source} has no column "${fields.text}" (columns: ${header.join(', ')}); choose one with --text-column`);
        }
        return header;
      },
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: unknown, context: { lines: number }) => {
        parsedLine = context.lines;
        return record;
      },
      on_skip: (error) => {
        // A record that cannot be parsed starts on the line after the last good one.
        const line = parsedLine + 1;
        if (!errors.some((e) => e.line === line)) errors.push({ ok: false, id: `${source}:${line}`, line, error: `CSV: ${error?.message ?? 'unreadable row'}` });
      },
    }),
  );
  // A header error (UsageError) is thrown by csv-parse as a stream error: re-throw it as it is.
  const rows = (async function* () {
    try {
      yield* parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof UsageError ? cause : error;
    }
  })();
  for await (const row of rows) {
    // csv-parse reports a bad record as it parses, ahead of the good ones it has not handed over yet: keep order.
    while (errors.length > 0 && (errors[0] as BadRecord).line < row.info.lines) yield errors.shift() as BadRecord;
    yield toRecord(row.record, row.info.lines, source, fields, wantLabels);
  }
  yield* errors;
}

/**
 * Opens an input path for streaming. Regular files, FIFOs (process substitution) and standard input are read; a
 * folder or a device is refused (reading /dev/urandom would never end).
 */
async function openInput(path: string | undefined, stdin: Readable): Promise<Readable> {
  if (path === undefined || path === '-') return stdin;
  const stats = await stat(path);
  if (stats.isDirectory()) throw new Error('it is a folder');
  if (stats.isCharacterDevice() || stats.isBlockDevice() || stats.isSocket()) throw new Error('it is a device, not a file');
  // 1 MiB reads: with 64 KiB ones, reading 100 MB of JSONL cost the main thread 0.4 s of CPU (the worker threads need it).
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** A whole plain-text file (or standard input), at most `MAX_TEXT_BYTES`. */
async function readText(path: string | undefined, stdin: Readable): Promise<string> {
  const input = await openInput(path, stdin);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > MAX_TEXT_BYTES) {
      input.destroy();
      throw new Error(`it is larger than ${MAX_TEXT_BYTES} bytes; pass long collections as JSONL or CSV`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Records of one input (a path, or `-`/undefined for standard input), in order; the lines of a JSON Lines input
 * are left unparsed (`parsedRecord` parses them), so that the parsing can be done where they are classified.
 */
export async function* readInputs(
  path: string | undefined,
  format: InputFormat,
  fields: FieldNames,
  stdin: Readable,
  wantLabels = false,
): AsyncGenerator<InputRecord | JsonLine> {
  const source = sourceName(path);
  if (format === 'text') {
    const text = await readText(path, stdin);
    yield /\S/.test(text) ? { ok: true, id: source, line: 1, title: null, text } : { ok: false, id: source, line: 1, error: 'the text is empty' };
    return;
  }
  const input = await openInput(path, stdin);
  yield* format === 'jsonl' ? jsonLines(input, source) : csvRows(input, source, fields, wantLabels);
}

/** Records of one input (a path, or `-`/undefined for standard input), in order, parsed. */
export async function* readRecords(
  path: string | undefined,
  format: InputFormat,
  fields: FieldNames,
  stdin: Readable,
  wantLabels = false,
): AsyncGenerator<InputRecord> {
  for await (const item of readInputs(path, format, fields, stdin, wantLabels)) yield parsedRecord(item, fields, wantLabels);
}

/** The format of an input from its extension: .csv is CSV, .jsonl/.ndjson/.json is JSON Lines, anything else `fallback`. */
export function formatOf(path: string, given: InputFormat | undefined, fallback: InputFormat): InputFormat {
  if (given !== undefined) return given;
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  return fallback;
}
