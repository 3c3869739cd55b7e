import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core';
import { LEADER, MEMBER, ORG, OTHER_LEADER, QM, walksCore } from './support';
import { rowsOf } from '../../support/sql';
import { weekRange } from '../../../src/core/time';

let core: TestCore;
afterEach(() => core?.cleanup());

const walk = (over: Partial<{ walkDate: string; weekKey: string; personId: string }> = {}) => ({
  orgId: ORG,
  personId: LEADER,
  area: 'Line 3',
  walkDate: '2026-11-24',
  weekKey: '2026-W48',
  wentWell: 'Clean cells',
  concerns: null,
  tags: ['safety'],
  source: 'adhoc' as const,
  ...over,
});

describe('floor-walk repository', () => {
  it('stores a walk with its follow-ups in one transaction, all audited', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const { walk: w, followUps } = await core.store.walks.create(
      walk(),
      [
        { raisedBy: LEADER, ownerId: MEMBER, text: 'Fix guard', dueDate: '2026-11-30' },
        { raisedBy: LEADER, ownerId: QM, text: 'Check gauge', dueDate: '2026-12-01' },
      ],
      LEADER,
    );
    expect(w.tags).toEqual(['safety']);
    expect(followUps.map((f) => [f.walkId, f.ownerId, f.status])).toEqual([
      [w.id, MEMBER, 'open'],
      [w.id, QM, 'open'],
    ]);
    expect(await core.store.walks.get(ORG, w.id)).toEqual(w);
    expect((await core.store.audit.history(ORG, 'floor_walk', String(w.id))).map((a) => a.action)).toEqual(['create']);
    expect((await core.store.audit.history(ORG, 'follow_up', String(followUps[0]!.id))).map((a) => a.actorId)).toEqual([LEADER]);
  });

  it('rolls the walk back when one follow-up cannot be stored', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    await expect(core.store.walks.create(walk(), [{ raisedBy: LEADER, ownerId: 'local:nobody', text: 'x', dueDate: '2026-11-30' }], LEADER)).rejects.toThrow();
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W48')).toBe(false);
    expect(await rowsOf(core, 'follow_ups')).toHaveLength(0);
  });

  it('lists by person and week range (W53 sorts before the next year) and knows a week with a walk', async () => {
    ({ core } = await walksCore('2027-01-05T15:00:00Z'));
    await core.store.walks.create(walk({ walkDate: '2026-12-31', weekKey: '2026-W53' }), [], LEADER);
    await core.store.walks.create(walk({ walkDate: '2027-01-05', weekKey: '2027-W01' }), [], LEADER);
    await core.store.walks.create(walk({ walkDate: '2026-12-20', weekKey: '2026-W51' }), [], LEADER);
    await core.store.walks.create(walk({ walkDate: '2026-12-31', weekKey: '2026-W53', personId: OTHER_LEADER }), [], OTHER_LEADER);
    const listed = await core.store.walks.list(ORG, LEADER, '2026-W52', '2027-W01');
    expect(listed.map((w) => w.walkDate)).toEqual(['2027-01-05', '2026-12-31']);
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W53')).toBe(true);
    expect(await core.store.walks.hasWalkInWeek(ORG, LEADER, '2026-W52')).toBe(false);
    expect(await core.store.walks.hasWalkInWeek('other-org', LEADER, '2026-W53')).toBe(false);
  });

  it("reads the week's ask in one go: person, site, the week's walk, prompt and calendar facts", async () => {
    const w = await walksCore('2026-11-24T15:00:00Z');
    core = w.core;
    const weekOf = (key: string) => ({ key, ...weekRange(key) });
    const ask = (personId: string, weekKey = '2026-W48', subject = `week:${weekKey}`) => core.store.walks.weekAsk(ORG, personId, weekOf(weekKey), subject);
    const fresh = await ask(LEADER);
    expect(fresh).toEqual({
      person: await core.store.people.get(ORG, LEADER),
      site: await core.store.sites.get(ORG, w.siteId),
      calendar: { from: '2026-11-23', to: '2026-11-29', facts: { closures: [], away: [] } },
      walked: false,
      prompt: undefined,
    });
    expect(fresh?.site?.workDays).toEqual([1, 2, 3, 4, 5]);

    const sentAt = Date.parse('2026-11-24T20:00:00Z');
    const opened = await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W48', sentAt, messageRef: 'm1' });
    await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W47', sentAt, messageRef: 'm0' });
    await core.store.prompts.open({ orgId: ORG, personId: OTHER_LEADER, kind: 'floorwalk', subject: 'week:2026-W48', sentAt, messageRef: 'm2' });
    const { walk: logged } = await core.store.walks.create(walk(), [], LEADER);
    await core.store.walks.create(walk({ walkDate: '2026-11-17', weekKey: '2026-W47', personId: OTHER_LEADER }), [], OTHER_LEADER);
    expect(await ask(LEADER)).toMatchObject({ walked: true, prompt: opened });
    expect((await ask(LEADER))?.prompt).toEqual(await core.store.prompts.find(ORG, LEADER, 'floorwalk', 'week:2026-W48'));
    // Another week, another person, another subject, another organisation: none of theirs.
    expect(await ask(LEADER, '2026-W49')).toMatchObject({ walked: false, prompt: undefined });
    expect(await ask(OTHER_LEADER)).toMatchObject({ walked: false, prompt: { messageRef: 'm2' } });
    expect(await ask(LEADER, '2026-W48', 'week:2026-W49')).toMatchObject({ walked: true, prompt: undefined });
    expect(await core.store.walks.weekAsk('other-org', LEADER, weekOf('2026-W48'), 'week:2026-W48')).toBeUndefined();
    expect(await ask('local:nobody')).toBeUndefined();

    // The week's closures of their site and their absences, as the single calendar read gives them.
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'Thanksgiving' }, null);
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-20', toDate: '2026-11-23', reason: null }, null);
    await core.store.sites.addClosure(ORG, { siteId: w.siteId, fromDate: '2026-11-30', toDate: '2026-11-30', reason: 'next week' }, null);
    await core.store.away.add(ORG, { personId: LEADER, fromDate: '2026-11-24', toDate: '2026-11-24', reason: 'Audit' }, QM);
    await core.store.away.add(ORG, { personId: OTHER_LEADER, fromDate: '2026-11-24', toDate: '2026-11-25', reason: null }, null);
    const withCalendar = await ask(LEADER);
    expect(withCalendar?.calendar.facts).toEqual(await core.store.away.calendarFacts(ORG, LEADER, w.siteId, '2026-11-23', '2026-11-29'));
    expect(withCalendar?.calendar.facts.closures.map((c) => c.reason)).toEqual([null, 'Thanksgiving']);
    expect(withCalendar?.calendar.facts.away).toEqual([expect.objectContaining({ personId: LEADER, reason: 'Audit', recordedBy: QM })]);

    // A withdrawn walk does not count; someone without a site has none.
    await core.store.walks.withdraw(ORG, logged.id, 'logged twice', LEADER);
    expect(await ask(LEADER)).toMatchObject({ walked: false, prompt: opened });
    await core.store.people.update(ORG, LEADER, { siteId: null }, null);
    expect(await ask(LEADER)).toMatchObject({ person: { id: LEADER, siteId: null }, site: null, calendar: { facts: { closures: [] } } });
  });
});

