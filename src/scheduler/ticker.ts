// One node-cron task for the whole process: once a minute it runs a scheduler pass (which then
// wakes the sender). Nothing is scheduled per leader; the deliveries table is the durable schedule.
// node-cron does not catch up missed runs, so the pass window (last pass, now] does it instead,
// and one pass runs at start to catch up after downtime.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/ports';

export const EVERY_MINUTE = '* * * * *';

export interface TickerOptions {
  tick: () => Promise<unknown>;
  log: Logger;
  expression?: string;
}

export interface Ticker {
  /** Resolves after the catch-up tick that start runs at once. */
  readonly started: Promise<void>;
  stop(): Promise<void>;
}

export function startTicker(options: TickerOptions): Ticker {
  const { log } = options;
  let running: Promise<void> = Promise.resolve();
  const runTick = (): Promise<void> => {
    running = options.tick().then(
      () => undefined,
      (error: unknown) => log.error({ err: error }, 'scheduler tick failed; the next one repeats its window'),
    );
    return running;
  };
  const task: ScheduledTask = cron.createTask(options.expression ?? EVERY_MINUTE, () => runTick(), {
    name: 'clause5-scheduler',
    noOverlap: true,
  });
  task.on('execution:missed', (ctx) => {
    log.warn({ at: ctx.date.toISOString() }, 'scheduler tick missed (event loop blocked or machine asleep); the next pass catches up');
  });
  task.on('execution:overlap', () => log.debug({}, 'previous scheduler tick still running; this one skipped'));
  const started = runTick();
  void task.start();
  return {
    started,
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
