/**
 * A small labelled corpus made up for the unit tests: each topic has its own words, and a document draws most
 * words from its topics and the rest from a shared pool. Deterministic (seeded).
 */
import type { Example } from '../../src/index.js';
import { createRandom } from '../../src/common/random.js';

export const TOPIC_WORDS: Record<string, string[]> = {
  sport: ['football', 'goal', 'match', 'league', 'coach', 'striker', 'tournament', 'championship', 'referee', 'stadium'],
  politics: ['parliament', 'minister', 'election', 'vote', 'party', 'senate', 'campaign', 'coalition', 'ballot', 'policy'],
  technology: ['software', 'computer', 'chip', 'internet', 'startup', 'algorithm', 'smartphone', 'network', 'robot', 'cloud'],
  health: ['hospital', 'doctor', 'vaccine', 'patients', 'virus', 'disease', 'nurses', 'treatment', 'clinic', 'surgery'],
};
const COMMON = ['report', 'people', 'city', 'week', 'year', 'new', 'group', 'plan', 'time', 'country', 'world', 'day'];

export function syntheticExamples(count: number, seed = 7, multiLabel = true): Example[] {
  const random = createRandom(seed);
  const topics = Object.keys(TOPIC_WORDS);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: Example[] = [];
  for (let i = 0; i < count; i++) {
    const first = topics[i % topics.length] as string;
    const labels = [first];
    if (multiLabel && random() < 0.3) {
      const second = pick(topics);
      if (second !== first) labels.push(second);
    }
    const words: string[] = [];
    const length = 8 + Math.floor(random() * 30);
    for (let w = 0; w < length; w++) words.push(random() < 0.6 ? pick(TOPIC_WORDS[pick(labels)] as string[]) : pick(COMMON));
    out.push({ text: words.join(' '), labels });
  }
  return out;
}
