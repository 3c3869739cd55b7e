// The scheduler as main, the CLI and local mode see it: passes that enqueue what fell due, a
// sender that delivers it, and (once started) a once-a-minute ticker plus a wake-up loop.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { CoreModule } from '../core/commands/types';
import type { DeliveryComposer } from '../core/deliveries';
import type { CoreDeps } from '../core/deps';
import type { Logger } from '../core/ports';
import { runPass, sourcesOf, type PassContext, type PassResult } from './pass';
import { releaseLeasesOfGoneProcesses, releaseNamedLeasesOfGoneProcesses } from './recover';
import { beat, clearBeat } from './server-presence';
import { Sender, type DrainResult } from './sender';
import { startTicker, type Ticker, type TickerOptions } from './ticker';
import { WakeLoop } from './wake';

export type { PassResult } from './pass';
export type { DrainResult } from './sender';

export interface SchedulerOptions {
  deps: CoreDeps;
  modules: CoreModule[];
  log?: Logger;
  /** How long a claimed delivery stays ours before another process may retry it (default 60 s). */
  leaseMs?: number;
  /** Lease owner id; unique per process (default host:pid:random). */
  owner?: string;
  /** Sends in flight at once (default 4; at most half of them for one organisation). */
  concurrency?: number;
  /** Transient failures before a delivery is marked failed (default 10). */
  maxAttempts?: number;
  /** The ticker's cron expression (default every minute). */
  cronExpression?: string;
  /** What calls the minute's pass (default: the node-cron ticker; tests fire ticks themselves). */
  startTicker?: (options: TickerOptions) => Ticker;
}

export interface TickResult {
  pass: PassResult;
  drain: DrainResult;
}

export interface Scheduler {
  readonly owner: string;
  /** One pass at `now`: enqueue what fell due since the last pass. */
  runPass(now: number): Promise<PassResult>;
  /** Send everything ready at `now`; resolves when nothing is left ready at `now`. */
  drain(now: number): Promise<DrainResult>;
  /** Pass, then drain — the CLI's `tick --at` and local mode's fast-forward. */
  tick(now: number): Promise<TickResult>;
  /**
   * Takes over deliveries a crashed predecessor on this host left mid-send, starts the ticker (one
   * catch-up pass at once) and the sender's wake-up loop; resolves after the catch-up pass, while
   * what it enqueued is being sent.
   */
  start(): Promise<void>;
  /** Stops ticking and waits for the pass and sends in flight. */
  stop(): Promise<void>;
}

interface WakeableOutbox {
  onEnqueued(listener: () => void): void;
}

function isWakeable(outbox: unknown): outbox is WakeableOutbox {
  return typeof (outbox as Partial<WakeableOutbox>)?.onEnqueued === 'function';
}

/** The lease that lets one process on the database run each minute's pass. */
export const PASS_LEASE = 'scheduler_pass';
/**
 * Shorter than the minute between ticks, so that when the holder is killed the lease has expired by
 * the next tick and a surviving process takes the pass over within a minute; the holder renews it
 * at each tick.
 */
export const PASS_LEASE_MS = 50_000;

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { deps, modules } = options;
  const log = options.log ?? deps.log;
  const owner = options.owner ?? defaultOwner();
  const passContext: PassContext = { deps, sources: sourcesOf(modules, deps), log };
  const composers: DeliveryComposer[] = modules.flatMap((m) => m.composers?.(deps) ?? []);
  const sender = new Sender({
    deps,
    composers,
    jobs: modules.flatMap((m) => m.jobs?.(deps) ?? []),
    log,
    owner,
    leaseMs: options.leaseMs,
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
  });
  const wake = new WakeLoop(deps, sender, log);
  let ticker: Ticker | undefined;

  // Passes run one at a time within the process (the ticker and local mode may both ask).
  let passQueue: Promise<unknown> = Promise.resolve();
  const pass = (now: number): Promise<PassResult> => {
    const run = passQueue.then(() => runPass(passContext, now));
    passQueue = run.catch(() => undefined);
    return run;
  };

  return {
    owner,
    runPass: pass,
    drain: (now) => sender.drain(now),
    async tick(now) {
      const passed = await pass(now);
      return { pass: passed, drain: await sender.drain(now) };
    },
    async start() {
      if (ticker) return ticker.started;
      await releaseLeasesOfGoneProcesses(deps.store.deliveries, deps.clock.now(), log).catch((err: unknown) =>
        log.error({ err }, 'could not check for deliveries left by a crashed process; their leases will run out'),
      );
      await releaseNamedLeasesOfGoneProcesses(deps.store.leases, deps.clock.now(), log).catch((err: unknown) =>
        log.error({ err }, 'could not check for a pass lease left by a crashed process; it will run out'),
      );
      wake.start();
      if (isWakeable(deps.outbox)) deps.outbox.onEnqueued(() => void wake.kick());
      ticker = (options.startTicker ?? startTicker)({
        log,
        expression: options.cronExpression,
        tick: async () => {
          // Real time on purpose: the heartbeat says this process is alive, whatever its clock shows.
          await beat(deps.store, owner, Date.now()).catch((err: unknown) => log.error({ err }, 'could not write the server heartbeat'));
          // Every process ticks; the lease's holder does the minute's work (the unique keys would
          // make a second pass harmless, but it would repeat every source's reads).
          const now = deps.clock.now();
          if (await deps.store.leases.hold(PASS_LEASE, owner, now, PASS_LEASE_MS)) await pass(now);
          // Not awaited: a long catch-up (thousands of prompts) must neither hold up start-up (and
          // with it the SIGTERM handler of `serve`) nor the next minute's pass. Kicks coalesce.
          void wake.kick();
        },
      });
      return ticker.started;
    },
    async stop() {
      const t = ticker;
      ticker = undefined;
      if (isWakeable(deps.outbox)) deps.outbox.onEnqueued(() => undefined);
      await t?.stop();
      await wake.stop();
      await passQueue;
      await deps.store.leases.release(PASS_LEASE, owner).catch(() => undefined);
      await clearBeat(deps.store, owner).catch(() => undefined);
    },
  };
}
