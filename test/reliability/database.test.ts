// Database trouble, on real files with real processes: another process holds the write lock for
// 10 s while the server is delivering a fan-out and Slack commands keep arriving; a SIGKILL in the
// middle of a write burst; and an online backup (`clause5 backup`) taken while the server writes.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { SlackRequests } from '../support/slack-requests';
import { percentile } from './support/client';
import { deliveryStatuses, integrityCheck, rowCounts } from './support/db';
import { addToFake, dmCounts, justDue, reached, SIGNING_SECRET, seedSlackPlant, slackEnv } from './support/plant';
import { ROOT, runCommand, serve, sleep, until } from './support/process';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';

const LOGS = 'database';
let fake: FakeSlack;
let dir: string;
beforeAll(async () => {
  freshLogs(LOGS);
  fake = await new FakeSlack().start();
  dir = tempDir('clause5-db-');
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(LOGS);
});

/** Another process that takes the write lock and keeps it for `ms`. */
function holdLock(dbPath: string, ms: number): { locked: Promise<void>; released: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/reliability/support/hold-lock.ts'), dbPath, String(ms)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes(word)) resolve();
      });
      child.on('exit', (code) => (out.includes(word) ? resolve() : reject(new Error(`lock holder exited (${code}) before "${word}"`))));
    });
  return { locked: seen('locked'), released: seen('released') };
}

