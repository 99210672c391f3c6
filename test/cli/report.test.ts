/** `news-topics eval MODEL DATA --report FILE`: the HTML report from the command line, in process. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveModel, train } from '../../src/index.js';
import { runInProcess } from '../helpers/run-cli.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'news-topics-report-'));
const data = join(dir, 'dev.jsonl');
writeFileSync(data, syntheticExamples(60, 9).map((e) => JSON.stringify({ text: e.text, labels: e.labels.map((l) => `my-${l}`) })).join('\n') + '\n');
const modelPath = join(dir, 'model.bin');
await saveModel(await train(syntheticExamples(200, 4).map((e) => ({ ...e, labels: e.labels.map((l) => `my-${l}`) })), { minDf: 1 }), modelPath);

describe('news-topics eval --report', () => {
  it('writes the page and prints the same figures as without it', async () => {
    const report = join(dir, 'report.html');
    const withReport = await runInProcess(['eval', modelPath, data, '--report', report, '--format', 'json', '--worst', '3', '--excerpt-chars', '40']);
    expect(withReport.stderr).toContain(`wrote ${report}`);
    expect(withReport.code).toBe(0);
    const plain = await runInProcess(['eval', modelPath, data, '--format', 'json']);
    expect(JSON.parse(withReport.stdout)).toEqual(JSON.parse(plain.stdout));
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<svg id="reliability"');
    expect(html).toContain('model.bin on dev.jsonl');
    expect(html).toContain('made by: news-topics eval');
    expect(html.match(/<div class="error"/g)?.length ?? 0).toBeLessThanOrEqual(3);
    const excerpts = [...html.matchAll(/<p class="excerpt">([^<]*)<\/p>/g)].map((m) => m[1]!);
    for (const e of excerpts) expect(e.length).toBeLessThanOrEqual(41);
  });

  it('refuses report options without --report, and an unwritable --report before reading anything', async () => {
    const stray = await runInProcess(['eval', modelPath, data, '--worst', '3']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--excerpt-chars and --worst go with --report FILE');
    const nowhere = join(dir, 'no-such-folder', 'report.html');
    const bad = await runInProcess(['eval', modelPath, data, '--report', nowhere]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--report ${nowhere}`);
    expect(bad.stdout).toBe('');
    expect(existsSync(nowhere)).toBe(false);
  });
});
