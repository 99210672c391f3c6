/** Command options: input format from the extension, every training option, --explain and --places, early checks. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAIN_ENGINE_OPTIONS } from '../../src/cli/train-command.js';
import { TRAIN_OPTION_KEYS } from '../../src/learn/options.js';
import { train } from '../../src/index.js';
import { runInProcess } from '../helpers/run-cli.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'news-topics-options-'));
const data = join(dir, 'train.jsonl');
writeFileSync(data, syntheticExamples(160, 3).map((e) => JSON.stringify({ text: e.text, labels: e.labels.map((l) => `my-${l}`) })).join('\n'));

describe('classify options', () => {
  it('reads .jsonl and .csv files by their extension, one record per line or row', async () => {
    const two = join(dir, 'two.jsonl');
    writeFileSync(two, '{"id":"a","text":"The striker scored a goal."}\n{"id":"b","text":"Voters went to the polls."}\n');
    expect((await runInProcess(['classify', two])).records.map((r) => r.id)).toEqual(['a', 'b']);
    const csv = join(dir, 'two.csv');
    writeFileSync(csv, 'id,text\nc,The striker scored a goal.\nd,Voters went to the polls.\n');
    expect((await runInProcess(['classify', csv])).records.map((r) => r.id)).toEqual(['c', 'd']);
    const txt = join(dir, 'one.txt');
    writeFileSync(txt, '{"id":"a","text":"looks like JSON but is an article"}\n{"id":"b"}\n');
    expect((await runInProcess(['classify', txt])).records).toHaveLength(1);
    expect((await runInProcess(['classify', '--text', two])).records).toHaveLength(1);
  });

  it('--explain and --places add explanations and places to each record; --title-field is read', async () => {
    const input = '{"id":"k","headline":"Kenya election","text":"Voters in Nairobi went to the polls on Sunday."}\n';
    const run = await runInProcess(['classify', '--jsonl', '--explain', '--places', '--title-field', 'headline'], input);
    const record = run.records[0] as { topics: Array<{ id: string; explanation: { up: Array<{ text: string }> } }>; places: Array<{ code: string }> };
    expect(record.places.map((p) => p.code)).toEqual(['KE']);
    expect(record.topics[0]!.explanation.up.length).toBeGreaterThan(0);
    expect(record.topics.map((t) => t.id)).toContain('elections');
    const table = await runInProcess(['classify', '--jsonl', '--places', '--format', 'table'], input);
    expect(table.stdout).toMatch(/places: Kenya \(KE\)/);
    // Several records: every places line names its record, the first one's too.
    const two = `${input}{"id":"g","text":"Voters in Berlin went to the polls on Sunday."}\n`;
    const both = await runInProcess(['classify', '--jsonl', '--places', '--format', 'table'], two);
    expect(both.stdout.split('\n').filter((line) => line.includes('places:'))).toEqual(['k places: Kenya (KE) ×1', 'g places: Germany (DE) ×1']);
  });
});

describe('classify with a model of your own labels', () => {
  it('--explain and --places read the text once and explain each label', async () => {
    const out = join(dir, 'own.json');
    expect((await runInProcess(['train', data, '--out', out, '--min-df', '1'])).code).toBe(0);
    const run = await runInProcess(['classify', '--model', out, '--explain', '--places', '--top-k', '1'], 'The striker scored a goal in the league match in Kenya.');
    const record = run.records[0] as { topics: Array<{ id: string; explanation: { label: string; up: Array<{ text: string }> } }>; places: Array<{ code: string }> };
    expect(record.topics[0]!.id).toBe('my-sport');
    expect(record.topics[0]!.explanation.label).toBe('my-sport');
    expect(record.topics[0]!.explanation.up.map((c) => c.text)).toEqual(expect.arrayContaining(['striker']));
    expect(record.places.map((p) => p.code)).toEqual(['KE']);
  });
});

describe('train options', () => {
  it('exposes every engine option of train()', () => {
    const cliNames = Object.keys(TRAIN_ENGINE_OPTIONS).map((name) => name.replace(/-(.)/g, (_, c: string) => c.toUpperCase()));
    // Functions have no command-line form: progress and warnings are printed, calibrateOn chooses examples in code.
    const engine = TRAIN_OPTION_KEYS.filter((k) => k !== 'onProgress' && k !== 'onWarning' && k !== 'calibrateOn');
    expect(cliNames.sort()).toEqual([...engine].sort());
  });

  it('passes the options into the model file', async () => {
    const out = join(dir, 'options.json');
    const run = await runInProcess([
      'train', data, '--out', out, '--stem', 'false', '--stop-words', 'false', '--weight-bits', '16', '--max-chars', '5000', '--min-df', '1',
      '--buckets', '65536', '--ngrams', '1', '--idf', 'false', '--sublinear-tf', 'false', '--tune-thresholds', 'false', '--c', '0.25',
      '--calibration-folds', '2', '--class-weight', 'balanced', '--tolerance', '0.05', '--max-passes', '30', '--threads', '1', '--seed', '9', '--naive-bayes-scaling', 'true',
      '--labels', 'my-health|my-politics|my-sport|my-technology',
    ]);
    expect(run.code).toBe(0);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.features.settings).toMatchObject({ stem: false, stopWords: false, maxChars: 5000, minDf: 1, buckets: 65536, ngrams: 1, idf: false, sublinearTf: false });
    expect(model.learner.weights.bits).toBe(16);
    expect(model.training).toMatchObject({ c: 0.25, calibrationFolds: 2, classWeight: 'balanced', seed: 9 });
    expect(model.thresholds.every((t: number) => t === 0.5)).toBe(true);
    expect((await runInProcess(['train', data, '--out', out, '--stem', 'maybe'])).stderr).toContain('--stem must be one of true, false');
  });

  it('reads weight, observed and calibrate fields, and trains the same model as train() with them', async () => {
    const records = syntheticExamples(150, 7).map((e, i) => ({
      text: e.text,
      labels: e.labels,
      ...(i % 3 === 0 ? { weight: 2 } : {}),
      ...(i % 5 === 0 ? { observed: e.labels } : {}),
      ...(i % 2 === 0 ? { calibrate: false } : {}),
    }));
    const file = join(dir, 'fields.jsonl');
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(dir, 'fields-model.json');
    expect((await runInProcess(['train', file, '--out', out, '--min-df', '1', '--threads', '1'])).code).toBe(0);
    const examples = records.map(({ calibrate: _c, ...e }) => e);
    const api = await train(examples, { minDf: 1, threads: 1, calibrateOn: (_e, i) => records[i]!.calibrate !== false });
    expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(api.toJSON())}\n`);
    const bad = await runInProcess(['train', '--jsonl', '-', '--out', join(dir, 'bad.json')], '{"text":"a b","labels":["x"],"weight":-1}\n');
    expect(bad.stderr).toContain('field "weight" must be a positive number');
  });

  it('checks that --out can be written before it trains', async () => {
    const run = await runInProcess(['train', data, '--out', join(dir, 'no', 'such', 'folder', 'm.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out .*: cannot write .*the folder .* does not exist/);
    expect(run.stderr).not.toContain('trained on');
  });

  it('prints training warnings on standard error', async () => {
    const few = join(dir, 'few.jsonl');
    writeFileSync(few, [...syntheticExamples(40, 4), { text: 'storm rain wind', labels: ['weather'] }, { text: 'rain and flood', labels: ['weather'] }].map((e) => JSON.stringify(e)).join('\n'));
    const run = await runInProcess(['train', few, '--out', join(dir, 'few-model.json'), '--min-df', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/news-topics: warning: label "weather" has only 2 positive examples/);
    expect(run.stderr).toMatch(/news-topics: warning: label "weather" is not calibrated/);
  });
});
