/** What a command runs against (its streams, injected so tests can drive it) and the parsing of its options. */
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { requirePath, writeTarget } from '../io/atomic-write.js';

export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
}

/** A command-line mistake: reported with the command's help hint and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known option closest to an unknown one, when it is close enough to be a typo. */
export function suggestion(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = name.startsWith(unknown) || unknown.startsWith(name) ? 1 : distance(unknown, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(unknown.length / 3)) ? best : undefined;
}

/** util.parseArgs with usage errors in our words: an unknown option names the closest known one. */
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T; strict: true }>>;

export function parseCommandArgs<T extends Options>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const name = /'(-{1,2}[^']+)'/.exec((error as Error).message)?.[1] ?? '';
      const close = suggestion(name.replace(/^-+/, ''), Object.keys(options));
      throw new UsageError(`unknown option ${name}${close ? `; did you mean --${close}?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'(-{1,2}[^' ]+)/.exec((error as Error).message)?.[1] ?? 'an option';
      throw new UsageError(`${name} ${options[name.replace(/^-+/, '').split(' ')[0] ?? '']?.type === 'boolean' ? 'takes no value' : 'needs a value'}`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError((error as Error).message);
    throw error;
  }
}

export function numberOption(value: string | undefined, name: string, min: number, max: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, received "${value}"`);
  }
  return n;
}

export function choiceOption<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, received "${value}"`);
  return value as T;
}

export function booleanOption(value: string | undefined, name: string): boolean | undefined {
  return choiceOption(value, name, ['true', 'false'] as const) === undefined ? undefined : value === 'true';
}

/** Checks, before any work, that the file an option names (`--out`, `--report`) can be written: a usage error if not. */
export async function checkWritable(path: string, flag: string): Promise<void> {
  try {
    await writeTarget(requirePath(path, flag));
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${(error as Error).message.replace(/^news-topics: /, '')}`);
  }
}
