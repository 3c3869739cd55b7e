// Crash recovery at start-up (src/scheduler/recover.ts): the deliveries a process of this host was
// sending when it died are taken over at once, not after their one-minute lease, and so is the
// minute's pass it held; leases of running processes, of other hosts and of our own pid are left
// alone. Real processes, a real SQLite store.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports';
import { ownerIsGone, releaseLeasesOfGoneProcesses } from '../../src/scheduler/recover';
import { createScheduler, PASS_LEASE, type Scheduler } from '../../src/scheduler/scheduler';
import type { Ticker, TickerOptions } from '../../src/scheduler/ticker';
import { makeTestCore, type TestCore } from '../support/core';
import { ruleSource, seedOrg, testModule } from '../support/scheduler-fixtures';

/** The pid of a process that has run and exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(run.stdout.toString());
}

let core: TestCore;
const running: Scheduler[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  core?.cleanup();
});

describe('leases of processes that are gone', () => {
  it('tells a gone process of this host from a running one, another host and ourselves', () => {
    const host = hostname();
    expect(ownerIsGone(`${host}:${deadPid()}:ab12cd34`)).toBe(true);
    expect(ownerIsGone(`${host}:${process.ppid}:ab12cd34`)).toBe(false); // running
    expect(ownerIsGone(`${host}:${process.pid}:ab12cd34`)).toBe(false); // our own pid: maybe a twin
    expect(ownerIsGone(`other-host:${deadPid()}:ab12cd34`)).toBe(false);
    expect(ownerIsGone('not-an-owner')).toBe(false);
  });

  it('frees only the dead process’s deliveries, so they can be claimed now rather than in a minute', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = core.clock.now();
    const repo = core.store.deliveries;
    const post = (key: string) => ({ orgId: 'local', key, kind: 'win_post' as const, channel: '#wins', subject: {}, dueAt: now - 1_000 });
    await repo.enqueue([post('dead-1'), post('dead-2'), post('alive-1')]);
    const dead = `${hostname()}:${deadPid()}:deadbeef`;
    const alive = `${hostname()}:${process.ppid}:a11ve000`;
    await repo.claim({ now, leaseMs: 60_000, owner: dead, limit: 2 });
    await repo.claim({ now, leaseMs: 60_000, owner: alive, limit: 1 });
    expect(await repo.claim({ now: now + 1, leaseMs: 60_000, owner: 'x', limit: 10 })).toEqual([]);

    expect(await releaseLeasesOfGoneProcesses(repo, now + 1, silentLogger)).toBe(2);
    const taken = await repo.claim({ now: now + 2, leaseMs: 60_000, owner: 'restarted', limit: 10 });
    expect(taken.map((d) => [d.key, d.interruptions]).sort()).toEqual([
      ['dead-1', 1],
      ['dead-2', 1],
    ]);
    expect((await repo.getByKey('alive-1'))?.status).toBe('sending'); // still the running process's
  });
});

describe('the minute pass lease of a process that is gone', () => {
  /** Starts a scheduler (its start-up tick included) while `holder` holds the pass lease; how many passes it ran. */
  async function passesAtStartWhileHeldBy(holder: string): Promise<number> {
    core = makeTestCore('2026-03-02T12:00:30Z');
    await seedOrg(core);
    // The holder took the lease a second ago, for the next 50 s, and its pass did not finish.
    expect(await core.store.leases.hold(PASS_LEASE, holder, core.clock.now() - 1_000, 50_000)).toBe(true);
    const source = ruleSource([], 'restart-rules');
    const startTicker = (options: TickerOptions): Ticker => ({ started: options.tick().then(() => undefined), stop: async () => undefined });
    const scheduler = createScheduler({ deps: core.deps, owner: `${hostname()}:${process.pid}:restart0`, modules: [testModule([source], [])], startTicker });
    running.push(scheduler);
    await scheduler.start();
    return source.calls.length;
  }

  it('is released at the restart, whose first tick runs the pass at once (not up to two minutes later)', async () => {
    expect(await passesAtStartWhileHeldBy(`${hostname()}:${deadPid()}:deadbeef`)).toBe(1);
    expect(await core.store.leases.holders(core.clock.now())).toEqual([{ name: PASS_LEASE, owner: `${hostname()}:${process.pid}:restart0` }]);
  });

  it('is left to a running process: the restart waits for it', async () => {
    const alive = `${hostname()}:${process.ppid}:a11ve000`;
    expect(await passesAtStartWhileHeldBy(alive)).toBe(0);
    expect(await core.store.leases.holders(core.clock.now())).toEqual([{ name: PASS_LEASE, owner: alive }]);
  });

  it('is left to a process of another host: the restart waits for it', async () => {
    expect(await passesAtStartWhileHeldBy(`other-host:${deadPid()}:deadbeef`)).toBe(0);
  });
});
