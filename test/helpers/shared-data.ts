/**
 * Where `../shared` (data sets, taxonomy, seed article) is. Tests that need it run when it is there; on a user's
 * fresh clone it is absent and they are skipped with a notice; in CI (CI=true) its absence is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const HAS_SHARED = existsSync(join(SHARED_DIR, 'datasets'));

if (!HAS_SHARED) {
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`../shared is missing at ${SHARED_DIR}: CI must run the tests that need it`);
  }
  process.stderr.write(`news-topics tests: ${SHARED_DIR} not found; tests on the shared data sets are skipped\n`);
}

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export interface JsonRecord {
  readonly id: string;
  readonly title: string | null;
  readonly text: string;
  readonly labels: string[];
  readonly [key: string]: unknown;
}

export function readJsonl(path: string): JsonRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as JsonRecord);
}