describe('follow-up repository', () => {
  it('closes once, and reschedules with the earlier due date kept in the audit log', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const f = await core.store.followUps.create({ orgId: ORG, raisedBy: LEADER, ownerId: MEMBER, text: 'Fix guard', dueDate: '2026-11-27' }, LEADER);
    const moved = await core.store.followUps.reschedule(ORG, f.id, '2026-12-04', MEMBER);
    expect(moved?.dueDate).toBe('2026-12-04');
    const closed = await core.store.followUps.close(ORG, f.id, '2026-11-24', MEMBER);
    expect(closed).toMatchObject({ status: 'done', closedOn: '2026-11-24', closedAt: Date.parse('2026-11-24T15:00:00Z') });
    expect(await core.store.followUps.close(ORG, f.id, '2026-11-25', MEMBER)).toBeUndefined();
    expect(await core.store.followUps.reschedule(ORG, f.id, '2026-12-10', MEMBER)).toBeUndefined();
    const history = await core.store.audit.history(ORG, 'follow_up', String(f.id));
    expect(history.map((h) => [h.action, h.before, h.after])).toEqual([
      ['create', null, expect.objectContaining({ dueDate: '2026-11-27' })],
      ['update', { dueDate: '2026-11-27', recordedBy: null }, expect.objectContaining({ dueDate: '2026-12-04' })],
      [
        'update',
        expect.objectContaining({ status: 'open', closedAt: null, closedOn: null }),
        expect.objectContaining({ status: 'done', closedOn: '2026-11-24' }),
      ],
    ]);
  });

  it('lists open ones per person, per organisation, overdue as of a date, and counts them', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const mk = (ownerId: string, dueDate: string, raisedBy = LEADER) =>
      core.store.followUps.create({ orgId: ORG, raisedBy, ownerId, text: `${ownerId} ${dueDate}`, dueDate }, raisedBy);
    const a = await mk(MEMBER, '2026-11-20');
    const b = await mk(QM, '2026-11-23', QM);
    const c = await mk(OTHER_LEADER, '2026-12-01', OTHER_LEADER);
    await core.store.followUps.close(ORG, (await mk(MEMBER, '2026-11-01')).id, '2026-11-02', MEMBER);
    expect((await core.store.followUps.listOpenFor(ORG, LEADER)).map((f) => f.id)).toEqual([a.id]);
    expect((await core.store.followUps.listOpenInOrg(ORG)).map((f) => f.id)).toEqual([a.id, b.id, c.id]);
    expect((await core.store.followUps.listOverdue(ORG, '2026-11-23')).map((f) => f.id)).toEqual([a.id]);
    expect((await core.store.followUps.listOverdue(ORG, '2026-11-24', { personId: QM })).map((f) => f.id)).toEqual([b.id]);
    expect((await core.store.followUps.listOpenDueBy(ORG, '2026-11-23')).map((f) => f.id)).toEqual([a.id, b.id]);
    expect(await core.store.followUps.countOpen(ORG)).toBe(3);
    expect(await core.store.followUps.countOpen(ORG, MEMBER)).toBe(1);
    expect(await core.store.followUps.listOpenInOrg('other-org')).toEqual([]);
  });
});

