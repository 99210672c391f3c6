#!/usr/bin/env node
// The `news-topics` executable (package.json "bin").
import { rmSync } from 'node:fs';
import { runCli } from './cli/main.js';
import { temporaryFiles } from './model-io.js';

// Interrupted while a model is being written: remove the temporary file; the target was never touched.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    for (const file of temporaryFiles) rmSync(file, { force: true });
    process.exit(code);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
