/**
 * htmlparser2's Tokenizer alone: what clean.ts uses of htmlparser2. The Node build bundles this file, with the
 * package's code in it, into dist/node/html-tokenizer.js (scripts/bundle.mjs), which common/optional-modules.ts loads
 * in place of the package root: htmlparser2 declares no side effects, so the bundle keeps the Tokenizer and the
 * entity decoder and leaves out the Parser, domhandler and domutils that the root loads (the first `classify` of a
 * text with markup in a fresh process: bench/SPEED-RESULTS.md).
 */
export { Tokenizer } from 'htmlparser2';
