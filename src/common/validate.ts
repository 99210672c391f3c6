/** Argument checks shared by the public functions: each throws an InvalidInputError naming the field. */
import { InvalidInputError } from './errors.js';

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidInputError(field, 'a string', value);
  if (!/\S/.test(value)) throw new InvalidInputError(field, 'a non-empty text', value);
  return value;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError(field, 'an object', value);
  return value as Record<string, unknown>;
}

/** An optional options bag: undefined is allowed, anything else must be a plain object. */
export function optionsObject(value: unknown, field: string): Record<string, unknown> {
  return value === undefined ? {} : requireObject(value, field);
}

export function optionalNumber(
  bag: Record<string, unknown>,
  key: string,
  field: string,
  range: { min: number; max: number; integer?: boolean; allowInfinity?: boolean },
): number | undefined {
  const value = bag[key];
  if (value === undefined) return undefined;
  const kind = range.integer ? 'an integer' : 'a number';
  const expected = `${kind} from ${range.min} to ${range.allowInfinity ? 'Infinity' : range.max}`;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new InvalidInputError(`${field}.${key}`, expected, value);
  if (value === Infinity && range.allowInfinity) return value;
  if (value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
    throw new InvalidInputError(`${field}.${key}`, expected, value);
  }
  return value;
}

export function optionalBoolean(bag: Record<string, unknown>, key: string, field: string): boolean | undefined {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new InvalidInputError(`${field}.${key}`, 'a boolean', value);
  return value;
}

export function optionalChoice<T extends string | number>(
  bag: Record<string, unknown>,
  key: string,
  field: string,
  choices: readonly T[],
): T | undefined {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new InvalidInputError(`${field}.${key}`, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
  return value as T;
}

/** Refuses keys the function does not know, so a misspelt option is not silently ignored. */
export function rejectUnknownKeys(bag: Record<string, unknown>, known: readonly string[], field: string): void {
  for (const key of Object.keys(bag)) {
    if (!known.includes(key)) throw new InvalidInputError(`${field}.${key}`, `one of the known options (${known.join(', ')})`, bag[key]);
  }
}
