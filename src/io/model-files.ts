/** Model files on disk: `saveModel` (atomic, see atomic-write.ts) and `loadModel` (bounded, validated). */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { InvalidInputError, ModelFormatError } from '../common/errors.js';
import { isBinaryModel } from '../format/model-binary.js';
import { TopicClassifier } from '../model/classifier.js';
import { requirePath, writeFileAtomic } from './atomic-write.js';

/** The largest model file `loadModel` reads (a larger one is refused before it is read). */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/**
 * Writes a model file atomically: a temporary file beside the target, flushed, then renamed over it. A name ending
 * in `.json` gets the JSON file (text, portable, ~3x smaller, slower to load); any other name the binary file
 * (`model.toBytes()`: loads in milliseconds). A symbolic link is written through; a folder, FIFO or device at the
 * path is refused; an existing file keeps its mode.
 * @example await saveModel(model, 'model.bin');
 */
export async function saveModel(model: TopicClassifier, path: string): Promise<void> {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  requirePath(path, 'path');
  await writeFileAtomic(path, isJsonPath(path) ? `${JSON.stringify(model.toJSON())}\n` : model.toBytes());
}

/** True for a file name that gets the JSON model file. */
export function isJsonPath(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** Reads a model file's bytes: a regular file of at most `MAX_MODEL_BYTES`, else a ModelFormatError naming it. */
export async function readModelFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    // Non-blocking open: a FIFO at the path must not hang the process (it is refused just below).
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ModelFormatError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ModelFormatError(path, 'is not a regular file');
    if (stats.size > MAX_MODEL_BYTES) throw new ModelFormatError(path, `is ${stats.size} bytes, larger than any model this package reads (${MAX_MODEL_BYTES})`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** A model from a model file's bytes, binary or JSON (any version this package reads). */
export function modelFromFile(bytes: Uint8Array, path: string): TopicClassifier {
  if (isBinaryModel(bytes)) return TopicClassifier.fromBytes(bytes, path);
  return TopicClassifier.fromJSON(new TextDecoder().decode(bytes), path);
}

/**
 * Reads and validates a model file, binary or JSON.
 * @example const model = await loadModel('model.bin');
 */
export async function loadModel(path: string): Promise<TopicClassifier> {
  requirePath(path, 'path');
  return modelFromFile(await readModelFile(path), path);
}
