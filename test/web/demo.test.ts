/**
 * `npm run demo`'s page in headless Chromium: an article typed in gives its topics with score bars, the words behind
 * the best topic highlighted in the text, the places as chips with their ISO codes, and the language; everything is
 * computed in the page (the server only hands out files). Skipped with a notice where Chromium is missing (never in CI).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb, type WebServer } from '../../scripts/web-server.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/web-page.js';

const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Screenshots of the demo, kept for people (and CI artifacts) to look at: test-results/screenshots/. */
const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const ARTICLE = readFileSync(HAS_SHARED ? sharedPath('seed', 'article.txt') : new URL('../../examples/article.txt', import.meta.url), 'utf8');

describe.skipIf(!HAS_CHROMIUM)('demo page (Chromium)', () => {
  let server: WebServer;
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    server = await serveWeb({ '/': { file: 'demo/index.html' }, '/demo.js': { file: 'demo/demo.js' }, '/demo.css': { file: 'demo/demo.css' } });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows topics with bars, highlighted words, places and the language of a pasted article', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.fill('#title', 'North Korea says it is ready for war');
    await page.fill('#body', ARTICLE);
    const before = requests.length;
    await page.click('#classify');
    await page.waitForSelector('#topics li[data-id]');
    const topics = await page.$$eval('#topics li[data-id]', (items) =>
      items.map((li) => ({ id: li.getAttribute('data-id'), width: Number(/width:\s*([\d.]+)%/.exec(li.querySelector('.bar')?.getAttribute('style') ?? '')?.[1] ?? 0) })),
    );
    expect(topics.length).toBeGreaterThanOrEqual(2);
    for (const t of topics) expect(t.width).toBeGreaterThan(0);
    if (HAS_SHARED) expect(topics.slice(0, 4).map((t) => t.id)).toEqual(expect.arrayContaining(['international-relations', 'military']));
    expect(await page.$$eval('#text mark', (marks) => marks.length)).toBeGreaterThan(3);
    const places = await page.$$eval('#places .chip code', (codes) => codes.map((c) => c.textContent));
    expect(places.length).toBeGreaterThan(0);
    if (HAS_SHARED) expect(places).toContain('KP');
    expect(await page.textContent('#language')).toBe('language: eng');
    // Classifying asked the server for nothing: it happened in the page.
    expect(requests.slice(before)).toEqual([]);
    // Clicking another topic explains that one.
    await page.click('#topics li[data-id]:nth-child(2)');
    expect(await page.textContent('#why-topic')).not.toBe('');
    expect(problems, problems.join("\n")).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}demo-desktop.png` });
    await page.close();
  }, 60_000);

  it('fits a phone-width screen (375 px): nothing wider than the page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    await page.fill('#body', ARTICLE);
    await page.click('#classify');
    await page.waitForSelector('#topics li[data-id]');
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { clientWidth: number; scrollWidth: number } } }).document.documentElement;
      return { page: root.clientWidth, content: root.scrollWidth };
    });
    expect(widths.content).toBeLessThanOrEqual(widths.page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}demo-phone.png`, fullPage: false });
    await page.close();
  }, 60_000);
});
