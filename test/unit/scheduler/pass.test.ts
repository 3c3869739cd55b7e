import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps';
import { openSqliteStore } from '../../../src/store/sqlite';
import { LAST_PASS_KEY, MISSED_REASON, runPass } from '../../../src/scheduler/pass';
import { createScheduler } from '../../../src/scheduler/scheduler';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPerson, keyComposer, listSource, ruleSource, seedOrg, testModule } from '../../support/scheduler-fixtures';

let core: TestCore;
afterEach(() => core?.cleanup());

const MIN = 60_000;
const HOUR = 3_600_000;

// Monday 2026-03-02, 12:00 UTC = 07:00 in New York (EST).
const START = '2026-03-02T12:00:00Z';

/** A scheduler with a 07:30 New York weekday meeting reminder for local:ann. */
function meetingScheduler(deps: CoreDeps) {
  const source = ruleSource([
    {
      orgId: 'local',
      personId: 'local:ann',
      kind: 'meeting_reminder',
      name: 'm1',
      rule: { recurrence: { kind: 'weekdays' }, time: '07:30', timeZone: 'America/New_York' },
    },
  ]);
  const scheduler = createScheduler({ deps, modules: [testModule([source], [keyComposer('meeting_reminder')])] });
  return { scheduler, source };
}

async function meetingSetup() {
  core = makeTestCore(START);
  await seedOrg(core);
  await addPerson(core, { id: 'local:ann', timeZone: 'America/New_York' });
  return meetingScheduler(core.deps);
}

