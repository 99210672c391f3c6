/**
 * `npm run bench:speed [-- read cold threads]`: the speed targets of one machine, each against a peer measured in
 * the same run. Writes bench/SPEED-RESULTS.md and bench/speed-results.json (the parts run; the others kept).
 *
 * - read: articles per second on one core for `bbc/train` bodies (2,225 characters on average): `classify` (the
 *   news product: taxonomy, language check), `model.predict`, and the practical ceiling, a plain single pass over
 *   the same texts (lower-case, split on non-letters, hash, one table lookup a word). Best and median of 7 passes.
 * - cold: a fresh process 9 times: import, default model load, first `classify`, separately, and peak RSS; and 9
 *   more whose first text has markup.
 * - threads: `news-topics classify --threads 1` and `--threads 2` on ~100 MB of JSONL made from the bbc bodies:
 *   records per second, peak RSS per extra worker, CPU time per thread (Linux /proc), and two `--threads 1`
 *   processes side by side (what the two cores give this work with nothing shared).
 * - many: `classifyMany` on 1 and 2 threads over the texts of that file (an array in memory: no reading, parsing or
 *   writing), each run a fresh process (bench/speed-many.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, defaultModel } from 'news-topics';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BBC = resolve(ROOT, '..', 'shared', 'datasets', 'bench', 'bbc', 'train.jsonl');
const RESULTS = join(ROOT, 'bench', 'speed-results.json');
const parts = new Set(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['read', 'cold', 'threads', 'many']);
const results: Record<string, unknown> = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;

if (!existsSync(BBC)) throw new Error(`bench:speed reads ${BBC} (the shared data sets)`);
const texts = readFileSync(BBC, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { text: string }).text);
const meanChars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Articles per second of each path over all texts: every path warmed up twice (JIT, token cache, model blocks), then
 * `passes` rounds in which the paths take turns, so that none gains from running after another; best and median.
 */
function rates(paths: Record<string, (text: string) => unknown>, passes = 7): Record<string, { best: number; median: number }> {
  for (let warm = 0; warm < 2; warm++) for (const run of Object.values(paths)) for (const t of texts) run(t);
  const seen: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let p = 0; p < passes; p++) {
    for (const [name, run] of Object.entries(paths)) {
      const t0 = performance.now();
      for (const t of texts) run(t);
      seen[name]?.push(texts.length / ((performance.now() - t0) / 1000));
    }
  }
  return Object.fromEntries(Object.entries(seen).map(([name, xs]) => [name, { best: Math.max(...xs), median: median(xs) }]));
}

/** The ceiling: one pass a text, lower-case, split on non-letters, FNV hash, one table lookup a word. */
function plainPass(): (text: string) => number {
  const table = new Float32Array(1 << 20).map((_, i) => (i % 7) / 7);
  return (text: string) => {
    const lower = text.toLowerCase();
    let score = 0;
    let h = 0x811c9dc5;
    let inWord = false;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127) {
        h = Math.imul(h ^ c, 0x01000193);
        inWord = true;
      } else if (inWord) {
        score += table[h & 0xfffff] as number;
        h = 0x811c9dc5;
        inWord = false;
      }
    }
    return score;
  };
}

if (parts.has('read')) {
  const model = defaultModel();
  const measured = rates({ ceiling: plainPass(), classify: (t) => classify(t), predict: (t) => model.predict(t) });
  results.read = { date: new Date().toISOString(), machine, articles: texts.length, meanChars, ...measured };
  console.log('read', JSON.stringify(results.read));
}

