/**
 * adapt(): new labels learnt from few examples with the base model's knowledge, corrections of a base topic,
 * untouched topics kept exactly, provenance, determinism, chaining, and its argument checks. The learning curves on
 * real data are `npm run bench:adapt` (bench/ADAPT-RESULTS.md).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapt, InvalidInputError, loadModel, modelCard, saveModel, TopicClassifier, train, TrainingError } from '../../src/index.js';
import { runInProcess } from '../helpers/run-cli.js';
import { syntheticExamples, TOPIC_WORDS } from '../helpers/synthetic.js';

const base = await train(syntheticExamples(400, 1), { minDf: 1, seed: 1 });
const sport = TOPIC_WORDS.sport as string[];
const politics = TOPIC_WORDS.politics as string[];
const filler = ['report', 'people', 'city', 'week', 'year'];

/** A text of `words` (drawn in turn) and filler words. */
function text(words: readonly string[], seed: number, length = 14): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(i % 3 === 2 ? (filler[(i + seed) % filler.length] as string) : (words[(i * 7 + seed) % words.length] as string));
  return out.join(' ');
}

// "games" are sport stories and "affairs" political ones, but the examples use only three words of each topic;
// held-out texts use the others, which only the base model knows.
const examples = Array.from({ length: 24 }, (_, i) =>
  i % 2 === 0 ? { text: text(sport.slice(0, 3), i), labels: ['games'] } : { text: text(politics.slice(0, 3), i), labels: ['affairs'] },
);
const heldOut = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? { text: text(sport.slice(3), i), label: 'games' } : { text: text(politics.slice(3), i), label: 'affairs' }));

