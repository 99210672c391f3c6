#!/usr/bin/env node
// The `news-topics` executable (package.json "bin").
import { rmSync } from 'node:fs';
import { temporaryFiles } from '../io/atomic-write.js';
import { runCli } from './main.js';
import { gracefulStops } from './queue-options.js';

// Interrupted: remove the temporary file of a model being written (the target is never touched), then die of the
// signal itself, with its default action. process.exit() would wait for a thread blocked in open() (a FIFO with no
// writer) and never return; the default action ends the process at once, and the shell sees 130 or 143.
// A command that stops gracefully (the queue worker) registers in gracefulStops and gets the first signal instead;
// the handler is gone after it, so a second signal ends the process at once.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    if (gracefulStops.size > 0) {
      for (const stop of gracefulStops) stop(signal);
      return;
    }
    for (const file of temporaryFiles) rmSync(file, { force: true });
    process.kill(process.pid, signal);
  });
}
// A closed standard output (EPIPE) is handled where output is written (cli/output.ts); this keeps a late error
// event from becoming an uncaught exception.
process.stdout.on('error', () => {});

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
