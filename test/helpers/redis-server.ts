/**
 * A real redis-server (Debian's package) for the queue tests: on a free loopback port of its own, in a temporary
 * folder, with append-only persistence on (a restart keeps the data); stopped afterwards. Tests that need it are
 * skipped with a notice where redis-server is missing; CI (CI=true) fails without it (.ci/run installs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
export const REDIS_SERVER = which.status === 0 ? which.stdout.trim() : undefined;
export const HAS_REDIS = REDIS_SERVER !== undefined;
if (!HAS_REDIS) {
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error('redis-server is missing: CI must run the queue tests (.ci/run installs redis-server)');
  process.stderr.write('news-topics tests: redis-server not found; the queue tests are skipped (apt-get install -y redis-server)\n');
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

export class RedisServer {
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  /** The server's process id (while it runs). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'news-topics-redis-')));
    await server.run();
    return server;
  }

  private async run(): Promise<void> {
    const child = spawn(REDIS_SERVER as string, ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 15_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  }

  /** Stops the server the way an operator would (SIGTERM: it writes its append-only file and exits). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }

  /** Stops it, waits, and starts it again on the same port and folder (its data back from the append-only file). */
  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.run();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