if (parts.has('cold')) {
  // Peak RSS from /proc (VmHWM, this process's own): getrusage's maxRSS of a spawned child can carry the spawning
  // parent's peak across exec on Linux (83 MB after the read part, 53 MB when run alone).
  const script = `
    const peakMB = () => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(process.getBuiltinModule('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]) / 1024; } catch { return process.resourceUsage().maxRSS / 1024; } };
    const t0 = performance.now();
    const nt = await import('news-topics');
    const t1 = performance.now();
    nt.defaultModel();
    const t2 = performance.now();
    nt.classify(process.argv[1]);
    const t3 = performance.now();
    console.log(JSON.stringify({ import: t1 - t0, load: t2 - t1, first: t3 - t2, total: t3 - t0, maxRssMB: peakMB() }));`;
  // The first text plain, and with markup (which loads the HTML tokenizer on first use): 9 fresh processes each,
  // taking turns.
  const texts = { plain: 'The striker scored twice as the league leaders won the match.', markup: '<p>The striker scored <b>twice</b> as the league leaders won the match.</p>' };
  const runs: Record<keyof typeof texts, Array<Record<string, number>>> = { plain: [], markup: [] };
  for (let i = 0; i < 9; i++) {
    for (const kind of ['plain', 'markup'] as const) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, texts[kind]], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      runs[kind].push(JSON.parse(run.stdout.trim()) as Record<string, number>);
    }
  }
  const of = (kind: keyof typeof texts, key: string) => median(runs[kind].map((r) => r[key] as number));
  results.cold = {
    date: new Date().toISOString(),
    machine,
    runs: runs.plain.length,
    import: of('plain', 'import'),
    load: of('plain', 'load'),
    first: of('plain', 'first'),
    total: of('plain', 'total'),
    maxRssMB: of('plain', 'maxRssMB'),
    markup: { first: of('markup', 'first'), total: of('markup', 'total'), maxRssMB: of('markup', 'maxRssMB') },
  };
  console.log('cold', JSON.stringify(results.cold));
}

// ~100 MB of JSONL: the bbc bodies, each record made distinct by its id and a number in the text.
const file = join(tmpdir(), 'news-topics-speed.jsonl');
if ((parts.has('threads') || parts.has('many')) && (!existsSync(file) || statSync(file).size < 100e6)) {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; bytes < 100e6; i++) {
    const line = `${JSON.stringify({ id: `r${i}`, text: `${texts[i % texts.length] as string} (${i})` })}\n`;
    bytes += Buffer.byteLength(line);
    out.write(line);
  }
  await new Promise<void>((done) => out.end(done));
}

/** CPU milliseconds so far of each thread of process `pid`, from Linux's /proc (empty where there is none). */
function threadCpu(pid: number): Map<number, number> {
  const times = new Map<number, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // After the command name (in parentheses): state, ppid, … utime and stime are the 12th and 13th fields.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(Number(tid), ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
  } catch {
    // The process has ended, or there is no /proc.
  }
  return times;
}

if (parts.has('threads')) {
  const records = readFileSync(file, 'utf8').split('\n').filter((l) => l).length;
  const bin = join(ROOT, 'dist', 'node', 'cli.js');
  /**
   * One run. CPU time per thread is sampled from /proc every 50 ms (a thread that ends between samples loses at most
   * that much): the main thread; the classifying worker threads, taken to be the N busiest of the others when
   * N = --threads > 1 (Linux names them all "node"); and the rest (V8's garbage-collector helpers, libuv's I/O).
   */
  const runWith = async (threads: number) => {
    const t0 = performance.now();
    // /usr/bin/time reports the peak RSS of the largest process; the worker threads live inside the one process.
    const child = spawn('/usr/bin/time', ['-f', '%M %U', process.execPath, bin, 'classify', file, '--threads', String(threads)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const cpu = new Map<number, number>();
    let pid: number | undefined;
    const sample = setInterval(() => {
      try {
        // The node process that /usr/bin/time started.
        pid ??= Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]) || undefined;
      } catch {
        return; // not started yet, ended, or no /proc
      }
      if (pid !== undefined) for (const [tid, ms] of threadCpu(pid)) cpu.set(tid, ms);
    }, 50);
    const status = await new Promise<number | null>((done) => child.on('close', done));
    clearInterval(sample);
    if (status !== 0) throw new Error(stderr);
    const seconds = (performance.now() - t0) / 1000;
    const [rss, user] = (stderr.trim().split('\n').pop() ?? '').split(' ');
    const others = [...cpu].filter(([tid]) => tid !== pid).map(([, ms]) => ms).sort((a, b) => b - a);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / 1000;
    const workers = threads > 1 ? others.slice(0, threads) : [];
    return {
      seconds,
      perSecond: records / seconds,
      rssMB: Number(rss) / 1024,
      userSeconds: Number(user),
      cpu: { main: (cpu.get(pid ?? -1) ?? 0) / 1000, workers: sum(workers), other: sum(others.slice(workers.length)) },
    };
  };
  // The machine is shared and noisy: five rounds, the settings taking turns, medians (and the user CPU time). Each
  // round also runs two one-thread processes at once, on the whole file each: how much slower one thread's work
  // gets when the other core is busy too (a ceiling for any two-thread speed-up on this machine).
  type Run = Awaited<ReturnType<typeof runWith>>;
  const rounds: Array<{ one: Run; two: Run; side: Run[] }> = [];
  for (let r = 0; r < 5; r++) rounds.push({ one: await runWith(1), two: await runWith(2), side: await Promise.all([runWith(1), runWith(1)]) });
  const summary = (pick: (r: (typeof rounds)[number]) => Run) => {
    const med = (value: (x: Run) => number) => median(rounds.map((r) => value(pick(r))));
    return {
      seconds: med((x) => x.seconds),
      perSecond: med((x) => x.perSecond),
      rssMB: med((x) => x.rssMB),
      userSeconds: med((x) => x.userSeconds),
      cpu: { main: med((x) => x.cpu.main), workers: med((x) => x.cpu.workers), other: med((x) => x.cpu.other) },
    };
  };
  const one = summary((r) => r.one);
  const two = summary((r) => r.two);
  const sideBySide = { seconds: median(rounds.flatMap((r) => r.side.map((x) => x.seconds))), mainCpu: median(rounds.flatMap((r) => r.side.map((x) => x.cpu.main))) };
  results.threads = { date: new Date().toISOString(), machine, records, bytes: statSync(file).size, rounds: rounds.length, one, two, sideBySide, speedup: two.perSecond / one.perSecond, roundSpeedups: rounds.map((r) => r.two.perSecond / r.one.perSecond), extraWorkerMB: (two.rssMB - one.rssMB) / 2 };
  console.log('threads', JSON.stringify(results.threads));
}

