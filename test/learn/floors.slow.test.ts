/**
 * Metric floors on real data (../shared/datasets/bench), with default training options. The figures are printed
 * so that a run shows where the engine stands, not only that it passed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, train } from '../../src/index.js';
import { HAS_SHARED, readJsonl, sharedPath } from '../helpers/shared-data.js';

async function measure(dataset: string) {
  const trainSet = readJsonl(sharedPath('datasets', 'bench', dataset, 'train.jsonl'));
  const testSet = readJsonl(sharedPath('datasets', 'bench', dataset, 'test.jsonl'));
  const model = await train(trainSet);
  const report = await evaluate(model, testSet);
  process.stderr.write(
    `floor ${dataset}: micro-F1 ${report.micro.f1.toFixed(4)}, macro-F1 ${report.macro.f1.toFixed(4)}, ` +
      `top-1 ${report.top1Accuracy.toFixed(4)}, ECE ${report.calibrationError.toFixed(4)} (${testSet.length} test docs)\n`,
  );
  return report;
}

describe.skipIf(!HAS_SHARED)('floors on the bench data sets', () => {
  it('bbc: micro-F1 >= 0.975', async () => {
    const report = await measure('bbc');
    expect(report.micro.f1).toBeGreaterThanOrEqual(0.975);
  }, 120_000);

  it('reuters-modapte (multi-label): micro-F1 >= 0.86', async () => {
    const report = await measure('reuters-modapte');
    expect(report.micro.f1).toBeGreaterThanOrEqual(0.86);
  }, 300_000);
});
