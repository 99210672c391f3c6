/**
 * The evaluation report (`news-topics eval MODEL DATA --report FILE`) opened in headless Chromium as a file, as a
 * person would open it: every chart drawn with a size, nothing fetched, no console errors; screenshots saved in
 * test-results/screenshots/. With ../shared: the default model on allsides.dev, the report the model card links.
 * Skipped with a notice where Chromium is missing (never in CI: test/web/browser.test.ts fails the run there).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { saveModel, train } from '../../src/index.js';
import { runInProcess } from '../helpers/run-cli.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';
import { syntheticExamples } from '../helpers/synthetic.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/web-page.js';

const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

async function makeReport(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'news-topics-report-page-'));
  const report = join(dir, 'report.html');
  let model = new URL('../../data/model.bin', import.meta.url).pathname;
  let data = HAS_SHARED ? sharedPath('datasets', 'news-topics', 'allsides.dev.jsonl') : '';
  if (!HAS_SHARED) {
    model = join(dir, 'model.bin');
    // Trained on 30 examples only, so that it makes a few mistakes for the report to show.
    await saveModel(await train(syntheticExamples(30, 4), { minDf: 1 }), model);
    data = join(dir, 'dev.jsonl');
    writeFileSync(data, syntheticExamples(80, 9).map((e) => JSON.stringify({ text: e.text, labels: e.labels })).join('\n'));
  }
  const run = await runInProcess(['eval', model, data, '--report', report, '--excerpt-chars', '0']);
  expect(run.code, run.stderr).toBe(0);
  return report;
}

describe.skipIf(!HAS_CHROMIUM)('evaluation report (Chromium)', () => {
  it('draws every chart, fetches nothing and logs no error', async () => {
    const report = await makeReport();
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pathToFileURL(report).href);
      // Every chart has a size on the page.
      const sizes = await page.$$eval('svg', (svgs) => svgs.map((svg) => ({ id: svg.id || svg.getAttribute('class'), ...svg.getBoundingClientRect().toJSON() })));
      for (const id of ['label-bars', 'reliability', 'cooccurrence']) expect(sizes.map((s) => s.id)).toContain(id);
      for (const s of sizes) {
        expect(s.width, String(s.id)).toBeGreaterThan(100);
        expect(s.height, String(s.id)).toBeGreaterThan(40);
      }
      // Bars drawn to scale: the widest F1 bar belongs to the best F1.
      const f1 = await page.$$eval('#label-bars .bar-f1', (bars) => bars.map((b) => ({ value: Number(b.getAttribute('data-value')), width: b.getBoundingClientRect().width })));
      expect(f1.length).toBeGreaterThan(3);
      const best = f1.reduce((a, b) => (b.value > a.value ? b : a));
      expect(Math.max(...f1.map((b) => b.width))).toBeCloseTo(best.width, 3);
      expect(await page.$$eval('#reliability circle.bin', (c) => c.length)).toBeGreaterThan(3);
      expect(await page.textContent('#reliability')).toMatch(/ECE 0\.\d{4}/);
      expect(await page.$$eval('.error', (e) => e.length)).toBeGreaterThan(0);
      if (HAS_SHARED) {
        // The figures the model card gives for allsides.dev (scripts/build-model.ts scores it the same way).
        const rows = await page.$$eval('#label-bars .label-row', (g) => g.map((row) => row.getAttribute('data-label')));
        expect(rows[0]).toBe('politics');
        expect(rows).toEqual(expect.arrayContaining(['military', 'international-relations']));
      }
      expect(requests).toEqual([pathToFileURL(report).href]);
      expect(problems, problems.join('\n')).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}report.png` });
      await page.screenshot({ path: `${SCREENSHOTS}report-full.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  }, 90_000);
});
