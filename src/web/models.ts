/**
 * Models in browsers and edge workers: the default model's browser variant shipped in the package
 * (data/model-web.bin: the same recipe with fewer features, a smaller download; its card is in data/README.md),
 * fetched once (a bundler that understands `new URL(…, import.meta.url)` — Vite, webpack 5, Parcel — copies it as an
 * asset), and a
 * user's model from bytes, a `Response` or a URL. Loading is asynchronous; classifying afterwards is synchronous.
 * Binary model files only (what `saveModel` writes): every weight block is checked and unpacked at load (inflated
 * with fflate, or read as it is from a file written with `toBytes({ blocks: 'stored' })`, like the browser variant).
 */
import { InvalidInputError, NewsTopicsError } from '../common/errors.js';
import { TopicClassifier } from '../model/classifier.js';
import { nameModel } from '../model/provenance.js';
import type { Explanation, Result } from '../model/result.js';
import { type ClassifyOptions, classifyWithDefault, explainWithDefault } from '../news/classify.js';
import type { ArticleInput } from '../text/input.js';
import { loadModules } from './modules.js';

const DEFAULT_MODEL_URL = new URL('../../data/model-web.bin', import.meta.url);
let cached: TopicClassifier | undefined;

async function bytesOf(source: unknown, field: string): Promise<{ bytes: Uint8Array; name: string }> {
  if (source instanceof Uint8Array) return { bytes: source, name: '<bytes>' };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source), name: '<bytes>' };
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new NewsTopicsError(`news-topics: the model at ${source.url || '<response>'} could not be fetched (HTTP ${source.status})`);
    return { bytes: new Uint8Array(await source.arrayBuffer()), name: source.url || '<response>' };
  }
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new NewsTopicsError(`news-topics: the model at ${String(source)} could not be fetched (HTTP ${response.status})`);
    return { bytes: new Uint8Array(await response.arrayBuffer()), name: String(source) };
  }
  throw new InvalidInputError(field, 'a URL, a Response, an ArrayBuffer or a Uint8Array', source);
}

/**
 * A model from a binary model file: bytes, a `Response`, or a URL to fetch.
 * @example const model = await loadModel('/models/newsroom.bin');
 */
export async function loadModel(source: string | URL | Response | ArrayBuffer | Uint8Array): Promise<TopicClassifier> {
  const { bytes, name } = await bytesOf(source, 'source');
  await loadModules();
  const model = TopicClassifier.fromBytes(bytes, name);
  // Every weight block checked and unpacked now, while the caller awaits the load: classify then finds them ready
  // (Node unpacks on first use instead, for a fast cold start).
  model.parts.weights.rows?.ensureAll();
  return model;
}

/**
 * Fetches and checks the default news model's browser variant once, then `classify` and `explain` use it.
 * @example
 * await loadDefaultModel();
 * classify(articleBody).topics;
 */
export async function loadDefaultModel(options?: { readonly url?: string | URL }): Promise<TopicClassifier> {
  if (cached === undefined || options?.url !== undefined) {
    cached = await loadModel(options?.url ?? DEFAULT_MODEL_URL);
    if (options?.url === undefined) nameModel(cached, { name: 'news-topics default model (browser variant)', version: null });
  }
  return cached;
}

/** The default news model, once `loadDefaultModel()` has loaded it. */
export function defaultModel(): TopicClassifier {
  if (cached === undefined) throw new NewsTopicsError('news-topics: the default model is not loaded yet: `await loadDefaultModel()` first (browsers and workers load it over the network)');
  return cached;
}

/** Topics of a news article from the default model (after `loadDefaultModel()`), or `options.model`. */
export function classify(input: ArticleInput, options?: ClassifyOptions): Result {
  return classifyWithDefault(defaultModel, input, options);
}

/** Why the default model (or `options.model`) gives `topicId` its score for an article. */
export function explain(input: ArticleInput, topicId: string, options?: { readonly limit?: number; readonly model?: TopicClassifier }): Explanation {
  return explainWithDefault(defaultModel, input, topicId, options);
}
