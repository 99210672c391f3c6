/**
 * Every error this package throws is a `NewsTopicsError`, so callers can catch ours apart from the rest.
 * Messages name what was expected and what arrived.
 */
export class NewsTopicsError extends Error {
  override name = 'NewsTopicsError';
}

/** An argument of a public function is missing, of the wrong type or out of range. */
export class InvalidInputError extends NewsTopicsError {
  override name = 'InvalidInputError';
  /** The argument or field at fault, e.g. `options.topK` or `examples[3].labels`. */
  readonly field: string;
  constructor(field: string, expected: string, received: unknown) {
    super(`news-topics: ${field} must be ${expected}, received ${describe(received)}`);
    this.field = field;
  }
}

/** A model file (or its JSON) is not a news-topics model, is damaged, or is of a newer format version. */
export class ModelFormatError extends NewsTopicsError {
  override name = 'ModelFormatError';
  /** The file path, or `<json>` when the model came from an object. */
  readonly source: string;
  constructor(source: string, fault: string) {
    super(`news-topics: ${source} is not a usable model: ${fault}`);
    this.source = source;
  }
}

/** Training cannot proceed on the data given (e.g. no examples, or only one label and no negatives). */
export class TrainingError extends NewsTopicsError {
  override name = 'TrainingError';
}

/** A short, bounded description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return value.length === 0 ? 'an empty string' : `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'symbol') return 'a symbol';
  return 'an object';
}
