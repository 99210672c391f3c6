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
import { UsageError } from './context.js';

export type InputFormat = 'text' | 'jsonl' | 'csv';

/** The longest JSON line that is parsed; a longer one is an error record. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** The largest plain-text article file that is read; a larger one is an error record. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

export interface FieldNames {
  readonly id: string;
  readonly text: string;
  readonly title: string;
  /** Labels field/column (train and eval). */
  readonly labels: string;
  /** Separator for labels given as one string (CSV cells, or JSONL strings). */
  readonly labelSeparator: string;
}

export const DEFAULT_FIELDS: FieldNames = { id: 'id', text: 'text', title: 'title', labels: 'labels', labelSeparator: '|' };

export interface GoodRecord {
  readonly ok: true;
  readonly id: string;
  readonly line: number;
  readonly title: string | null;
  readonly text: string;
  /** Training records: the labels, and the optional fields `weight`, `observed` and `calibrate`. */
  readonly labels?: string[];
  readonly weight?: number;
  readonly observed?: string[];
  /** `false`: the record trains the scorers but is left out of calibration (train's `calibrateOn`). */
  readonly calibrate?: boolean;
}

export interface BadRecord {
  readonly ok: false;
  /** The record's id when it could be read, else `SOURCE:LINE`. */
  readonly id: string;
  readonly line: number;
  readonly error: string;
}

export type InputRecord = GoodRecord | BadRecord;

function sourceName(path: string | undefined): string {
  return path === undefined || path === '-' ? 'stdin' : path;
}

function parseLabels(value: unknown, fields: FieldNames): string[] | string {
  if (typeof value === 'string') return value.split(fields.labelSeparator).map((l) => l.trim()).filter((l) => l.length > 0);
  if (Array.isArray(value) && value.every((l) => typeof l === 'string' && l.trim().length > 0)) return (value as string[]).map((l) => l.trim());
  return `field "${fields.labels}" must be an array of non-empty strings or a string of labels separated by "${fields.labelSeparator}"`;
}

/** Turns one parsed object (a JSON line or a CSV row) into a record. */
function toRecord(value: unknown, line: number, source: string, fields: FieldNames, wantLabels: boolean): InputRecord {
  const fallbackId = `${source}:${line}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: fallbackId, line, error: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  }
  const record = value as Record<string, unknown>;
  const rawId = record[fields.id];
  const id = (typeof rawId === 'string' && rawId.length > 0) || typeof rawId === 'number' ? String(rawId) : fallbackId;
  const text = record[fields.text];
  if (typeof text !== 'string') return { ok: false, id, line, error: `field "${fields.text}" must be a string, found ${text === undefined ? 'nothing' : text === null ? 'null' : typeof text}` };
  if (!/\S/.test(text)) return { ok: false, id, line, error: `field "${fields.text}" is empty` };
  const rawTitle = record[fields.title];
  const title = typeof rawTitle === 'string' && rawTitle.length > 0 ? rawTitle : null;
  if (!wantLabels) return { ok: true, id, line, title, text };
  const labels = parseLabels(record[fields.labels], fields);
  if (typeof labels === 'string') return { ok: false, id, line, error: labels };
  // Optional training fields (JSON values, or CSV cells as text).
  const weight = record.weight === undefined || record.weight === '' ? undefined : Number(record.weight);
  if (weight !== undefined && !(Number.isFinite(weight) && weight > 0)) return { ok: false, id, line, error: 'field "weight" must be a positive number' };
  const observed = record.observed === undefined || record.observed === '' ? undefined : parseLabels(record.observed, { ...fields, labels: 'observed' });
  if (typeof observed === 'string') return { ok: false, id, line, error: observed };
  const calibrate = record.calibrate === undefined || record.calibrate === '' ? undefined : record.calibrate === true || record.calibrate === 'true' ? true : record.calibrate === false || record.calibrate === 'false' ? false : null;
  if (calibrate === null) return { ok: false, id, line, error: 'field "calibrate" must be true or false' };
  return { ok: true, id, line, title, text, labels, ...(weight !== undefined ? { weight } : {}), ...(observed !== undefined ? { observed } : {}), ...(calibrate !== undefined ? { calibrate } : {}) };
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

async function* jsonLines(input: Readable, source: string, fields: FieldNames, wantLabels: boolean): AsyncGenerator<InputRecord> {
  let line = 0;
  for await (const text of splitLines(input, MAX_LINE_BYTES)) {
    line++;
    if (text === undefined) {
      yield { ok: false, id: `${source}:${line}`, line, error: `the line is longer than ${MAX_LINE_BYTES} bytes; it was skipped` };
      continue;
    }
    if (!/\S/.test(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { ok: false, id: `${source}:${line}`, line, error: `malformed JSON: ${(error as Error).message}` };
      continue;
    }
    yield toRecord(value, line, source, fields, wantLabels);
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
  return createReadStream(path);
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

/** Records of one input (a path, or `-`/undefined for standard input), in order. */
export async function* readRecords(
  path: string | undefined,
  format: InputFormat,
  fields: FieldNames,
  stdin: Readable,
  wantLabels = false,
): AsyncGenerator<InputRecord> {
  const source = sourceName(path);
  if (format === 'text') {
    const text = await readText(path, stdin);
    yield /\S/.test(text) ? { ok: true, id: source, line: 1, title: null, text } : { ok: false, id: source, line: 1, error: 'the text is empty' };
    return;
  }
  const input = await openInput(path, stdin);
  yield* format === 'jsonl' ? jsonLines(input, source, fields, wantLabels) : csvRows(input, source, fields, wantLabels);
}

/** The format of an input from its extension: .csv is CSV, .jsonl/.ndjson/.json is JSON Lines, anything else `fallback`. */
export function formatOf(path: string, given: InputFormat | undefined, fallback: InputFormat): InputFormat {
  if (given !== undefined) return given;
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  return fallback;
}
