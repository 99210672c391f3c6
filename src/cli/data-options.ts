/** Input options of the commands: format and field names of the records they read, and reading labelled data. */
import type { Example } from '../learn/examples.js';
import { type CliContext, UsageError } from './context.js';
import type { Readable } from 'node:stream';
import { DEFAULT_FIELDS, type FieldNames, type InputFormat, type InputRecord, type JsonLine, parsedRecord } from '../io/input-records.js';
import { formatOf, readInputs, readRecords } from './records.js';

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

/** The input options of the commands that read articles (classify, enqueue): the record options and `--text`. */
export const ARTICLE_INPUT_OPTIONS = { ...INPUT_OPTIONS, text: { type: 'boolean' } } as const;

/** The inputs a command reads: paths (standard input "-" by default, at most once), each with its format. */
export interface ArticleInputs {
  readonly inputs: readonly string[];
  readonly formats: readonly InputFormat[];
  readonly fields: FieldNames;
}

export function articleInputs(values: Values<typeof ARTICLE_INPUT_OPTIONS>, positionals: readonly string[]): ArticleInputs {
  const source = inputSource(values);
  if (values.text && source.format !== undefined) throw new UsageError('choose one of --text, --jsonl and --csv');
  const given = values.text ? 'text' : source.format;
  const inputs = positionals.length > 0 ? positionals : ['-'];
  if (inputs.filter((p) => p === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');
  return { inputs, formats: inputs.map((path) => formatOf(path, given, 'text')), fields: source.fields };
}

/**
 * Every record of every input, in order, with its input's format; an input that cannot be read (missing, a folder,
 * a device, an I/O error) is one failed record, and the others go on. `parse: false` leaves JSON lines unparsed
 * (`parsedRecord`), for classify's worker threads to parse.
 */
export function readArticleInputs(plan: ArticleInputs, stdin: Readable): AsyncGenerator<{ record: InputRecord; format: InputFormat }>;
export function readArticleInputs(plan: ArticleInputs, stdin: Readable, parse: false): AsyncGenerator<{ record: InputRecord | JsonLine; format: InputFormat }>;
export async function* readArticleInputs({ inputs, formats, fields }: ArticleInputs, stdin: Readable, parse = true): AsyncGenerator<{ record: InputRecord | JsonLine; format: InputFormat }> {
  for (const [i, input] of inputs.entries()) {
    const format = formats[i] as InputFormat;
    try {
      for await (const item of readInputs(input, format, fields, stdin)) yield { record: parse ? parsedRecord(item, fields, false) : item, format };
    } catch (error) {
      if (error instanceof UsageError || (error as Error).name === 'OutputClosed') throw error;
      yield { record: { ok: false, id: input, line: 0, error: `cannot read ${input}: ${(error as Error).message}` }, format: 'jsonl' };
    }
  }
}

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
