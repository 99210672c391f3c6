/** The tree's promises: no import cycles, a core free of Node modules, and an index that only re-exports. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((f) => relative(ROOT, f));
const imports = new Map<string, { local: string[]; external: string[] }>();
for (const file of files) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const local: string[] = [];
  const external: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = match[1] as string;
    if (spec.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/\.js$/, '.ts'))));
    else external.push(spec);
  }
  imports.set(file, { local, external });
}
/** Node-only parts: file access, worker threads, the command line. */
const isCore = (file: string) => !/^src\/(io|cli|learn\/parallel)\//.test(file) && file !== 'src/index.ts';

describe('architecture', () => {
  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[][] = [];
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open');
      for (const dep of imports.get(file)?.local ?? []) {
        if (state.get(dep) === 'open') cycles.push([...path.slice(path.indexOf(dep)), dep]);
        else if (!state.has(dep)) visit(dep, [...path, dep]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });

  it('keeps Node modules out of the core (everything but io/, cli/ and learn/parallel/)', () => {
    const offenders = files.filter(isCore).flatMap((file) => (imports.get(file)?.external ?? []).filter((spec) => spec.startsWith('node:') || ['fs', 'os', 'path', 'url', 'crypto', 'zlib', 'worker_threads', 'module'].includes(spec)).map((spec) => `${file}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('imports natural in one file only, by deep path', () => {
    const users = files.filter((file) => (imports.get(file)?.external ?? []).some((spec) => spec === 'natural' || spec.startsWith('natural/')));
    expect(users).toEqual(['src/text/tokenizer.ts']);
    expect(imports.get('src/text/tokenizer.ts')?.external).not.toContain('natural');
  });

  it('has entry points (index.ts for Node, browser.ts for browsers and workers) that only re-export', () => {
    for (const entry of ['index.ts', 'browser.ts']) {
      const lines = readFileSync(join(SRC, entry), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//'));
      for (const line of lines) expect(line).toMatch(/^export \{[^}]+\} from '\.\/[\w/-]+\.js';$/);
    }
  });

  it('gives the browser entry nothing from io/ (Node files and threads)', () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of imports.get(file)?.local ?? []) visit(next);
    };
    visit('src/browser.ts');
    expect(reached.has('src/web/models.ts')).toBe(true);
    expect([...reached].filter((file) => /^src\/(io|cli|learn\/parallel\/worker)/.test(file))).toEqual([]);
  });
});