describe('prompt repository additions', () => {
  it('snoozes, lists open by kind and marks missed only while open', async () => {
    ({ core } = await walksCore('2026-11-24T15:00:00Z'));
    const p = await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'floorwalk', subject: 'week:2026-W48', sentAt: 1, messageRef: '7' });
    await core.store.prompts.open({ orgId: ORG, personId: LEADER, kind: 'followup_nudge', subject: 'followup:1:2026-11-24', sentAt: 2, messageRef: null });
    const snoozed = await core.store.prompts.snooze(ORG, p.id, 5000, LEADER);
    expect(snoozed).toMatchObject({ snoozeCount: 1, snoozedUntil: 5000, status: 'open' });
    expect((await core.store.prompts.snooze(ORG, p.id, 9000, LEADER))?.snoozeCount).toBe(2);
    expect((await core.store.prompts.listOpen(ORG, 'floorwalk')).map((x) => x.id)).toEqual([p.id]);
    expect((await core.store.prompts.markMissed(ORG, p.id, null))?.status).toBe('missed');
    expect(await core.store.prompts.markMissed(ORG, p.id, null)).toBeUndefined();
    expect(await core.store.prompts.snooze(ORG, p.id, 9000, LEADER)).toBeUndefined();
    expect(await core.store.prompts.answer(ORG, p.id, 'logged', 10)).toBeUndefined();
    expect(await core.store.prompts.listOpen(ORG, 'floorwalk')).toEqual([]);
    const audit = await core.store.audit.history(ORG, 'prompt', String(p.id));
    expect(audit.map((a) => a.after)).toEqual([{ snoozeCount: 1, snoozedUntil: 5000 }, { snoozeCount: 2, snoozedUntil: 9000 }, { status: 'missed' }]);
  });
});
