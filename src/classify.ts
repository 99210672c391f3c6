/**
 * The product's main job: topics of a news article body from the default model shipped in `data/`, with the
 * taxonomy's hierarchy applied. Synchronous and zero-configuration: the model loads on first use and is cached.
 */
import { readFileSync } from 'node:fs';
import { TopicClassifier, withTruncation } from './classifier.js';
import { type Truncation, truncationOf } from './features.js';
import { NewsTopicsError } from './errors.js';
import { parseModelText } from './model-io.js';
import { optionalBoolean, optionalChoice, optionalNumber, optionsObject, rejectUnknownKeys, requireText } from './options.js';
import { type Explanation, explainLabels } from './explain.js';
import { type PlaceMention, places } from './places.js';
import { ancestorsOf, getTopic, type Topic } from './taxonomy.js';

/** A topic of the taxonomy with its score for the article. */
export interface TopicResult {
  readonly id: string;
  readonly label: string;
  /** Calibrated probability in [0, 1]; a parent never scores below its children. */
  readonly score: number;
  readonly parent: string | null;
  readonly iptc: readonly string[];
  /** With `explain: true`: the words that pushed this topic's own score up and down. */
  readonly explanation?: Explanation;
}

/** Topics of one text; `truncated` is set when the text was longer than the model reads. */
export type TopicResults = TopicResult[] & { readonly truncated?: Truncation };

/** `classify(body, { places: true })`: the topics, with the countries mentioned in the text beside them. */
export type TopicResultsWithPlaces = TopicResults & { readonly places: PlaceMention[] };

export interface ClassifyOptions {
  /** At most this many topics. Default: no limit (the model's decisions usually give 1 to 4). */
  readonly topK?: number;
  /** Keep topics whose score is at least this. Default: the model's per-topic thresholds. `0` keeps all. */
  readonly threshold?: number;
  /**
   * `specific` (default): only the most specific topics chosen (a parent is left out when one of its children is in).
   * `full`: every chosen topic with its ancestors, e.g. `politics` beside `military`.
   */
  readonly hierarchy?: 'specific' | 'full';
  /** When no topic passes, return the best one anyway. Default `true`. */
  readonly atLeastOne?: boolean;
  /** Add an `explanation` to each topic. Default `false`. */
  readonly explain?: boolean;
  /** Also find the countries the text mentions (the result's `places` property). Default `false`. */
  readonly places?: boolean;
}

const MODEL_URL = new URL('../data/model.json', import.meta.url);
let cached: TopicClassifier | undefined;
// For a taxonomy topic the model has no scorer of its own (it only inherits children's scores).
const DEFAULT_CUT = 0.5;

/** The default news model (loaded from `data/model.json` on first call, then cached). */
export function defaultModel(): TopicClassifier {
  if (cached === undefined) {
    const path = decodeURIComponent(MODEL_URL.pathname);
    let text: string;
    try {
      text = readFileSync(MODEL_URL, 'utf8');
    } catch (error) {
      throw new NewsTopicsError(`news-topics: the default model ${path} cannot be read (${(error as NodeJS.ErrnoException).code}); reinstall news-topics`);
    }
    cached = TopicClassifier.fromJSON(parseModelText(text, path), path);
  }
  return cached;
}

/** Scores with the hierarchy applied: each topic gets at least the best score of its descendants. */
function hierarchicalScores(model: TopicClassifier, probabilities: Float64Array): Map<string, number> {
  const scores = new Map<string, number>();
  model.labels.forEach((id, l) => scores.set(id, Math.max(scores.get(id) ?? 0, probabilities[l] as number)));
  for (const [id, score] of [...scores]) {
    for (const ancestor of ancestorsOf(id)) scores.set(ancestor, Math.max(scores.get(ancestor) ?? 0, score));
  }
  return scores;
}

/** Topics of a news article body, best first, from the default model. */
export function classify(body: string, options: ClassifyOptions & { readonly places: true }): TopicResultsWithPlaces;
export function classify(body: string, options?: ClassifyOptions): TopicResults;
export function classify(body: string, options?: ClassifyOptions): TopicResults {
  requireText(body, 'body'); // before the model loads: a bad argument is reported as such
  return classifyWithModel(defaultModel(), body, options);
}

/** Why the default model gives `topicId` its score for `body` (see `TopicClassifier.explain`). */
export function explain(body: string, topicId: string, options?: { readonly limit?: number }): Explanation {
  requireText(body, 'body');
  getTopic(topicId);
  return defaultModel().explain(body, topicId, options);
}

/** @internal `classify` with a given model whose labels are taxonomy ids (used to measure candidate models). */
export function classifyWithModel(model: TopicClassifier, body: string, options?: ClassifyOptions): TopicResults {
  requireText(body, 'body');
  const bag = optionsObject(options, 'options');
  rejectUnknownKeys(bag, ['topK', 'threshold', 'hierarchy', 'atLeastOne', 'explain', 'places'], 'options');
  const withExplanations = optionalBoolean(bag, 'explain', 'options') ?? false;
  const withPlaces = optionalBoolean(bag, 'places', 'options') ?? false;
  const topK = optionalNumber(bag, 'topK', 'options', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, allowInfinity: true }) ?? Infinity;
  const threshold = optionalNumber(bag, 'threshold', 'options', { min: 0, max: 1 });
  const hierarchy = optionalChoice(bag, 'hierarchy', 'options', ['specific', 'full'] as const) ?? 'specific';
  const atLeastOne = optionalBoolean(bag, 'atLeastOne', 'options') ?? true;

  const probabilities = model.scores(body);
  const scores = hierarchicalScores(model, probabilities);
  const cut = new Map(model.labels.map((id, l) => [id, threshold ?? (model.thresholds[l] as number)]));
  // Best first; on a tie (a parent carries its child's score) the parent comes first.
  const ranked = [...scores.entries()].sort(
    ([a, x], [b, y]) => y - x || ancestorsOf(a).length - ancestorsOf(b).length || (a < b ? -1 : 1),
  );
  let chosen = ranked.filter(([id, score]) => score >= (cut.get(id) ?? threshold ?? DEFAULT_CUT));
  if (chosen.length === 0 && atLeastOne) {
    let best = 0;
    for (let l = 1; l < probabilities.length; l++) if ((probabilities[l] as number) > (probabilities[best] as number)) best = l;
    const id = model.labels[best] as string;
    const path = new Set([id, ...ancestorsOf(id)]);
    chosen = ranked.filter(([other]) => path.has(other));
  }
  if (hierarchy === 'specific') {
    const covered = new Set(chosen.flatMap(([id]) => ancestorsOf(id)));
    chosen = chosen.filter(([id]) => !covered.has(id));
  }
  const kept = chosen.slice(0, topK);
  const explanations = withExplanations ? explainLabels(model, body, kept.map(([id]) => id)) : undefined;
  const results = kept.map(([id, score], i): TopicResult => {
    const result = toResult(getTopic(id), score);
    return explanations ? { ...result, explanation: explanations[i] as Explanation } : result;
  });
  const marked = withTruncation(results, truncationOf(body, model.parts.space.settings));
  return withPlaces ? Object.assign(marked, { places: places(body) }) : marked;
}

function toResult(topic: Topic, score: number): TopicResult {
  return { id: topic.id, label: topic.label, score, parent: topic.parent, iptc: topic.iptc };
}
