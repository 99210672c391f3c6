import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFormatError, TopicClassifier, train } from '../src/index.js';
import { syntheticExamples } from './helpers/synthetic.js';

const model = await train(syntheticExamples(120), { minDf: 1 });
const json = model.toJSON();
const dir = mkdtempSync(join(tmpdir(), 'news-topics-model-'));

function withChange(change: (copy: Record<string, unknown>) => void): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  change(copy);
  return copy;
}

describe('model file', () => {
  it('has named keys, a format name and version, and no training text', () => {
    expect(Object.keys(json)).toEqual([
      'format', 'version', 'tokenizer', 'preprocessing', 'labels', 'singleLabel', 'thresholds', 'calibration', 'biases',
      'features', 'weights', 'training', 'checksum',
    ]);
    expect(json.preprocessing).toMatchObject({ ngrams: 2, buckets: 2 ** 20, sublinearTf: true, idf: true, stem: true });
    expect(JSON.stringify(json)).not.toContain('striker');
  });

  it('refuses a truncated file, naming the file', async () => {
    const path = join(dir, 'truncated.json');
    const text = JSON.stringify(json);
    writeFileSync(path, text.slice(0, text.length / 2));
    await expect(TopicClassifier.load(path)).rejects.toThrow(ModelFormatError);
    await expect(TopicClassifier.load(path)).rejects.toThrow(`news-topics: ${path} is not a usable model: not valid JSON`);
  });

  it('refuses a missing file, naming it', async () => {
    await expect(TopicClassifier.load(join(dir, 'absent.json'))).rejects.toThrow(/absent\.json is not a usable model: cannot be read \(ENOENT\)/);
  });

  it('refuses a tampered file through its checksum', () => {
    const tampered = withChange((c) => ((c.thresholds as number[])[0] = 0.01));
    expect(() => TopicClassifier.fromJSON(tampered)).toThrow(/checksum does not match/);
    const relabelled = withChange((c) => ((c.labels as string[])[0] = 'weather'));
    expect(() => TopicClassifier.fromJSON(relabelled)).toThrow(/checksum does not match/);
  });

  it('refuses another format and a newer version with a clear message', () => {
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.format = 'fasttext')))).toThrow(
      '<json> is not a usable model: format should be "news-topics/model", found "fasttext"',
    );
    expect(() => TopicClassifier.fromJSON(withChange((c) => (c.version = 2)))).toThrow(
      /format version 2 is newer than this news-topics reads \(1\); upgrade news-topics/,
    );
    expect(() => TopicClassifier.fromJSON({ hello: 'world' })).toThrow(ModelFormatError);
    expect(() => TopicClassifier.fromJSON(null)).toThrow(/the model should be an object/);
    expect(() => TopicClassifier.fromJSON([1, 2])).toThrow(ModelFormatError);
  });

  it('checks field contents even when the checksum is recomputed', async () => {
    const { createHash } = await import('node:crypto');
    const resign = (c: Record<string, unknown>) => {
      const { checksum: _, ...body } = c;
      return { ...body, checksum: `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}` };
    };
    const short = resign(withChange((c) => (c.thresholds = [0.5])));
    expect(() => TopicClassifier.fromJSON(short)).toThrow(/thresholds should be an array of 4 numbers/);
    const badWeights = resign(withChange((c) => ((c.weights as Record<string, unknown>).data = 'AAAA')));
    expect(() => TopicClassifier.fromJSON(badWeights)).toThrow(/weights\.data/);
    const duplicate = resign(withChange((c) => (c.labels = ['sport', 'sport', 'health', 'politics'])));
    expect(() => TopicClassifier.fromJSON(duplicate)).toThrow(/labels has duplicates/);
    expect(() => TopicClassifier.fromJSON(resign(withChange(() => {})))).not.toThrow();
  });
});
