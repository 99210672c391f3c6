/** What the published package contains: bundled code, types without internals, no source maps, and no install hook. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string>; files: string[]; dependencies: Record<string, string> };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

describe('package', () => {
  it('has no prepare script (npm 11 warns every consumer of a package that has one)', () => {
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('ships no source maps (the sources are not shipped) and no @internal members in its types', () => {
    const dist = files(join(ROOT, 'dist'));
    expect(dist.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The entries, and the chunks of code they share (one copy of each module: scripts/bundle.mjs).
    const js = dist.filter((f) => f.endsWith('.js')).map((f) => f.slice(ROOT.length)).sort();
    expect(js.filter((f) => !/^dist\/node\/chunk-\w+\.js$/.test(f))).toEqual(['dist/browser/index.js', 'dist/node/article-worker.js', 'dist/node/cli.js', 'dist/node/html-tokenizer.js', 'dist/node/index.js', 'dist/node/queue.js', 'dist/node/worker.js']);
    const classifier = readFileSync(join(ROOT, 'dist', 'model', 'classifier.d.ts'), 'utf8');
    expect(classifier).toContain('predict(');
    for (const internal of ['parts:', 'score(', 'resultOf(', 'labelIndex(']) expect(classifier).not.toContain(internal);
  });

  it('gives news-topics and news-topics/queue one copy of the code: a model from one is a model to the other', async () => {
    const main = await import(join(ROOT, 'dist/node/index.js'));
    const queue = await import(join(ROOT, 'dist/node/queue.js'));
    const model = main.TopicClassifier.fromBytes(main.defaultModel().toBytes());
    // The model passes the queue's check (the error is about the next option), before any connection is made.
    await expect(queue.createTopicsWorker({ connection: 'redis://127.0.0.1:1', queue: 'q', model, threads: 0 })).rejects.toThrow(/options\.threads/);
    await expect(queue.createTopicsWorker({ connection: 'redis://127.0.0.1:1', queue: 'q', model: {}, threads: 0 })).rejects.toThrow(/options\.model/);
  });

  it('serves CommonJS consumers too (require of the ES module bundle, Node >= 20.19)', () => {
    const run = spawnSync(process.execPath, ['-e', "const nt = require('news-topics'); console.log(nt.classify('The striker scored twice as the league leaders won the match.').topics[0].id)"], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('sport');
  });

  it('loads htmlparser2’s Tokenizer alone, bundled, on the first text with markup, not the package root', () => {
    // Every module the package asks Node's loader for, from a fresh process that cleans one text with markup.
    const script = `
      const Module = require('node:module');
      const asked = [];
      const load = Module._load;
      Module._load = function (request, ...rest) { asked.push(request); return load.call(this, request, ...rest); };
      const nt = require(${JSON.stringify(join(ROOT, 'dist/node/index.js'))});
      const before = asked.length;
      const text = nt.cleanText('<p>Rates <b>rose</b> &amp; fell</p>');
      console.log(JSON.stringify({ text, asked: asked.slice(before) }));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { text, asked } = JSON.parse(run.stdout) as { text: string; asked: string[] };
    expect(text).toBe('Rates rose & fell');
    expect(asked).toEqual(['./html-tokenizer.js']);
    // The bundle holds the tokenizer and the entity decoder, not the parser or the DOM.
    const bundle = readFileSync(join(ROOT, 'dist/node/html-tokenizer.js'), 'utf8');
    expect(bundle).toMatch(/\b(class|var) Tokenizer\b/);
    expect(bundle).toMatch(/\b(class|var) EntityDecoder\b/);
    expect(bundle).not.toMatch(/\b(class|var) (Parser|DomHandler)\b/);
  });

  it('points its bin at a built file, and needs no package at run time that it does not list', () => {
    expect(statSync(join(ROOT, pkg.bin['news-topics'] as string)).isFile()).toBe(true);
    const imported = new Set<string>();
    for (const f of files(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'))) {
      // Static imports (a package name has no blank or comma: bundled code's word lists hold `'from', '…`), and the
      // modules loaded on first use (common/optional-modules.ts).
      const text = readFileSync(f, 'utf8');
      for (const m of [...text.matchAll(/\bfrom\s*["']([^"'.\s,][^"'\s,]*)["']/g), ...text.matchAll(/optionalModule\(["']([^"']+)["']\)/g)]) {
        imported.add((m[1] as string).split('/').slice(0, (m[1] as string).startsWith('@') ? 2 : 1).join('/'));
      }
    }
    const external = [...imported].filter((name) => !name.startsWith('node:')).sort();
    expect(external).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
