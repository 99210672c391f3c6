import { describe, expect, it } from 'vitest';
import { InvalidInputError, crossValidate, evaluate, train } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const trainSet = syntheticExamples(200, 1);
const testSet = syntheticExamples(80, 2);
const model = await train(trainSet, { minDf: 1 });

describe('evaluate', () => {
  it('agrees with counts made by hand from predict()', async () => {
    const report = await evaluate(model, testSet);
    let tp = 0;
    let predicted = 0;
    let support = 0;
    let top1 = 0;
    let exact = 0;
    for (const e of testSet) {
      const labels = model.predict(e.text).topics.map((p) => p.label);
      const hits = labels.filter((l) => e.labels.includes(l)).length;
      tp += hits;
      predicted += labels.length;
      support += e.labels.length;
      if (e.labels.includes(model.predict(e.text, { topK: 1, threshold: 0 }).topics[0]!.label)) top1++;
      if (hits === e.labels.length && labels.length === e.labels.length) exact++;
    }
    expect(report.documents).toBe(80);
    expect(report.micro.precision).toBeCloseTo(tp / predicted, 12);
    expect(report.micro.recall).toBeCloseTo(tp / support, 12);
    expect(report.micro.f1).toBeCloseTo((2 * tp) / (predicted + support), 12);
    expect(report.top1Accuracy).toBeCloseTo(top1 / 80, 12);
    expect(report.exactMatch).toBeCloseTo(exact / 80, 12);
    const sport = report.labels.find((l) => l.label === 'sport')!;
    expect(sport.support).toBe(testSet.filter((e) => e.labels.includes('sport')).length);
    expect(report.macro.f1).toBeCloseTo(report.labels.reduce((s, l) => s + l.f1, 0) / report.labels.length, 12);
    expect(report.calibrationError).toBeGreaterThanOrEqual(0);
    expect(report.calibrationError).toBeLessThan(0.2);
  });

  it('scores a perfect and a useless predictor at the extremes', async () => {
    const easy = [
      { text: 'football goal match league', labels: ['sport'] },
      { text: 'parliament minister election vote', labels: ['politics'] },
    ];
    const perfect = await evaluate(model, easy);
    expect(perfect.micro.f1).toBe(1);
    expect(perfect.exactMatch).toBe(1);
    const wrong = await evaluate(model, easy.map((e) => ({ ...e, labels: ['weather'] })));
    expect(wrong.micro.f1).toBe(0);
    expect(wrong.labels.find((l) => l.label === 'weather')).toMatchObject({ support: 2, predicted: 0, recall: 0 });
  });

  it('reads the title of an example, as predict({ title, body }) does', async () => {
    const titled = testSet.slice(0, 10).map((e) => ({ ...e, title: 'football goal match league striker' }));
    const report = await evaluate(model, titled);
    const sport = report.labels.find((l) => l.label === 'sport')!;
    expect(sport.predicted).toBe(titled.filter((e) => model.predict({ title: e.title, body: e.text }).topics.some((t) => t.id === 'sport')).length);
    expect(sport.predicted).toBeGreaterThan(titled.filter((e) => model.predict(e.text).topics.some((t) => t.id === 'sport')).length);
  });

  it('passes decision options through', async () => {
    const wide = await evaluate(model, testSet, { threshold: 0, topK: 4 });
    expect(wide.micro.recall).toBe(1);
  });

  it('validates its arguments', async () => {
    await expect(evaluate({} as never, testSet)).rejects.toThrow(/model must be a TopicClassifier/);
    await expect(evaluate(model, [])).rejects.toThrow(InvalidInputError);
    await expect(evaluate(model, testSet, { bins: 0 })).rejects.toThrow(/options\.bins/);
  });
});

describe('crossValidate', () => {
  it('trains k models and reports each fold and the mean', async () => {
    const report = await crossValidate(trainSet, { minDf: 1, calibrationFolds: 2 }, { folds: 4 });
    expect(report.folds).toHaveLength(4);
    expect(report.folds.reduce((s, f) => s + f.documents, 0)).toBe(200);
    expect(report.mean.microF1).toBeCloseTo(report.folds.reduce((s, f) => s + f.micro.f1, 0) / 4, 12);
    expect(report.mean.microF1).toBeGreaterThan(0.8);
  });
});
