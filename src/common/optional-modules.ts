/**
 * Dependencies that most calls never need, loaded on first use instead of at import: the HTML tokenizer (only a
 * text with markup needs it), the language identifier (only a text that is not plainly English), and the DEFLATE
 * and SHA-256 of JSON model files (the default model is binary). Together they are most of the package's import
 * time (measured: htmlparser2 44 ms, franc-min 30 ms, fflate 14 ms, @noble/hashes 9 ms on the reference machine).
 *
 * Where Node's module loader is at hand (`process.getBuiltinModule`, Node ≥ 20.16; Bun), a module is required
 * synchronously when first asked for (ES modules too: Node ≥ 20.19 requires them); the Node build has a smaller
 * htmlparser2 of its own (`BUNDLED`). Elsewhere (browsers, workers, bundles) the entry point hands the modules over
 * at import with `provideModules` (see src/browser.ts). Nothing here imports a Node module: the core stays free of
 * them.
 */
import type * as Franc from 'franc-min';
import type * as Fflate from 'fflate';
import type * as Htmlparser2 from 'htmlparser2';
import type * as NobleSha2 from '@noble/hashes/sha2.js';
import type * as NobleUtils from '@noble/hashes/utils.js';
import { NewsTopicsError } from './errors.js';

export interface OptionalModules {
  /** Its Tokenizer is all that is used (text/clean.ts). */
  htmlparser2: Pick<typeof Htmlparser2, 'Tokenizer'>;
  'franc-min': typeof Franc;
  fflate: typeof Fflate;
  '@noble/hashes/sha2.js': typeof NobleSha2;
  '@noble/hashes/utils.js': typeof NobleUtils;
}

const loaded: Partial<OptionalModules> = {};

/** Hands modules over ahead of use (for runtimes without Node's `require`: the browser entry does it at import). */
export function provideModules(modules: Partial<OptionalModules>): void {
  Object.assign(loaded, modules);
}

/**
 * A Node built-in module (`node:zlib`, `node:worker_threads`, …) where the runtime has them, taken with
 * `process.getBuiltinModule` (no import: the core stays free of Node modules); undefined elsewhere.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return host?.getBuiltinModule?.(id) as T | undefined;
}

type RequireFunction = (id: string) => unknown;
let nodeRequire: RequireFunction | null | undefined;

function requireFunction(): RequireFunction | null {
  if (nodeRequire === undefined) {
    const moduleApi = nodeBuiltin<{ createRequire?: (from: string) => RequireFunction }>('node:module');
    nodeRequire = moduleApi?.createRequire ? moduleApi.createRequire(import.meta.url) : null;
  }
  return nodeRequire;
}

/**
 * Modules the Node build ships in a smaller form of its own, beside its other files (dist/node/): htmlparser2's
 * Tokenizer alone (text/html-tokenizer.ts: the first `classify` of a text with markup in a fresh process, bench:speed's
 * cold part). Where that file is not there (the TypeScript sources), the package itself.
 */
const BUNDLED: { readonly [K in keyof OptionalModules]?: string } = { htmlparser2: './html-tokenizer.js' };

function requireModule(require: RequireFunction, name: keyof OptionalModules): unknown {
  const bundled = BUNDLED[name];
  if (bundled !== undefined) {
    try {
      return require(bundled);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return require(name);
}

/** The module `name`, loading it on first use. */
export function optionalModule<K extends keyof OptionalModules>(name: K): OptionalModules[K] {
  let module = loaded[name];
  if (module === undefined) {
    const require = requireFunction();
    if (require === null) {
      throw new NewsTopicsError(`news-topics: ${name} is needed here but was not loaded; import news-topics through its package entry (conditional exports pick the one for this runtime)`);
    }
    module = requireModule(require, name) as OptionalModules[K];
    loaded[name] = module;
  }
  return module as OptionalModules[K];
}
