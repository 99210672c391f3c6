/**
 * Input records for the command line: plain-text files (one record each), JSON Lines and CSV, streamed so memory
 * stays flat on large files. A bad record (malformed JSON, missing or empty text, wrong type, a CSV row that does
 * not parse) becomes an error record with its line number; reading goes on.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type InputFormat = 'text' | 'jsonl' | 'csv';

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
  /** Present when the record has a labels field. */
  readonly labels?: string[];
}

export interface BadRecord {
  readonly ok: false;
  readonly id: string | null;
  readonly line: number;
  readonly error: string;
}

export type InputRecord = GoodRecord | BadRecord;

/** `-` (or no path) is standard input. */
function openInput(path: string | undefined, stdin: Readable): Readable {
  return path === undefined || path === '-' ? stdin : createReadStream(path);
}

function sourceName(path: string | undefined): string {
  return path === undefined || path === '-' ? 'stdin' : path;
}

function parseLabels(value: unknown, fields: FieldNames): string[] | string {
  if (typeof value === 'string') return value.split(fields.labelSeparator).map((l) => l.trim()).filter((l) => l.length > 0);
  if (Array.isArray(value) && value.every((l) => typeof l === 'string' && l.trim().length > 0)) return value as string[];
  return `field "${fields.labels}" must be an array of non-empty strings or a string of labels separated by "${fields.labelSeparator}"`;
}

/** Turns one parsed object (a JSON line or a CSV row) into a record. */
function toRecord(value: unknown, line: number, source: string, fields: FieldNames, wantLabels: boolean): InputRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, line, error: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}` };
  }
  const record = value as Record<string, unknown>;
  const rawId = record[fields.id];
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `${source}:${line}`;
  const text = record[fields.text];
  if (typeof text !== 'string') return { ok: false, id, line, error: `field "${fields.text}" must be a string, found ${text === undefined ? 'nothing' : typeof text}` };
  if (!/\S/.test(text)) return { ok: false, id, line, error: `field "${fields.text}" is empty` };
  const rawTitle = record[fields.title];
  const title = typeof rawTitle === 'string' && rawTitle.length > 0 ? rawTitle : null;
  if (!wantLabels) return { ok: true, id, line, title, text };
  const labels = parseLabels(record[fields.labels], fields);
  if (typeof labels === 'string') return { ok: false, id, line, error: labels };
  return { ok: true, id, line, title, text, labels };
}

async function* jsonLines(input: Readable, source: string, fields: FieldNames, wantLabels: boolean): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!/\S/.test(text)) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { ok: false, id: null, line, error: `malformed JSON: ${(error as Error).message}` };
      continue;
    }
    yield toRecord(value, line, source, fields, wantLabels);
  }
}

async function* csvRows(input: Readable, source: string, fields: FieldNames, wantLabels: boolean): AsyncGenerator<InputRecord> {
  const skipped: InputRecord[] = [];
  const parser = input.pipe(
    parse({
      columns: true,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push({ ok: false, id: null, line: (error as { lines?: number } | undefined)?.lines ?? 0, error: `CSV: ${error?.message ?? 'unreadable row'}` });
      },
    }),
  );
  let headerChecked = false;
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift() as InputRecord;
    if (!headerChecked) {
      headerChecked = true;
      if (!(fields.text in row.record)) throw new Error(`${source} has no column "${fields.text}" (columns: ${Object.keys(row.record).join(', ')}); choose one with --text-column`);
    }
    yield toRecord(row.record, row.info.lines, source, fields, wantLabels);
  }
  while (skipped.length > 0) yield skipped.shift() as InputRecord;
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
    const text = path === undefined || path === '-' ? await readAll(stdin) : await readFile(path, 'utf8');
    yield /\S/.test(text) ? { ok: true, id: source, line: 1, title: null, text } : { ok: false, id: source, line: 1, error: 'the text is empty' };
    return;
  }
  const input = openInput(path, stdin);
  yield* format === 'jsonl' ? jsonLines(input, source, fields, wantLabels) : csvRows(input, source, fields, wantLabels);
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The format of a data file from its extension, for commands that take one file. */
export function formatOf(path: string, given: InputFormat | undefined): InputFormat {
  if (given !== undefined) return given;
  if (/\.csv$/i.test(path)) return 'csv';
  return 'jsonl';
}
