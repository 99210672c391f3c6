/**
 * Worker threads that classify articles: Node's worker threads running io/article-worker.ts, every worker
 * rebuilding the model from one copy of its weights in shared memory (model/shared-parts.ts). Started on first use,
 * and not at all for an input of one batch or for one thread: the articles are then done on the calling thread, the
 * same way (news/article-job.ts). A worker that stops (out of memory, killed) gives error results for the batches it
 * had (WorkerStoppedError), and the next batch starts another in its place: the pool never rejects a batch.
 *
 * The pool is this file's own rather than tinypool (which 0.5.0 used): a batch goes to the worker with the fewest
 * batches in hand, and a worker answers with one message. tinypool also reads the process's memory use after every
 * task; `classifyMany` over 43,959 bbc bodies on 2 threads took 5.10-5.17 s with it and 4.11-4.82 s with this pool
 * (bench/speed-many.mjs, 3 alternating runs each, on the 2-core reference machine).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { toSharedParts } from '../model/shared-parts.js';
import { NewsTopicsError } from '../common/errors.js';
import { type ArticleJob, errorResult, safely } from '../news/article-job.js';
import type { ArticleInput } from '../text/input.js';
import type { ArticleTask, WorkerReply } from './article-worker.js';
import type { FieldNames } from './input-records.js';
import { failedRecords, type RecordItem, type RecordResults, recordResults } from './record-results.js';

/** The bundled worker, beside the bundle that runs this code (dist/node/); absent when running the sources. */
const WORKER_URL = new URL('./article-worker.js', import.meta.url);

/**
 * A worker's young generation, in MB: its garbage is short-lived (one article at a time), and young-generation space
 * is memory a worker holds. Measured on 100 MB of JSONL with 2 workers: peak RSS 261 MB with V8's default, 220 MB
 * with 8 (4 gave 219 MB), no slower (bench/speed.ts).
 */
const YOUNG_GENERATION_MB = 8;

/** Threads when the caller names none: one per core. */
export function defaultClassifyThreads(): number {
  return availableParallelism();
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** A batch that a worker thread stopped before finishing (out of memory, killed): its articles were not classified. */
export class WorkerStoppedError extends NewsTopicsError {
  override name = 'WorkerStoppedError';
}

/** One worker thread and the batches it has in hand. */
class ArticleThread {
  readonly pending = new Map<number, Pending>();
  private stopped = false;
  readonly worker: Worker;

  constructor(url: URL, workerData: unknown) {
    this.worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (reply: WorkerReply) => {
      const task = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle worker does not keep the process alive.
      if (this.pending.size === 0) this.worker.unref();
      if (reply.error !== undefined) task?.reject(new Error(reply.error));
      else task?.resolve(reply.result);
    });
    // A worker that dies (out of memory, killed) fails the batches it had; the others go on.
    const fail = (error: Error) => {
      this.stopped = true;
      for (const task of this.pending.values()) task.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', (error) => fail(new WorkerStoppedError(`news-topics: the worker thread classifying this batch failed (${error.message})`)));
    this.worker.on('exit', (code) => fail(new WorkerStoppedError(`news-topics: the worker thread classifying this batch stopped (exit code ${code})`)));
  }

  get usable(): boolean {
    return !this.stopped;
  }

  run(id: number, task: ArticleTask): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, task });
    });
  }
}

export class ArticlePool {
  private workers: ArticleThread[] | undefined;
  private workerData: unknown;
  /** Workers started in place of stopped ones. */
  private replaced = 0;
  private nextId = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private hasWorkerFile: boolean | undefined;

  constructor(
    private readonly model: TopicClassifier,
    private readonly job: ArticleJob,
    /** Worker threads to use (1: the calling thread only). */
    readonly threads: number,
    /** The worker file: the bundled one beside this code (tests of the sources pass the built one). */
    private readonly workerUrl: URL = WORKER_URL,
  ) {}

  private onThreads(only: boolean): boolean {
    // Looked up once: asked for every batch, the file check cost the CLI's main thread 18 ms per 100 MB of JSONL.
    this.hasWorkerFile ??= this.workerUrl.protocol === 'file:' && existsSync(fileURLToPath(this.workerUrl));
    return this.threads > 1 && !(only && this.workers === undefined) && this.hasWorkerFile;
  }

  /**
   * One result per input, in order (error results for bad inputs, and for every input of a batch its worker thread
   * could not finish: see WorkerStoppedError). `only`: this batch is the whole input.
   */
  async classify(inputs: readonly ArticleInput[], only = false): Promise<Result[]> {
    if (!this.onThreads(only)) return inputs.map((input) => safely(this.model, input, this.job));
    return ((await this.run({ kind: 'articles', inputs }).catch((error: Error) => inputs.map(() => errorResult(error)))) as Result[]);
  }

  /** The CLI's output records of input records (JSON lines parsed on the threads), in order: see io/record-results.ts. */
  async classifyRecords(items: readonly RecordItem[], fields: FieldNames, only = false): Promise<RecordResults> {
    if (!this.onThreads(only)) return recordResults(this.model, this.job, items, fields);
    return ((await this.run({ kind: 'records', items, fields }).catch((error: Error) => failedRecords(items, fields, error.message))) as RecordResults);
  }

  /**
   * Runs a batch on the worker with the fewest batches in hand. A worker that stopped is replaced first (up to twice
   * the thread count in all, so that a worker that cannot start is not started again for every batch); its own
   * batches failed with a WorkerStoppedError.
   */
  private run(task: ArticleTask): Promise<unknown> {
    if (this.workers === undefined) {
      this.workerData = { parts: toSharedParts(this.model.parts), job: this.job };
      this.workers = Array.from({ length: this.threads }, () => new ArticleThread(this.workerUrl, this.workerData));
    }
    for (const [i, thread] of this.workers.entries()) {
      if (thread.usable || this.replaced >= 2 * this.threads) continue;
      this.replaced++;
      this.workers[i] = new ArticleThread(this.workerUrl, this.workerData);
    }
    let best: ArticleThread | undefined;
    for (const thread of this.workers) if (thread.usable && (best === undefined || thread.pending.size < best.pending.size)) best = thread;
    if (best === undefined) return Promise.reject(new WorkerStoppedError('news-topics: every classifying worker thread has stopped'));
    const done = best.run(this.nextId++, task);
    this.inFlight.add(done);
    const settle = () => this.inFlight.delete(done);
    done.then(settle, settle);
    return done;
  }

  /** Stops the worker threads once the batches in flight are done. */
  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.allSettled([...this.inFlight]);
    await Promise.all(workers.map((thread) => thread.worker.terminate()));
  }
}
