// 429 storm against a real `clause5 serve` delivering a fan-out to three workspaces, time-compressed
// (Retry-After of 1–2 s instead of 30–60 s; the "minute" of refusals lasts 5 s): first Slack
// refuses 20 % of all calls, then every call of one workspace. Nobody calls again before the
// Retry-After it was given, the other workspaces keep sending through the storm, nothing is dropped.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { FakeSlack } from '../support/fake-slack';
import { deliveryStatuses } from './support/db';
import { addToFake, dmCounts, justDue, seedSlackPlant, slackEnv } from './support/plant';
import { Clause5Process, until } from './support/process';
import { rng, runSeed } from './support/random';
import { figure } from './support/figure';
import { expectNoSecrets, freshLogs } from './support/secrets';
import { earlyRetries, StormProxy } from './support/storm';

const LOGS = 'storm';
const SOME = 2_500; // 20 % refused for 2.5 s
const ALL = 5_000; // then one workspace refused entirely for 5 s
freshLogs(LOGS);
afterAll(() => expectNoSecrets(LOGS));

describe('a 429 storm during a fan-out', () => {
  it('(the check) finds a call that came before the Retry-After was over, and ignores one already on its way', () => {
    const refused = { team: 'T1', method: 'chat.postMessage', at: 1_000, answeredAt: 1_005, retryAfterMs: 1_000, outcome: 'ratelimited' as const };
    const onItsWay = { team: 'T1', method: 'chat.postMessage', at: 1_050, outcome: 'forwarded' as const };
    const tooEarly = { team: 'T1', method: 'chat.postMessage', at: 1_600, outcome: 'forwarded' as const };
    const otherTeam = { team: 'T2', method: 'chat.postMessage', at: 1_600, outcome: 'forwarded' as const };
    const afterwards = { team: 'T1', method: 'chat.postMessage', at: 2_100, outcome: 'forwarded' as const };
    expect(earlyRetries([refused, onItsWay, tooEarly, otherTeam, afterwards])).toEqual([{ call: tooEarly, after: refused }]);
  });

  it('waits out every Retry-After, keeps the other workspaces going, and drops nothing', { timeout: 90_000 }, async () => {
    const seed = runSeed();
    const random = rng(seed);
    const dir = tempDir('clause5-storm-');
    const fake = await new FakeSlack().start();
    let proxy: StormProxy | undefined;
    let proc: Clause5Process | undefined;
    try {
      const dbPath = join(dir, 'clause5.db');
      const plant = seedSlackPlant(dbPath, { workspaces: 3, leadersPer: 80, dueAt: justDue(), prefix: 'ST' });
      addToFake(fake, plant);
      const [stormed, ...others] = plant.workspaces.map((w) => w.teamId);
      proxy = await new StormProxy(fake, plant.workspaces, ({ team, method, elapsed }) => {
        if (method !== 'chat.postMessage') return undefined;
        if (elapsed < SOME) return random.chance(0.2) ? 1 : undefined;
        if (elapsed < SOME + ALL && team === stormed) return 2;
        return undefined;
      }).start();
      proc = new Clause5Process(['serve'], slackEnv(dbPath, proxy.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' }), `${LOGS}-server.log`);
      const total = plant.leaders.length;
      await until(() => deliveryStatuses(dbPath, 'floorwalk_prompt').sent === total, 60_000, 'every prompt to be sent');
      await proc.kill('SIGTERM');

      const calls = proxy.calls.filter((c) => c.method === 'chat.postMessage');
      const refused = calls.filter((c) => c.outcome === 'ratelimited');
      const start = proxy.started!;
      const inAll = (c: { at: number }) => c.at - start >= SOME && c.at - start < SOME + ALL;
      const othersDuringAll = calls.filter((c) => c.outcome === 'forwarded' && others.includes(c.team!) && inAll(c)).length;
      const stormedDuringAll = calls.filter((c) => c.team === stormed && inAll(c));
      figure(
        'storm',
        `storm seed ${seed}: ${calls.length} calls, ${refused.length} answered 429 (${refused.filter((c) => c.at - start < SOME).length} in the 20 % phase), ` +
          `other workspaces sent ${othersDuringAll} during the 100 % phase, the stormed one tried ${stormedDuringAll.length} times in it`,
        { calls: calls.length, refused: refused.length, othersDuringAll, stormedTries: stormedDuringAll.length, early: earlyRetries(calls).length },
      );
      // Nobody called again before the Retry-After they were given.
      expect(earlyRetries(calls)).toEqual([]);
      expect(refused.length).toBeGreaterThanOrEqual(5);
      // The storm in one workspace did not stop the others.
      expect(othersDuringAll).toBeGreaterThan(0);
      // The stormed workspace tried about once per Retry-After (2 s) with at most 2 sends in flight, not more.
      expect(stormedDuringAll.length).toBeLessThanOrEqual(2 * Math.ceil(ALL / 2_000) + 2);
      expect(stormedDuringAll.every((c) => c.outcome === 'ratelimited')).toBe(true);
      // Nothing dropped, nothing twice.
      expect(deliveryStatuses(dbPath, 'floorwalk_prompt')).toEqual({ sent: total });
      const counts = dmCounts(fake);
      expect(counts.size).toBe(total);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      if (proc?.running) await proc.kill('SIGKILL');
      await proxy?.stop();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
