// Kills a real sender process with SIGKILL in the middle of sending, restarts it, and checks on
// the remote side (an append-only log written synchronously per send) that every delivery arrived
// exactly once: the message in flight at the kill, if it reached the remote side, is found there by
// the restarted sender (findSent over the log) instead of being sent again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../support/core';
import { seedOrg } from '../support/scheduler-fixtures';

const CHILD = fileURLToPath(new URL('../support/scheduler-child.ts', import.meta.url));
const TOTAL = 300;

let core: TestCore;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  core?.cleanup();
});

function startChild(
  dbPath: string,
  logPath: string,
  stallAfter?: number,
): { proc: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const args = [dbPath, logPath, '1000', '3', ...(stallAfter === undefined ? [] : [String(stallAfter)])];
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  child = proc;
  return { proc, exited };
}

/** The summaries delivered ('<summary>\t<delivery key>' per line). */
const lines = (logPath: string): string[] =>
  existsSync(logPath)
    ? readFileSync(logPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!)
    : [];

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for the child process');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a sender killed with SIGKILL mid-way', () => {
  it('loses nothing and sends nothing twice after a restart', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = Date.now();
    const keys = Array.from({ length: TOTAL }, (_, i) => `win_post:kill:${String(i).padStart(3, '0')}`);
    await core.store.deliveries.enqueue(
      keys.map((key, i) => ({ orgId: 'local', key, kind: 'win_post', channel: '#wins', subject: {}, dueAt: now - TOTAL + i })),
    );
    const logPath = join(core.dir, 'remote.log');

    const first = startChild(core.dbPath, logPath);
    await until(() => lines(logPath).length >= 40 || first.proc.exitCode !== null, 15_000);
    first.proc.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const atKill = lines(logPath).length;
    expect(atKill).toBeGreaterThanOrEqual(40);
    expect(atKill).toBeLessThan(TOTAL); // it really was killed mid-way

    const second = startChild(core.dbPath, logPath);
    const done = await second.exited;
    expect(done, done.stderr).toMatchObject({ code: 0 });

    const delivered = lines(logPath);
    expect(new Set(delivered)).toEqual(new Set(keys));
    expect(delivered.length).toBe(TOTAL); // no duplicate
    expect(await core.store.deliveries.counts()).toMatchObject({ sent: TOTAL, pending: 0, sending: 0, failed: 0 });
  });

  it('a kill after the remote side accepted a message and before it was recorded: found on restart, not sent again', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core);
    const now = Date.now();
    const keys = Array.from({ length: 60 }, (_, i) => `win_post:stall:${String(i).padStart(2, '0')}`);
    await core.store.deliveries.enqueue(keys.map((key, i) => ({ orgId: 'local', key, kind: 'win_post', channel: '#wins', subject: {}, dueAt: now - 60 + i })));
    const logPath = join(core.dir, 'remote.log');

    const first = startChild(core.dbPath, logPath, 20); // hangs once the 20th message is delivered
    await until(() => lines(logPath).length >= 20, 15_000);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(lines(logPath)).toHaveLength(20);
    const stuck = (await core.store.deliveries.getByKey(keys[19]!))!;
    expect(stuck.status).toBe('sending'); // delivered, not recorded

    const second = startChild(core.dbPath, logPath);
    const done = await second.exited;
    expect(done, done.stderr).toMatchObject({ code: 0 });
    expect(lines(logPath)).toEqual(keys); // each once, in order
    expect(await core.store.deliveries.getByKey(keys[19]!)).toMatchObject({ status: 'sent', interruptions: 1, messageRef: expect.stringContaining('-found-') });
  });
});
