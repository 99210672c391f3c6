/** Model files on disk: `saveModel` (atomic, see atomic-write.ts) and `loadModel` (bounded, validated). */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { InvalidInputError, ModelFormatError } from '../common/errors.js';
import { TopicClassifier } from '../model/classifier.js';
import { requirePath, writeFileAtomic } from './atomic-write.js';
import { nodeCodec } from './node-codec.js';

/** The largest model file `loadModel` reads (a larger one is refused before it is read). */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/**
 * Writes a model file atomically: a temporary file beside the target, flushed, then renamed over it. A symbolic
 * link is written through; a folder, FIFO or device at the path is refused; an existing file keeps its mode.
 * @example await saveModel(model, 'model.json');
 */
export async function saveModel(model: TopicClassifier, path: string): Promise<void> {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  requirePath(path, 'path');
  await writeFileAtomic(path, `${JSON.stringify(model.toJSON())}\n`);
}

/** Reads a model file's text: a regular file of at most `MAX_MODEL_BYTES`, else a ModelFormatError naming it. */
export async function readModelText(path: string): Promise<string> {
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
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Reads and validates a model file.
 * @example const model = await loadModel('model.json');
 */
export async function loadModel(path: string): Promise<TopicClassifier> {
  requirePath(path, 'path');
  return TopicClassifier.decode(await readModelText(path), path, nodeCodec);
}
