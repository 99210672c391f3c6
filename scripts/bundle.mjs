/**
 * The JavaScript that ships: one ES module file per entry point, bundled by esbuild from src/ (packages stay
 * imports; tsc writes only the type declarations). One file loads in a few milliseconds where ~60 separate
 * modules cost ~40 ms of resolving and compiling at import (bench/SPEED-RESULTS.md).
 *
 *   dist/node/index.js   the package for Node, Bun and Deno (`import … from 'news-topics'`)
 *   dist/node/queue.js   `news-topics/queue`: the BullMQ worker, enqueue and results (bullmq and ioredis: optional peers)
 *   dist/node/cli.js     the `news-topics` command
 *   dist/node/worker.js  the training worker thread (found beside the other two: ./worker.js)
 *   dist/node/article-worker.js  a worker thread of classifyMany, predictMany and `classify --threads`
 *   dist/node/html-tokenizer.js  htmlparser2's Tokenizer alone, bundled (loaded on the first text with markup)
 *
 *   dist/browser/index.js  browsers and edge workers (conditions "browser", "worker", "workerd", "edge-light"): the
 *                          core and web/ (models over fetch); packages stay imports, which the consumer's bundler
 *                          resolves (htmlparser2, franc-min and fflate are dynamic imports: chunks of their own)
 *
 * All of them sit two folders below the package root, as src/io/default-model.ts and src/cli/main.ts expect
 * (../../data/model.bin, ../../package.json).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages stay imports, except natural's Porter stemmer (a few small CommonJS files): bundled in, it costs no
 * CommonJS loading at import, 10-20 ms of the cold start through Node's ES module loader (bench/SPEED-RESULTS.md).
 */
const packagesExceptStemmer = {
  name: 'packages-except-stemmer',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('natural/') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  absWorkingDir: ROOT,
  entryPoints: { index: 'src/index.ts', queue: 'src/queue.ts', cli: 'src/cli/bin.ts', worker: 'src/learn/parallel/worker.ts', 'article-worker': 'src/io/article-worker.ts' },
  outdir: 'dist/node',
  bundle: true,
  // Code shared by the entries lives in chunks beside them: one copy of each class, so a model made through
  // 'news-topics' is a TopicClassifier to 'news-topics/queue' too.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [packagesExceptStemmer],
  legalComments: 'none',
  logLevel: 'warning',
});
// htmlparser2's Tokenizer with the package bundled in, tree-shaken: what the Node build loads on the first text with
// markup instead of the package root (src/text/html-tokenizer.ts).
await build({
  absWorkingDir: ROOT,
  entryPoints: { 'html-tokenizer': 'src/text/html-tokenizer.ts' },
  outdir: 'dist/node',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  absWorkingDir: ROOT,
  entryPoints: { index: 'src/browser.ts' },
  outdir: 'dist/browser',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
});
