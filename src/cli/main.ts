/** The `news-topics` command: dispatch, help, version, and the mapping of failures to exit codes. */
import { readFileSync } from 'node:fs';
import { NewsTopicsError } from '../common/errors.js';
import { adaptCommand } from './adapt-command.js';
import { classifyCommand } from './classify-command.js';
import { type CliContext, UsageError } from './context.js';
import { evalCommand } from './eval-command.js';
import { OutputClosed } from './output.js';
import { enqueueCommand } from './enqueue-command.js';
import { resultsCommand } from './results-command.js';
import { trainCommand } from './train-command.js';
import { ADAPT_HELP, CLASSIFY_HELP, ENQUEUE_HELP, EVAL_HELP, EXIT, MAIN_HELP, RESULTS_HELP, TRAIN_HELP, WORKER_HELP } from './usage.js';
import { workerCommand } from './worker-command.js';

const COMMANDS = {
  classify: { run: classifyCommand, help: CLASSIFY_HELP },
  train: { run: trainCommand, help: TRAIN_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  adapt: { run: adaptCommand, help: ADAPT_HELP },
  worker: { run: workerCommand, help: WORKER_HELP },
  enqueue: { run: enqueueCommand, help: ENQUEUE_HELP },
  results: { run: resultsCommand, help: RESULTS_HELP },
} as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the command line and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? ctx.stderr : ctx.stdout).write(MAIN_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    ctx.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[command as keyof typeof COMMANDS];
  if (entry === undefined || !Object.hasOwn(COMMANDS, command)) {
    ctx.stderr.write(`news-topics: unknown command "${command}"\n\n${MAIN_HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.stdout.write(entry.help);
    return EXIT.ok;
  }
  try {
    return await entry.run(rest, ctx);
  } catch (error) {
    // The reader of standard output went away (e.g. `| head -1`): nothing more to say, and no failure.
    if (error instanceof OutputClosed) return EXIT.ok;
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      ctx.stderr.write(`news-topics ${command}: ${(error as Error).message}\nRun "news-topics ${command} --help" for usage.\n`);
      return EXIT.usage;
    }
    // Our errors say "news-topics: …" themselves; the command's prefix replaces that one.
    const message = error instanceof NewsTopicsError || code !== undefined ? (error as Error).message.replace(/^news-topics: /, '') : String((error as Error)?.stack ?? error);
    ctx.stderr.write(`news-topics ${command}: ${message}\n`);
    return EXIT.fatal;
  }
}
