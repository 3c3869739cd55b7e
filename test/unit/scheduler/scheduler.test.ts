// The live scheduler: catch-up at start, wake-ups from the outbox and from the next-ready timer,
// the node-cron ticker, and a stop that waits for the send in flight.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../src/core/model';
import { silentLogger, type ChatPlatform } from '../../../src/core/ports';
import { LAST_PASS_KEY } from '../../../src/scheduler/pass';
import { createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { startTicker as startCronTicker, type Ticker, type TickerOptions } from '../../../src/scheduler/ticker';
import { makeTestCore, type TestCore } from '../../support/core';
import { keyComposer, listSource, ruleSource, seedOrg, testModule } from '../../support/scheduler-fixtures';
import { LOCAL_LIMITS } from '../../../src/platforms/local/platform';

let core: TestCore;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  core?.cleanup();
});

const HOUR = 3_600_000;

function winPost(key: string, dueAt: number) {
  return { orgId: 'local', key, kind: 'win_post' as const, channel: '#wins', subject: {}, dueAt };
}

describe('the running scheduler', () => {
  it('catches up at start with one pass, sending what fell due while it was down', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = core.clock.now();
    await core.store.setState(LAST_PASS_KEY, String(now - 2 * HOUR));
    scheduler = createScheduler({ deps: core.deps, modules: [testModule([listSource([winPost('w1', now - HOUR)])], [keyComposer('win_post')])] });
    await scheduler.start(); // resolves after the catch-up pass; its sends follow
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(now));
    await vi.waitFor(() => expect(core.local.inbox('#wins').map((m) => m.message.summary)).toEqual(['w1']), { timeout: 2_000, interval: 10 });
  });

  it('sends at once what a use case puts in the outbox, without waiting for the next tick', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    scheduler = createScheduler({ deps: core.deps, modules: [testModule([], [keyComposer('win_post')])] });
    await scheduler.start();
    await core.deps.outbox.enqueue(winPost('now', core.clock.now()));
    await vi.waitFor(() => expect(core.local.inbox('#wins')).toHaveLength(1), { timeout: 2_000, interval: 10 });
    expect((await core.store.deliveries.getByKey('now'))?.status).toBe('sent');
  });

  it('wakes itself when the next pending delivery becomes ready', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = core.clock.now();
    await core.store.deliveries.enqueue([winPost('soon', now + 300)]);
    scheduler = createScheduler({ deps: core.deps, modules: [testModule([], [keyComposer('win_post')])] });
    // The wake-up loop sleeps on a real timer: fake it, so the test decides when the 300 ms are over.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await scheduler.start();
      expect(core.local.inbox('#wins')).toHaveLength(0);
      core.clock.advance(1_000);
      await vi.advanceTimersByTimeAsync(300);
      await vi.waitFor(() => expect(core.local.inbox('#wins')).toHaveLength(1), { timeout: 1_000, interval: 5 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs a pass at the injected clock on every tick, and stops its ticker', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const source = ruleSource([]);
    // The ticker is node-cron on the wall clock; here the test fires its ticks.
    let fire: (() => Promise<unknown>) | undefined;
    let tickerStopped = false;
    const startTicker = (options: TickerOptions): Ticker => {
      fire = options.tick;
      return { started: options.tick().then(() => undefined), stop: async () => void (tickerStopped = true) };
    };
    scheduler = createScheduler({ deps: core.deps, modules: [testModule([source], [])], startTicker });
    await scheduler.start();
    expect(source.calls).toHaveLength(1);
    for (let minute = 1; minute <= 2; minute++) {
      core.clock.advance(60_000);
      await fire!();
      expect(source.calls).toHaveLength(1 + minute);
      expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(core.clock.now()));
    }
    await scheduler.stop();
    expect(tickerStopped).toBe(true);
  });

  it('waits for the send in flight before stop resolves', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    let release: (() => void) | undefined;
    const started = new Promise<void>((resolveStarted) => {
      const platform: ChatPlatform = {
        name: 'local',
        limits: LOCAL_LIMITS,
        sendDirect: async () => 'x',
        postToChannel: (_org: string, _channel: string, _m: Message) =>
          new Promise((resolve) => {
            release = () => resolve('ref-slow');
            resolveStarted();
          }),
      };
      scheduler = createScheduler({ deps: { ...core.deps, platform }, modules: [testModule([], [keyComposer('win_post')])] });
    });
    await scheduler!.start();
    await core.deps.outbox.enqueue(winPost('slow', core.clock.now()));
    await started;
    let stopped = false;
    const stopping = scheduler!.stop().then(() => {
      stopped = true;
    });
    for (let turn = 0; turn < 10; turn++) await new Promise(setImmediate);
    expect(stopped).toBe(false);
    release!();
    await stopping;
    expect(await core.store.deliveries.getByKey('slow')).toMatchObject({ status: 'sent', messageRef: 'ref-slow' });
  });
});

describe('the node-cron ticker', () => {
  it('runs one catch-up tick at start, and logs a failing tick instead of throwing', async () => {
    const errors: string[] = [];
    const log = { ...silentLogger, error: (_o: object, msg: string) => void errors.push(msg) };
    let ticks = 0;
    const ticker = startCronTicker({
      log,
      tick: async () => {
        ticks++;
        throw new Error('database is locked');
      },
    });
    await ticker.started;
    await ticker.stop();
    expect(ticks).toBe(1);
    expect(errors).toEqual(['scheduler tick failed; the next one repeats its window']);
  });
});