describe('a scheduler pass', () => {
  it('looks back one minute on the very first pass, then covers (last pass, now]', async () => {
    const { scheduler, source } = await meetingSetup();
    const now = core.clock.now();
    const first = await scheduler.runPass(now);
    expect([first.from, first.to]).toEqual([now - MIN, now]);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(now));
    await scheduler.runPass(now + 45 * MIN);
    expect(source.calls).toEqual([
      [now - MIN, now],
      [now, now + 45 * MIN],
    ]);
    const d = await core.store.deliveries.getByKey('meeting_reminder:m1:2026-03-02T07:30');
    expect(d).toMatchObject({ status: 'pending', dueAt: Date.parse('2026-03-02T12:30:00Z') });
  });

  it('never moves last_pass_at backwards (within the clock skew two processes may have)', async () => {
    const { scheduler } = await meetingSetup();
    const now = core.clock.now();
    await scheduler.runPass(now);
    await scheduler.runPass(now - 4 * MIN);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(now));
  });

  it('repeats the window after a crash between enqueue and last_pass_at, without duplicates', async () => {
    const { scheduler } = await meetingSetup();
    const t0 = core.clock.now();
    await scheduler.runPass(t0);
    // The pass that crashed: it enqueued 07:30 but died before recording its end.
    const crashed = await scheduler.runPass(t0 + HOUR);
    expect(crashed.enqueued).toBe(1);
    await core.store.setState(LAST_PASS_KEY, String(t0));

    // Restart: a new connection, a new scheduler, the same file.
    const store = openSqliteStore(core.dbPath, () => core.clock.now());
    try {
      const { scheduler: restarted } = meetingScheduler({ ...core.deps, store });
      core.clock.set(t0 + 2 * HOUR);
      const again = await restarted.tick(core.clock.now());
      expect([again.pass.from, again.pass.triggers, again.pass.enqueued]).toEqual([t0, 1, 0]);
      expect(again.drain.sent).toBe(1);
      expect(core.local.inbox('local:ann').map((m) => m.message.summary)).toEqual(['meeting_reminder:m1:2026-03-02T07:30']);
    } finally {
      store.close();
    }
  });

  it('does not advance past a window in which a source failed, so the next pass repeats it', async () => {
    core = makeTestCore(START);
    await seedOrg(core);
    const t0 = core.clock.now();
    let failing = true;
    const flaky = {
      name: 'flaky',
      async triggers(from: number, to: number) {
        if (failing) throw new Error('database is locked');
        return [{ orgId: 'local', key: `win_post:${t0 + MIN}`, kind: 'win_post' as const, channel: '#wins', subject: {}, dueAt: t0 + MIN }].filter(
          (t) => t.dueAt > from && t.dueAt <= to,
        );
      },
    };
    const scheduler = createScheduler({ deps: core.deps, modules: [testModule([flaky], [keyComposer('win_post')])] });
    await core.store.setState(LAST_PASS_KEY, String(t0));
    const failed = await scheduler.runPass(t0 + 2 * MIN);
    expect(failed).toMatchObject({ failedSources: ['flaky'], advanced: false });
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(t0));
    failing = false;
    const next = await scheduler.tick(t0 + 3 * MIN);
    expect([next.pass.from, next.pass.enqueued, next.drain.sent]).toEqual([t0, 1, 1]);
    expect(core.local.inbox('#wins')).toHaveLength(1);
  });

  // Two schedulers on two connections in one process interleave between statements, never inside
  // one: claim atomicity across real processes is in test/integration/claim-race.test.ts.
  it('lets two schedulers on two connections pass and send interleaved without creating or sending anything twice', async () => {
    core = makeTestCore(START);
    await seedOrg(core);
    const t0 = core.clock.now();
    const triggers = Array.from({ length: 60 }, (_, i) => ({
      orgId: 'local',
      key: `win_post:w${i}`,
      kind: 'win_post' as const,
      channel: `#c${i % 3}`,
      subject: {},
      dueAt: t0 - i * 1_000,
    }));
    const other = openSqliteStore(core.dbPath, () => core.clock.now());
    try {
      const make = (deps: CoreDeps, owner: string) =>
        createScheduler({ deps, owner, modules: [testModule([listSource(triggers)], [keyComposer('win_post')])] });
      const a = make(core.deps, 'process-a');
      const b = make({ ...core.deps, store: other }, 'process-b');
      await core.store.setState(LAST_PASS_KEY, String(t0 - HOUR));
      const [ra, rb] = await Promise.all([a.tick(t0), b.tick(t0)]);
      expect(ra.pass.enqueued + rb.pass.enqueued).toBe(60);
      expect(ra.drain.sent + rb.drain.sent).toBe(60);
      const sent = core.local.all().map((m) => m.message.summary);
      expect(sent).toHaveLength(60);
      expect(new Set(sent).size).toBe(60);
      expect(await core.store.deliveries.counts()).toMatchObject({ sent: 60, pending: 0, sending: 0 });
    } finally {
      other.close();
    }
  });

  it('sends an occurrence missed by downtime inside the grace window once, late', async () => {
    const { scheduler } = await meetingSetup();
    const t0 = core.clock.now(); // 07:00 New York
    await scheduler.tick(t0);
    core.clock.advance(5 * HOUR); // down from 07:00 to 12:00; 07:30 is 4.5 h late (grace 6 h)
    const result = await scheduler.tick(core.clock.now());
    expect([result.pass.enqueued, result.drain.sent]).toEqual([1, 1]);
    const d = await core.store.deliveries.getByKey('meeting_reminder:m1:2026-03-02T07:30');
    expect(d).toMatchObject({ status: 'sent', sentAt: t0 + 5 * HOUR });
    await scheduler.tick(core.clock.advance(MIN));
    expect(core.local.inbox('local:ann')).toHaveLength(1);
  });

  it('records occurrences missed beyond the grace window as skipped and never sends them', async () => {
    const { scheduler } = await meetingSetup();
    const t0 = core.clock.now(); // Monday 07:00 New York
    await scheduler.tick(t0);
    core.clock.advance(2 * 24 * HOUR + 2 * HOUR); // back on Wednesday 09:00: Mon and Tue 07:30 too old, Wed 07:30 is fine
    const result = await scheduler.tick(core.clock.now());
    expect(result.pass).toMatchObject({ triggers: 3, enqueued: 3, skipped: 2 });
    for (const day of ['2026-03-02', '2026-03-03']) {
      expect(await core.store.deliveries.getByKey(`meeting_reminder:m1:${day}T07:30`)).toMatchObject({
        status: 'skipped',
        lastError: MISSED_REASON,
        attempts: 0,
      });
    }
    expect(core.local.inbox('local:ann').map((m) => m.message.summary)).toEqual(['meeting_reminder:m1:2026-03-04T07:30']);
  });

  it('looks back at most seven days after a long downtime', async () => {
    const { scheduler, source } = await meetingSetup();
    const t0 = core.clock.now();
    await scheduler.runPass(t0);
    const later = t0 + 30 * 24 * HOUR;
    const result = await scheduler.runPass(later);
    expect(result.from).toBe(later - 7 * 24 * HOUR);
    expect(source.calls.at(-1)).toEqual([later - 7 * 24 * HOUR, later]);
    // 2026-04-01 12:00Z is 08:00 EDT: Mar 26, 27, 30, 31 are too old, Apr 1 07:30 is within grace;
    // Mar 3 … Mar 25 are not even recorded.
    expect(await core.store.deliveries.counts()).toMatchObject({ skipped: 4, pending: 1 });
    expect(await core.store.deliveries.getByKey('meeting_reminder:m1:2026-03-25T07:30')).toBeUndefined();
  });

  it('starts again from now, with one error, when the stored pass time is ahead of the clock', async () => {
    await meetingSetup();
    const errors: Array<{ obj: object; msg?: string }> = [];
    const log = { ...core.deps.log, error: (obj: object, msg?: string) => void errors.push({ obj, msg }) };
    const { source } = meetingScheduler(core.deps);
    const pass = (at: number) => runPass({ deps: core.deps, sources: [source], log }, at);
    const now = core.clock.now();
    // A minute of clock skew between two processes is no error: the pass waits for the clock.
    await core.store.setState(LAST_PASS_KEY, String(now + 2 * MIN));
    expect((await pass(now)).enqueued).toBe(0);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(now + 2 * MIN));
    // `tick --at` three days ahead, then the real clock: the 07:30 reminder must still go out.
    const future = now + 72 * HOUR;
    await core.store.setState(LAST_PASS_KEY, String(future));
    const first = await pass(now + 30 * MIN);
    expect([first.from, first.to]).toEqual([now + 29 * MIN, now + 30 * MIN]);
    expect(first.enqueued).toBe(1);
    expect(await core.store.getState(LAST_PASS_KEY)).toBe(String(now + 30 * MIN));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain(new Date(future).toISOString());
    const next = await pass(now + 31 * MIN);
    expect([next.from, next.to]).toEqual([now + 30 * MIN, now + 31 * MIN]);
    expect(errors).toHaveLength(1);
  });
});

