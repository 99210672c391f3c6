/**
 * Trains many labels on up to `threads` threads: the main thread and worker threads share the training data
 * (SharedArrayBuffer-backed typed arrays, see shared-memory.ts) and split the labels. Results do not depend on the
 * thread count (label-trainer.ts seeds each label on its own). Workers need the compiled worker file
 * (dist/node/worker.js) and Node's worker threads, taken at run time (`nodeBuiltin`: no import of a Node module);
 * without them (running the TypeScript sources, browsers, edge workers) training stays on the calling thread.
 */
import type * as Fs from 'node:fs';
import type * as Os from 'node:os';
import type * as Url from 'node:url';
import type * as WorkerThreads from 'node:worker_threads';
import { nodeBuiltin } from '../../common/optional-modules.js';
import { type Job, type LabelModel, type TrainingData, trainLabel, WarmStarts } from '../label-trainer.js';
import type { LabelTask } from './worker.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
type Worker = WorkerThreads.Worker;

/** Threads when the caller names none: 2, or 1 on a single-core machine or without worker threads. */
export function defaultThreads(): number {
  const os = nodeBuiltin<typeof Os>('node:os');
  return os === undefined ? 1 : Math.min(2, os.availableParallelism());
}

/** Node's Worker class when worker threads and the compiled worker file are there. */
function workerClass(): typeof WorkerThreads.Worker | undefined {
  const threads = nodeBuiltin<typeof WorkerThreads>('node:worker_threads');
  const fs = nodeBuiltin<typeof Fs>('node:fs');
  const url = nodeBuiltin<typeof Url>('node:url');
  if (threads === undefined || fs === undefined || url === undefined || WORKER_URL.protocol !== 'file:') return undefined;
  return fs.existsSync(url.fileURLToPath(WORKER_URL)) ? threads.Worker : undefined;
}

export class LabelPool {
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private readonly warm = new WarmStarts();

  private constructor(private readonly data: TrainingData) {}

  /** A pool with `threads - 1` workers beside the main thread (fewer when workers are unavailable). */
  static create(data: TrainingData, threads: number): LabelPool {
    const pool = new LabelPool(data);
    const WorkerThread = threads > 1 ? workerClass() : undefined;
    if (WorkerThread !== undefined) for (let i = 1; i < threads; i++) pool.workers.push(new WorkerThread(WORKER_URL, { workerData: data }));
    return pool;
  }

  /** Threads in use: the main thread and the workers. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Trains every label for the job; models come back in label order. */
  async trainLabels(labels: readonly number[], job: Job): Promise<LabelModel[]> {
    const shares = this.workers.length + 1;
    // Interleave labels so that each thread gets a similar mix of large and small labels.
    const parts = Array.from({ length: shares }, (_, k) => labels.filter((_, i) => i % shares === k));
    const pending = this.workers.map((worker, k) => this.run(worker, { id: this.nextId++, labels: parts[k + 1] ?? [], job }));
    const local = (parts[0] ?? []).map((label) => trainLabel(this.data, label, job, this.warm));
    const remote = (await Promise.all(pending)).flat();
    return [...local, ...remote].sort((a, b) => a.label - b.label);
  }

  private run(worker: Worker, task: LabelTask): Promise<LabelModel[]> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: { id: number; models: LabelModel[] }) => {
        if (reply.id !== task.id) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(reply.models);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
