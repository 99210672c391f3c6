/**
 * Reads the default model's training and dev data from ../shared/datasets/news-topics (never copied into the
 * project) and turns each source into engine examples, following sources.json: labels get their ancestors; a
 * source's `observes` list decides which topics its documents are evidence for (negatives included) and which are
 * unknown for them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example } from '../src/index.js';
import { descendantsOf, topics, withAncestors } from '../src/news/taxonomy.js';

export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared');
export const NEWS_DATA = join(SHARED, 'datasets', 'news-topics');

export interface Record_ {
  readonly id: string;
  readonly title: string | null;
  readonly text: string;
  readonly labels: string[];
}

export function readJsonl(path: string): Record_[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record_);
}

interface SourceInfo {
  readonly files: string[];
  readonly observes: 'all' | string[] | string;
}

export function readSources(): Record<string, SourceInfo> {
  return JSON.parse(readFileSync(join(NEWS_DATA, 'sources.json'), 'utf8')) as Record<string, SourceInfo>;
}

const ALL_IDS = topics.map((t) => t.id);

/** The observed set for one document of a source (undefined = every topic). */
function observedFor(observes: SourceInfo['observes'], positives: readonly string[]): string[] | undefined {
  if (observes === 'all') return undefined;
  if (!Array.isArray(observes)) return [...positives]; // positive-only sources
  const set = new Set(positives);
  for (const topic of observes) {
    set.add(topic);
    // A negative observed topic makes its descendants negative too; under a positive one they stay unknown.
    if (!positives.includes(topic)) for (const d of descendantsOf(topic)) set.add(d);
  }
  return ALL_IDS.filter((id) => set.has(id));
}

export interface SourceExamples {
  readonly name: string;
  readonly examples: Example[];
}

/** Examples of one source file, ancestors added, observed sets per sources.json. */
export function sourceExamples(source: string, file: string, exclude: ReadonlySet<string> = new Set()): SourceExamples {
  const info = readSources()[source];
  if (!info) throw new Error(`unknown source ${source}`);
  const examples: Example[] = [];
  for (const r of readJsonl(join(NEWS_DATA, file))) {
    if (exclude.has(r.id)) continue;
    const labels = withAncestors(r.labels);
    const observed = observedFor(info.observes, labels);
    examples.push({ text: r.text, title: r.title, labels, ...(observed ? { observed } : {}) });
  }
  return { name: file, examples };
}


/** Ids of reuters.silver.jsonl, whose silver labels replace the coarse ones in reuters.jsonl. */
export function reutersSilverIds(): Set<string> {
  return new Set(readJsonl(join(NEWS_DATA, 'reuters.silver.jsonl')).map((r) => r.id));
}