describe('suppression in the pass', () => {
  it("skips prompts on away, shutdown, non-work and not-yet-joined days, in the person's own zone", async () => {
    core = makeTestCore('2026-06-01T00:00:00Z');
    await seedOrg(core);
    const site = await core.store.sites.create(
      { orgId: 'local', name: 'Plant', timeZone: 'America/Chicago', workDays: [1, 2, 3, 4, 5], winsChannel: null },
      null,
    );
    await addPerson(core, { id: 'local:ann', siteId: site.id, joinedOn: '2026-06-02' });
    await core.store.sites.addClosure('local', { siteId: site.id, fromDate: '2026-06-04', toDate: '2026-06-04', reason: 'shutdown' }, null);
    await core.store.away.add('local', { personId: 'local:ann', fromDate: '2026-06-05', toDate: '2026-06-05', reason: null }, null);
    // 23:30 Chicago is already the next day in UTC: the local date decides.
    const rule = { recurrence: { kind: 'daily' as const }, time: '23:30', timeZone: 'America/Chicago' };
    // The source says whether its prompts can be excused, not the kind: the same kind from a
    // source that is not suppressible goes out on any day.
    const prompts = ruleSource([{ orgId: 'local', personId: 'local:ann', kind: 'floorwalk_prompt', name: 'fw', rule }], 'prompts', true);
    const notices = ruleSource(
      [
        { orgId: 'local', personId: 'local:ann', kind: 'followup_assigned', name: 'fa', rule },
        { orgId: 'local', personId: 'local:ann', kind: 'floorwalk_prompt', name: 'notice', rule },
      ],
      'notices',
    );
    const scheduler = createScheduler({ deps: core.deps, modules: [testModule([prompts, notices], [])] });
    await core.store.setState(LAST_PASS_KEY, String(core.clock.now()));
    // Hourly passes through Saturday 23:30 Chicago, as the ticker would run them.
    for (let t = core.clock.now(); t <= Date.parse('2026-06-07T06:00:00Z'); t += HOUR) await scheduler.runPass(t);

    const status = async (kind: string, name: string, date: string) => {
      const d = await core.store.deliveries.getByKey(`${kind}:${name}:${date}T23:30`);
      return d?.status === 'skipped' ? d.lastError : d?.status;
    };
    const expected: Record<string, string> = {
      '2026-06-01': 'excused: not_joined',
      '2026-06-02': 'pending',
      '2026-06-03': 'pending',
      '2026-06-04': 'excused: shutdown',
      '2026-06-05': 'excused: away',
      '2026-06-06': 'excused: non_work_day',
    };
    for (const [date, want] of Object.entries(expected)) {
      expect([date, await status('floorwalk_prompt', 'fw', date)]).toEqual([date, want]);
      // A new follow-up's owner is told on any day.
      expect([date, await status('followup_assigned', 'fa', date)]).toEqual([date, 'pending']);
      expect([date, await status('floorwalk_prompt', 'notice', date)]).toEqual([date, 'pending']);
    }
  });

  it('uses the site zone when the person has none, and leaves unknown people alone', async () => {
    core = makeTestCore('2026-06-01T00:00:00Z');
    await seedOrg(core);
    const site = await core.store.sites.create({ orgId: 'local', name: 'Tokyo', timeZone: 'Asia/Tokyo', workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
    await addPerson(core, { id: 'local:ken', siteId: site.id });
    // Friday 2026-06-05 20:00 UTC is Saturday 05:00 in Tokyo: not a work day there.
    const dueAt = Date.parse('2026-06-05T20:00:00Z');
    const triggers = ['local:ken', 'local:ghost'].map((personId) => ({
      orgId: 'local',
      key: `meeting_check:${personId}`,
      kind: 'meeting_check' as const,
      personId,
      subject: {},
      dueAt,
    }));
    await core.store.setState(LAST_PASS_KEY, String(dueAt - MIN));
    await runPass({ deps: core.deps, sources: [listSource(triggers, 'checks', true)], log: core.deps.log }, dueAt);
    expect(await core.store.deliveries.getByKey('meeting_check:local:ken')).toMatchObject({ lastError: 'excused: non_work_day' });
    expect(await core.store.deliveries.getByKey('meeting_check:local:ghost')).toMatchObject({ status: 'pending' });
  });
});
