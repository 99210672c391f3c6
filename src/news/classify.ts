/**
 * The news product: topics of an article from a model whose labels are taxonomy ids (the default model, or one
 * trained or adapted on them), with the taxonomy's hierarchy applied. A sub-topic implies its parent: a parent's
 * score is at least its best child's, and `hierarchy: 'full'` lists the parents of every chosen topic.
 * Pure: the default model is loaded by io/default-model.ts.
 */
import { InvalidInputError } from '../common/errors.js';
import { optionalBoolean, optionalChoice, optionsObject, rejectUnknownKeys } from '../common/validate.js';
import { TopicClassifier } from '../model/classifier.js';
import { decide, DECISION_KEYS, type DecisionOptions, ruleFrom } from '../model/decide.js';
import { explainDocument } from '../model/explain.js';
import type { Explanation, Result, TopicItem } from '../model/result.js';
import { type ArticleInput, toArticle } from '../text/input.js';
import { detectLanguage, isClearlyNotEnglish } from '../text/language.js';
import { placesIn } from './places.js';
import { ancestorChain, getTopic, isTopicId } from './taxonomy.js';

export interface ClassifyOptions extends DecisionOptions {
  /**
   * `specific` (default): only the most specific topics chosen (a parent is left out when one of its children is in).
   * `full`: every chosen topic with its ancestors, e.g. `politics` beside `military`.
   */
  readonly hierarchy?: 'specific' | 'full';
  /** Add an `explanation` to each topic. Default `false`. */
  readonly explain?: boolean;
  /** Also find the countries the text mentions (the result's `places`). Default `false`. */
  readonly places?: boolean;
  /** A model whose labels are taxonomy ids. Default: the default news model. */
  readonly model?: TopicClassifier;
  /**
   * `english` (default): a text that is clearly not English gets no topics (its `language` says why): the news
   * model reads English only and would guess. `any`: classify it anyway.
   */
  readonly language?: 'english' | 'any';
}

export const CLASSIFY_KEYS = [...DECISION_KEYS, 'hierarchy', 'explain', 'places', 'model', 'language'] as const;

/** Checks that a model's labels are taxonomy ids (what `classify` needs). */
export function requireTaxonomyModel(model: unknown, field: string): TopicClassifier {
  if (!(model instanceof TopicClassifier)) throw new InvalidInputError(field, 'a TopicClassifier', model);
  const foreign = model.labels.find((label) => !isTopicId(label));
  if (foreign !== undefined) throw new InvalidInputError(field, `a model whose labels are taxonomy topic ids (it has the label ${JSON.stringify(foreign)})`, model);
  return model;
}

/** Checked classify options (an InvalidInputError names a bad one). */
export function parseClassifyOptions(options: unknown, singleLabel: boolean) {
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, CLASSIFY_KEYS, 'options');
  return {
    bag,
    rule: ruleFrom(bag, 'options', singleLabel),
    hierarchy: optionalChoice(bag, 'hierarchy', 'options', ['specific', 'full'] as const) ?? 'specific',
    withExplanations: optionalBoolean(bag, 'explain', 'options') ?? false,
    withPlaces: optionalBoolean(bag, 'places', 'options') ?? false,
    anyLanguage: (optionalChoice(bag, 'language', 'options', ['english', 'any'] as const) ?? 'english') === 'any',
  };
}

/** Per model: each topic its labels stand for or fall under → the labels that are it or below it. */
const belowByModel = new WeakMap<TopicClassifier, ReadonlyMap<string, readonly number[]>>();

function labelsBelow(model: TopicClassifier): ReadonlyMap<string, readonly number[]> {
  let below = belowByModel.get(model);
  if (below === undefined) {
    const map = new Map<string, number[]>();
    model.labels.forEach((id, l) => {
      for (const topic of [id, ...ancestorChain(id)]) {
        const list = map.get(topic);
        if (list === undefined) map.set(topic, [l]);
        else list.push(l);
      }
    });
    belowByModel.set(model, (below = map));
  }
  return below;
}

