/**
 * One article in, one result out, the same way on every batch path (`classifyMany`, `predictMany`, the CLI, worker
 * threads): a job says how, as plain data that can be posted to a thread. A `taxonomy` job is `classifyArticle`
 * (hierarchy, names, IPTC codes, language check); a `labels` job uses the model's own labels (`predict`'s decision)
 * and adds explanations and places when asked, from the same single reading of the text. A bad input becomes an
 * error result (`{ topics: [], error }`), never a thrown error, so a batch never stops half-way.
 */
import { InvalidInputError, NewsTopicsError } from '../common/errors.js';
import type { TopicClassifier } from '../model/classifier.js';
import { DECISION_KEYS, decisionRule, type DecisionOptions } from '../model/decide.js';
import { explainDocument } from '../model/explain.js';
import type { Explanation, Result } from '../model/result.js';
import type { ArticleInput } from '../text/input.js';
import { classifyArticle, type ClassifyOptions } from './classify.js';
import { placesIn } from './places.js';
import { isTopicId } from './taxonomy.js';

export type ArticleJob =
  | { readonly mode: 'taxonomy'; readonly options: Omit<ClassifyOptions, 'model'> }
  | { readonly mode: 'labels'; readonly options: DecisionOptions & { readonly explain?: boolean; readonly places?: boolean } };

/** Options of a batch path's job (classify's, without the model). */
export interface JobOptions extends DecisionOptions {
  readonly hierarchy?: 'specific' | 'full';
  readonly explain?: boolean;
  readonly places?: boolean;
  readonly language?: 'english' | 'any';
}

/** The keys of `JobOptions`. */
export const JOB_KEYS = [...DECISION_KEYS, 'hierarchy', 'explain', 'places', 'language'] as const;

/**
 * The job for a model: the taxonomy (hierarchy, names, IPTC codes, language check) for a model whose labels are
 * taxonomy ids, else its own labels (where `hierarchy` and `language` do not apply: an InvalidInputError).
 */
export function articleJobFor(model: TopicClassifier, options: JobOptions): ArticleJob {
  const { hierarchy, explain, places, language, ...decisions } = options;
  if (model.labels.every((label) => isTopicId(label))) {
    return { mode: 'taxonomy', options: { ...decisions, ...(hierarchy ? { hierarchy } : {}), explain: explain === true, places: places === true, language: language ?? 'english' } };
  }
  if (hierarchy !== undefined) throw new InvalidInputError('options.hierarchy', 'left out: it applies to models whose labels are taxonomy ids', hierarchy);
  decisionRule(decisions, 'options', model.singleLabel);
  return { mode: 'labels', options: { ...decisions, explain: explain === true, places: places === true } };
}

/** The result of one article (throws on a bad input: see `safely`). */
export function runJob(model: TopicClassifier, input: ArticleInput, job: ArticleJob): Result {
  if (job.mode === 'taxonomy') return classifyArticle(model, input, job.options);
  const { explain, places, ...decisions } = job.options;
  const rule = decisionRule(decisions, 'options', model.singleLabel);
  const scored = model.score(input);
  const result = model.resultOf(scored, rule);
  const explanations = explain ? explainDocument(model.parts, scored.doc, scored.vector, result.topics.map((t) => model.labels.indexOf(t.id)), 10) : undefined;
  const topics = explanations ? result.topics.map((t, i) => ({ ...t, explanation: explanations[i] as Explanation })) : result.topics;
  return { ...result, topics, ...(places ? { places: placesIn(scored.doc) } : {}) };
}

/** The error result of an input that could not be classified. */
export function errorResult(error: unknown): Result {
  const known = error instanceof NewsTopicsError;
  const field = known ? (error as { field?: unknown }).field : undefined;
  return {
    topics: [],
    error: {
      name: known ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof field === 'string' ? { field } : {}),
    },
  };
}

/** `runJob`, with a bad input (or any failure) as an error result. */
export function safely(model: TopicClassifier, input: ArticleInput, job: ArticleJob): Result {
  try {
    return runJob(model, input, job);
  } catch (error) {
    return errorResult(error);
  }
}
