/**
 * The default news model shipped in `data/model.json`, read from disk on first use and cached, and the
 * zero-configuration `classify` and `explain` bound to it (Node: synchronous file read).
 */
import { readFileSync } from 'node:fs';
import { NewsTopicsError } from '../common/errors.js';
import { optionsObject } from '../common/validate.js';
import { TopicClassifier } from '../model/classifier.js';
import type { Explanation, Result } from '../model/result.js';
import { classifyArticle, type ClassifyOptions, explainTopic, requireTaxonomyModel } from '../news/classify.js';
import { getTopic } from '../news/taxonomy.js';
import { type ArticleInput, toArticle } from '../text/input.js';
import { nodeCodec } from './node-codec.js';

const MODEL_URL = new URL('../../data/model.json', import.meta.url);
let cached: TopicClassifier | undefined;

/** The default news model (loaded from `data/model.json` on the first call, then cached). */
export function defaultModel(): TopicClassifier {
  if (cached === undefined) {
    const path = decodeURIComponent(MODEL_URL.pathname);
    let text: string;
    try {
      text = readFileSync(MODEL_URL, 'utf8');
    } catch (error) {
      throw new NewsTopicsError(`news-topics: the default model ${path} cannot be read (${(error as NodeJS.ErrnoException).code}); reinstall news-topics`);
    }
    cached = TopicClassifier.decode(text, path, nodeCodec);
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
  toArticle(input, 'input'); // a bad argument is reported as such, before the model loads
  const model = optionsObject(options, 'options').model;
  return classifyArticle(model === undefined ? defaultModel() : requireTaxonomyModel(model, 'options.model'), input, options);
}

/**
 * Why the default model (or `options.model`) gives `topicId` its score for an article.
 * @example explain(articleBody, 'military').up; // [{ text: 'military', contribution: 0.46 }, ...]
 */
export function explain(input: ArticleInput, topicId: string, options?: { readonly limit?: number; readonly model?: TopicClassifier }): Explanation {
  toArticle(input, 'input');
  getTopic(topicId);
  const { model, ...rest } = optionsObject(options, 'options');
  return explainTopic(model === undefined ? defaultModel() : requireTaxonomyModel(model, 'options.model'), input, topicId, rest);
}
