/** Input options of the commands: format and field names of the records they read. */
import { DEFAULT_FIELDS, type FieldNames, type InputFormat, formatOf } from './records.js';
import { UsageError } from './context.js';

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

type DataValues = { [K in keyof typeof DATA_OPTIONS]?: (typeof DATA_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export function dataSource(path: string, values: DataValues): { format: InputFormat; fields: FieldNames } {
  if (values.jsonl && values.csv) throw new UsageError('choose one of --jsonl and --csv');
  const format = formatOf(path, values.jsonl ? 'jsonl' : values.csv ? 'csv' : undefined);
  const separator = values['label-separator'] ?? DEFAULT_FIELDS.labelSeparator;
  if (separator.length === 0) throw new UsageError('--label-separator must not be empty');
  return {
    format,
    fields: {
      ...DEFAULT_FIELDS,
      text: values['text-field'] ?? values['text-column'] ?? DEFAULT_FIELDS.text,
      title: values['title-field'] ?? values['title-column'] ?? DEFAULT_FIELDS.title,
      labels: values['labels-field'] ?? values['labels-column'] ?? DEFAULT_FIELDS.labels,
      labelSeparator: separator,
    },
  };
}