/** Topics of an article (a body, or `{ title?, body }`) from a taxonomy model, best first. */
export function classifyArticle(model: TopicClassifier, input: ArticleInput, options?: ClassifyOptions): Result {
  const { bag, rule, hierarchy, withExplanations, withPlaces, anyLanguage } = parseClassifyOptions(options, model.singleLabel);

  const scored = model.score(input);
  const language = detectLanguage(scored.doc);
  const extras = {
    ...(scored.doc.truncated ? { truncated: scored.doc.truncated } : {}),
    ...(withPlaces ? { places: placesIn(scored.doc) } : {}),
    language,
  };
  if (!anyLanguage && isClearlyNotEnglish(language)) return { topics: [], ...extras };
  const { probabilities } = scored;
  // Scores with the hierarchy applied: each topic gets at least the best score of its descendants.
  const below = labelsBelow(model);
  const scoreOf = (id: string): number => {
    let score = 0;
    for (const l of below.get(id) as readonly number[]) score = Math.max(score, probabilities[l] as number);
    return score;
  };
  // The decision on the model's own labels (the one rule), then the hierarchy: parents of chosen topics.
  // `topK` counts the topics of the result; without it, a single-label model's default (its best label) applies.
  const topK = bag.topK === undefined ? Infinity : rule.topK;
  const decided = decide(probabilities, model.parts.thresholds, { ...rule, topK: bag.topK === undefined ? rule.topK : Infinity }).map((l) => model.labels[l] as string);
  const chosen = new Set(decided);
  if (hierarchy === 'full') for (const id of decided) for (const parent of ancestorChain(id)) chosen.add(parent);
  else for (const id of decided) for (const parent of ancestorChain(id)) chosen.delete(parent);
  // Best first; on a tie (a parent carries its child's score) the parent comes first.
  const ranked = [...chosen]
    .map((id) => ({ id, score: scoreOf(id), depth: ancestorChain(id).length }))
    .sort((a, b) => b.score - a.score || a.depth - b.depth || (a.id < b.id ? -1 : 1))
    .slice(0, topK);

  const explained = withExplanations ? ranked.filter((t) => model.labels.includes(t.id)) : [];
  const explanations = new Map<string, Explanation>();
  if (explained.length > 0) {
    const list = explainDocument(model.parts, scored.doc, scored.vector, explained.map((t) => model.labels.indexOf(t.id)), 10);
    explained.forEach((t, i) => explanations.set(t.id, list[i] as Explanation));
  }
  const topics = ranked.map(({ id, score }): TopicItem => {
    const topic = getTopic(id);
    const explanation = explanations.get(id);
    return { id, label: topic.label, score, parent: topic.parent, iptc: topic.iptc, ...(explanation ? { explanation } : {}) };
  });
  return { topics, ...extras };
}

/** Why a taxonomy model gives `topicId` its score for an article (see `TopicClassifier.explain`). */
export function explainTopic(model: TopicClassifier, input: ArticleInput, topicId: string, options?: { readonly limit?: number }): Explanation {
  getTopic(topicId);
  return model.explainAs(input, topicId, options, 'topicId');
}

/**
 * `classify` bound to a default model (Node: read from the package's data/ on first use; browsers: loaded by
 * `loadDefaultModel`): the input is checked before the default model is asked for, and `options.model` (any model
 * whose labels are taxonomy ids) takes its place.
 */
export function classifyWithDefault(defaultModel: () => TopicClassifier, input: ArticleInput, options?: ClassifyOptions): Result {
  toArticle(input, 'input');
  const model = optionsObject(options, 'options').model;
  return classifyArticle(model === undefined ? defaultModel() : requireTaxonomyModel(model, 'options.model'), input, options);
}

/** `explain` bound to a default model (see `classifyWithDefault`). */
export function explainWithDefault(
  defaultModel: () => TopicClassifier,
  input: ArticleInput,
  topicId: string,
  options?: { readonly limit?: number; readonly model?: TopicClassifier },
): Explanation {
  toArticle(input, 'input');
  getTopic(topicId);
  const { model, ...rest } = optionsObject(options, 'options');
  return explainTopic(model === undefined ? defaultModel() : requireTaxonomyModel(model, 'options.model'), input, topicId, rest);
}
