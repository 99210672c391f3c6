/**
 * `npm run bench:queue`: records/s through the BullMQ queue on this machine, with 1 and 2 `news-topics worker`
 * processes (one thread each), against the CLI on the same local file in the same run (`news-topics classify FILE
 * --threads 1` and `--threads 2`), and the overhead per record of going through Redis. Data: the 4,485 full-length
 * articles of allsides.train (read from ../shared, written to a temporary JSONL file, never into the project). A
 * redis-server of its own on a loopback port (test/helpers/redis-server.ts). Each figure is the best of 3 runs;
 * queue runs enqueue everything first, then time the workers from their start to the last result stored.
 * Writes bench/QUEUE-RESULTS.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueProgress } from '../src/queue.js';
import { RedisServer } from '../test/helpers/redis-server.js';

const BIN = new URL('../dist/node/cli.js', import.meta.url).pathname;
const DATA = new URL('../../shared/datasets/news-topics/allsides.train.jsonl', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'news-topics-bench-queue-'));
const file = join(dir, 'articles.jsonl');
const rows = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; title: string | null; text: string });
writeFileSync(file, `${rows.map((r) => JSON.stringify({ id: r.id, title: r.title, text: r.text })).join('\n')}\n`);
const N = rows.length;
const megabytes = readFileSync(file).length / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cliSeconds(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(run.stderr);
  return (performance.now() - start) / 1000;
}

const redis = await RedisServer.start();
/** CPU seconds redis-server has used so far (user + system, from /proc). */
function redisCpu(): number {
  const fields = readFileSync(`/proc/${redis.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const redisCpuPerRun: Record<number, number> = {};
let round = 0;
async function queueSeconds(workers: number): Promise<number> {
  const queue = `bench-${round++}`;
  cliSeconds(['enqueue', '--redis', redis.url, '--queue', queue, file]);
  const start = performance.now();
  const cpuBefore = redisCpu();
  const children: ChildProcess[] = Array.from({ length: workers }, () => spawn(process.execPath, [BIN, 'worker', '--redis', redis.url, '--queue', queue, '--threads', '1'], { stdio: 'ignore' }));
  while ((await queueProgress({ connection: redis.url, queue })).results < N) await sleep(100);
  const seconds = (performance.now() - start) / 1000;
  redisCpuPerRun[workers] = Math.min(redisCpuPerRun[workers] ?? Infinity, redisCpu() - cpuBefore);
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
  return seconds;
}

const best = async (run: () => number | Promise<number>) => {
  let b = Infinity;
  for (let i = 0; i < 3; i++) b = Math.min(b, await run());
  return b;
};
const cli1 = await best(() => cliSeconds(['classify', file, '--threads', '1']));
const cli2 = await best(() => cliSeconds(['classify', file, '--threads', '2']));
const enqueueOnly = await best(() => cliSeconds(['enqueue', '--redis', redis.url, '--queue', `enqueue-${round++}`, file]));
const q1 = await best(() => queueSeconds(1));
const q2 = await best(() => queueSeconds(2));
await redis.close();

const rate = (s: number) => `${Math.round(N / s).toLocaleString('en-US')}`;
const lines = [
  '# Queue throughput',
  '',
  `Produced by \`npm run bench:queue\` on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, redis-server ${spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.match(/v=([\d.]+)/)?.[1] ?? '?'} on loopback.`,
  `Data: the ${N.toLocaleString('en-US')} full-length articles of allsides.train (${megabytes.toFixed(1)} MB of JSONL). Best of 3 runs each; every process starts cold (model load included).`,
  '',
  '| path | seconds | records/s | vs CLI, 1 thread |',
  '|---|---|---|---|',
  `| \`news-topics classify FILE --threads 1\` (local file) | ${cli1.toFixed(2)} | ${rate(cli1)} | 1.00x |`,
  `| \`news-topics classify FILE --threads 2\` (local file) | ${cli2.toFixed(2)} | ${rate(cli2)} | ${(cli1 / cli2).toFixed(2)}x |`,
  `| queue, 1 \`news-topics worker\` process | ${q1.toFixed(2)} | ${rate(q1)} | ${(cli1 / q1).toFixed(2)}x |`,
  `| queue, 2 \`news-topics worker\` processes | ${q2.toFixed(2)} | ${rate(q2)} | ${(cli1 / q2).toFixed(2)}x |`,
  `| \`news-topics enqueue FILE\` alone | ${enqueueOnly.toFixed(2)} | ${rate(enqueueOnly)} | |`,
  '',
  `Overhead of the queue per record, one worker against the CLI on one thread: ${(((q1 - cli1) / N) * 1000).toFixed(3)} ms ` +
    `(${(((q1 - cli1) / cli1) * 100).toFixed(0)}% of the local run; Redis round trips for jobs and results, JSON of the records and results, ` +
    `BullMQ's locks). Enqueueing costs ${((enqueueOnly / N) * 1000).toFixed(3)} ms a record more, on the producer's side.`,
  `Two workers on this 2-core machine share its cores with each other and with redis-server, which used ${redisCpuPerRun[1]?.toFixed(2)} CPU seconds during the 1-worker run and ${redisCpuPerRun[2]?.toFixed(2)} during the 2-worker run (it stores and hands out every record's text and result): two workers ran at ${(q1 / q2).toFixed(2)}x one worker here. On more machines, workers add up as long as Redis keeps pace.`,
  '',
];
writeFileSync(new URL('QUEUE-RESULTS.md', import.meta.url), lines.join('\n'));
process.stdout.write(lines.join('\n'));
