/**
 * The news-topics taxonomy (data/taxonomy.json, compiled into taxonomy-data.ts): the 17 top-level IPTC Media
 * Topics plus the sub-topics news needs, each with its IPTC codes. A sub-topic implies its parent. IPTC Media
 * Topics: IPTC, CC BY 4.0.
 */
import { InvalidInputError } from '../common/errors.js';
import { TAXONOMY } from './taxonomy-data.js';

/** The id of a topic of the default taxonomy (editors complete it). */
export type TopicId = (typeof TAXONOMY.topics)[number]['id'];

export interface Topic {
  /** Stable id, e.g. `international-relations`. */
  readonly id: string;
  /** Display name, e.g. `International Relations`. */
  readonly label: string;
  /** Parent topic id, or `null` for a top-level topic. */
  readonly parent: string | null;
  /** IPTC Media Topic codes, e.g. `['medtop:20000638']`. */
  readonly iptc: readonly string[];
  readonly description: string;
}

const file: { readonly version: string; readonly topics: readonly Topic[] } = TAXONOMY;

/** Every topic of the taxonomy, parents before their children. */
export const topics: readonly Topic[] = Object.freeze(file.topics.map((t) => Object.freeze({ ...t, iptc: Object.freeze([...t.iptc]) })));

/** The taxonomy's version, e.g. `1.0.0`. */
export const TAXONOMY_VERSION = file.version;

const byId = new Map(topics.map((t) => [t.id, t]));

/** The topic with this id; throws InvalidInputError naming the id when there is none. */
export function getTopic(id: string): Topic {
  const topic = typeof id === 'string' ? byId.get(id) : undefined;
  if (topic === undefined) throw new InvalidInputError('topic id', `one of the ${topics.length} taxonomy ids`, id);
  return topic;
}

/** True when `id` is a topic id of the taxonomy. */
export function isTopicId(id: unknown): id is TopicId {
  return typeof id === 'string' && byId.has(id);
}

// The taxonomy is fixed: every topic's ancestors are worked out once (classify ranks with them on every call).
const ancestorsById = new Map(
  topics.map((t) => {
    const chain: string[] = [];
    for (let parent = t.parent; parent !== null; parent = byId.get(parent)?.parent ?? null) chain.push(parent);
    return [t.id, Object.freeze(chain)] as const;
  }),
);

/** The id's ancestors, nearest first (`artificial-intelligence` → `technology`, `science-technology`). */
export function ancestorsOf(id: string): string[] {
  return [...ancestorChain(id)];
}

/** @internal The ancestors without a copy (hot path of classify). */
export function ancestorChain(id: string): readonly string[] {
  return ancestorsById.get(getTopic(id).id) as readonly string[];
}

/** The ids below this one, at any depth. */
export function descendantsOf(id: string): string[] {
  getTopic(id);
  return topics.filter((t) => ancestorsOf(t.id).includes(id)).map((t) => t.id);
}

/** The ids with all their ancestors added, in taxonomy order. */
export function withAncestors(ids: Iterable<string>): string[] {
  if (typeof ids === 'string' || ids === null || typeof ids !== 'object' || !(Symbol.iterator in ids)) {
    throw new InvalidInputError('ids', 'an iterable of topic ids', ids);
  }
  const set = new Set<string>();
  for (const id of ids) {
    set.add(getTopic(id).id);
    for (const a of ancestorsOf(id)) set.add(a);
  }
  return topics.filter((t) => set.has(t.id)).map((t) => t.id);
}
