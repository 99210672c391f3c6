import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, loadModel, NewsTopicsError, saveModel, TopicClassifier, type TrainingWarning, TrainingError, train } from '../../src/index.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const examples = syntheticExamples(240);
const model = await train(examples, { minDf: 1 });

describe('train', () => {
  it('learns the label set, sorted, and records how it was made', () => {
    expect(model.labels).toEqual(['health', 'politics', 'sport', 'technology']);
    expect(model.training).toMatchObject({ examples: 240, seed: 42, calibrationFolds: 3, calibrationFallbacks: [] });
    expect(model.singleLabel).toBe(false);
    expect(model.thresholds).toHaveLength(4);
  });

  it('predicts the topics of unseen texts, best first, with scores in [0, 1]', () => {
    const result = model.predict('the striker scored a goal in the league match at the stadium').topics;
    expect(result[0]).toMatchObject({ id: 'sport', label: 'sport' });
    for (const p of result) expect(p.score).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < result.length; i++) expect(result[i - 1]!.score).toBeGreaterThanOrEqual(result[i]!.score);
  });

  it('gives several labels to a text about several topics', () => {
    const labels = model.predict('the minister and parliament debated the vaccine for patients in hospital clinic').topics.map((p) => p.label);
    expect(labels).toContain('politics');
    expect(labels).toContain('health');
  });

  it('applies topK and threshold together', () => {
    const all = model.predict('football', { threshold: 0, topK: Infinity }).topics;
    expect(all).toHaveLength(4);
    expect(model.predict('football', { threshold: 0, topK: 2 }).topics).toEqual(all.slice(0, 2));
    const high = model.predict('football coach', { threshold: 0.999, atLeastOne: false }).topics;
    expect(high.every((p) => p.score >= 0.999)).toBe(true);
  });

  it('returns at least one label by default, and none when asked not to', () => {
    const text = 'zzz qqq unknown words only';
    expect(model.predict(text, { threshold: 1 }).topics).toHaveLength(1);
    expect(model.predict(text, { threshold: 1, atLeastOne: false })).toEqual({ topics: [] });
  });

  it('predictBatch gives one result per text, equal to predict', () => {
    const texts = ['goal match', { title: 'Chips', body: 'software chip' }, 'election vote'];
    expect(model.predictBatch(texts)).toEqual(texts.map((t) => model.predict(t)));
  });

  it('reads a title before the body, exactly as training reads Example.title', () => {
    const body = 'the city report this week';
    expect(model.predict({ title: 'football goal striker match', body }).topics[0]?.id).toBe('sport');
    expect(Array.from(model.scores({ title: 'football goal', body }))).toEqual(Array.from(model.scores(`football goal\n${body}`)));
    expect(Array.from(model.scores({ title: null, body }))).toEqual(Array.from(model.scores(body)));
    expect(Array.from(model.scores({ text: body }))).toEqual(Array.from(model.scores(body)));
    expect(() => model.predict({ title: 'x', body: 'y', text: 'z' } as never)).toThrow(/either body or text/);
    expect(() => model.predict({ title: 7, body: 'y' } as never)).toThrow(/input\.title must be a string or null/);
  });

  it('gives a result object that survives JSON.stringify, truncation included', () => {
    const long = 'football goal '.repeat(60_000);
    const result = model.predict(long);
    expect(result.truncated).toEqual({ characters: long.trimEnd().length + 1, read: 100_000 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('defaults to the single best label when trained on single-label data', async () => {
    const single = await train(syntheticExamples(160, 3, false), { minDf: 1 });
    expect(single.singleLabel).toBe(true);
    expect(single.predict('minister vote hospital vaccine').topics).toHaveLength(1);
    expect(single.predict('minister vote hospital vaccine', { topK: 2, threshold: 0 }).topics).toHaveLength(2);
  });

  it('accepts async iterables and titles', async () => {
    async function* stream() {
      for (const e of examples.slice(0, 80)) yield { ...e, title: 'Headline' };
    }
    const m = await train(stream(), { minDf: 1, calibrationFolds: 0 });
    expect(m.training.examples).toBe(80);
    expect(m.training.calibrationFolds).toBe(0);
  });

  it('does not learn a label from examples that do not observe it', async () => {
    // "health" examples claim to observe only "health": they must not teach the others that health words are negative.
    const data = examples.map((e) => (e.labels.includes('health') ? { ...e, labels: ['health'], observed: ['health'] } : e));
    const m = await train(data, { minDf: 1 });
    expect(m.labels).toContain('health');
    const withoutObserved = await train(data.map(({ observed: _o, ...rest }) => rest), { minDf: 1 });
    const text = 'hospital vaccine minister election';
    const idx = m.labels.indexOf('politics');
    expect(m.scores(text)[idx]).not.toBe(withoutObserved.scores(text)[idx]);
  });

  it('warns about labels with few examples and a feature space minDf left nearly empty', async () => {
    const warnings: TrainingWarning[] = [];
    const few = [...examples.slice(0, 60), { text: 'a rare weather storm', labels: ['weather'] }, { text: 'storm rain weather', labels: ['weather'] }];
    await train(few, { minDf: 1, onWarning: (w) => warnings.push(w) });
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'few-examples', label: 'weather' }));
    const sentences = syntheticExamples(30, 4).map((e) => ({ ...e, text: e.text.split(' ').slice(0, 4).join(' ') }));
    const sparse: TrainingWarning[] = [];
    await train(sentences, { onWarning: (w) => sparse.push(w) });
    expect(sparse).toContainEqual(expect.objectContaining({ code: 'few-features', message: expect.stringMatching(/only \d+ of \d+ distinct words and word pairs occur in at least minDf=2/) }));
  });

  it('fits calibration and thresholds on the examples calibrateOn chooses only', async () => {
    const half = await train(examples, { minDf: 1, calibrateOn: (_e, i) => i % 2 === 0 });
    expect(half.thresholds).not.toEqual(model.thresholds);
    expect(Array.from(half.scores('goal match'))).not.toEqual(Array.from(model.scores('goal match')));
    const none = await train(examples, { minDf: 1, calibrateOn: () => false });
    expect(none.training.calibrationFallbacks).toEqual(none.labels);
    await expect(train(examples, { calibrateOn: 'even' as never })).rejects.toThrow(/options\.calibrateOn must be a function/);
  });

  it('reports progress', async () => {
    const stages = new Set<string>();
    await train(examples.slice(0, 60), { minDf: 1, onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['features', 'calibration', 'final']);
  });

  it('is deterministic: same data, options and seed give the same model file', async () => {
    const again = await train(examples, { minDf: 1 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const other = await train(examples, { minDf: 1, seed: 7 });
    expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(model.toJSON()));
  });
});

describe('train: bad input', () => {
  it('refuses non-iterables and bare strings', async () => {
    await expect(train('text' as never)).rejects.toThrow(InvalidInputError);
    await expect(train(42 as never)).rejects.toThrow(/examples must be an array, iterable or async iterable/);
  });

  it('names the faulty example and field', async () => {
    const bad = [...examples.slice(0, 5), { text: '', labels: ['sport'] }];
    await expect(train(bad)).rejects.toThrow('news-topics: examples[5].text must be a non-empty text, received an empty string');
    await expect(train([{ text: 'goal', labels: 'sport' } as never])).rejects.toThrow(/examples\[0\]\.labels must be an array of label strings, received the string "sport"/);
    await expect(train([{ text: 'goal', labels: [''] }])).rejects.toThrow(/examples\[0\]\.labels\[0\]/);
    await expect(train([{ text: 7, labels: [] } as never])).rejects.toThrow(/examples\[0\]\.text must be a string, received the number 7/);
  });

  it('validates options by name, type and range', async () => {
    await expect(train(examples, { c: -1 })).rejects.toThrow(/options\.c must be a number from 0.000001 to 1000000, received the number -1/);
    await expect(train(examples, { buckets: 1000 })).rejects.toThrow(/options\.buckets/);
    await expect(train(examples, { ngrams: 3 as never })).rejects.toThrow(/options\.ngrams must be one of 1, 2/);
    await expect(train(examples, { colour: 'red' } as never)).rejects.toThrow(/options\.colour/);
    await expect(train(examples, { calibrationFolds: 1 })).rejects.toThrow(InvalidInputError);
    await expect(train(examples, { naiveBayesScaling: 'yes' as never })).rejects.toThrow(/options\.naiveBayesScaling must be/);
  });

  it('refuses too little data and labels outside a given label set', async () => {
    await expect(train([examples[0]!])).rejects.toThrow(TrainingError);
    await expect(train(examples, { labels: ['sport', 'politics'] })).rejects.toThrow(/one of options\.labels/);
    await expect(train([{ text: 'a b c', labels: [] }, { text: 'd e f', labels: [] }])).rejects.toThrow(TrainingError);
    await expect(train(examples, { labels: ['sport', 'politics', 'technology', 'health', 'weather'] })).rejects.toThrow(/"weather" has no positive example/);
  });

  it('refuses a label with no negative example instead of learning to give it to everything', async () => {
    const oneLabel = examples.map((e) => ({ text: e.text, labels: ['news'] }));
    await expect(train(oneLabel)).rejects.toThrow(TrainingError);
    await expect(train(oneLabel)).rejects.toThrow(/label "news" has no negative example/);
    // With examples of "none of these", it trains.
    const withNone = [...oneLabel.slice(0, 40), ...examples.slice(40, 80).map((e) => ({ text: e.text, labels: [] }))];
    await expect(train(withNone, { minDf: 1 })).resolves.toBeInstanceOf(TopicClassifier);
  });

  it('trims labels, so " sport " and "sport" are one label', async () => {
    const spaced = examples.map((e, i) => ({ ...e, labels: e.labels.map((l) => (i % 2 === 0 ? ` ${l} ` : l)) }));
    expect((await train(spaced, { minDf: 1 })).labels).toEqual(['health', 'politics', 'sport', 'technology']);
  });

  it('treats label names like __proto__ and constructor as plain labels', async () => {
    const data = examples.map((e) => ({ ...e, labels: e.labels.map((l) => (l === 'sport' ? '__proto__' : l === 'health' ? 'constructor' : l)) }));
    const m = await train(data, { minDf: 1 });
    expect(m.labels).toEqual(['__proto__', 'constructor', 'politics', 'technology']);
    expect(m.predict('football goal striker').topics[0]?.label).toBe('__proto__');
    const back = TopicClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.labels).toEqual(m.labels);
  });

  it('validates predict arguments', () => {
    expect(() => model.predict(42 as never)).toThrow('news-topics: input must be a non-empty string or an object { title?, body }, received the number 42');
    expect(() => model.predict('   ')).toThrow(/input must be a non-empty text/);
    expect(() => model.predict('goal', { topK: 0 })).toThrow(/options\.topK must be an integer from 1/);
    expect(() => model.predict('goal', { threshold: 2 })).toThrow(/options\.threshold must be a number from 0 to 1, received the number 2/);
    expect(() => model.predict('goal', { atLeastOne: 'yes' as never })).toThrow(/options\.atLeastOne must be a boolean/);
    expect(() => model.predictBatch('goal' as never)).toThrow(/inputs must be an array of texts/);
    expect(() => model.predictBatch(['goal', 3 as never])).toThrow(/inputs\[1\] must be a non-empty string or an object/);
    expect(() => model.predict('goal')).not.toThrow();
  });

  it('all errors share the NewsTopicsError base', () => {
    try {
      model.predict(null as never);
    } catch (error) {
      expect(error).toBeInstanceOf(NewsTopicsError);
      expect((error as InvalidInputError).field).toBe('input');
    }
    expect.assertions(2);
  });
});

describe('save and load', () => {
  it('round-trips through a file with identical scores, leaving no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-topics-'));
    const path = join(dir, 'model.json');
    await saveModel(model, path);
    const loaded = await loadModel(path);
    const texts = ['goal match stadium', 'vaccine hospital', 'software robot election'];
    for (const t of texts) expect(Array.from(loaded.scores(t))).toEqual(Array.from(model.scores(t)));
    expect(loaded.labels).toEqual(model.labels);
    expect(loaded.thresholds).toEqual(model.thresholds);
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('toJSON / fromJSON round-trip, from an object or a string', () => {
    const json = model.toJSON();
    expect(json.format).toBe('news-topics/model');
    expect(json.version).toBe(2);
    const text = 'coach referee tournament';
    expect(Array.from(TopicClassifier.fromJSON(json).scores(text))).toEqual(Array.from(model.scores(text)));
    expect(Array.from(TopicClassifier.fromJSON(JSON.stringify(json)).scores(text))).toEqual(Array.from(model.scores(text)));
  });
});
