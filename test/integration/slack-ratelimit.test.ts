// A 429 storm in one workspace delays that workspace's sends and loses nothing: the scheduler's
// deliveries stay queued and go out after Retry-After, exactly once, while the other workspace's
// messages are not held up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installViaOAuth, startSlackHarness, workspace, type SlackHarness } from '../support/slack-harness';

const LEADERS = ['U0L1', 'U0L2', 'U0L3'];
const acme = workspace('T0ACME', 'Acme', [{ id: 'U0ADA', name: 'Ada' }, ...LEADERS.map((id) => ({ id, name: `Leader ${id}`, tz: 'America/Chicago' }))]);
const globex = workspace('T0GLOBEX', 'Globex', [
  { id: 'U1GIL', name: 'Gil' },
  { id: 'U1UMA', name: 'Uma', tz: 'America/Chicago' },
]);

let h: SlackHarness;
const start = Date.parse('2026-11-23T15:00:00Z'); // Monday 09:00 Chicago

async function run(ws: typeof acme, user: string, text: string) {
  await h.requests.command(ws, user, text);
  await h.settle();
}

/** Statuses of the after-meeting checks (the reminders before 07:30 were rightly skipped as over). */
function statuses(orgId: string): Record<string, number> {
  const rows = h.tc.store.database.sqlite
    .prepare("select status, count(*) as n from deliveries where org_id = ? and kind = 'meeting_check' group by status")
    .all(orgId) as Array<{ status: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

beforeAll(async () => {
  h = await startSlackHarness({ oauth: true, others: [acme, globex], start: new Date(start).toISOString() });
  await installViaOAuth(h, acme, { installer: 'U0ADA' });
  await installViaOAuth(h, globex, { installer: 'U1GIL' });
  for (const id of LEADERS) {
    await run(acme, 'U0ADA', `admin role <@${id}> leader`);
    await run(acme, id, 'meeting add "Shift start" weekdays 07:30');
  }
  await run(globex, 'U1GIL', 'admin role <@U1UMA> leader');
  await run(globex, 'U1UMA', 'meeting add "Line review" weekdays 07:30');
  await h.scheduler.runPass(start);
});
afterAll(async () => h?.close());

describe('a 429 storm in one workspace', () => {
  const checkTime = Date.parse('2026-11-24T14:00:30Z'); // Tuesday: every 07:30 meeting's check (08:00 Chicago) is due

  it('delays only that workspace: its deliveries stay queued, the other workspace is delivered', async () => {
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 30 }, 1000, acme.teamId);
    h.tc.clock.set(checkTime);
    await h.scheduler.tick(checkTime);
    expect(statuses('slack:T0GLOBEX')).toMatchObject({ sent: 1 });
    expect(h.fake.posted('U1UMA', globex.teamId)).toHaveLength(1);
    const acmeStatus = statuses('slack:T0ACME');
    expect(acmeStatus.pending).toBe(3);
    expect(acmeStatus.sent ?? 0).toBe(0);
    expect(acmeStatus.failed ?? 0).toBe(0);
    // Only the sends already in flight met the 429 (the sender runs at most 2 per organisation at
    // once); the rest of the workspace waited instead of hammering Slack.
    const refused = h.fake.callsTo('chat.postMessage', acme.teamId, 'ratelimited').length;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(2);
  });

  it('refuses further sends to that workspace without calling Slack until Retry-After has passed', async () => {
    const calls = h.fake.calls.length;
    await expect(h.tc.deps.platform.sendDirect('slack:T0ACME', 'slack:T0ACME:U0L1', { summary: 'hello', blocks: [] })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(h.fake.calls.length).toBe(calls);
    await h.tc.deps.platform.sendDirect('slack:T0GLOBEX', 'slack:T0GLOBEX:U1UMA', { summary: 'hello', blocks: [] });
  });

  it('keeps retrying while Slack keeps refusing, and loses nothing', async () => {
    const refusedBefore = h.fake.callsTo('chat.postMessage', acme.teamId, 'ratelimited').length;
    let now = checkTime;
    for (let i = 0; i < 3; i++) {
      now += 31_000;
      h.tc.clock.set(now);
      await h.scheduler.tick(now);
      expect(statuses('slack:T0ACME')).toEqual({ pending: 3 });
    }
    const refused = h.fake.callsTo('chat.postMessage', acme.teamId, 'ratelimited').length - refusedBefore;
    expect(refused).toBeGreaterThanOrEqual(3); // at least one try per Retry-After, no more than 2 at once
    expect(refused).toBeLessThanOrEqual(6);
  });

  it('delivers every queued message exactly once when the storm is over', async () => {
    h.fake.clearFailures();
    const now = h.tc.clock.now() + 31_000;
    h.tc.clock.set(now);
    await h.scheduler.tick(now);
    expect(statuses('slack:T0ACME')).toEqual({ sent: 3 });
    for (const id of LEADERS) {
      const dms = h.fake.posted(id, acme.teamId);
      expect(dms).toHaveLength(1);
      expect(JSON.stringify(dms[0]!.args.blocks)).toContain('Shift start');
    }
  });
});
