/**
 * Growth tests guard linear time without absolute limits (machines are shared and noisy): the same work on an
 * input 4 times larger may take at most about 5 times as long. Time is this process's own CPU time
 * (`process.cpuUsage`: vitest runs each test file in a process of its own), so other processes on the machine do not
 * count. Inputs are built before timing (fresh ones each trial, so no cache helps); both sizes are run once before
 * timing; runs of the two sizes alternate; and the fastest run of each size is compared, the best estimate of the
 * work itself. A linear path gives about 4, a quadratic one about 16. A round whose ratio is over the bound is
 * measured again (at most 3 rounds, the lowest kept): a burst of load on a shared 2-core machine can slow one
 * round's large runs, while a path that is really super-linear stays over the bound in every round.
 */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
export function growthRatio<T>(make: (size: number, trial: number) => T, run: (input: T) => unknown, size: number, trials = 9): number {
  let best = Infinity;
  for (let round = 0; round < 3 && best > MAX_GROWTH; round++) best = Math.min(best, growthRound(make, run, size, trials));
  return best;
}

function growthRound<T>(make: (size: number, trial: number) => T, run: (input: T) => unknown, size: number, trials: number): number {
  // Warm-up at both sizes: JIT, lazy tables, and the memory a large input needs (first-touch page faults are costly
  // on virtual machines, and they are not the work being measured).
  run(make(size, -1));
  run(make(size * 4, -2));
  let small = Infinity;
  let large = Infinity;
  for (let trial = 0; trial < trials; trial++) {
    for (const [n, record] of [[size, (ms: number) => (small = Math.min(small, ms))], [size * 4, (ms: number) => (large = Math.min(large, ms))]] as const) {
      const input = make(n, trial);
      const start = cpuMilliseconds();
      run(input);
      record(cpuMilliseconds() - start);
    }
  }
  return large / Math.max(small, 0.5);
}

/** The bound the guide sets: 4 × the input, at most ~5 × the time. */
export const MAX_GROWTH = 5;
