/** File I/O for model files: atomic writes and reads that report the file by name. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { ModelFormatError, NewsTopicsError } from './errors.js';

/** Temporary files being written now, so that a signal handler can remove them (see bin.ts). */
export const temporaryFiles = new Set<string>();

/** Writes to a temporary file beside the target, then renames it over: readers never see half a file. */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  temporaryFiles.add(temporary);
  try {
    await writeFile(temporary, contents, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new NewsTopicsError(`news-topics: could not write ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    temporaryFiles.delete(temporary);
  }
}

/** Reads a model file and parses its JSON; a missing file or bad JSON is a ModelFormatError naming the file. */
export async function readModelFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ModelFormatError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseModelText(text, path);
}

export function parseModelText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(source, `not valid JSON (${(error as Error).message}); the file may be truncated`);
  }
}
