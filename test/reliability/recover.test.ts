// Crash recovery at start-up (src/scheduler/recover.ts): the deliveries a process of this host was
// sending when it died are taken over at once, not after their one-minute lease; leases of running
// processes, of other hosts and of our own pid are left alone. Real processes, a real SQLite store.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports';
import { ownerIsGone, releaseLeasesOfGoneProcesses } from '../../src/scheduler/recover';
import { makeTestCore, type TestCore } from '../support/core';
import { seedOrg } from '../support/scheduler-fixtures';

/** The pid of a process that has run and exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(run.stdout.toString());
}

let core: TestCore;
afterEach(() => core?.cleanup());

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
