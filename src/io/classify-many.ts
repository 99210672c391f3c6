/**
 * Many articles on every core: `classifyMany` (the news product, like `classify`) and `predictMany` (a model's own
 * labels, like `model.predict`) take an array, any iterable or an async iterable (a stream of records), and yield one
 * result per input, in input order, as the results come: worker threads share one copy of the model's weights
 * (io/article-pool.ts), at most two batches per thread are in flight (the source is read only as fast as results are
 * taken), and a bad input gives an error result (`{ topics: [], error }`) rather than stopping the stream.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalBoolean, optionalNumber, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { TopicClassifier } from '../model/classifier.js';
import { DECISION_KEYS, decisionRule, type DecisionOptions } from '../model/decide.js';
import type { Result } from '../model/result.js';
import type { ArticleJob } from '../news/article-job.js';
import { type ClassifyOptions, parseClassifyOptions, requireTaxonomyModel } from '../news/classify.js';
import type { ArticleInput } from '../text/input.js';
import { ArticlePool, defaultClassifyThreads } from './article-pool.js';
import { defaultModel } from './default-model.js';
import { inOrder } from './in-order.js';

export interface ManyOptions {
  /** Worker threads (default: one per core; 1: the calling thread only). */
  readonly threads?: number;
  /** Articles sent to a thread at a time (default 64). */
  readonly batchSize?: number;
}

export type Articles = Iterable<ArticleInput> | AsyncIterable<ArticleInput>;

const MANY_KEYS = ['threads', 'batchSize'] as const;

function articlesOf(inputs: unknown): Articles {
  const iterable = typeof inputs === 'object' && inputs !== null && (Symbol.iterator in inputs || Symbol.asyncIterator in inputs);
  if (!iterable) throw new InvalidInputError('inputs', 'an array, an iterable or an async iterable of articles', inputs);
  return inputs as Articles;
}

function manyOptions(bag: Record<string, unknown>): { threads: number; batchSize: number } {
  return {
    threads: optionalNumber(bag, 'threads', 'options', { min: 1, max: 256, integer: true }) ?? defaultClassifyThreads(),
    batchSize: optionalNumber(bag, 'batchSize', 'options', { min: 1, max: 100_000, integer: true }) ?? 64,
  };
}

function run(model: TopicClassifier, inputs: Articles, job: ArticleJob, threads: number, batchSize: number): AsyncIterable<Result> {
  return {
    async *[Symbol.asyncIterator]() {
      const pool = new ArticlePool(model, job, threads);
      try {
        for await (const results of inOrder(inputs, batchSize, 2 * threads, (batch, only) => pool.classify(batch, only))) yield* results;
      } finally {
        await pool.close();
      }
    },
  };
}

/**
 * `classify` for many articles, on every core: one result per input, in input order.
 * @example
 * for await (const result of classifyMany(articles)) console.log(result.topics[0]?.label);
 */
export function classifyMany(inputs: Articles, options?: ClassifyOptions & ManyOptions): AsyncIterable<Result> {
  const articles = articlesOf(inputs);
  const bag = optionsObject(options, 'options');
  const { threads: _t, batchSize: _b, model: given, ...classifyOptions } = bag;
  const model = given === undefined ? defaultModel() : requireTaxonomyModel(given, 'options.model');
  parseClassifyOptions(classifyOptions, model.singleLabel); // a bad option is an error now, not one per article
  const { threads, batchSize } = manyOptions(bag);
  return run(model, articles, { mode: 'taxonomy', options: classifyOptions as Omit<ClassifyOptions, 'model'> }, threads, batchSize);
}

/**
 * `model.predict` for many articles, on every core: one result per input, in input order; `explain` and `places`
 * add the explanations of the chosen labels and the countries named.
 */
export function predictMany(
  model: TopicClassifier,
  inputs: Articles,
  options?: DecisionOptions & ManyOptions & { readonly explain?: boolean; readonly places?: boolean },
): AsyncIterable<Result> {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError('model', 'a TopicClassifier', model);
  const articles = articlesOf(inputs);
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, [...DECISION_KEYS, ...MANY_KEYS, 'explain', 'places'], 'options');
  const decisions = Object.fromEntries(Object.entries(bag).filter(([key]) => (DECISION_KEYS as readonly string[]).includes(key)));
  decisionRule(decisions, 'options', model.singleLabel);
  const explain = optionalBoolean(bag, 'explain', 'options') ?? false;
  const places = optionalBoolean(bag, 'places', 'options') ?? false;
  const { threads, batchSize } = manyOptions(bag);
  return run(model, articles, { mode: 'labels', options: { ...decisions, explain, places } }, threads, batchSize);
}
