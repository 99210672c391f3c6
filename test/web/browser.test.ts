/**
 * The browser build in a real browser (headless Chromium from Debian, driven by playwright-core): the default model
 * is fetched, checked and used with web APIs only, and gives the topics Node gives, to the last digit; a damaged
 * model is refused; a user's model loads from bytes. Runs whenever /usr/bin/chromium is there (always in CI, which
 * installs it; its absence fails CI) and is skipped with a notice otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, loadModel, train } from '../../src/index.js';
import { CHROMIUM, CHROMIUM_ARGS, servePage, type WebPage } from '../helpers/web-page.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared-data.js';
import { syntheticExamples } from '../helpers/synthetic.js';

type NewsTopics = typeof import('../../src/browser.js');
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${CHROMIUM} is missing: CI must run the browser tests (.ci/run installs chromium)`);
  process.stderr.write(`news-topics tests: ${CHROMIUM} not found; the browser tests are skipped (apt-get install -y chromium)\n`);
}

// The product owner's seed article when ../shared is there, else the README's example article.
const SEED = readFileSync(HAS_SHARED ? sharedPath('seed', 'article.txt') : new URL('../../examples/article.txt', import.meta.url), 'utf8');

describe.skipIf(!HAS_CHROMIUM)('browser build (Chromium)', () => {
  let page: WebPage;
  let browser: import('playwright-core').Browser;
  let tab: import('playwright-core').Page;

  beforeAll(async () => {
    page = await servePage();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    tab = await browser.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => (globalThis as unknown as { nt?: unknown }).nt !== undefined);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await page?.close();
  });

  it('loads the default model (browser variant) over fetch and classifies like Node, score for score', async () => {
    const inputs = [SEED, { title: 'Cup final', body: 'The striker scored twice as the league leaders won the match.' }, '<p>Central <b>bank</b> raises rates</p><script>var x = "war";</script>', 'Le gouvernement français a présenté mardi son budget pour l’année prochaine, avec des économies importantes dans plusieurs ministères.'];
    const got = await tab.evaluate(async (texts) => {
      const nt = (globalThis as unknown as { nt: NewsTopics }).nt;
      const model = await nt.loadDefaultModel();
      // Loading checked and unpacked every weight block: classify finds them ready.
      const pending = (model.parts.weights.rows as unknown as { pending: { blocks: number } }).pending.blocks;
      return { pending, results: texts.map((t) => nt.classify(t, { places: true, explain: true })) };
    }, inputs).then(({ pending, results }) => {
      expect(pending).toBe(0);
      return results;
    });
    // The browser's default model is the browser variant (data/model-web.bin): Node, loading the same file, agrees.
    const webModel = await loadModel(new URL('../../data/model-web.bin', import.meta.url).pathname);
    expect(got).toEqual(inputs.map((t) => classify(t as string, { places: true, explain: true, model: webModel })));
    if (HAS_SHARED) expect(got[0]?.topics.slice(0, 3).map((t) => t.id)).toEqual(expect.arrayContaining(['international-relations', 'military']));
  }, 60_000);

  it('refuses a damaged model file, and loads a user\'s model from bytes', async () => {
    const model = await train(syntheticExamples(120), { minDf: 1 });
    const bytes = Array.from(model.toBytes());
    const text = 'coach referee tournament';
    const got = await tab.evaluate(async ({ bytes, text }) => {
      const nt = (globalThis as unknown as { nt: NewsTopics }).nt;
      const own = await nt.loadModel(new Uint8Array(bytes));
      const damaged = new Uint8Array(bytes);
      damaged[20] = (damaged[20] as number) ^ 0xff;
      // A damaged weight block (the file's last byte) is refused at load too, since every block is checked there.
      const damagedBlock = new Uint8Array(bytes);
      damagedBlock[damagedBlock.length - 1] = (damagedBlock[damagedBlock.length - 1] as number) ^ 0x01;
      const blockRefused = await nt.loadModel(damagedBlock).then(() => '', (error: Error) => `${error.name}: ${error.message}`);
      let refused = '';
      try {
        await nt.loadModel(damaged);
      } catch (error) {
        refused = `${(error as Error).name}: ${(error as Error).message}`;
      }
      const missing = await nt.loadModel('/no/such/model.bin').then(() => '', (error: Error) => error.message);
      return { scores: Array.from(own.scores(text)), refused, missing, blockRefused };
    }, { bytes, text });
    expect(got.scores).toEqual(Array.from(model.scores(text)));
    expect(got.refused).toMatch(/^ModelFormatError: .*is not a usable model/);
    expect(got.blockRefused).toMatch(/^ModelFormatError: .*(checksum|damaged)/);
    expect(got.missing).toMatch(/could not be fetched \(HTTP 404\)/);
  }, 60_000);
});
