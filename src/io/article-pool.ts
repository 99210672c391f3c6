/**
 * Worker threads that classify articles: a tinypool pool (a small, well-kept worker-thread pool; vitest's) running
 * io/article-worker.ts, every worker rebuilding the model from one copy of its weights in shared memory
 * (model/shared-parts.ts). Started on first use, and not at all for an input of one batch or for one thread: the
 * articles are then done on the calling thread, the same way (news/article-job.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type Tinypool from 'tinypool';
import type { TopicClassifier } from '../model/classifier.js';
import type { Result } from '../model/result.js';
import { toSharedParts } from '../model/shared-parts.js';
import { type ArticleJob, safely } from '../news/article-job.js';
import type { ArticleInput } from '../text/input.js';
import type { FieldNames } from './input-records.js';
import { type RecordItem, type RecordResults, recordResults } from './record-results.js';

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

export class ArticlePool {
  private pool: Tinypool | undefined;
  private opening: Promise<Tinypool> | undefined;

  constructor(
    private readonly model: TopicClassifier,
    private readonly job: ArticleJob,
    /** Worker threads to use (1: the calling thread only). */
    readonly threads: number,
  ) {}

  /** Whether worker threads can be used here (the bundled worker exists). */
  static get available(): boolean {
    return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
  }

  /** One result per input, in order (error results for bad inputs). `only`: this batch is the whole input. */
  async classify(inputs: readonly ArticleInput[], only = false): Promise<Result[]> {
    if (this.threads <= 1 || (only && this.pool === undefined) || !ArticlePool.available) return inputs.map((input) => safely(this.model, input, this.job));
    const pool = await this.start();
    return (await pool.run({ inputs })) as Result[];
  }

  /** The CLI's output records of input records (JSON lines parsed on the threads), in order: see io/record-results.ts. */
  async classifyRecords(items: readonly RecordItem[], fields: FieldNames, only = false): Promise<RecordResults> {
    if (this.threads <= 1 || (only && this.pool === undefined) || !ArticlePool.available) return recordResults(this.model, this.job, items, fields);
    const pool = await this.start();
    return (await pool.run({ items, fields }, { name: 'classifyRecords' })) as RecordResults;
  }

  private start(): Promise<Tinypool> {
    this.opening ??= (async () => {
      const { default: TinypoolClass } = await import('tinypool');
      this.pool = new TinypoolClass({
        filename: WORKER_URL.href,
        minThreads: this.threads,
        maxThreads: this.threads,
        idleTimeout: 60_000,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        workerData: { parts: toSharedParts(this.model.parts), job: this.job },
      });
      return this.pool;
    })();
    return this.opening;
  }

  /** Stops the worker threads (waits for the tasks in flight). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.opening = undefined;
    if (pool !== undefined) await pool.destroy();
  }
}
