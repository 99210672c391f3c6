/**
 * Parallel training runs in the built package (dist/ holds the worker file). The model must not depend on the
 * number of threads. The test run's global setup compiles dist/ from today's sources first.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticExamples } from '../helpers/synthetic.js';

const DIST = new URL('../../dist/node/index.js', import.meta.url);

describe('parallel training (dist)', () => {
  it('gives the same model file on 1 and 2 threads, and really uses 2', async () => {
    expect(existsSync(DIST), 'dist/ is missing: run npm run build').toBe(true);
    const { train } = (await import(DIST.href)) as typeof import('../../src/index.js');
    // Large enough (non-zeros × labels ≥ 2 million) for the pool to start a worker.
    const data = syntheticExamples(24_000, 11);
    const threadsSeen = new Set<number>();
    const two = await train(data, { threads: 2, onProgress: (p) => threadsSeen.add(p.threads) });
    const one = await train(data, { threads: 1 });
    expect(threadsSeen.has(2)).toBe(true);
    expect(JSON.stringify(two.toJSON())).toBe(JSON.stringify(one.toJSON()));
    // With naive Bayes scaling too (each thread scales its labels' features itself).
    const scaledTwo = await train(data, { threads: 2, naiveBayesScaling: true });
    const scaledOne = await train(data, { threads: 1, naiveBayesScaling: true });
    expect(JSON.stringify(scaledTwo.toJSON())).toBe(JSON.stringify(scaledOne.toJSON()));
    expect(JSON.stringify(scaledOne.toJSON())).not.toBe(JSON.stringify(one.toJSON()));
  }, 240_000);
});
