// The evidence pack against a hand-built history of one site in week 48 of 2026: a meeting
// update tagged customer, two floor walks (one tagged with objective OTD, one with a concern and
// two actions: one closed on time, one overdue), a win, a correction, excused time. Counts,
// clauses, examples, follow-up totals and the integrity head are checked against that history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvidencePack, type EvidencePack } from '../../../src/core/evidence/pack';
import { renderPackCsvFiles } from '../../../src/core/evidence/render-csv';
import { renderPackHtml } from '../../../src/core/evidence/render-html';
import { renderPackMarkdown } from '../../../src/core/evidence/render-md';
import { parsePeriod } from '../../../src/core/scorecard/period';
import { exportPack } from '../../../src/evidence/export';
import { makeTestCore, type TestCore } from '../../support/core';

const ZONE = 'America/Chicago';
let tc: TestCore;
let pack: EvidencePack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  tc = makeTestCore('2026-11-23T14:00:00Z'); // Monday 08:00 in Chicago
  await tc.store.orgs.ensure({ id: 'local', platform: 'local', name: 'Riverside Plastics' });
  const site = await tc.store.sites.create({ orgId: 'local', name: 'Riverside', timeZone: ZONE, workDays: [1, 2, 3, 4, 5], winsChannel: null }, null);
  const people: Array<[string, string, 'leader' | 'quality_manager']> = [
    ['maria', 'Maria Lopez', 'leader'],
    ['priya', 'Priya Nair', 'leader'],
    ['sam', 'Sam Okafor', 'leader'],
    ['quinn', 'Quinn Murphy', 'quality_manager'],
  ];
  for (const [handle, name, role] of people) {
    ids[handle] = (
      await tc.store.people.ensure({ id: `local:${handle}`, orgId: 'local', handle, displayName: name, role, siteId: site.id, joinedOn: '2026-01-05' }, null)
    ).id;
  }
  await tc.store.objectives.create({ orgId: 'local', code: 'OTD', title: 'On-time delivery at or above 98 %', customerFocus: false }, ids.quinn!);
  await tc.store.objectives.create({ orgId: 'local', code: 'CUST', title: 'Halve customer complaints', customerFocus: true }, ids.quinn!);
  const meeting = await tc.store.meetings.create(
    {
      orgId: 'local',
      personId: ids.maria!,
      title: 'Line 2 daily',
      recurrence: { kind: 'weekdays' } as never,
      time: '07:30',
      timeZone: ZONE,
      leadMinutes: 15,
      durationMinutes: 15,
      channel: null,
    },
    ids.maria!,
  );
  const occurrence = await tc.store.meetings.ensureOccurrence({
    orgId: 'local',
    meetingId: meeting.id,
    personId: ids.maria!,
    occurrenceKey: '2026-11-23T07:30',
    startsAt: Date.parse('2026-11-23T13:30:00Z'),
    localDate: '2026-11-23',
  });
  await tc.store.meetings.answerOccurrence(
    'local',
    occurrence.id,
    { answer: 'yes', topic: 'Customer complaint 4411', tags: ['customer'], by: ids.maria!, at: Date.parse('2026-11-23T14:00:00Z') },
    ids.maria!,
  );
  await tc.store.walks.create(
    {
      orgId: 'local',
      personId: ids.sam!,
      area: 'Dock',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      wentWell: 'Lanes clear',
      concerns: null,
      tags: ['OTD'],
      source: 'adhoc',
    },
    [],
    ids.sam!,
  );
  const walk = await tc.store.walks.create(
    {
      orgId: 'local',
      personId: ids.maria!,
      area: 'Line 2',
      walkDate: '2026-11-24',
      weekKey: '2026-W48',
      wentWell: '5S good',
      concerns: 'Guard <loose>',
      tags: [],
      source: 'adhoc',
    },
    [
      { raisedBy: ids.maria!, ownerId: ids.priya!, text: 'Fix the guard', dueDate: '2026-11-25' },
      { raisedBy: ids.maria!, ownerId: ids.sam!, text: 'Order new gloves', dueDate: '2026-11-26' },
    ],
    ids.maria!,
  );
  await tc.store.followUps.close('local', walk.followUps[0]!.id, '2026-11-25', ids.priya!);
  await tc.store.followUps.reschedule('local', walk.followUps[1]!.id, '2026-11-27', ids.quinn!);
  tc.clock.set(Date.parse('2026-11-25T16:00:00Z'));
  await tc.store.wins.create(
    {
      orgId: 'local',
      siteId: null,
      teamId: null,
      postedBy: ids.priya!,
      text: 'Zero defects shipped',
      tags: [],
      metric: null,
      postedAt: tc.clock.now(),
      people: [ids.sam!],
    },
    ids.priya!,
  );
  await tc.store.away.add('local', { personId: ids.sam!, fromDate: '2026-11-26', toDate: '2026-11-27', reason: 'Training' }, ids.quinn!);
  tc.clock.set(Date.parse('2026-11-30T15:00:00Z')); // the next Monday: the gloves are overdue
  pack = await buildEvidencePack(tc.deps, { orgId: 'local', period: parsePeriod('2026-W48', '2026-11-30'), generatedBy: 'Quinn Murphy', zone: ZONE });
});
afterAll(() => tc?.cleanup());