describe('adapt', () => {
  it('learns new labels from a few examples with what the base model knows (where training from scratch cannot)', async () => {
    const adapted = await adapt(base, examples, { seed: 3 });
    expect(adapted.labels).toEqual([...base.labels, 'affairs', 'games']);
    const scratch = await train(examples, { minDf: 1, seed: 3 });
    const right = (model: TopicClassifier) =>
      heldOut.filter((h) => {
        const p = model.scores(h.text);
        const [a, g] = [p[model.labels.indexOf('affairs')] as number, p[model.labels.indexOf('games')] as number];
        return h.label === 'games' ? g > a : a > g;
      }).length;
    expect(right(adapted)).toBeGreaterThanOrEqual(18);
    expect(right(scratch)).toBeLessThan(right(adapted));
  });

  it('keeps every base topic the examples do not speak for exactly: same scores, calibration and threshold', async () => {
    const adapted = await adapt(base, examples, { seed: 3 });
    for (const h of heldOut) {
      const before = base.scores(h.text);
      const after = adapted.scores(h.text);
      base.labels.forEach((label, k) => expect(after[adapted.labels.indexOf(label)]).toBe(before[k]));
    }
    base.labels.forEach((label, k) => expect(adapted.thresholds[adapted.labels.indexOf(label)]).toBe(base.thresholds[k]));
    const only = await adapt(base, examples, { seed: 3, keepBaseTopics: false });
    expect(only.labels).toEqual(['affairs', 'games']);
  });

  it('corrects a base topic from examples that say an article is or is not it, and nothing else', async () => {
    // Articles about elections that the base model calls sport-ish are not sport, says the newsroom.
    const corrections = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? { text: text([...sport.slice(0, 4), ...politics.slice(0, 4)], i), labels: [], observed: ['sport'] } : { text: text(sport, i), labels: ['sport'], observed: ['sport'] },
    );
    const probe = text([...sport.slice(0, 4), ...politics.slice(0, 4)], 100);
    const warnings: string[] = [];
    const corrected = await adapt(base, corrections, { seed: 2, onWarning: (w) => warnings.push(`${w.code} ${w.label}`) });
    // 20 positives: fewer than a calibration needs, and adapt says so.
    expect(warnings).toContain('thin-correction sport');
    expect(corrected.labels).toEqual(base.labels);
    const s = base.labels.indexOf('sport');
    expect(corrected.scores(probe)[s]).toBeLessThan(base.scores(probe)[s] as number);
    expect(corrected.scores(text(sport, 7))[s]).toBeGreaterThan(0.5);
    for (const label of base.labels.filter((l) => l !== 'sport')) {
      const k = base.labels.indexOf(label);
      expect(corrected.scores(probe)[k]).toBe(base.scores(probe)[k]);
    }
    expect(corrected.training.adaptedFrom?.labels).toEqual(['sport']);
  });

  it('learns a correction on top of a base topic: examples that agree with the base model change nearly nothing', async () => {
    // The newsroom's examples say what the base model already says: sport exactly where it predicts sport.
    const texts = Array.from({ length: 60 }, (_, i) => text(i % 2 === 0 ? sport : politics, i + 200));
    const s = base.labels.indexOf('sport');
    const agreeing = texts.map((t) => ({ text: t, labels: base.predict(t).topics.some((x) => x.id === 'sport') ? ['sport'] : [], observed: ['sport'] }));
    const corrected = await adapt(base, agreeing, { seed: 4, onWarning: () => {} });
    // 30 positives: the base model's calibration and threshold are kept.
    expect(corrected.parts.sigmoids[s]).toEqual(base.parts.sigmoids[s]);
    expect(corrected.thresholds[s]).toBe(base.thresholds[s]);
    const fresh = Array.from({ length: 40 }, (_, i) => text(i % 2 === 0 ? sport.slice(2) : politics.slice(2), i + 400));
    const decision = (model: TopicClassifier, t: string) => (model.scores(t)[s] as number) >= (model.thresholds[s] as number);
    expect(fresh.filter((t) => decision(corrected, t) === decision(base, t)).length).toBe(fresh.length);
    const moved = Math.max(...fresh.map((t) => Math.abs((corrected.scores(t)[s] as number) - (base.scores(t)[s] as number))));
    expect(moved).toBeLessThan(0.1);
    // With 50 positives or more, calibration and threshold are learnt from the examples' held-out scores.
    const many = Array.from({ length: 120 }, (_, i) => ({ text: text(i % 2 === 0 ? sport : politics, i + 600), labels: i % 2 === 0 ? ['sport'] : [], observed: ['sport'] }));
    const warnings: string[] = [];
    const relearnt = await adapt(base, many, { seed: 4, onWarning: (w) => warnings.push(w.code) });
    expect(warnings).not.toContain('thin-correction');
    expect(relearnt.parts.sigmoids[s]).not.toEqual(base.parts.sigmoids[s]);
  });

  it('learns new labels as centroids when asked, or when their held-out micro-F1 is better ("auto")', async () => {
    const centroid = await adapt(base, examples, { seed: 3, learner: 'centroid' });
    expect(centroid.training.adaptedFrom?.learner).toBe('centroid');
    // A centroid label's weights are its examples' mean word vector (plus the base scores' share): a word only
    // "games" examples use weighs for "games" and against nothing.
    const g = centroid.labels.indexOf('games');
    const a = centroid.labels.indexOf('affairs');
    for (const h of heldOut) {
      const p = centroid.scores(h.text);
      expect(h.label === 'games' ? (p[g] as number) > (p[a] as number) : (p[a] as number) > (p[g] as number)).toBe(true);
    }
    // One calibration for every centroid label (a sigmoid per label fitted to a few positives would reorder them).
    expect(centroid.parts.sigmoids[g]).toEqual(centroid.parts.sigmoids[a]);
    const dir = mkdtempSync(join(tmpdir(), 'news-topics-centroid-'));
    await saveModel(centroid, join(dir, 'c.bin'));
    expect((await loadModel(join(dir, 'c.bin'))).training.adaptedFrom?.learner).toBe('centroid');
    expect(modelCard(centroid, 'c.bin')).toContain('learnt as centroids');
    // 'auto' keeps whichever has the better held-out micro-F1, judged alike; the same seed gives the same choice.
    const auto = await adapt(base, examples, { seed: 3 });
    expect(['svm', 'centroid']).toContain(auto.training.adaptedFrom?.learner);
    expect(Buffer.from(auto.toBytes()).equals(Buffer.from((await adapt(base, examples, { seed: 3 })).toBytes()))).toBe(true);
    // Corrections of base topics are SVM corrections: centroids learn new labels only.
    await expect(adapt(base, [...examples, { text: text(sport, 90), labels: ['sport'] }], { learner: 'centroid' })).rejects.toThrow(/options\.learner.*new labels only/);
    await expect(adapt(base, examples, { learner: 'centroid', calibrationFolds: 0 })).rejects.toThrow(/options\.learner/);
    await expect(adapt(base, examples, { learner: 'nearest' as never })).rejects.toThrow(InvalidInputError);
  });

  it('maps your label onto a base topic: it replaces and corrects it in place', async () => {
    const renamed = await adapt(base, examples.map((e) => (e.labels[0] === 'games' ? { ...e, labels: ['Sports desk'] } : e)), { seed: 3, map: { 'Sports desk': 'sport' } });
    expect(renamed.labels).toEqual(base.labels.map((l) => (l === 'sport' ? 'Sports desk' : l)).concat('affairs'));
    expect(renamed.training.adaptedFrom?.labels).toEqual(['affairs', 'Sports desk']);
  });

  it('records its base (name, version, SHA-256 of the base file), saves, loads and explains like any model', async () => {
    const adapted = await adapt(base, examples, { seed: 3, baseName: 'synthetic base', baseVersion: '1.2.3' });
    const baseSha = `sha256:${createHash('sha256').update(base.toBytes()).digest('hex')}`;
    expect(adapted.training.adaptedFrom).toEqual({ name: 'synthetic base', version: '1.2.3', sha256: baseSha, examples: 24, labels: ['affairs', 'games'], learner: 'svm' });
    const dir = mkdtempSync(join(tmpdir(), 'news-topics-adapt-'));
    for (const file of ['adapted.bin', 'adapted.json']) {
      await saveModel(adapted, join(dir, file));
      const loaded = await loadModel(join(dir, file));
      expect(loaded.training.adaptedFrom).toEqual(adapted.training.adaptedFrom);
      expect(Array.from(loaded.scores(heldOut[0]!.text))).toEqual(Array.from(adapted.scores(heldOut[0]!.text)));
    }
    expect(adapted.explain(heldOut[0]!.text, 'games').up.length).toBeGreaterThan(0);
    const card = modelCard(adapted, 'adapted.bin');
    expect(card).toContain('**synthetic base** 1.2.3');
    expect(card).toContain(baseSha);
    expect(card).toContain('`sport` (Sport) (kept from the base)');
  });

  it('is deterministic: same data, options and seed give the same bytes, on 1 or 2 threads', async () => {
    const a = await adapt(base, examples, { seed: 5, threads: 1 });
    const b = await adapt(base, examples, { seed: 5, threads: 2 });
    expect(Buffer.from(a.toBytes()).equals(Buffer.from(b.toBytes()))).toBe(true);
  });

  it('adapts an adapted model again with a few more examples (corrections over time), without growing it', async () => {
    const first = await adapt(base, examples, { seed: 3 });
    const more = [
      { text: text(sport.slice(3, 6), 50), labels: ['games'] },
      { text: text(politics.slice(3, 6), 51), labels: ['affairs'] },
      { text: text(sport.slice(6), 52), labels: ['games'] },
      { text: text(politics.slice(6), 53), labels: ['affairs'] },
    ];
    const second = await adapt(first, more, { seed: 3, calibrationFolds: 0 });
    expect(second.labels).toEqual(first.labels);
    expect(second.parts.space.size).toBe(first.parts.space.size);
    expect(second.toBytes().length).toBeLessThan(first.toBytes().length * 1.2);
    expect(second.training.adaptedFrom?.sha256).toBe(`sha256:${createHash('sha256').update(first.toBytes()).digest('hex')}`);
  });

  it('refuses what it cannot do, with typed errors', async () => {
    await expect(adapt({} as never, examples)).rejects.toThrow(InvalidInputError);
    await expect(adapt(base, examples, { ngrams: 1 } as never)).rejects.toThrow(/options\.ngrams must be left out: adapt reuses the base model’s features/);
    await expect(adapt(base, examples, { map: { Mine: 'no-such-topic' } })).rejects.toThrow(/options\.map\.Mine/);
    await expect(adapt(base, examples, { anchor: -1 })).rejects.toThrow(/options\.anchor/);
    await expect(adapt(base, [examples[0]!])).rejects.toThrow(TrainingError);
    await expect(adapt(base, [{ text: 'a b', labels: ['x'] }, { text: 'c d', labels: ['x'] }])).rejects.toThrow(/no negative example/);
  });
});

