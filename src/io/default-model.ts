/**
 * The default news model shipped in `data/model.bin` (binary model file), read from disk on first use and cached,
 * and the zero-configuration `classify` and `explain` bound to it (Node: synchronous file read, arrays used in place).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { nodeBuiltin } from '../common/optional-modules.js';
import { NewsTopicsError } from '../common/errors.js';
import { type ByteSource, decodeModelBytes } from '../format/model-binary.js';
import { TopicClassifier } from '../model/classifier.js';
import { nameModel } from '../model/provenance.js';
import type { Explanation, Result } from '../model/result.js';
import { type ClassifyOptions, classifyWithDefault, explainWithDefault } from '../news/classify.js';
import type { ArticleInput } from '../text/input.js';

const MODEL_URL = new URL('../../data/model.bin', import.meta.url);
/** What `adapt` records as the base of a model adapted from this one. */
export const DEFAULT_MODEL_NAME = 'news-topics default model';

/** This package's version (the default model ships with it), or null when package.json cannot be read. */
export function packageVersion(): string | null {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}
let cached: TopicClassifier | undefined;

/**
 * A file read on demand: the model's weight blocks are read when a text first needs them (a fresh page of memory is
 * costly: reading the whole 6 MB file at load took 21 ms on the reference machine, its 0.5 MB front 2 ms). The file
 * stays open for the life of the process (one descriptor); each block is checked against its checksum as it is read.
 */
function fileSource(fd: number): ByteSource {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return {
    size: fstatSync(fd).size,
    read(offset, length) {
      if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, scratch, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return scratch.subarray(0, done);
    },
  };
}

/** The default news model (loaded from `data/model.bin` on the first call, then cached). */
export function defaultModel(): TopicClassifier {
  if (cached === undefined) {
    const path = decodeURIComponent(MODEL_URL.pathname);
    let fd: number;
    try {
      fd = openSync(MODEL_URL, 'r');
    } catch (error) {
      throw new NewsTopicsError(`news-topics: the default model ${path} cannot be read (${(error as NodeJS.ErrnoException).code}); reinstall news-topics`);
    }
    try {
      cached = new TopicClassifier(decodeModelBytes(fileSource(fd), path));
      // Read only when asked (by adapt): not on the path of a first classify.
      nameModel(cached, {
        name: DEFAULT_MODEL_NAME,
        get version() {
          return packageVersion();
        },
        sha256: () => `sha256:${(nodeBuiltin('crypto') as typeof import('node:crypto')).createHash('sha256').update(readFileSync(MODEL_URL)).digest('hex')}`,
      });
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }
  return cached;
}

/**
 * Topics of a news article (a body, or `{ title?, body }`), best first, from the default model (or
 * `options.model`, any model whose labels are taxonomy ids).
 * @example
 * classify({ title: 'North Korea prepares for war', body: articleBody });
 * // { topics: [{ id: 'international-relations', label: 'International Relations', score: 0.99, parent: 'politics',
 * //              iptc: ['medtop:20000638'] }, { id: 'military', ... }] }
 */
export function classify(input: ArticleInput, options?: ClassifyOptions): Result {
  return classifyWithDefault(defaultModel, input, options);
}

/**
 * Why the default model (or `options.model`) gives `topicId` its score for an article.
 * @example explain(articleBody, 'military').up; // [{ text: 'military', contribution: 0.46 }, ...]
 */
export function explain(input: ArticleInput, topicId: string, options?: { readonly limit?: number; readonly model?: TopicClassifier }): Explanation {
  return explainWithDefault(defaultModel, input, topicId, options);
}
