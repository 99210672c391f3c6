/** Progress (a bar with rate and ETA, only on a terminal: cli-progress) and warnings of training on standard error. */
import cliProgress from 'cli-progress';
import type { TrainProgress } from '../learn/options.js';
import type { TrainingWarning } from '../learn/warnings.js';
import type { CliContext } from './context.js';

/**
 * Progress and warnings of train and adapt on stderr: a bar per stage (on a terminal, unless `quiet`), and each
 * warning on a line of its own (the bar stops first, so that the warning is not drawn over).
 */
export function trainingProgress(ctx: CliContext, quiet: boolean): { onProgress?: (p: TrainProgress) => void; onWarning: (w: TrainingWarning) => void; stop: () => void } {
  const warn = (stop: () => void) => (warning: TrainingWarning) => {
    stop();
    ctx.stderr.write(`news-topics: warning: ${warning.message}\n`);
  };
  if (quiet || !ctx.stderrIsTTY) return { onWarning: warn(() => {}), stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: ctx.stderr as NodeJS.WriteStream, format: '{stage} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let stage = '';
  let started = Date.now();
  const stop = () => {
    if (stage !== '') bar.stop();
  };
  return {
    onProgress: (p) => {
      if (p.stage !== stage) {
        if (stage !== '') bar.stop();
        stage = p.stage;
        started = Date.now();
        bar.start(p.total, p.completed, { stage: p.stage.padEnd(11), rate: '0' });
      }
      const seconds = (Date.now() - started) / 1000;
      bar.update(p.completed, { rate: seconds > 0 ? (p.completed / seconds).toFixed(1) : '0' });
    },
    onWarning: warn(stop),
    stop,
  };
}
