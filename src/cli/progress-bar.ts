/** A progress bar with rate and ETA on standard error while training, only when it is a terminal (cli-progress). */
import cliProgress from 'cli-progress';
import type { TrainProgress } from '../learn/options.js';
import type { CliContext } from './context.js';

export function trainingProgress(ctx: CliContext, quiet: boolean): { onProgress?: (p: TrainProgress) => void; stop: () => void } {
  if (quiet || !ctx.stderrIsTTY) return { stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: ctx.stderr as NodeJS.WriteStream, format: '{stage} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let stage = '';
  let started = Date.now();
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
    stop: () => {
      if (stage !== '') bar.stop();
    },
  };
}
