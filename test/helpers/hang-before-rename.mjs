// Preloaded into a CLI child process by the kill tests (node --import): the model's temporary file is written in
// full, then the rename that would replace the target waits forever, after saying so on standard error. The test
// kills the process at exactly that point.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

fs.promises.rename = async () => {
  process.stderr.write('news-topics-test: about to rename\n');
  // A timer keeps the process alive (a bare pending promise would let Node exit with code 13).
  await new Promise(() => setInterval(() => {}, 60_000));
};
syncBuiltinESMExports();
