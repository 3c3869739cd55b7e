// Kill test: a real `clause5 serve` delivering a fan-out of floor-walk prompts to the fake Slack is
// killed with SIGKILL at random moments and restarted each time (support/kill.ts); and a SIGTERM
// in the middle of a catch-up stops it gracefully. The fake Slack, which outlives every kill,
// counts what arrived. The bench runs 10k × 50 kills. Half the workspaces' leaders were messaged
// before (their DM channel is known), the other half get their first message (their DM is opened
// with conversations.open); either way a prompt a kill cut off is looked up in the DM before it is
// sent again.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { deliveryStatuses } from './support/db';
import { runKillTest } from './support/kill';
import { addToFake, dmCounts, justDue, seedSlackPlant, slackEnv } from './support/plant';
import { Clause5Process, serve, until } from './support/process';
import { runSeed } from './support/random';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';

const LOGS = 'kill';
freshLogs(LOGS);
afterAll(() => expectNoSecrets(LOGS));

describe('SIGKILL at random moments during a fan-out', () => {
  it('delivers all 1,000 prompts across 5 kills and restarts, none lost, none twice', { timeout: 120_000 }, async () => {
    const seed = runSeed();
    // 50 leaders a workspace: its 100 messages a minute, counted across restarts, leave room for the resends of the rows a kill interrupts.
    const r = await runKillTest({ workspaces: 20, leadersPer: 50, kills: 5, seed, name: LOGS, timeoutMs: 100_000, knownDm: (w) => w % 2 === 0 });
    figure(
      'kill',
      `kill seed ${seed}: ${r.total} prompts, ${r.kills.length} kills at ${r.kills.map((k) => k.deliveredAtKill).join('/')} delivered ` +
        `(the first with ${r.kills[0]?.enqueuedAtKill} enqueued), ` +
        `${r.lost} lost, ${r.duplicates} duplicates (${r.duplicatesKnownDm} to the ${r.leadersKnownDm} leaders with a known DM), ` +
        `${r.interrupted} taken over, ${r.lookups} looked up, ${r.resendsAvoided} resends avoided, ${r.ms} ms`,
      { ...r },
    );
    expect(r.kills.every((k) => k.signal === 'SIGKILL')).toBe(true);
    expect(r.lost).toBe(0);
    expect(r.delivered).toBe(r.total);
    // Every delivery recorded as sent: also when the kill fell between opening the prompt and marking
    // the delivery sent (the takeover sees the open prompt and records the send it stands for).
    expect(r.statuses).toEqual({ sent: r.total });
    expect(r.skipped).toEqual({});
    expect(r.promptRows).toBe(r.total); // every prompt was also recorded as asked
    expect(r.leadersKnownDm).toBe(r.total / 2);
    expect(r.duplicatesKnownDm).toBe(0); // found in the DM instead of being sent again
    expect(r.duplicates).toBe(0); // also for first messages: the DM is opened, then read
    // The kills landed mid-send: the killed processes held deliveries in 'sending', and each of
    // those was taken over after the restart (without this the checks above could pass on kills
    // that all fell between sends).
    expect(r.kills.slice(1).every((k) => k.sendingAtKill > 0)).toBe(true);
    expect(r.interrupted).toBeGreaterThan(0);
    expect(r.interrupted).toBeGreaterThanOrEqual(Math.max(...r.kills.map((k) => k.sendingAtKill)));
    expect(r.lookups).toBeGreaterThanOrEqual(r.resendsAvoided);
    expect(r.integrity).toBe('ok');
    expect(r.finalExit).toEqual({ code: 0, signal: null });
  });
});

describe('SIGTERM during the catch-up after a downtime', () => {
  it('finishes only the sends in flight, exits 0 at once, and the restart sends the rest without a duplicate', { timeout: 60_000 }, async () => {
    const dir = tempDir('clause5-term-');
    const fake = await new FakeSlack().start();
    let proc: Clause5Process | undefined;
    try {
      const dbPath = join(dir, 'clause5.db');
      const plant = seedSlackPlant(dbPath, { workspaces: 10, leadersPer: 20, dueAt: justDue(), prefix: 'KT' });
      addToFake(fake, plant);
      const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' });
      proc = new Clause5Process(['serve'], env, `${LOGS}-term.log`);
      await until(() => dmCounts(fake).size >= 50, 30_000, 'the catch-up to be under way');
      const asked = performance.now();
      const exit = await proc.kill('SIGTERM');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(performance.now() - asked).toBeLessThan(5_000);
      const atStop = deliveryStatuses(dbPath, 'floorwalk_prompt');
      expect(atStop.sending ?? 0).toBe(0); // nothing left half-sent
      expect(atStop.sent).toBe(dmCounts(fake).size); // what Slack got is exactly what is recorded
      expect(atStop.pending).toBeGreaterThan(0); // it stopped instead of sending the whole backlog first

      proc = await serve(env, `${LOGS}-term.log`);
      await until(() => deliveryStatuses(dbPath, 'floorwalk_prompt').sent === plant.leaders.length, 30_000, 'the rest');
      await proc.kill('SIGTERM');
      const counts = dmCounts(fake);
      expect(counts.size).toBe(plant.leaders.length);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      if (proc?.running) await proc.kill('SIGKILL');
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
