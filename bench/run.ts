/**
 * `npm run bench`: news-topics and its peers on the same splits, in one run, scored by the same code.
 * For each data set of ../shared/datasets/bench and each system of systems.ts, one process trains on train.jsonl,
 * predicts test.jsonl and writes its predictions; this script scores them (src/metrics.ts), takes peak memory
 * from GNU time, and writes bench/RESULTS.md and bench/results.json.
 *
 * Usage: npm run bench [-- --datasets bbc,ag-news --systems news-topics,sk-linearsvc]
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreLabelSets } from '../src/eval/metrics.js';
import { DATASETS, NATURAL_CAPS, SYSTEMS } from './systems.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DATA = resolve(ROOT, '..', 'shared', 'datasets', 'bench');
const WORK = join(ROOT, 'bench', 'out');
/** One system on one data set gets this long; past it, the table says it did not finish (the 30-minute budget). */
const RUN_LIMIT_SECONDS = 240;

function argument(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : undefined;
}
const datasets = argument('datasets') ?? [...DATASETS];
const systems = SYSTEMS.filter((s) => (argument('systems') ?? SYSTEMS.map((x) => x.id)).includes(s.id));

export interface Result {
  readonly dataset: string;
  readonly system: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly microF1?: number;
  readonly macroF1?: number;
  readonly top1?: number;
  readonly trainSeconds?: number;
  readonly docsPerSecond?: number;
  readonly modelBytes?: number;
  readonly peakMB?: number;
  readonly note?: string;
}

interface Summary {
  trainSeconds: number;
  predictSeconds: number;
  testDocuments: number;
  modelBytes: number;
  trainDocuments: number;
  note: string;
}

