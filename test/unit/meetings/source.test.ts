import { afterEach, describe, expect, it } from 'vitest';
import type { Trigger } from '../../../src/core/deliveries';
import { meetingsModule } from '../../../src/core/meetings/module';
import { localParts } from '../../../src/core/time';
import type { TestCore } from '../../support/core';
import { ADMIN, LEADER, meetingsCore, ORG, say } from './support';

let core: TestCore;
afterEach(() => core?.cleanup());

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function source() {
  return meetingsModule.sources!(core.deps)[0]!;
}

function local(instant: number, zone = 'America/New_York') {
  const p = localParts(instant, zone);
  return `${p.date} ${p.time}`;
}

describe('the meetings trigger source', () => {
  it('keeps a 07:30 New York meeting at 07:30 local across the 2026-03-08 change', async () => {
    core = await meetingsCore('2026-03-05T12:00:00Z', 'America/New_York');
    await say(core, LEADER, 'meeting add "Line 3 daily" daily 07:30 lead 10m duration 30m');
    const triggers = await source().triggers(at('2026-03-06T00:00:00Z'), at('2026-03-11T00:00:00Z'));
    const reminders = triggers.filter((t) => t.kind === 'meeting_reminder');
    const checks = triggers.filter((t) => t.kind === 'meeting_check');
    expect(reminders.map((t) => local(t.dueAt))).toEqual(['2026-03-06 07:20', '2026-03-07 07:20', '2026-03-08 07:20', '2026-03-09 07:20', '2026-03-10 07:20']);
    expect(checks.map((t) => local(t.dueAt))).toEqual(['2026-03-06 08:00', '2026-03-07 08:00', '2026-03-08 08:00', '2026-03-09 08:00', '2026-03-10 08:00']);
    // The UTC instant moves by an hour; the local time does not.
    const starts = reminders.map((t) => new Date(Number(t.subject.startsAt)).toISOString());
    expect(starts[1]).toBe('2026-03-07T12:30:00.000Z');
    expect(starts[2]).toBe('2026-03-08T11:30:00.000Z');
    expect(reminders[2]).toMatchObject({
      orgId: ORG,
      key: 'meeting_reminder:1:2026-03-08T07:30',
      personId: LEADER,
      subject: { meetingId: 1, occurrenceKey: '2026-03-08T07:30', startsAt: at('2026-03-08T11:30:00Z') },
      dueAt: at('2026-03-08T11:20:00Z'),
    });
    expect(checks[2]?.key).toBe('meeting_check:1:2026-03-08T07:30');
  });

  it('sends a time skipped by the change at the first valid minute, under its nominal key', async () => {
    core = await meetingsCore('2026-03-05T12:00:00Z', 'America/New_York');
    await say(core, LEADER, 'meeting add "Night shift" daily 02:30 lead 0m');
    const triggers = await source().triggers(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'));
    const reminder = triggers.find((t) => t.kind === 'meeting_reminder')!;
    expect(reminder.key).toBe('meeting_reminder:1:2026-03-08T02:30');
    expect(local(reminder.dueAt)).toBe('2026-03-08 03:00');
  });

  it('gives the same keys for the same window, and each occurrence once however the window is cut', async () => {
    core = await meetingsCore('2026-03-02T12:00:00Z');
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    await say(core, LEADER, 'meeting add "Ops" cron "0 9,15 * * 1-5" lead 5m duration 60m');
    const from = at('2026-03-02T12:00:00Z');
    const to = from + 72 * H;
    const keys = (ts: Trigger[]) => ts.map((t) => t.key);
    const once = await source().triggers(from, to);
    expect(keys(await source().triggers(from, to))).toEqual(keys(once));
    const cuts = [from, from + 7 * 60_000, from + 5 * H, from + 5 * H + 1, from + 30 * H, to];
    const pieces: Trigger[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) pieces.push(...(await source().triggers(cuts[i]!, cuts[i + 1]!)));
    expect(keys(pieces).sort()).toEqual(keys(once).sort());
    expect(new Set(keys(once)).size).toBe(once.length);
    expect(once.filter((t) => t.key.startsWith('meeting_reminder:2:')).map((t) => t.key)).toContain('meeting_reminder:2:2026-03-03T15:00');
  });

  it('ignores triggers before the meeting was registered and meetings removed since', async () => {
    // 07:25 in Chicago: the 07:30 reminder (07:20) is already past, the 08:00 check is not.
    core = await meetingsCore('2026-03-02T13:25:00Z');
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const window = [at('2026-03-02T06:00:00Z'), at('2026-03-02T23:00:00Z')] as const;
    expect((await source().triggers(...window)).map((t) => t.key)).toEqual(['meeting_check:1:2026-03-02T07:30']);
    await say(core, LEADER, 'meeting remove 1');
    expect(await source().triggers(...window)).toEqual([]);
  });

  it('does not fire for someone demoted to member, and fires again once they get a role back', async () => {
    core = await meetingsCore('2026-03-02T12:00:00Z');
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    const window = [at('2026-03-03T00:00:00Z'), at('2026-03-04T00:00:00Z')] as const;
    expect(await source().triggers(...window)).toHaveLength(2);
    expect(await say(core, ADMIN, 'admin role @lee member')).toContain('member');
    expect((await core.store.people.get(ORG, LEADER))?.role).toBe('member');
    expect(await source().triggers(...window)).toEqual([]);
    await say(core, ADMIN, 'admin role @lee quality_manager');
    expect((await source().triggers(...window)).map((t) => t.key)).toEqual(['meeting_reminder:1:2026-03-03T07:30', 'meeting_check:1:2026-03-03T07:30']);
  });

  it('lists the meetings of every organisation, each under its own organisation', async () => {
    core = await meetingsCore('2026-03-02T12:00:00Z');
    await say(core, LEADER, 'meeting add "Line 3 daily" weekdays 07:30');
    await core.store.orgs.ensure({ id: 'teams:t1', platform: 'teams', name: 'Other plant' });
    await core.store.people.ensure(
      { id: 'teams:t1:u1', orgId: 'teams:t1', displayName: 'Tia', timeZone: 'Europe/Berlin', role: 'leader', joinedOn: '2025-01-01' },
      null,
    );
    await core.bot.handleCommand({ orgId: 'teams:t1', platform: 'teams', personId: 'teams:t1:u1' }, 'meeting add "Frühbesprechung" weekdays 08:00');
    const triggers = await source().triggers(at('2026-03-03T00:00:00Z'), at('2026-03-04T00:00:00Z'));
    expect(triggers.map((t) => [t.orgId, t.personId, t.key])).toContainEqual(['teams:t1', 'teams:t1:u1', 'meeting_reminder:2:2026-03-03T08:00']);
    expect(triggers.map((t) => [t.orgId, t.key])).toContainEqual([ORG, 'meeting_check:1:2026-03-03T07:30']);
  });
});
