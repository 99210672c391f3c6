/**
 * How the default model (or a candidate) is measured on the dev files, in one place for `npm run build:model`
 * (the model card) and `npm run bench:recipes`: `classifyArticle(model, { title, body }, { hierarchy: 'full' })`,
 * scored with ancestors added to gold and predictions. No dev file is ever trained on.
 */
import { join } from 'node:path';
import { classifyArticle, type SetMetrics, scoreLabelSets, type TopicClassifier, withAncestors } from '../src/index.js';
import { NEWS_DATA, readJsonl } from './news-data.js';

/** The dev files, most important first: full-length modern articles are what users pass. */
export const DEV_FILES = ['allsides.dev.jsonl', 'worldwide.dev.jsonl', 'bbc.dev.jsonl', 'wcep.dev.jsonl'] as const;
export type DevFile = (typeof DEV_FILES)[number];

/** The topics the default-model issue names as weakest. */
export const WEAK_TOPICS = ['human-interest', 'lifestyle-leisure', 'society', 'human-rights', 'media', 'science-technology', 'technology'] as const;

export function scoreOnDev(model: TopicClassifier, file: DevFile): SetMetrics {
  const rows = readJsonl(join(NEWS_DATA, file));
  // Every dev text is English; `any` keeps a rare misdetection from costing a document its topics.
  const predicted = rows.map((r) => classifyArticle(model, { title: r.title, body: r.text }, { hierarchy: 'full', language: 'any' }).topics.map((t) => t.id));
  return scoreLabelSets(rows.map((r) => withAncestors(r.labels)), predicted);
}

/** A topic's F1 on a dev file, or null when it has fewer than 10 documents there. */
export function topicF1(metrics: SetMetrics, topic: string): number | null {
  const l = metrics.labels.find((x) => x.label === topic);
  return l && l.support >= 10 ? l.f1 : null;
}