describe('news-topics adapt', () => {
  it('writes the adapted model and its card; a bad --map is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-topics-adapt-cli-'));
    const basePath = join(dir, 'base.bin');
    await saveModel(base, basePath);
    const data = join(dir, 'data.jsonl');
    writeFileSync(data, examples.map((e) => JSON.stringify(e)).join('\n'));
    const out = join(dir, 'mine.bin');
    const run = await runInProcess(['adapt', data, '--base', basePath, '--out', out, '--seed', '3']);
    expect(run.stderr).toContain('learnt: affairs, games');
    expect(run.code).toBe(0);
    const model = await loadModel(out);
    expect(model.labels).toEqual([...base.labels, 'affairs', 'games']);
    expect(model.training.adaptedFrom?.name).toBe('base.bin');
    expect(readFileSync(`${out}.md`, 'utf8')).toContain(model.training.adaptedFrom!.sha256);
    const centroid = await runInProcess(['adapt', data, '--base', basePath, '--out', out, '--seed', '3', '--learner', 'centroid']);
    expect(centroid.code).toBe(0);
    expect((await loadModel(out)).training.adaptedFrom?.learner).toBe('centroid');
    expect((await runInProcess(['adapt', data, '--base', basePath, '--out', out, '--learner', 'nearest'])).code).toBe(2);
    const bad = await runInProcess(['adapt', data, '--base', basePath, '--out', out, '--map', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--map takes YOUR_LABEL=BASE_TOPIC pairs');
  });
});