describe('another process holds the write lock for 10 s', () => {
  it('Slack commands are still acknowledged within 3 s, and the deliveries and replies go out once it is released', { timeout: 90_000 }, async () => {
    const dbPath = join(dir, 'locked.db');
    const plant = seedSlackPlant(dbPath, { workspaces: 3, leadersPer: 60, dueAt: justDue(), prefix: 'DB' }); // under Slack's 100 messages a minute per workspace
    addToFake(fake, plant);
    const ws = plant.workspaces[0]!;
    const server = await serve(slackEnv(dbPath, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' }), `${LOGS}-lock.log`);
    try {
      const requests = new SlackRequests(`${server.url}/slack/events`, SIGNING_SECRET, fake);
      await until(() => reached(fake, plant) >= 40, 30_000, 'the fan-out to be under way');
      const lock = holdLock(dbPath, 10_000);
      await lock.locked;
      const lockedAt = performance.now();
      const deliveredAtLock = reached(fake, plant);
      // A command every 200 ms while the lock is held, each timed until its HTTP answer.
      const sent: Array<Promise<{ status: number; ms: number }>> = [];
      for (let i = 0; performance.now() - lockedAt < 9_500; i++) {
        const started = performance.now();
        const user = plant.leaders[i % plant.leaders.length]!.userId;
        sent.push(requests.command(ws, user, 'help').then((res) => ({ status: res.status, ms: performance.now() - started })));
        await sleep(200);
      }
      const deliveredDuringLock = reached(fake, plant) - deliveredAtLock;
      const acks = await Promise.all(sent);
      await lock.released;
      await until(() => deliveryStatuses(dbPath, 'floorwalk_prompt').sent === plant.leaders.length, 60_000, 'the rest of the fan-out');
      await until(() => fake.responses.length >= acks.length, 30_000, 'the replies to every command'); // the first test: no earlier replies
      const latencies = acks.map((a) => a.ms);
      figure(
        'write-lock',
        `write lock 10 s: ${acks.length} commands, ack p50 ${percentile(latencies, 50).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ` +
          `${deliveredDuringLock} prompts went out while it was held (${deliveredAtLock} before), the other ${plant.leaders.length - deliveredAtLock - deliveredDuringLock} after`,
        { commands: acks.length, p50: percentile(latencies, 50), max: Math.max(...latencies) },
      );
      expect(acks.every((a) => a.status === 200)).toBe(true);
      expect(Math.max(...latencies)).toBeLessThan(3_000);
      expect(deliveryStatuses(dbPath, 'floorwalk_prompt')).toEqual({ sent: plant.leaders.length });
      expect([...dmCounts(fake).values()].every((n) => n === 1)).toBe(true);
      expect(fake.responses.every((r) => r.outcome === 'ok' && JSON.stringify(r.body).includes('/clause5'))).toBe(true);
    } finally {
      await server.kill('SIGTERM');
    }
  });
});

describe('SIGKILL during a write burst', () => {
  it('leaves a file that passes integrity_check after each of 3 kills mid-write, and the restarted server finishes the work', {
    timeout: 180_000,
  }, async () => {
    const dbPath = join(dir, 'burst.db');
    const plant = seedSlackPlant(dbPath, { workspaces: 5, leadersPer: 50, dueAt: justDue(), prefix: 'KB' });
    addToFake(fake, plant);
    const env = slackEnv(dbPath, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' });
    const checks: string[] = [];
    const atKill: Array<{ walBytes: number; sending: number }> = [];
    for (const [k, killAt] of [40, 100, 160].entries()) {
      const server = await serve(env, `${LOGS}-burst.log`);
      const requests = new SlackRequests(`${server.url}/slack/events`, SIGNING_SECRET, fake);
      // Writes from both sides: the fan-out, and commands from people never seen before (a person each).
      const burst = (async () => {
        for (let i = 0; server.running && i < 200; i++) {
          void requests.command(plant.workspaces[i % 5]!, `UNEW${k}X${i}`, 'help').catch(() => undefined);
          await sleep(5);
        }
      })();
      await until(() => reached(fake, plant) >= killAt || !server.running, 30_000, 'the burst');
      await server.kill('SIGKILL');
      await burst;
      // Evidence the kill landed mid-write, read before anything opens the file again (the last
      // connection to close checkpoints the WAL away): unwritten-back WAL frames, and deliveries
      // claimed but not finished.
      atKill.push({
        walBytes: existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0,
        sending: deliveryStatuses(dbPath, 'floorwalk_prompt').sending ?? 0,
      });
      checks.push(integrityCheck(dbPath));
    }
    expect(
      atKill.every((a) => a.walBytes > 0 && a.sending > 0),
      JSON.stringify(atKill),
    ).toBe(true);
    expect(checks).toEqual(['ok', 'ok', 'ok']);
    const last = await serve(env, `${LOGS}-burst.log`);
    // Sent, or skipped on takeover when a kill fell between opening the prompt and recording the send
    // (the prompt did go out, once: see kill.test.ts).
    const finished = () => {
      const s = deliveryStatuses(dbPath, 'floorwalk_prompt');
      return (s.sent ?? 0) + (s.skipped ?? 0) === plant.leaders.length && !s.pending && !s.sending;
    };
    await until(finished, 30_000, 'the rest of the fan-out');
    await last.kill('SIGTERM');
    expect(reached(fake, plant)).toBe(plant.leaders.length);
    expect(integrityCheck(dbPath)).toBe('ok');
  });
});

describe('an online backup taken while the server writes', () => {
  it('is consistent: it passes integrity_check, and a server started on the restored copy works', { timeout: 120_000 }, async () => {
    const dbPath = join(dir, 'live.db');
    const plant = seedSlackPlant(dbPath, { workspaces: 5, leadersPer: 60, dueAt: justDue(), prefix: 'BK' });
    addToFake(fake, plant);
    const server = await serve(slackEnv(dbPath, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' }), `${LOGS}-backup.log`);
    const backupPath = join(dir, 'backup.db');
    try {
      await until(() => reached(fake, plant) >= 60, 30_000, 'writes to be under way');
      const sentBefore = deliveryStatuses(dbPath, 'floorwalk_prompt').sent ?? 0;
      const backup = await runCommand(['backup', backupPath], { CLAUSE5_DB: dbPath, NODE_ENV: 'production' }, `${LOGS}-backup.log`);
      const sentAfter = deliveryStatuses(dbPath, 'floorwalk_prompt').sent ?? 0;
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('integrity_check: ok');
      expect(sentAfter).toBeGreaterThan(sentBefore); // the server really was writing meanwhile
      expect(integrityCheck(backupPath)).toBe('ok');
      // The copy is one moment of the database: its sent prompts are between the two counts and
      // each of them has its prompt row.
      const copy = rowCounts(backupPath);
      const copySent = deliveryStatuses(backupPath, 'floorwalk_prompt').sent ?? 0;
      // A prompt row is opened just before its delivery is marked sent: never fewer, at most the sends in flight more.
      expect(copy.prompts).toBeGreaterThanOrEqual(copySent);
      expect(copy.prompts).toBeLessThanOrEqual(copySent + 4);
      expect(copySent).toBeGreaterThanOrEqual(sentBefore);
      expect(copySent).toBeLessThanOrEqual(sentAfter);
      expect(copy.people).toBe(plant.leaders.length);
    } finally {
      await server.kill('SIGTERM');
    }
    // Restore: the copy becomes the database of a new server, which finishes the fan-out from it.
    const restored = join(dir, 'restored.db');
    copyFileSync(backupPath, restored);
    const again = await serve(slackEnv(restored, fake.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' }), `${LOGS}-backup.log`);
    try {
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
      // Once in a full CI run this took over 30 s (not seen again in isolation or under load): the
      // time-out now says what the deliveries and the server's warnings were.
      await until(
        () => deliveryStatuses(restored, 'floorwalk_prompt').sent === plant.leaders.length,
        60_000,
        () =>
          `the restored server to finish: deliveries ${JSON.stringify(deliveryStatuses(restored))}, warnings ${JSON.stringify(
            again
              .logLines()
              .filter((l) => l.level >= 40)
              .slice(-5),
          )}`,
      );
    } finally {
      await again.kill('SIGTERM');
    }
    expect(integrityCheck(restored)).toBe('ok');
  });
});
