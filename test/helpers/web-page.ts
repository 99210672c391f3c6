/**
 * A page that loads news-topics the way a web app does: dist/browser/index.js bundled by esbuild with its packages
 * (dynamic imports split into chunks, minified), served on a loopback port with the package's data/model.bin at
 * /data/model.bin (where the bundle's `new URL('../../data/model.bin', import.meta.url)` points from /app/).
 * Used by test/web/browser.test.ts and bench/web.ts.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
/** The flags a headless Chromium needs on a machine with a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface WebPage {
  readonly url: string;
  /** Bytes of the chunk a page loads first (news-topics and natural), and of each chunk loaded later. */
  readonly chunks: { readonly file: string; readonly bytes: number; readonly entry: boolean }[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.bin': 'application/octet-stream' };

export async function servePage(): Promise<WebPage> {
  const dir = mkdtempSync(join(tmpdir(), 'news-topics-web-'));
  const app = join(dir, 'app');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'dist/browser/index.js' },
    outdir: app,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  });
  const chunks = Object.entries(result.metafile.outputs).map(([file, out]) => ({ file: file.split('/').pop() as string, bytes: out.bytes, entry: out.entryPoint !== undefined }));
  const files: Record<string, string> = { '/data/model.bin': join(ROOT, 'data', 'model.bin') };
  for (const name of readdirSync(app)) files[`/app/${name}`] = join(app, name);
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] as string));
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      // The page imports the bundle and hands it to the test as window.nt.
      response.end('<!doctype html><meta charset="utf-8"><title>news-topics</title><script type="module">import * as nt from "/app/main.js"; window.nt = nt;</script>');
      return;
    }
    const file = files[path];
    if (file === undefined || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, chunks, close: () => new Promise((done) => server.close(() => done())) };
}
