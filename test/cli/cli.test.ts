/**
 * The real command line, driven as a subprocess (dist/node/cli.js, as npm links it; the test run's global setup
 * compiles it from today's sources first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticExamples } from '../helpers/synthetic.js';

const BIN = new URL('../../dist/node/cli.js', import.meta.url).pathname;
const HANG_BEFORE_RENAME = new URL('../helpers/hang-before-rename.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'news-topics-cli-'));

function cli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { input: input ?? '', encoding: 'utf8', cwd: dir });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, lines: run.stdout.split('\n').filter(Boolean) };
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const trainingJsonl = join(dir, 'train.jsonl');
writeFileSync(trainingJsonl, syntheticExamples(300, 5).map((e, i) => JSON.stringify({ id: `doc${i}`, text: e.text, labels: e.labels })).join('\n') + '\n');

describe('news-topics (CLI)', () => {
  it('has --help, --version and documented exit codes for usage errors', () => {
    expect(existsSync(BIN), 'dist/node/cli.js is missing: run npm run build').toBe(true);
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('news-topics classify');
    expect(cli(['classify', '--help']).stdout).toContain('--jsonl');
    expect(cli(['train', '--help']).stdout).toContain('--out');
    expect(cli(['eval', '--help']).stdout).toContain('--format');
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    const badOption = cli(['classify', '--top-k', 'zero'], 'text');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--top-k must be an integer');
    const nope = cli(['classify', '--nope'], 'text');
    expect(nope.code).toBe(2);
    expect(nope.stderr).toBe('news-topics classify: unknown option --nope\nRun "news-topics classify --help" for usage.\n');
    expect(cli(['classify', '--treshold', '0.3'], 'text').stderr).toContain('unknown option --treshold; did you mean --threshold?');
    expect(cli(['train', trainingJsonl, '--out', 'm.json', '--min_df', '1']).stderr).toContain('did you mean --min-df?');
    expect(cli(['train', trainingJsonl]).stderr).toContain('--out');
  });

  it('classifies plain-text files and standard input, one JSON line per input with its id', () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, 'The striker scored twice as the league leaders won the match in the stadium.');
    writeFileSync(b, 'A magnitude 7 earthquake destroyed buildings and triggered landslides; rescuers searched the rubble.');
    const files = cli(['classify', a, b]);
    expect(files.code).toBe(0);
    expect(files.lines.map((l) => JSON.parse(l).id)).toEqual([a, b]);
    expect(JSON.parse(files.lines[0]!).topics[0].id).toBe('sport');
    expect(JSON.parse(files.lines[1]!).topics[0].id).toBe('natural-disasters');
    const stdin = cli(['classify'], 'Voters went to the polls in the presidential election run-off.');
    expect(JSON.parse(stdin.lines[0]!)).toMatchObject({ id: 'stdin', topics: [{ id: 'elections' }] });
    const table = cli(['classify', a, '--format', 'table']);
    expect(table.stdout).toMatch(/^topic\s+id\s+score\s+IPTC\nSport\s+sport\s+\d\.\d{3}\s+medtop:15000000/);
    // Several records: one table, with the record's id in the first column.
    const tables = cli(['classify', a, b, '--format', 'table']);
    expect(tables.stdout.match(/^record\s+topic/gm)).toHaveLength(1);
    expect(tables.stdout).toContain(`${a}  Sport`);
    expect(tables.stdout).toContain(`${b}  Natural Disasters`);
    const array = cli(['classify', a, b, '--format', 'json']);
    expect(JSON.parse(array.stdout)).toHaveLength(2);
  });

  it('gives exactly one output record per JSONL record, in order, with error records for bad lines', () => {
    const input = [
      JSON.stringify({ id: 'ok1', text: 'The striker scored a goal in the league match.' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'no-text', body: 'wrong field' }),
      JSON.stringify({ id: 'empty', text: '   ' }),
      JSON.stringify({ id: 'number', text: 42 }),
      '[1, 2]',
      '',
      JSON.stringify({ key: 'k9', story: 'Parliament passed the budget after the minister won the vote.' }),
    ].join('\n');
    const run = cli(['classify', '--jsonl', '-'], input);
    expect(run.code).toBe(1);
    const out = run.lines.map((l) => JSON.parse(l));
    expect(out).toHaveLength(7); // the blank line is not a record
    expect(out[0]).toMatchObject({ id: 'ok1', topics: [{ id: 'sport' }] });
    expect(out[1]).toMatchObject({ id: 'stdin:2', line: 2, error: expect.stringContaining('malformed JSON') });
    expect(out[2]).toMatchObject({ id: 'no-text', line: 3, error: 'field "text" must be a string, found nothing' });
    expect(out[3]).toMatchObject({ id: 'empty', line: 4, error: 'field "text" is empty' });
    expect(out[4]).toMatchObject({ id: 'number', line: 5, error: 'field "text" must be a string, found number' });
    expect(out[5]).toMatchObject({ line: 6, error: 'expected a JSON object, found an array' });
    expect(out[6]).toMatchObject({ id: 'stdin:8', line: 8, error: 'field "text" must be a string, found nothing' });
    const renamed = cli(['classify', '--jsonl', '--id-field', 'key', '--text-field', 'story'], input.split('\n')[7]);
    expect(JSON.parse(renamed.lines[0]!)).toMatchObject({ id: 'k9', topics: expect.arrayContaining([expect.objectContaining({ id: 'politics' })]) });
    expect(run.stderr).toContain('6 record(s) failed');
  });

  it('says in the record when a text was cut', () => {
    const long = 'The striker scored a goal in the league match. '.repeat(3000);
    const run = cli(['classify', '--jsonl'], `${JSON.stringify({ id: 'long', text: long })}\n${JSON.stringify({ id: 'short', text: 'A goal.' })}\n`);
    const [first, second] = run.lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ id: 'long', truncated: { characters: long.length, read: 100_000 } });
    expect(second.truncated).toBeUndefined();
  });

  it('reads CSV with quotes, commas and newlines inside fields', () => {
    const csv = 'id,headline,body\n' +
      'r1,"Cup final","The striker, who scored twice, said: ""we won the match""\nin the league stadium."\n' +
      'r2,"Quake","A magnitude 7 earthquake\ndestroyed buildings; rescuers searched the rubble."\n';
    const file = join(dir, 'in.csv');
    writeFileSync(file, csv);
    const run = cli(['classify', '--csv', '--text-column', 'body', '--title-column', 'headline', file]);
    expect(run.code).toBe(0);
    const out = run.lines.map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['r1', 'r2']);
    expect(out[0].topics[0].id).toBe('sport');
    expect(out[1].topics[0].id).toBe('natural-disasters');
    const broken = cli(['classify', '--csv', '-'], 'id,text\n1,"fine text about the football match"\n2,"never closed\n');
    expect(broken.code).toBe(1);
    expect(broken.lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ id: '1' }),
      expect.objectContaining({ id: 'stdin:3', line: 3, error: expect.stringContaining('CSV') }),
    ]);
    // A missing text column is a usage error, before any record.
    const missing = cli(['classify', '--csv', '--text-column', 'nope', file]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('has no column "nope" (columns: id, headline, body)');
  });

  it('trains, evaluates and classifies with a user model, without modifying the input', () => {
    const before = sha(trainingJsonl);
    const model = join(dir, 'model.json');
    const trained = cli(['train', trainingJsonl, '--out', model, '--seed', '3']);
    expect(trained.stderr).not.toContain('news-topics train: news-topics:');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toBe('');
    expect(trained.stderr).toContain('trained on 300 examples (4 labels)');
    expect(sha(trainingJsonl)).toBe(before);
    const report = cli(['eval', model, trainingJsonl, '--format', 'json']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json.documents).toBe(300);
    expect(json.micro.f1).toBeGreaterThan(0.8);
    expect(cli(['eval', model, trainingJsonl]).stdout).toMatch(/micro F1\s+[01]\.\d{4}/);
    const classified = cli(['classify', '--model', model, '--top-k', '1'], 'football goal striker match');
    // Its labels happen to be taxonomy ids, so the taxonomy applies (display names, parents, IPTC codes).
    expect(JSON.parse(classified.lines[0]!).topics).toEqual([{ id: 'sport', label: 'Sport', score: expect.any(Number), parent: null, iptc: ['medtop:15000000'] }]);
    const ownLabels = join(dir, 'own-labels.jsonl');
    writeFileSync(ownLabels, syntheticExamples(120, 6).map((e) => JSON.stringify({ text: e.text, labels: e.labels.map((l) => `my-${l}`) })).join('\n'));
    const ownModel = join(dir, 'own-model.json');
    expect(cli(['train', ownLabels, '--out', ownModel, '--min-df', '1']).code).toBe(0);
    expect(JSON.parse(cli(['classify', '--model', ownModel, '--top-k', '1'], 'football goal striker match').lines[0]!).topics).toEqual([
      { id: 'my-sport', label: 'my-sport', score: expect.any(Number) },
    ]);
    const explained = JSON.parse(cli(['classify', '--model', model, '--top-k', '1', '--explain'], 'football goal striker match').lines[0]!);
    expect(explained.topics[0].explanation.up.map((c: { text: string }) => c.text)).toEqual(expect.arrayContaining(['football']));
    const bad = cli(['classify', '--model', trainingJsonl], 'text');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('is not a usable model');
    expect(bad.stderr).toMatch(/^news-topics classify: \//);
  });

  it('reports bad training records by line and still trains on the rest', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, readFileSync(trainingJsonl, 'utf8') + '{"text": "no labels here"}\nnot json\n');
    const run = cli(['train', file, '--out', join(dir, 'mixed-model.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mixed.jsonl:301: left out: field "labels"');
    expect(run.stderr).toContain('mixed.jsonl:302: left out: malformed JSON');
    expect(existsSync(join(dir, 'mixed-model.json'))).toBe(true);
  });

  it('a train killed while it writes the model leaves the old file whole (SIGKILL) and no temporary file (SIGTERM)', async () => {
    const target = join(dir, 'killed.json');
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      writeFileSync(target, 'previous model');
      // The child writes the whole temporary file, then stops just before the rename (see hang-before-rename.mjs).
      const child = spawn(process.execPath, ['--import', HANG_BEFORE_RENAME, BIN, 'train', trainingJsonl, '--out', target], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('about to rename')) resolve();
        });
        child.once('exit', () => reject(new Error(`train ended before the rename: ${stderr}`)));
      });
      const temporary = readdirSync(dir).filter((f) => f.startsWith('.killed.json.') && f.endsWith('.tmp'));
      expect(temporary).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(dir, temporary[0]!), 'utf8')).format).toBe('news-topics/model');
      child.kill(signal);
      const [, exitSignal] = (await once(child, 'exit')) as [number | null, string | null];
      expect(exitSignal).toBe(signal);
      expect(readFileSync(target, 'utf8')).toBe('previous model');
      const left = readdirSync(dir).filter((f) => f.startsWith('.killed.json.'));
      if (signal === 'SIGTERM') expect(left).toEqual([]);
      for (const f of left) rmSync(join(dir, f));
    }
  }, 60_000);
});
