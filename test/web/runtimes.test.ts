/**
 * Deno and Bun run the package's built entries: the Node entry (dist/node/index.js, reading data/model.bin from
 * disk) and the browser/worker entry (dist/browser/index.js, fetching data/model-web.bin), and give exactly the
 * results Node gives with the same model. The runtimes come from their npm packages (scripts/install-runtimes.sh,
 * run by .ci/run); a clone without them skips these tests with a notice, CI fails without them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, classifyArticle, TopicClassifier } from '../../src/index.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';

const root = new URL('../../', import.meta.url).pathname;
const SCRIPT = `${root}test/helpers/runtime-classify.mjs`;
const RUNTIMES = { deno: `${root}.runtimes/node_modules/.bin/deno`, bun: `${root}.runtimes/node_modules/.bin/bun` };
const found = Object.fromEntries(Object.entries(RUNTIMES).map(([name, path]) => [name, existsSync(path)])) as Record<keyof typeof RUNTIMES, boolean>;
for (const [name, ok] of Object.entries(found)) {
  if (ok) continue;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${name} is missing: CI must run the ${name} tests (.ci/run runs scripts/install-runtimes.sh)`);
  process.stderr.write(`news-topics tests: ${name} not found in .runtimes/; its tests are skipped (bash scripts/install-runtimes.sh)\n`);
}

const ARTICLES = [
  { title: 'North Korea says it is ready for war', body: readFileSync(HAS_SHARED ? sharedPath('seed', 'article.txt') : `${root}examples/article.txt`, 'utf8') },
  'The striker scored twice as the home side won the cup final in front of a record crowd at the stadium.',
  { body: '<p>Le gouvernement français a annoncé mardi une réforme des retraites.</p>' },
];

function run(runtime: keyof typeof RUNTIMES, entry: string): unknown {
  const args = runtime === 'deno' ? ['run', '--allow-read', '--allow-env', '--allow-sys', SCRIPT, entry, JSON.stringify(ARTICLES)] : [SCRIPT, entry, JSON.stringify(ARTICLES)];
  const child = spawnSync(RUNTIMES[runtime], args, { encoding: 'utf8', cwd: root, timeout: 120_000 });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout);
}

// Node's results, through JSON like the runtimes' output.
const nodeResults = JSON.parse(JSON.stringify(ARTICLES.map((a) => classify(a, { explain: true, places: true }))));
const webModel = TopicClassifier.fromBytes(readFileSync(`${root}data/model-web.bin`));
const webResults = JSON.parse(JSON.stringify(ARTICLES.map((a) => classifyArticle(webModel, a, { explain: true, places: true }))));

for (const runtime of ['deno', 'bun'] as const) {
  describe.skipIf(!found[runtime])(`${runtime}`, () => {
    it('runs the Node entry and gives Node’s results, score for score', () => {
      const results = run(runtime, `${root}dist/node/index.js`);
      expect(results).toEqual(nodeResults);
      const first = (results as { topics: { id: string }[] }[])[0]!.topics.slice(0, 3).map((t) => t.id);
      if (HAS_SHARED) expect(first).toEqual(expect.arrayContaining(['international-relations', 'military']));
    }, 120_000);

    it('runs the browser/worker entry (the model fetched, checked and inflated with web APIs)', () => {
      expect(run(runtime, `${root}dist/browser/index.js`)).toEqual(webResults);
    }, 120_000);
  });
}
