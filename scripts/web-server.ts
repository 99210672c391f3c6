/**
 * Serves news-topics to a browser the way a web app ships it: dist/browser/index.js bundled by esbuild with its
 * packages (dynamic imports split into chunks, minified) under /app/, the package's model files under /data/ (where
 * the bundle's `new URL('../../data/model-web.bin', import.meta.url)` points from /app/), and the
 * static files of a folder at /. Loopback only. Used by `npm run demo`, the browser tests and `npm run bench:web`.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface WebServer {
  readonly url: string;
  /** The bundle's files: the one a page loads first (`main.js`) and the chunks loaded later. */
  readonly chunks: { readonly file: string; readonly bytes: number }[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.bin': 'application/octet-stream' };

/** Bundles and serves; `pages` maps a path (e.g. `/`) to HTML text or a file of the project. */
export async function serveWeb(pages: Record<string, { readonly html: string } | { readonly file: string }>, port = 0): Promise<WebServer> {
  const app = join(mkdtempSync(join(tmpdir(), 'news-topics-web-')), 'app');
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
  const chunks = Object.entries(result.metafile.outputs).map(([file, out]) => ({ file: file.split('/').pop() as string, bytes: out.bytes }));
  const files: Record<string, string> = { '/data/model.bin': join(ROOT, 'data', 'model.bin'), '/data/model-web.bin': join(ROOT, 'data', 'model-web.bin') };
  for (const name of readdirSync(app)) files[`/app/${name}`] = join(app, name);
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] as string));
    const page = pages[path];
    if (page !== undefined && 'html' in page) {
      response.writeHead(200, { 'content-type': TYPES['.html'] as string }).end(page.html);
      return;
    }
    const file = page !== undefined ? join(ROOT, page.file) : files[path];
    if (file === undefined || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, chunks, close: () => new Promise((done) => server.close(() => done())) };
}
