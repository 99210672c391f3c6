/** Random inputs at every public function: each either works or throws one of our typed errors, never anything else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { syntheticExamples } from './helpers/synthetic.js';

const model = await api.train(syntheticExamples(80), { minDf: 1, calibrationFolds: 2 });

function onlyTypedErrors(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(api.NewsTopicsError);
  }
}

async function onlyTypedRejections(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(api.NewsTopicsError);
  }
}

const anything = fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true });

describe('random inputs find only typed errors', () => {
  it('synchronous functions and methods', () => {
    fc.assert(
      fc.property(anything, anything, (a, b) => {
        onlyTypedErrors(() => api.classify(a as never, b as never));
        onlyTypedErrors(() => model.predict(a as never, b as never));
        onlyTypedErrors(() => model.predictBatch(a as never, b as never));
        onlyTypedErrors(() => model.scores(a as never));
        onlyTypedErrors(() => api.TopicClassifier.fromJSON(a));
        onlyTypedErrors(() => api.tokenize(a as never));
        onlyTypedErrors(() => api.cleanText(a as never));
        onlyTypedErrors(() => api.getTopic(a as never));
        onlyTypedErrors(() => api.ancestorsOf(a as never));
        onlyTypedErrors(() => api.descendantsOf(a as never));
        onlyTypedErrors(() => api.withAncestors(a as never));
        onlyTypedErrors(() => api.scoreLabelSets(a as never, b as never));
        onlyTypedErrors(() => api.places(a as never));
        onlyTypedErrors(() => api.explain(a as never, b as never));
        onlyTypedErrors(() => model.explain(a as never, b as never, a as never));
        onlyTypedErrors(() => api.classifyArticle(model, a as never, b as never));
      }),
      { numRuns: 300 },
    );
  });

  it('text-shaped inputs, including pathological strings', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.constantFrom('<'.repeat(10_000), '<div>'.repeat(5000), '&amp;'.repeat(5000), '\u0000\u200b'.repeat(1000), "'".repeat(10_000), '-.'.repeat(10_000)),
    );
    fc.assert(
      fc.property(text, (t) => {
        onlyTypedErrors(() => api.classify(t));
        onlyTypedErrors(() => model.predict(t));
        expect(Array.isArray(api.tokenize(t))).toBe(true);
        expect(typeof api.cleanText(t)).toBe('string');
        onlyTypedErrors(() => api.places(t));
        onlyTypedErrors(() => api.explain(t, 'sport'));
      }),
      { numRuns: 200 },
    );
  });

  it('asynchronous functions', async () => {
    await fc.assert(
      fc.asyncProperty(anything, anything, async (a, b) => {
        await onlyTypedRejections(() => api.train(a as never, b as never));
        await onlyTypedRejections(() => api.evaluate(model, a as never, b as never));
        await onlyTypedRejections(() => api.evaluate(a as never, syntheticExamples(3)));
        await onlyTypedRejections(() => api.saveModel(a as never, 'never-written.json'));
        await onlyTypedRejections(() => api.crossValidate(a as never, b as never));
        // Paths: only non-strings here, so that the test never writes or reads files named at random.
        if (typeof a !== 'string') {
          await onlyTypedRejections(() => api.loadModel(a as never));
          await onlyTypedRejections(() => api.saveModel(model, a as never));
        }
      }),
      { numRuns: 150 },
    );
  });
});
