/** The input options shared by `train` and `eval`: format and field names of a labelled data file. */
import { DEFAULT_FIELDS, type FieldNames, type InputFormat, formatOf } from './records.js';
import { UsageError } from './context.js';

export const DATA_OPTIONS = {
  jsonl: { type: 'boolean' },
  csv: { type: 'boolean' },
  'text-field': { type: 'string' },
  'text-column': { type: 'string' },
  'title-field': { type: 'string' },
  'title-column': { type: 'string' },
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
