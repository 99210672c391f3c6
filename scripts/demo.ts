/**
 * `npm run demo`: builds the package, then serves the demo page (demo/) with the browser build and the default model
 * on 127.0.0.1 (PORT, default 8080; loopback only). Everything runs in the browser; the server only hands out files.
 */
import { serveWeb } from './web-server.js';

const port = Number(process.env.PORT ?? 8080);
const server = await serveWeb({ '/': { file: 'demo/index.html' }, '/demo.js': { file: 'demo/demo.js' }, '/demo.css': { file: 'demo/demo.css' } }, port);
process.stdout.write(`news-topics demo: ${server.url} (Ctrl-C stops it)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