const started = Date.now();
const results: Result[] = [];
for (const dataset of datasets) {
  const dir = join(BENCH_DATA, dataset);
  const gold = readFileSync(join(dir, 'test.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { labels: string[] }).labels);
  for (const system of systems) {
    const out = join(WORK, dataset, system.id);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const timeFile = join(out, 'time.txt');
    const t0 = Date.now();
    // coreutils `timeout` ends the system (and what it started) at the limit, exiting with 124.
    const limit = ['timeout', '--kill-after=10', String(RUN_LIMIT_SECONDS)];
    const run = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, ...limit, ...system.command(dir, out)], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wall = ((Date.now() - t0) / 1000).toFixed(0);
    if (run.status !== 0) {
      const timedOut = run.status === 124 || run.status === 137;
      const error = timedOut
        ? `did not finish within ${RUN_LIMIT_SECONDS} s`
        : (run.error?.message ?? run.stderr.split('\n').filter(Boolean).slice(-3).join(' ')).slice(0, 300);
      results.push({ dataset, system: system.id, ok: false, error });
      process.stderr.write(`bench ${dataset} ${system.id}: FAILED (${wall} s): ${error}\n`);
      continue;
    }
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as Summary;
    const predictions = readFileSync(join(out, 'predictions.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { labels: string[]; top: string });
    const scoredGold = gold.slice(0, summary.testDocuments);
    const metrics = scoreLabelSets(scoredGold, predictions.map((p) => p.labels));
    const top1 = predictions.filter((p, i) => scoredGold[i]?.includes(p.top)).length / predictions.length;
    const peakKB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    const result: Result = {
      dataset,
      system: system.id,
      ok: true,
      microF1: metrics.micro.f1,
      macroF1: metrics.macro.f1,
      top1,
      trainSeconds: summary.trainSeconds,
      docsPerSecond: summary.testDocuments / summary.predictSeconds,
      modelBytes: summary.modelBytes,
      peakMB: peakKB / 1024,
      note: summary.note,
    };
    results.push(result);
    process.stderr.write(
      `bench ${dataset} ${system.id}: micro ${result.microF1?.toFixed(4)} macro ${result.macroF1?.toFixed(4)} train ${result.trainSeconds?.toFixed(2)} s ` +
        `${result.docsPerSecond?.toFixed(0)} docs/s ${((result.modelBytes ?? 0) / 1e6).toFixed(2)} MB ${result.peakMB?.toFixed(0)} MB peak (${wall} s)\n`,
    );
    rmSync(out, { recursive: true, force: true }); // fastText's .bin is ~800 MB a run
  }
}
const minutes = (Date.now() - started) / 60000;

// ---- report ---------------------------------------------------------------------------------------------------
const find = (dataset: string, system: string) => results.find((r) => r.dataset === dataset && r.system === system && r.ok);
const fmt = (x: number | undefined, digits: number) => (x === undefined ? '–' : x.toFixed(digits));
const name = (id: string) => SYSTEMS.find((s) => s.id === id)?.name ?? id;
const lines: string[] = [];
lines.push('# Benchmark: news-topics against scikit-learn, fastText and natural', '');
lines.push(`Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; the whole run took ${minutes.toFixed(1)} minutes.`);
lines.push('Every system trains on `train.jsonl` and predicts `test.jsonl` of `../shared/datasets/bench/<data set>` in its own process; the same scorer (`src/metrics.ts`) scores all predictions.');
lines.push('Multi-label decisions for peers: labels whose decision value > 0 (LinearSVC) or probability > 0.5 (others), else their best label; single-label data sets: the best label. news-topics: `model.predict(text)` with default options.');
lines.push('Train s: fitting only (TF-IDF + model for scikit-learn; the CLI run for fastText). Docs/s: text in, labels out over the test set. Size: the model file (news-topics JSON, scikit-learn pickle of the pipeline, fastText `.bin`, natural JSON). Peak MB: the process\'s maximum resident memory (GNU time), data loading included.');
lines.push(`Each system gets ${RUN_LIMIT_SECONDS} s per data set (the whole run must fit in 30 minutes on 2 cores); one that needs longer is marked as not finished.`);
lines.push(`natural: training capped at ${NATURAL_CAPS.bayesTrain} (Bayes) and ${NATURAL_CAPS.logregTrain} (logistic regression) documents, testing at the first ${NATURAL_CAPS.test} test documents, where a set is larger (see notes): it builds dense vectors over the whole vocabulary and cannot finish otherwise. Absolute times vary between runs on a shared machine: track the ratios.`, '');
for (const dataset of datasets) {
  lines.push(`## ${dataset}`, '', '| system | micro-F1 | macro-F1 | top-1 | train s | docs/s | size MB | peak MB | note |', '|---|---|---|---|---|---|---|---|---|');
  for (const system of systems) {
    const r = results.find((x) => x.dataset === dataset && x.system === system.id);
    if (!r) continue;
    if (!r.ok) {
      lines.push(`| ${name(r.system)} | – | – | – | – | – | – | – | ${r.error ?? 'failed'} |`);
      continue;
    }
    lines.push(`| ${r.system === 'news-topics' ? '**news-topics**' : name(r.system)} | ${fmt(r.microF1, 4)} | ${fmt(r.macroF1, 4)} | ${fmt(r.top1, 4)} | ${fmt(r.trainSeconds, 2)} | ${fmt(r.docsPerSecond, 0)} | ${fmt((r.modelBytes ?? 0) / 1e6, 2)} | ${fmt(r.peakMB, 0)} | ${r.note ?? ''} |`);
  }
  lines.push('');
}
lines.push('## news-topics against the targets (ratios in this run)', '');
lines.push('| data set | micro-F1 ÷ best peer | macro-F1 ÷ best peer | train time ÷ LinearSVC | docs/s ÷ LinearSVC | docs/s ÷ natural Bayes | size ÷ fastText .bin | peak MB |', '|---|---|---|---|---|---|---|---|');
lines.push('| target | ≥ 1.00 | ≥ 1.00 | ≤ 1.00 | ≥ 2 | ≥ 50 | ≤ 0.05 | < 500 (20newsgroups) |');
const ratios: Record<string, Record<string, number | undefined>> = {};
for (const dataset of datasets) {
  const nt = find(dataset, 'news-topics');
  const peers = results.filter((r) => r.dataset === dataset && r.ok && r.system !== 'news-topics');
  const best = (pick: (r: Result) => number | undefined) => Math.max(...peers.map((r) => pick(r) ?? -Infinity));
  const svc = find(dataset, 'sk-linearsvc');
  const bayes = find(dataset, 'natural-bayes');
  const ft = [find(dataset, 'fasttext-5'), find(dataset, 'fasttext-25')].filter((x): x is Result => x !== undefined);
  const r = {
    micro: nt && peers.length ? (nt.microF1 as number) / best((p) => p.microF1) : undefined,
    macro: nt && peers.length ? (nt.macroF1 as number) / best((p) => p.macroF1) : undefined,
    train: nt && svc ? (nt.trainSeconds as number) / (svc.trainSeconds as number) : undefined,
    speedSvc: nt && svc ? (nt.docsPerSecond as number) / (svc.docsPerSecond as number) : undefined,
    speedBayes: nt && bayes ? (nt.docsPerSecond as number) / (bayes.docsPerSecond as number) : undefined,
    size: nt && ft.length ? (nt.modelBytes as number) / Math.min(...ft.map((x) => x.modelBytes as number)) : undefined,
    peak: nt?.peakMB,
  };
  ratios[dataset] = r;
  const mark = (value: number | undefined, ok: boolean, digits = 2) => (value === undefined ? '–' : `${value.toFixed(digits)}${ok ? '' : ' ✗'}`);
  lines.push(
    `| ${dataset} | ${mark(r.micro, (r.micro ?? 0) >= 1, 3)} | ${mark(r.macro, (r.macro ?? 0) >= 1, 3)} | ${mark(r.train, (r.train ?? Infinity) <= 1)} | ${mark(r.speedSvc, (r.speedSvc ?? 0) >= 2)} | ${mark(r.speedBayes, (r.speedBayes ?? 0) >= 50, 0)} | ${mark(r.size, (r.size ?? Infinity) <= 0.05, 4)} | ${mark(r.peak, dataset !== '20newsgroups' || (r.peak ?? Infinity) < 500, 0)} |`,
  );
}
lines.push('', '✗ marks a figure that misses its target in this run.', '');
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), minutes, results, ratios }, null, 2)}\n`);
process.stderr.write(`bench: wrote bench/RESULTS.md and bench/results.json (${minutes.toFixed(1)} minutes)\n`);
