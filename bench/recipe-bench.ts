/**
 * `npm run bench:recipes -- VARIANTS.json` (or a JSON array as the argument): trains each recipe variant of the
 * default model and scores it on every dev file in one run: micro/macro-F1 with ancestors (the model card's scorer:
 * `classifyArticle(model, { title, body }, { hierarchy: 'full' })`), the weak topics' F1 on allsides.dev and
 * worldwide.dev, training time and file size. Each variant is appended to bench/recipe-results.jsonl (committed),
 * and bench/RECIPES.md is rewritten from all of them: every variant tried, not just the winner.
 * worldwide.dev is never trained on; no dev file is.
 */
import { gzipSync } from 'node:zlib';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train } from '../src/index.js';
import { DEV_FILES, scoreOnDev, topicF1, WEAK_TOPICS } from '../scripts/dev-scores.js';
import { RECIPE, type Recipe, recipeTraining } from '../scripts/model-recipe.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'recipe-results.jsonl');

export interface Variant {
  readonly name: string;
  readonly sources?: Recipe['sources'];
  readonly options?: Recipe['options'];
  readonly calibrateOn?: Recipe['calibrateOn'];
}

interface Row {
  readonly name: string;
  readonly recipe: Recipe;
  readonly examples: number;
  readonly seconds: number;
  /** JSON model file. */
  readonly megabytes: number;
  /** Binary model file (format 3), and its gzip size (what a browser downloads); absent in rows measured before. */
  readonly binaryMegabytes?: number;
  readonly binaryGzipMegabytes?: number;
  readonly dev: Record<string, { micro: number; macro: number; weak: Record<string, number | null> }>;
  readonly date: string;
}

async function measure(variant: Variant): Promise<Row> {
  const recipe: Recipe = {
    sources: variant.sources ?? RECIPE.sources,
    options: { ...RECIPE.options, ...variant.options },
    ...(variant.calibrateOn ? { calibrateOn: variant.calibrateOn } : {}),
  };
  const started = performance.now();
  const { examples, options } = recipeTraining(recipe);
  const model = await train(examples, options);
  const seconds = (performance.now() - started) / 1000;
  const dev: Row['dev'] = {};
  for (const file of DEV_FILES) {
    const m = scoreOnDev(model, file);
    dev[file] = { micro: m.micro.f1, macro: m.macro.f1, weak: Object.fromEntries(WEAK_TOPICS.map((t) => [t, topicF1(m, t)])) };
  }
  const bytes = model.toBytes();
  return { name: variant.name, recipe, examples: examples.length, seconds, megabytes: JSON.stringify(model.toJSON()).length / 1e6, binaryMegabytes: bytes.length / 1e6, binaryGzipMegabytes: gzipSync(bytes).length / 1e6, dev, date: new Date().toISOString().slice(0, 10) };
}

function table(rows: readonly Row[]): string {
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
  const lines = [
    '# Default model recipes',
    '',
    'Every variant tried, by `npm run bench:recipes` (bench/recipe-bench.ts), in the order tried. Micro / macro-F1 with ancestors on each dev file (titles read);',
    'weak topics: F1 on allsides.dev / worldwide.dev (– where a topic has fewer than 10 documents). No dev file is trained on.',
    '',
    '| variant | examples | train s | MB (JSON) | MB (binary / gzip) | allsides.dev | worldwide.dev | bbc.dev | wcep.dev | ' + WEAK_TOPICS.join(' | ') + ' |',
    `|---|---|---|---|---|---|---|---|---|${WEAK_TOPICS.map(() => '---|').join('')}`,
  ];
  for (const r of rows) {
    const dev = (file: string) => `${f(r.dev[file]?.micro)} / ${f(r.dev[file]?.macro)}`;
    const weak = WEAK_TOPICS.map((t) => `${f(r.dev['allsides.dev.jsonl']?.weak[t])} / ${f(r.dev['worldwide.dev.jsonl']?.weak[t])}`);
    lines.push(`| ${r.name} | ${r.examples} | ${r.seconds.toFixed(0)} | ${r.megabytes.toFixed(2)} | ${r.binaryMegabytes === undefined ? '–' : `${r.binaryMegabytes.toFixed(2)} / ${(r.binaryGzipMegabytes ?? 0).toFixed(2)}`} | ${DEV_FILES.map(dev).join(' | ')} | ${weak.join(' | ')} |`);
  }
  lines.push('', 'Recipes (sources with weights, options) of each variant:', '');
  for (const r of rows) lines.push(`- **${r.name}**: ${r.recipe.sources.map((s) => `${s.file}×${s.weight}`).join(', ')}; \`${JSON.stringify(r.recipe.options)}\`${r.recipe.calibrateOn ? `; calibrated on ${r.recipe.calibrateOn.join(', ')}` : ''}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2] ?? '[]';
  const variants = JSON.parse(existsSync(arg) ? readFileSync(arg, 'utf8') : arg) as Variant[];
  for (const variant of variants) {
    const row = await measure(variant);
    appendFileSync(RESULTS, `${JSON.stringify(row)}\n`);
    process.stderr.write(`${row.name}: ${DEV_FILES.map((file) => `${file} ${row.dev[file]?.micro.toFixed(4)}/${row.dev[file]?.macro.toFixed(4)}`).join(', ')} (${row.seconds.toFixed(0)} s, ${row.megabytes.toFixed(2)} MB)\n`);
  }
  const all = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row) : [];
  writeFileSync(join(ROOT, 'bench', 'RECIPES.md'), table(all));
}
