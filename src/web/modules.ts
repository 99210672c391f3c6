/**
 * Browsers and edge workers have no `require`: the optional dependencies (common/optional-modules.ts) are loaded
 * here with dynamic `import()`, which bundlers split into chunks of their own, so the first script a page loads
 * stays small; `loadModules()` runs before any model is loaded, and everything after it is synchronous.
 */
import { provideModules } from '../common/optional-modules.js';

let loading: Promise<void> | undefined;

/** Loads htmlparser2, franc-min and fflate once (each a chunk of its own). */
export function loadModules(): Promise<void> {
  loading ??= Promise.all([import('htmlparser2'), import('franc-min'), import('fflate')]).then(([htmlparser2, franc, fflate]) => {
    provideModules({ htmlparser2, 'franc-min': franc, fflate });
  });
  return loading;
}
