/** Training and evaluation examples: validation and collection from arrays, iterables and async iterables. */
import { InvalidInputError } from '../common/errors.js';
import type { Article } from '../text/input.js';

export interface Example {
  /** The article body (or any text). */
  readonly text: string;
  /** Its labels; an empty array means "none of the labels". Labels are trimmed: " sport " is `sport`. */
  readonly labels: readonly string[];
  /** Optional headline, read before the text (as `predict({ title, body })` reads it). */
  readonly title?: string | null;
  /** Relative importance in training. Default 1. */
  readonly weight?: number;
  /**
   * Labels this example speaks for: a label it observes is positive when listed in `labels` and negative otherwise;
   * any other label is unknown for it and not learnt from it. Default: every label. `labels` are always positive.
   */
  readonly observed?: readonly string[];
}

/** The article an example is: its title and its text as the body. */
export function exampleArticle(example: Example): Article {
  return { title: example.title ? example.title : null, body: example.text };
}

function validateLabelList(value: unknown, field: string): readonly string[] {
  if (!Array.isArray(value)) throw new InvalidInputError(field, 'an array of label strings', value);
  return value.map((label: unknown, j) => {
    if (typeof label !== 'string' || label.trim().length === 0) throw new InvalidInputError(`${field}[${j}]`, 'a non-empty label string', label);
    return label.trim();
  });
}

/** True when every example has exactly one label and observes all labels: a single-label data set (top label by default). */
export function singleLabelData(examples: readonly Example[]): boolean {
  return examples.every((example) => example.labels.length === 1 && example.observed === undefined);
}

const NOT_SPACE = /\S/;

export function validateExample(value: unknown, index: number, field = 'examples'): Example {
  const at = `${field}[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError(at, 'an object { text, labels }', value);
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') throw new InvalidInputError(`${at}.text`, 'a string', record.text);
  const title = record.title;
  if (title !== undefined && title !== null && typeof title !== 'string') throw new InvalidInputError(`${at}.title`, 'a string or null', title);
  // A text with something other than white space, or a title with it (`\S` is what trim() keeps; joining the two
  // and trimming copied every text).
  if (!NOT_SPACE.test(record.text) && !(typeof title === 'string' && NOT_SPACE.test(title))) throw new InvalidInputError(`${at}.text`, 'a non-empty text', record.text);
  const labels = [...new Set(validateLabelList(record.labels, `${at}.labels`))];
  const weight = record.weight;
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)) {
    throw new InvalidInputError(`${at}.weight`, 'a positive finite number', weight);
  }
  const observed = record.observed === undefined ? undefined : validateLabelList(record.observed, `${at}.observed`);
  return {
    text: record.text,
    labels,
    ...(typeof title === 'string' ? { title } : {}),
    ...(weight !== undefined ? { weight: weight as number } : {}),
    ...(observed !== undefined ? { observed } : {}),
  };
}

/** Reads every example, validating each; a bare string or non-iterable is refused. */
export async function collectExamples(source: unknown, field = 'examples'): Promise<Example[]> {
  if (typeof source === 'string' || source === null || typeof source !== 'object') {
    throw new InvalidInputError(field, 'an array, iterable or async iterable of { text, labels } objects', source);
  }
  const out: Example[] = [];
  if (Symbol.asyncIterator in source) {
    for await (const item of source as AsyncIterable<unknown>) out.push(validateExample(item, out.length, field));
  } else if (Symbol.iterator in source) {
    for (const item of source as Iterable<unknown>) out.push(validateExample(item, out.length, field));
  } else {
    throw new InvalidInputError(field, 'an array, iterable or async iterable of { text, labels } objects', source);
  }
  return out;
}
