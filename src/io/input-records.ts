/**
 * Input records: what one JSON line, CSV row or text file of articles becomes before it is classified (or trained
 * on). Pure (no Node module), so a worker thread can turn the JSON lines it is sent into records itself: reading a
 * file (cli/records.ts) only splits it into lines, and the parsing is spread over the threads with the classifying.
 */

export type InputFormat = 'text' | 'jsonl' | 'csv';

/** The longest JSON line that is parsed; a longer one is an error record. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

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

function parseLabels(value: unknown, fields: FieldNames): string[] | string {
  if (typeof value === 'string') return value.split(fields.labelSeparator).map((l) => l.trim()).filter((l) => l.length > 0);
  if (Array.isArray(value) && value.every((l) => typeof l === 'string' && l.trim().length > 0)) return (value as string[]).map((l) => l.trim());
  return `field "${fields.labels}" must be an array of non-empty strings or a string of labels separated by "${fields.labelSeparator}"`;
}

/** Turns one parsed object (a JSON line or a CSV row) into a record. */
export function toRecord(value: unknown, line: number, source: string, fields: FieldNames, wantLabels: boolean): InputRecord {
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

/**
 * A JSON line not yet parsed (`json`: its text, or `undefined` for a line too long to hold), parsed by
 * `parsedRecord` where it is classified.
 */
export interface JsonLine {
  readonly json: string | undefined;
  readonly line: number;
  readonly source: string;
}

/**
 * The record of an input item: a JSON line parsed (its object's fields, or an error record for malformed JSON or a
 * line too long), a record (CSV row, text file) as it is.
 */
export function parsedRecord(item: InputRecord | JsonLine, fields: FieldNames, wantLabels: boolean): InputRecord {
  if (!('json' in item)) return item;
  const { json, line, source } = item;
  if (json === undefined) return { ok: false, id: `${source}:${line}`, line, error: `the line is longer than ${MAX_LINE_BYTES} bytes; it was skipped` };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, id: `${source}:${line}`, line, error: `malformed JSON: ${(error as Error).message}` };
  }
  return toRecord(value, line, source, fields, wantLabels);
}
