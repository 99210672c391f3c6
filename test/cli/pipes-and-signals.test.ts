/** The CLI in a Unix pipeline: a reader that closes early, FIFOs, signals and device files (real subprocesses). */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticExamples } from '../helpers/synthetic.js';

const BIN = new URL('../../dist/node/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'news-topics-pipes-'));
const many = join(dir, 'many.jsonl');
writeFileSync(many, Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: 'The striker scored a goal in the league match.' })).join('\n'));
const labelled = join(dir, 'labelled.jsonl');
writeFileSync(labelled, syntheticExamples(200, 2).map((e) => JSON.stringify(e)).join('\n'));

/** Runs a shell pipeline and returns the exit status of its first command and what it wrote on stderr. */
function pipeline(command: string) {
  const run = spawnSync('bash', ['-c', `set -o pipefail; ${command} 2>${dir}/err | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat ${dir}/err`], { encoding: 'utf8' });
  const [status, ...stderr] = run.stdout.split('\n');
  return { status: Number(status), stderr: stderr.join('\n').trim() };
}

describe('closed pipes', () => {
  it('classify | head -1: exit 0, nothing on stderr', () => {
    expect(pipeline(`node ${BIN} classify ${many}`)).toEqual({ status: 0, stderr: '' });
    expect(pipeline(`node ${BIN} classify --format table ${many}`)).toEqual({ status: 0, stderr: '' });
  });

  it('eval | head -1: exit 0, nothing on stderr', () => {
    const model = join(dir, 'model.json');
    execFileSync(process.execPath, [BIN, 'train', labelled, '--out', model, '--min-df', '1'], { stdio: 'ignore' });
    expect(pipeline(`node ${BIN} eval ${model} ${labelled}`)).toEqual({ status: 0, stderr: '' });
  });
});

describe('FIFOs, signals and devices', () => {
  it('stops on SIGINT and SIGTERM while open() waits for a FIFO writer', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const fifo = join(dir, `in-${signal}.fifo`);
      execFileSync('mkfifo', [fifo]);
      const child = spawn(process.execPath, [BIN, 'classify', fifo], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 700)); // the default model loads, then open() blocks on the FIFO
      const started = Date.now();
      child.kill(signal);
      const [, exitSignal] = (await once(child, 'exit')) as [number | null, string | null];
      expect(exitSignal).toBe(signal);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  }, 30_000);

  it('reads a FIFO that has a writer, like a file (process substitution)', () => {
    const run = spawnSync('bash', ['-c', `node ${BIN} classify --jsonl <(head -3 ${many})`], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('refuses a FIFO as a model at once, and a device as a model or an input', () => {
    const fifo = join(dir, 'model.fifo');
    execFileSync('mkfifo', [fifo]);
    const model = spawnSync(process.execPath, [BIN, 'classify', '--model', fifo], { input: 'text', encoding: 'utf8', timeout: 10_000 });
    expect(model.status).toBe(3);
    expect(model.stderr).toContain('is not a regular file');
    const device = spawnSync(process.execPath, [BIN, 'classify', '--model', '/dev/urandom'], { input: 'text', encoding: 'utf8', timeout: 10_000 });
    expect(device.status).toBe(3);
    const input = spawnSync(process.execPath, [BIN, 'classify', '/dev/urandom', '--format', 'jsonl'], { encoding: 'utf8', timeout: 10_000 });
    expect(input.status).toBe(1);
    expect(JSON.parse(input.stdout)).toMatchObject({ id: '/dev/urandom', error: expect.stringContaining('it is a device') });
  });
});
