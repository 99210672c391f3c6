import { describe, expect, it } from 'vitest';
import { scoreLabelSets } from '../../src/eval/metrics.js';
import { evaluate, train } from '../../src/index.js';
import { calibrate } from '../../src/learn/calibrate.js';
import { assignFolds, outOfFoldScores } from '../../src/learn/folds.js';
import { LabelPool } from '../../src/learn/parallel/pool.js';
import { FeatureSpace } from '../../src/features/feature-space.js';
import { countSlots } from '../../src/features/ngrams.js';
import { poolOf } from '../../src/features/pooled-counts.js';
import { toCsr } from '../../src/features/sparse.js';
import { decide, defaultRule } from '../../src/model/decide.js';
import { readDocument } from '../../src/text/document.js';
import { DEFAULT_TOKENIZER_SETTINGS } from '../../src/text/tokenizer.js';
import { HAS_SHARED, readJsonl, sharedPath } from '../helpers/shared-data.js';
import { syntheticExamples } from '../helpers/synthetic.js';

describe('calibration from out-of-fold scores', () => {
  it('picks the cost by the micro-F1 that scoreLabelSets gives the same decisions', async () => {
    // Real out-of-fold scores, with some labels unknown (0) for some rows.
    const data = syntheticExamples(150, 8);
    const labels = ['health', 'politics', 'sport', 'technology'];
    const L = labels.length;
    const settings = { ...DEFAULT_TOKENIZER_SETTINGS, ngrams: 2 as const, buckets: 2 ** 16, sublinearTf: true, idf: true, minDf: 1, maxChars: 100_000, leadWords: 0 };
    const counts = data.map((e) => countSlots(readDocument({ title: null, body: e.text }, settings), settings));
    const space = FeatureSpace.fit([poolOf(counts)], settings);
    const matrix = toCsr(counts.map((c) => space.transform(c)), space.size);
    const targets = new Int8Array(data.length * L);
    data.forEach((e, i) => labels.forEach((label, l) => (targets[i * L + l] = i % 7 === 0 && l === 3 ? 0 : e.labels.includes(label) ? 1 : -1)));
    const pool = LabelPool.create({ matrix, targets, weights: new Float64Array(data.length).fill(1), labelCount: L, settings: { classWeight: 'none', naiveBayesScaling: false, maxPasses: 50, seed: 1 } }, 1);
    const outOfFold = await outOfFoldScores(pool, matrix, L, assignFolds(data.length, 3, 1), 3, 0.5, 0.5, () => {});
    await pool.close();
    const result = calibrate(outOfFold, targets, L, 0.5, false, true);

    const gold: string[][] = [];
    const predicted: string[][] = [];
    for (let row = 0; row < data.length; row++) {
      const observed = (l: number) => targets[row * L + l] !== 0;
      const chosen = decide(result.probabilities.subarray(row * L, (row + 1) * L), result.thresholds, defaultRule(false));
      predicted.push(chosen.filter(observed).map((l) => labels[l]!));
      gold.push(labels.filter((_, l) => targets[row * L + l]! > 0));
    }
    expect(result.microF1).toBe(scoreLabelSets(gold, predicted).micro.f1);
    expect(result.microF1).toBeGreaterThan(0.8);
  });

  it('does not invert on tiny data: 3 documents per label score like an uncalibrated model', async () => {
    const tiny = syntheticExamples(400, 12, false);
    const subset = ['health', 'politics', 'sport', 'technology'].flatMap((label) => tiny.filter((e) => e.labels[0] === label).slice(0, 3));
    const test = syntheticExamples(200, 13, false);
    const calibrated = await train(subset, { minDf: 1 });
    const plain = await train(subset, { minDf: 1, calibrationFolds: 0 });
    const a = (await evaluate(calibrated, test)).micro.f1;
    const b = (await evaluate(plain, test)).micro.f1;
    expect(a).toBeGreaterThanOrEqual(b - 0.02);
    expect(a).toBeGreaterThan(0.5);
  });

  it.skipIf(!HAS_SHARED)('BBC, 3 documents per label: micro-F1 at least that of training without calibration (was 0.098 against 0.729)', async () => {
    const all = readJsonl(sharedPath('datasets', 'bench', 'bbc', 'train.jsonl'));
    const test = readJsonl(sharedPath('datasets', 'bench', 'bbc', 'test.jsonl'));
    const seen = new Map<string, number>();
    const subset = all.filter((r) => {
      const n = seen.get(r.labels[0]!) ?? 0;
      seen.set(r.labels[0]!, n + 1);
      return n < 3;
    });
    const calibrated = (await evaluate(await train(subset), test)).micro.f1;
    const plain = (await evaluate(await train(subset, { calibrationFolds: 0 }), test)).micro.f1;
    process.stderr.write(`bbc 3 per label: micro-F1 ${calibrated.toFixed(3)} (calibrationFolds 0: ${plain.toFixed(3)})\n`);
    expect(calibrated).toBeGreaterThanOrEqual(plain - 0.02);
  });

  it.skipIf(!HAS_SHARED)('30 sentences with minDf 1: the model labels its own training sentences', async () => {
    const all = readJsonl(sharedPath('datasets', 'bench', 'bbc', 'train.jsonl'));
    const sentences = all.filter((_, i) => i % 50 === 0).slice(0, 30).map((r) => ({ text: r.text.split(/(?<=\.)\s/)[0]!, labels: r.labels }));
    const report = await evaluate(await train(sentences, { minDf: 1 }), sentences);
    expect(report.micro.f1).toBeGreaterThan(0.9);
  });
});