describe('the evidence pack', () => {
  it('counts each record under every clause it evidences, with dated, attributed examples', () => {
    const byClause = Object.fromEntries(pack.clauses.map((c) => [c.clause, c.counts]));
    expect(byClause).toEqual({
      '5.1.1': { 'meeting-update': 1, 'floor-walk': 2, win: 1 },
      '5.1.2': { 'meeting-update': 1 },
      '6.2': { 'floor-walk': 1 },
      '7.4': { 'meeting-update': 1 },
      '9.1.1': { 'floor-walk': 2 },
      '10.2': { 'follow-up': 2 },
      '10.3': { win: 1 },
    });
    const walks = pack.clauses.find((c) => c.clause === '9.1.1')!.examples;
    expect(walks).toContain('2026-11-24 Maria Lopez walked Line 2; concern: Guard <loose>; raised 2 actions, 1 closed on time');
    expect(pack.clauses.find((c) => c.clause === '5.1.2')!.examples).toEqual([
      '2026-11-23 Maria Lopez opened “Line 2 daily” with a quality update: Customer complaint 4411',
    ]);
    expect(pack.clauses.find((c) => c.clause === '10.3')!.examples).toEqual(['2026-11-25 Priya Nair recognised Sam Okafor: Zero defects shipped']);
  });

  it('tracks the follow-ups to closure, lists exceptions, excused time and corrections', () => {
    expect(pack.followUps).toMatchObject({ raised: 2, closedOnTime: 1, closedLate: 0, open: 1, overdue: 1 });
    expect(pack.objectives.map((o) => [o.code, o.wins, o.walks])).toEqual([
      ['CUST', 0, 0],
      ['OTD', 0, 1],
    ]);
    expect(pack.excused).toEqual([{ person: 'Sam Okafor', from: '2026-11-26', to: '2026-11-27', reason: 'Training' }]);
    expect(pack.corrections.map((c) => [c.entity, c.action, c.actorName])).toEqual([
      ['follow_up', 'update', 'Priya Nair'],
      ['follow_up', 'update', 'Quinn Murphy'],
    ]);
    expect(pack.exceptions.find((e) => e.leader === 'Sam Okafor')?.overdueFollowUps).toBe(1);
  });

  it('prints the chain head that verify reproduces', async () => {
    const verified = await tc.store.verify('local');
    expect(verified.ok).toBe(true);
    expect(pack.integrity).toEqual({ entries: verified.chains[0]!.entries, head: verified.chains[0]!.head });
    expect(renderPackMarkdown(pack)).toContain(pack.integrity.head);
  });

  it('renders the same content as Markdown, escaped HTML, CSV files, PDF and zip', async () => {
    const html = renderPackHtml(pack);
    expect(html).toContain('Guard &lt;loose&gt;');
    expect(html).not.toContain('<loose>');
    const csv = renderPackCsvFiles(pack);
    expect(Object.keys(csv).sort()).toEqual([
      'clauses.csv',
      'corrections.csv',
      'examples.csv',
      'exceptions.csv',
      'follow-ups.csv',
      'integrity.csv',
      'leaders.csv',
      'objectives.csv',
      'prompts.csv',
      'sites.csv',
      'trend.csv',
    ]);
    expect(csv['follow-ups.csv']!.split('\r\n')[1]).toMatch(/^"?\d+"?,"Order new gloves","Sam Okafor","Maria Lopez","2026-11-27","open",("")?$/);
    const pdf = await exportPack(pack, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const zip = await exportPack(pack, 'zip');
    expect(zip.subarray(0, 2).toString()).toBe('PK');
  });
});
