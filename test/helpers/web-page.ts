/**
 * A test page that hands news-topics (the browser build, as a web app ships it: scripts/web-server.ts) to the test
 * as `window.nt`. Used by test/web/ and bench/web.ts.
 */
import { serveWeb, type WebServer } from '../../scripts/web-server.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The flags a headless Chromium needs on a machine with a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type WebPage = WebServer;

export function servePage(): Promise<WebPage> {
  return serveWeb({ '/': { html: '<!doctype html><meta charset="utf-8"><title>news-topics</title><script type="module">import * as nt from "/app/main.js"; window.nt = nt;</script>' } });
}
