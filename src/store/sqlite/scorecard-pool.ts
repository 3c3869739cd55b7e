// A small process-wide pool of worker threads that run scorecard statements (scorecard-worker.ts)
// off the main thread. One job is one statement; jobs go to an idle worker or wait, costliest first,
// so the independent statements of one scorecard run side by side on two cores. Workers start on the first
// job, are unref'd (they never keep the process alive) and stop after a quiet spell.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { COST, type Params, type Row, type StatementName } from './scorecard-queries';
import type { WorkerReply, WorkerRequest } from './scorecard-worker';

/** The worker is TypeScript: register tsx's loader in the new thread, then import it. */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((tsx) => { tsx.register(); return import(workerData.entry); });`;

/**
 * The worker module: the pre-built one beside this module when running from the bundle (`npm run
 * build`), else the TypeScript source.
 */
export function defaultWorkerEntry(): string {
  const built = new URL('./scorecard-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built.href : new URL('./scorecard-worker.ts', import.meta.url).href;
}

function loaderUrl(): string {
  // tsx/esm/api: its package exports name dist/esm/api/index.mjs beside the CommonJS index.cjs.
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(join(dirname(cjs), 'index.mjs')).href;
}

interface Job {
  request: Extract<WorkerRequest, { type: 'run' }>;
  resolve(rows: Row[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export class WorkerUnavailable extends Error {}

export class ScorecardWorkerPool {
  private static sharedPool: ScorecardWorkerPool | undefined;
  /** The pool every SQLite store of this process shares: one worker per core, 2 to 4. */
  static shared(): ScorecardWorkerPool {
    ScorecardWorkerPool.sharedPool ??= new ScorecardWorkerPool(Math.max(2, Math.min(4, availableParallelism())));
    return ScorecardWorkerPool.sharedPool;
  }

  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private dispatchQueued = false;
  /** Set when a worker could not start: callers then run the statement inline. */
  broken: Error | undefined;

  constructor(
    readonly size: number,
    private readonly idleMs = 30_000,
    /** The worker module (tests give one that fails to start). */
    private readonly entry = defaultWorkerEntry(),
  ) {}

  /** Workers running now. */
  get workers(): number {
    return this.slots.length;
  }

  run(key: string, path: string, name: StatementName, params: Params): Promise<Row[]> {
    if (this.broken) return Promise.reject(new WorkerUnavailable(this.broken.message));
    clearTimeout(this.idleTimer);
    return new Promise<Row[]>((resolve, reject) => {
      this.queue.push({ request: { type: 'run', id: this.nextId++, key, path, name, params }, resolve, reject });
      // Costliest first (stable for equal costs); dispatch once the caller has queued all its jobs.
      this.queue.sort((a, b) => COST[b.request.name] - COST[a.request.name]);
      if (!this.dispatchQueued) {
        this.dispatchQueued = true;
        queueMicrotask(() => {
          this.dispatchQueued = false;
          this.dispatch();
        });
      }
    });
  }

  /** Closes the workers' connections to a store that is closing. */
  forget(key: string): void {
    for (const slot of this.slots) slot.worker.postMessage({ type: 'forget', key } satisfies WorkerRequest);
  }

  /** Stops every worker now (pending jobs fail). */
  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
    if (this.slots.every((s) => s.job === null)) {
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => void this.stop(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private spawn(): Slot {
    // TypeScript needs tsx's loader registered in the thread first; a built module runs as it is.
    const worker = this.entry.endsWith('.ts')
      ? new Worker(BOOT, { eval: true, workerData: { loader: loaderUrl(), entry: this.entry } })
      : new Worker(new URL(this.entry));
    worker.unref();
    const slot: Slot = { worker, job: null };
    let ready = false;
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        ready = true;
        return;
      }
      const job = slot.job;
      slot.job = null;
      if (job && reply.type === 'done') job.resolve(reply.rows as Row[]);
      else if (job && reply.type === 'failed') job.reject(Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}));
      this.dispatch();
    });
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      if (!ready) this.broken = error;
      const lost = slot.job ? [slot.job] : [];
      slot.job = null;
      // A worker that never started makes the whole pool unusable; otherwise only its job fails.
      if (!ready) lost.push(...this.queue.splice(0));
      for (const job of lost) job.reject(ready ? error : new WorkerUnavailable(error.message));
      if (ready) this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`scorecard worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
