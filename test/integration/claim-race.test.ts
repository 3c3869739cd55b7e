// Claim atomicity where it matters: two real processes (each its own SQLite connection, running
// truly in parallel) claim from the same due deliveries of one database file, in small batches and
// at the same moment. No delivery may be handed to both, and none may be left unclaimed.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../src/core/deliveries';
import { makeTestCore, type TestCore } from '../support/core';
import { seedOrg } from '../support/scheduler-fixtures';

const CHILD = fileURLToPath(new URL('../support/claim-child.ts', import.meta.url));
const T0 = Date.parse('2026-03-02T12:00:00Z');
const ROWS = 3_000;

let core: TestCore | undefined;
afterEach(() => core?.cleanup());

function claimer(dbPath: string, owner: string, startFile: string): Promise<number[]> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, owner, startFile, String(T0), '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`claimer ${owner} exited ${code}: ${err}`)))),
  );
}

describe('claiming deliveries from two processes at once', () => {
  it('hands every due delivery to exactly one of them', async () => {
    core = makeTestCore('2026-03-02T12:00:00Z');
    await seedOrg(core, 'local');
    const rows: NewDelivery[] = Array.from({ length: ROWS }, (_, i) => ({
      orgId: 'local',
      key: `race:${i}`,
      kind: 'meeting_reminder',
      personId: 'local:ann',
      subject: { n: i },
      dueAt: T0 - i,
    }));
    await core.store.deliveries.enqueue(rows);
    const startFile = join(core.dir, 'start');
    const claims = [claimer(core.dbPath, 'p1', startFile), claimer(core.dbPath, 'p2', startFile)];
    // Start them together once both are up and polling for the start file.
    for (const deadline = Date.now() + 30_000; !['p1', 'p2'].every((o) => existsSync(`${startFile}.${o}.ready`)); ) {
      if (Date.now() > deadline) throw new Error('the claimers did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    writeFileSync(startFile, 'go');
    const [a, b] = await Promise.all(claims);
    // Both really took part, so their claims interleaved.
    expect(a!.length).toBeGreaterThan(ROWS / 10);
    expect(b!.length).toBeGreaterThan(ROWS / 10);
    const both = a!.filter((id) => new Set(b).has(id));
    expect(both).toEqual([]);
    expect(new Set([...a!, ...b!]).size).toBe(ROWS);
    expect(a!.length + b!.length).toBe(ROWS);
    expect(await core.store.deliveries.counts()).toMatchObject({ pending: 0, sending: ROWS });
  }, 60_000);
});
