// Three Clause5 instances on one PostgreSQL database send to one Slack workspace: each has its own
// connection pool, platform state, Web API client and pacer (as a serve process wires them), and all
// of them keep to ONE workspace limit, because the pacers count in the send log in the database. The
// fake Slack Web API counts the messages per rolling window on the test's clock and answers 429
// beyond the limit. Time is the test's clock: each step every instance tries to send, nobody sleeps
// (maxWaitMs 0: a slot not free now is refused as rate_limited, as the sender would retry later).
// PGlite cannot be shared by separate pools: skipped only when no server answers.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatErrorOf } from '../../src/scheduler/retry';
import { SlackApi } from '../../src/platforms/slack/api';
import { SlackInstallations } from '../../src/platforms/slack/installations';
import { Pacer } from '../../src/platforms/slack/pacer';
import { type OpenPgDatabase, openPgDatabase } from '../../src/store/pg/db';
import { createPgPlatformState } from '../../src/store/pg/platform-state';
import { SecretBox } from '../../src/store/secret-box';
import { silentLogger } from '../../src/core/ports';
import { POSTGRES } from '../support/engines';
import { FakeSlack } from '../support/fake-slack';
import { databaseUrl, onServer } from '../support/pg-databases';
import { workspace } from '../support/slack-harness';

const LIMIT = 20;
const WINDOW_MS = 10_000;
const STEP_MS = 100;
const STEPS = 300; // 30 s on the test's clock
const INSTANCES = 3;
const CHANNELS = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(3, '0')}`);
const acme = workspace('T0ACME', 'Acme', [], CHANNELS);

const dbName = `clause5_test_slots_${process.pid}_${randomBytes(4).toString('hex')}`;
let now = Date.parse('2026-12-04T09:00:00Z');
let fake: FakeSlack;
const pools: OpenPgDatabase[] = [];
const box = new SecretBox(Buffer.alloc(32, 7));
/** When the fake accepted each message (the test's clock). */
const accepted: number[] = [];

/** Slack's side: at most LIMIT message writes per workspace in any rolling WINDOW_MS, else 429. */
function limiter(method: string): number | undefined {
  if (method !== 'chat.postMessage') return undefined;
  const inWindow = accepted.filter((t) => t > now - WINDOW_MS).length;
  if (inWindow >= LIMIT) return 1;
  accepted.push(now);
  return undefined;
}

function mostInAnyWindow(times: number[]): number {
  let most = 0;
  for (const start of times) most = Math.max(most, times.filter((t) => t >= start && t < start + WINDOW_MS).length);
  return most;
}

describe.skipIf(POSTGRES !== 'postgres')('three instances, one workspace limit counted in PostgreSQL', () => {
  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${dbName}`);
    fake = await new FakeSlack().start();
    fake.addWorkspace(acme);
    fake.limiter = limiter;
    for (let i = 0; i < INSTANCES; i++) pools.push(await openPgDatabase(databaseUrl(dbName), { poolSize: 4 }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await fake?.stop();
    await onServer(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }, 60_000);

  it('keeps the workspace within one limit, and every instance still sends', async () => {
    const clock = () => now;
    const instances = pools.map((database) => {
      const state = createPgPlatformState(database, clock, { box });
      const pacer = new Pacer({
        now: clock,
        slots: state.sendSlots,
        workspacePerMinute: LIMIT,
        windowMs: WINDOW_MS,
        perChannelMs: 0,
        maxWaitMs: 0,
      });
      const installations = new SlackInstallations(state.slackInstallations);
      return { installations, api: new SlackApi({ slackApiUrl: fake.url, installations, pacer, log: silentLogger }), sent: 0, refused: 0 };
    });
    await instances[0]!.installations.save({ ...acme, enterpriseId: null, installerUserId: null, scopes: [] });

    for (let step = 0; step < STEPS; step++, now += STEP_MS) {
      const tries = instances.flatMap((instance, i) =>
        [0, 1].map(async (k) => {
          const channel = CHANNELS[(step * 6 + i * 2 + k) % CHANNELS.length]!;
          try {
            await instance.api.call(acme.teamId, 'chat.postMessage', { channel, text: `step ${step}` });
            instance.sent++;
          } catch (error) {
            if (chatErrorOf(error)?.code !== 'rate_limited') throw error;
            instance.refused++;
          }
        }),
      );
      await Promise.all(tries);
    }

    const slackSaid429 = fake.calls.filter((c) => c.outcome === 'ratelimited').length;
    const sent = instances.map((i) => i.sent);
    expect({ slackSaid429, mostInAnyWindow: mostInAnyWindow(accepted) <= LIMIT }).toEqual({ slackSaid429: 0, mostInAnyWindow: true });
    // The limit is used, not merely undershot: LIMIT at once in each of the three windows of the 30 s.
    expect(sent.reduce((a, b) => a + b, 0)).toBe((STEPS * STEP_MS * LIMIT) / WINDOW_MS);
    // Every instance gets slots (whichever asks first in a step takes it: shares are not promised equal).
    for (const n of sent) expect(n).toBeGreaterThan(0);
  }, 120_000);
});
