// Several processes on one database: every one ticks each minute, one of them (the holder of the
// pass lease) runs the pass; a killed holder is replaced at the next minute, a stopped one at once.
// Two schedulers with their own connection to the same file stand for two processes.
import { afterEach, describe, expect, it } from 'vitest';
import { PASS_LEASE, PASS_LEASE_MS, createScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { LAST_PASS_KEY } from '../../../src/scheduler/pass';
import type { Ticker, TickerOptions } from '../../../src/scheduler/ticker';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite';
import { makeTestCore, type TestCore } from '../../support/core';
import { ruleSource, seedOrg, testModule } from '../../support/scheduler-fixtures';

const MINUTE = 60_000;
let core: TestCore;
let other: SqliteStore | undefined;
const running: Scheduler[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  other?.close();
  other = undefined;
  core?.cleanup();
});

/** A scheduler whose ticks the test fires; `passes` counts the passes it ran. */
async function instance(owner: string, store: SqliteStore) {
  const source = ruleSource([], `rules-${owner}`);
  let fire: (() => Promise<unknown>) | undefined;
  const startTicker = (options: TickerOptions): Ticker => {
    fire = options.tick;
    return { started: options.tick().then(() => undefined), stop: async () => undefined };
  };
  const scheduler = createScheduler({ deps: { ...core.deps, store }, owner, modules: [testModule([source], [])], startTicker });
  running.push(scheduler);
  await scheduler.start();
  return { scheduler, tick: () => fire!(), passes: () => source.calls.length };
}

describe('the minute pass with several processes on one database', () => {
  it('is run by one process each minute, taken over within a minute when its holder is killed', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    other = openSqliteStore(core.dbPath, () => core.clock.now());
    const a = await instance('a', core.store);
    const b = await instance('b', other);
    // Both started at the same instant: A took the lease, B's catch-up pass was left to A.
    expect([a.passes(), b.passes()]).toEqual([1, 0]);

    for (let minute = 1; minute <= 3; minute++) {
      core.clock.advance(MINUTE);
      await b.tick(); // A's lease ran out 10 s ago: B takes it, then renews it every minute
      await a.tick();
    }
    // Each minute exactly one pass ran.
    expect([a.passes(), b.passes()]).toEqual([1, 3]);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(core.clock.now()));

    // The holder of this minute is killed (no more ticks, no release). Within the lease others wait…
    const [holder, survivor] = [b, a];
    const before = survivor.passes();
    core.clock.advance(PASS_LEASE_MS - 1);
    await survivor.tick();
    expect(survivor.passes()).toBe(before);
    // …and at the next minute the survivor runs the pass.
    core.clock.advance(MINUTE - (PASS_LEASE_MS - 1));
    await survivor.tick();
    expect(survivor.passes()).toBe(before + 1);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(core.clock.now()));
    running.splice(running.indexOf(holder.scheduler), 1); // killed: it never stops cleanly
  });

  it('hands the lease over at once when its holder stops cleanly', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    other = openSqliteStore(core.dbPath, () => core.clock.now());
    const a = await instance('a', core.store);
    const b = await instance('b', other);
    core.clock.advance(1_000);
    await b.tick();
    expect(b.passes()).toBe(0); // A holds it
    await a.scheduler.stop();
    running.splice(running.indexOf(a.scheduler), 1);
    await b.tick();
    expect(b.passes()).toBe(1);
  });

  it('leases: a live lease is only renewed by its holder; an expired one goes to whoever asks', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    const t = core.clock.now();
    const leases = core.store.leases;
    expect(await leases.hold(PASS_LEASE, 'a', t, 10_000)).toBe(true);
    expect(await leases.hold(PASS_LEASE, 'b', t + 9_999, 10_000)).toBe(false);
    expect(await leases.hold(PASS_LEASE, 'a', t + 9_999, 10_000)).toBe(true); // renewed to t + 19,999
    expect(await leases.hold(PASS_LEASE, 'b', t + 19_998, 10_000)).toBe(false);
    expect(await leases.hold(PASS_LEASE, 'b', t + 19_999, 10_000)).toBe(true);
    await leases.release(PASS_LEASE, 'a'); // not A's any more: nothing happens
    expect(await leases.hold(PASS_LEASE, 'a', t + 20_000, 10_000)).toBe(false);
    await leases.release(PASS_LEASE, 'b');
    expect(await leases.hold(PASS_LEASE, 'a', t + 20_000, 10_000)).toBe(true);
  });
});
