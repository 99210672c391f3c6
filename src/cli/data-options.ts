/** Input options of the commands: format and field names of the records they read, and reading labelled data. */
import type { Example } from '../learn/examples.js';
import { type CliContext, UsageError } from './context.js';
import { DEFAULT_FIELDS, type FieldNames, type InputFormat, formatOf, readRecords } from './records.js';

/** Format and field options of every command that reads records. */
export const INPUT_OPTIONS = {
  jsonl: { type: 'boolean' },
  csv: { type: 'boolean' },
  'text-field': { type: 'string' },
  'text-column': { type: 'string' },
  'title-field': { type: 'string' },
  'title-column': { type: 'string' },
  'id-field': { type: 'string' },
  'id-column': { type: 'string' },
} as const;

/** The input options of `train` and `eval`: records with labels. */
export const DATA_OPTIONS = {
  ...INPUT_OPTIONS,
  'labels-field': { type: 'string' },
  'labels-column': { type: 'string' },
  'label-separator': { type: 'string' },
} as const;

type Values<T> = { [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string };

/** The format chosen by --jsonl/--csv (undefined when neither), and the field names for id, text and title. */
export function inputSource(values: Values<typeof INPUT_OPTIONS>): { format: InputFormat | undefined; fields: FieldNames } {
  if (values.jsonl && values.csv) throw new UsageError('choose one of --jsonl and --csv');
  return {
    format: values.jsonl ? 'jsonl' : values.csv ? 'csv' : undefined,
    fields: {
      ...DEFAULT_FIELDS,
      text: values['text-field'] ?? values['text-column'] ?? DEFAULT_FIELDS.text,
      id: values['id-field'] ?? values['id-column'] ?? DEFAULT_FIELDS.id,
      title: values['title-field'] ?? values['title-column'] ?? DEFAULT_FIELDS.title,
    },
  };
}

/** A labelled data file's format (from the flags, else its extension) and field names, labels included. */
export function dataSource(path: string, values: Values<typeof DATA_OPTIONS>): { format: InputFormat; fields: FieldNames } {
  const input = inputSource(values);
  const separator = values['label-separator'] ?? DEFAULT_FIELDS.labelSeparator;
  if (separator.length === 0) throw new UsageError('--label-separator must not be empty');
  return {
    format: formatOf(path, input.format, 'jsonl'),
    fields: {
      ...input.fields,
      labels: values['labels-field'] ?? values['labels-column'] ?? DEFAULT_FIELDS.labels,
      labelSeparator: separator,
    },
  };
}

/**
 * Reads labelled examples (with their optional `weight`, `observed` and `calibrate` fields); a bad record is
 * reported on stderr with its line number and left out (counted).
 */
export async function readLabelledExamples(
  path: string,
  source: { format: InputFormat; fields: FieldNames },
  ctx: CliContext,
): Promise<{ examples: Example[]; leftOut: number; calibrate: boolean[] }> {
  const examples: Example[] = [];
  const calibrate: boolean[] = [];
  let leftOut = 0;
  for await (const record of readRecords(path, source.format, source.fields, ctx.stdin, true)) {
    if (!record.ok) {
      leftOut++;
      ctx.stderr.write(`news-topics: ${path}:${record.line}: left out: ${record.error}\n`);
      continue;
    }
    examples.push({
      text: record.text,
      title: record.title,
      labels: record.labels ?? [],
      ...(record.weight !== undefined ? { weight: record.weight } : {}),
      ...(record.observed !== undefined ? { observed: record.observed } : {}),
    });
    calibrate.push(record.calibrate !== false);
  }
  return { examples, leftOut, calibrate };
}
