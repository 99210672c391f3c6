/** Runs the command line in this process with in-memory streams (fast; the subprocess tests cover signals and pipes). */
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export async function runInProcess(args: string[], input: Buffer | string = '') {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        write(chunk.toString());
        done();
      },
    });
  const code = await runCli(args, {
    stdin: Readable.from([typeof input === 'string' ? Buffer.from(input) : input]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  });
  return { code, stdout, stderr, records: stdout.split('\n').filter((l) => l.startsWith('{') && l.endsWith('}')).map((l) => JSON.parse(l) as Record<string, unknown>) };
}