if (parts.has('many')) {
  const script = join(ROOT, 'bench', 'speed-many.mjs');
  const runWith = (threads: number) => {
    const run = spawnSync(process.execPath, [script, file, String(threads)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    const { records, seconds } = JSON.parse(run.stdout) as { records: number; seconds: number };
    return { records, seconds, perSecond: records / seconds };
  };
  const rounds = [0, 1, 2, 3, 4].map(() => ({ one: runWith(1), two: runWith(2) }));
  const one = median(rounds.map((r) => r.one.perSecond));
  const two = median(rounds.map((r) => r.two.perSecond));
  results.many = { date: new Date().toISOString(), machine, records: rounds[0]?.one.records, rounds: rounds.length, one, two, speedup: two / one, runs: rounds };
  console.log('many', JSON.stringify(results.many));
}

writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

// The report, from whatever parts have been measured.
const r = results as { read?: any; cold?: any; threads?: any; many?: any };
const lines = ['# Speed on one machine', '', 'Produced by `npm run bench:speed` (parts: `read`, `cold`, `threads`, `many`); each part dated, with its machine.', ''];
if (r.read) {
  lines.push(`## Read path (${r.read.date.slice(0, 10)}, ${r.read.machine})`, '');
  lines.push(`${r.read.articles} \`bbc/train\` bodies, ${r.read.meanChars.toFixed(0)} characters on average; one core; best and median of 7 rounds in which the three paths take turns, after two warm-up rounds.`, '');
  lines.push('| path | articles/s (best) | median | ÷ ceiling | target |', '|---|---|---|---|---|');
  const row = (name: string, x: { best: number; median: number }, target: string) => lines.push(`| ${name} | ${x.best.toFixed(0)} | ${x.median.toFixed(0)} | ${(x.best / r.read.ceiling.best).toFixed(2)} | ${target} |`);
  row('`classify(text)` (news product)', r.read.classify, '≥ 10,000');
  row('`model.predict(text)`', r.read.predict, '');
  row('plain single pass (ceiling)', r.read.ceiling, '');
  lines.push('');
}
if (r.cold) {
  lines.push(`## Cold start (${r.cold.date.slice(0, 10)}, ${r.cold.machine})`, '');
  lines.push(`A fresh process, ${r.cold.runs} times, medians: import \`news-topics\` ${r.cold.import.toFixed(0)} ms, load the default model ${r.cold.load.toFixed(0)} ms, first \`classify\` ${r.cold.first.toFixed(1)} ms; **total ${r.cold.total.toFixed(0)} ms** (target ≤ 80 ms); peak RSS ${r.cold.maxRssMB.toFixed(0)} MB.`, '');
  if (r.cold.markup) lines.push(`When the first text has markup (\`<p>…<b>…</b>…</p>\`: the HTML tokenizer is loaded on first use), ${r.cold.runs} more fresh processes, taking turns with those: first \`classify\` ${r.cold.markup.first.toFixed(1)} ms, **total ${r.cold.markup.total.toFixed(0)} ms**, peak RSS ${r.cold.markup.maxRssMB.toFixed(0)} MB.`, '');
}
if (r.threads) {
  lines.push(`## Threads (${r.threads.date.slice(0, 10)}, ${r.threads.machine})`, '');
  lines.push(`\`news-topics classify FILE --threads N > /dev/null\` on ${(r.threads.bytes / 1e6).toFixed(0)} MB of JSONL (${r.threads.records} records).`, '');
  lines.push(`Medians of ${r.threads.rounds} rounds, 1 and 2 threads alternating. \`--threads 1\` classifies on the main thread; \`--threads 2\` on two worker threads while the main thread reads and writes.`, '');
  lines.push('| threads | seconds | records/s | user CPU s | peak RSS | CPU s: main thread | classifying workers | other threads |', '|---|---|---|---|---|---|---|---|');
  const cpuCells = (x: any) => (x.cpu ? `${x.cpu.main.toFixed(2)} | ${x.cpu.workers.toFixed(2)} | ${x.cpu.other.toFixed(2)}` : '– | – | –');
  lines.push(`| 1 | ${r.threads.one.seconds.toFixed(1)} | ${r.threads.one.perSecond.toFixed(0)} | ${r.threads.one.userSeconds.toFixed(1)} | ${r.threads.one.rssMB.toFixed(0)} MB | ${cpuCells(r.threads.one)} |`);
  lines.push(`| 2 | ${r.threads.two.seconds.toFixed(1)} | ${r.threads.two.perSecond.toFixed(0)} | ${r.threads.two.userSeconds.toFixed(1)} | ${r.threads.two.rssMB.toFixed(0)} MB | ${cpuCells(r.threads.two)} |`, '');
  if (r.threads.one.cpu && r.threads.two.cpu) {
    const total = (x: any) => x.cpu.main + x.cpu.workers + x.cpu.other;
    const floor = total(r.threads.two) / 2;
    lines.push(
      `CPU time per thread from /proc, sampled every 50 ms (medians of the rounds): "classifying workers" are the 2 busiest threads besides the main one, "other threads" V8's garbage-collector helpers and libuv's I/O. ` +
        `With one thread, the main thread's ${r.threads.one.cpu.main.toFixed(2)} s are the run (the other threads' ${r.threads.one.cpu.other.toFixed(2)} s run beside it on the second core). ` +
        `With two, the workers alone used ${r.threads.two.cpu.workers.toFixed(2)} s, and the run ${total(r.threads.two).toFixed(2)} s in all: on 2 cores it cannot end before ${floor.toFixed(2)} s, ` +
        `so that work allows a speed-up of at most ${(r.threads.one.seconds / floor).toFixed(2)}x.`,
      '',
    );
  }
  if (r.threads.sideBySide) {
    lines.push(
      `Two \`--threads 1\` processes at once, on the whole file each (both cores busy, nothing shared): ${r.threads.sideBySide.seconds.toFixed(1)} s each (median of ${2 * r.threads.rounds}; main thread ${r.threads.sideBySide.mainCpu.toFixed(2)} s of CPU), against ${r.threads.one.seconds.toFixed(1)} s alone: ` +
        `twice the records in that time is **${((2 * r.threads.one.seconds) / r.threads.sideBySide.seconds).toFixed(2)}x** the one-process rate, what two cores give this work when no thread waits for another (each process's garbage-collector and I/O threads then compete for the cores).`,
      '',
    );
  }
  lines.push(`Speed-up ${r.threads.speedup.toFixed(2)}x (target ≥ 1.8x; round by round ${(r.threads.roundSpeedups ?? []).map((x: number) => x.toFixed(2)).join(', ')}); memory per worker thread ${r.threads.extraWorkerMB.toFixed(0)} MB ((peak RSS with 2 − with 1) ÷ 2; target ≤ 30 MB).`, '');
}
if (r.many) {
  lines.push(`## classifyMany (${r.many.date.slice(0, 10)}, ${r.many.machine})`, '');
  lines.push(`\`classifyMany(texts, { threads })\` over the ${r.many.records} texts of the same file, held in memory (no reading, parsing or writing); a fresh process a run, warm-up included; medians of ${r.many.rounds} rounds, 1 and 2 threads alternating: ${r.many.one.toFixed(0)} articles/s on 1 thread (the calling thread), ${r.many.two.toFixed(0)} on 2 worker threads: **${r.many.speedup.toFixed(2)}x**.`, '');
}
writeFileSync(join(ROOT, 'bench', 'SPEED-RESULTS.md'), `${lines.join('\n')}\n`);
