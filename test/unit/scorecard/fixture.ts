// Rows for scorecard tests, inserted straight into the real (migrated) SQLite database. The
// scorecard only reads these tables; other areas write them in production.
import type { TestCore } from '../../support/core';
import { insertRow } from '../../support/sql';
import { isoWeekKey } from '../../../src/core/time';

export const ORG = 'local';
const H = 3_600_000;
export const hours = (n: number) => n * H;

export function seeder(core: TestCore) {
  const at = core.clock.now();
  let meetingIds = new Map<string, number>();
  const s = {
    org(settings: object = {}) {
      insertRow(core, 'organisations', { id: ORG, platform: 'local', name: 'Acme Plastics', settings: JSON.stringify(settings), createdAt: at });
    },
    site(name: string, timeZone: string, workDays = '1,2,3,4,5'): number {
      return insertRow(core, 'sites', { orgId: ORG, name, nameKey: name.toLowerCase(), timeZone, workDays, createdAt: at });
    },
    person(p: {
      id: string;
      name: string;
      role?: 'leader' | 'quality_manager' | 'admin' | 'member';
      siteId?: number | null;
      timeZone?: string | null;
      joinedOn?: string;
      teamId?: number | null;
      unreachable?: string;
    }) {
      insertRow(core, 'people', {
        id: p.id,
        orgId: ORG,
        handle: p.id.split(':')[1]!,
        displayName: p.name,
        role: p.role ?? 'leader',
        siteId: p.siteId ?? null,
        timeZone: p.timeZone ?? null,
        teamId: p.teamId ?? null,
        joinedOn: p.joinedOn ?? '2025-01-01',
        unreachableReason: p.unreachable ?? null,
        createdAt: at,
        updatedAt: at,
      });
    },
    team(name: string, leaderId: string | null): number {
      return insertRow(core, 'teams', { orgId: ORG, name, nameKey: name.toLowerCase(), leaderId, createdAt: at });
    },
    closure(siteId: number, fromDate: string, toDate: string) {
      insertRow(core, 'site_closures', { orgId: ORG, siteId, fromDate, toDate, reason: 'shutdown', createdAt: at });
    },
    away(personId: string, fromDate: string, toDate: string) {
      insertRow(core, 'away_periods', { orgId: ORG, personId, fromDate, toDate, createdAt: at });
    },
    /** One meeting occurrence at 07:30 local on `date`; answer null = never answered. */
    occurrence(personId: string, date: string, answer: 'yes' | 'no' | 'cancelled' | null, zone = 'America/Chicago') {
      let meetingId = meetingIds.get(personId);
      if (meetingId === undefined) {
        meetingId = insertRow(core, 'meetings', { orgId: ORG, personId, title: 'Daily', recurrence: 'weekdays', time: '07:30', timeZone: zone, createdAt: at });
        meetingIds.set(personId, meetingId);
      }
      insertRow(core, 'meeting_occurrences', {
        orgId: ORG,
        meetingId,
        personId,
        occurrenceKey: `${date}T07:30`,
        startsAt: Date.parse(`${date}T13:30:00Z`),
        localDate: date,
        answer,
      });
    },
    walk(personId: string, walkDate: string) {
      insertRow(core, 'floor_walks', {
        orgId: ORG,
        personId,
        area: 'Line 3',
        walkDate,
        weekKey: isoWeekKey(walkDate),
        source: 'adhoc',
        createdAt: at,
        updatedAt: at,
      });
    },
    win(postedBy: string, postedAtIso: string, teamId: number | null = null, named: string[] = []) {
      const id = insertRow(core, 'wins', { orgId: ORG, postedBy, teamId, text: 'Scrap down', postedAt: Date.parse(postedAtIso) });
      for (const personId of named) insertRow(core, 'win_people', { winId: id, personId });
    },
    followUp(f: { owner: string; raisedBy: string; due: string; closedOn?: string }) {
      insertRow(core, 'follow_ups', {
        orgId: ORG,
        raisedBy: f.raisedBy,
        ownerId: f.owner,
        text: 'Fix the guard',
        dueDate: f.due,
        status: f.closedOn ? 'done' : 'open',
        closedOn: f.closedOn ?? null,
        closedAt: f.closedOn ? Date.parse(`${f.closedOn}T18:00:00Z`) : null,
        createdAt: at,
        updatedAt: at,
      });
    },
    /** A prompt sent at `sentIso`; `answeredAfterMs` null = unanswered with the given status. */
    prompt(personId: string, sentIso: string, answeredAfterMs: number | null, status: 'open' | 'missed' = 'missed') {
      const sentAt = Date.parse(sentIso);
      insertRow(core, 'prompts', {
        orgId: ORG,
        personId,
        kind: 'floorwalk',
        subject: `test:${personId}:${sentIso}`,
        sentAt,
        answeredAt: answeredAfterMs === null ? null : sentAt + answeredAfterMs,
        answer: answeredAfterMs === null ? null : 'done',
        status: answeredAfterMs === null ? status : 'answered',
      });
    },
    resetMeetings() {
      meetingIds = new Map();
    },
  };
  return s;
}

export const ANN = 'local:ann';
export const BEN = 'local:ben';
export const CAT = 'local:cat';
export const QUINN = 'local:quinn';
export const MAX = 'local:max';

/**
 * The hand-checked plant. Period P = 2026-11-02 (Mon, W45) .. 2026-11-29 (Sun, W48); the clock
 * stands at Wed 2026-12-02 15:00Z, so P is over. Previous period = 2026-10-05 .. 2026-11-01.
 *
 * Chicago Plant (America/Chicago, Mon–Fri, shut Thu 26 + Fri 27 Nov):
 *   Ann  leader since 2026-01-05, away 9–15 Nov (all of W46), leads team "Line 3".
 *   Cat  leader since Wed 2026-11-18, leads team "Packing", not reachable.
 *   Quinn quality manager; Max member of Line 3 (not reachable either).
 * London Office (Europe/London, Mon–Fri): Ben leader since 2025.
 */
export function seedPlant(core: TestCore, settings: object = {}) {
  const s = seeder(core);
  s.org(settings);
  const chicago = s.site('Chicago Plant', 'America/Chicago');
  const london = s.site('London Office', 'Europe/London');
  s.person({ id: ANN, name: 'Ann Lee', siteId: chicago, joinedOn: '2026-01-05' });
  s.person({ id: CAT, name: 'Cat Diaz', siteId: chicago, joinedOn: '2026-11-18', unreachable: 'Teams app not installed' });
  s.person({ id: BEN, name: 'Ben Okafor', siteId: london, joinedOn: '2025-06-01' });
  s.person({ id: QUINN, name: 'Quinn Hart', role: 'quality_manager', siteId: chicago });
  const line3 = s.team('Line 3', ANN);
  const packing = s.team('Packing', CAT);
  s.person({ id: MAX, name: 'Max Roe', role: 'member', siteId: chicago, teamId: line3, unreachable: 'user deactivated' });
  s.closure(chicago, '2026-11-26', '2026-11-27');
  s.away(ANN, '2026-11-09', '2026-11-15');

  // Ann's meetings. Counted (owed days): yes 2,3,16,17,18,23,24 · no 4,19,20 · unanswered 6,25.
  // Left out: 5 cancelled; 10 away; 26 shutdown; 28 Saturday.
  const annMeetings: Array<[string, 'yes' | 'no' | 'cancelled' | null]> = [
    ['2026-11-02', 'yes'],
    ['2026-11-03', 'yes'],
    ['2026-11-04', 'no'],
    ['2026-11-05', 'cancelled'],
    ['2026-11-06', null],
    ['2026-11-10', 'yes'],
    ['2026-11-16', 'yes'],
    ['2026-11-17', 'yes'],
    ['2026-11-18', 'yes'],
    ['2026-11-19', 'no'],
    ['2026-11-20', 'no'],
    ['2026-11-23', 'yes'],
    ['2026-11-24', 'yes'],
    ['2026-11-25', null],
    ['2026-11-26', 'yes'],
    ['2026-11-28', 'yes'],
  ];
  for (const [date, answer] of annMeetings) s.occurrence(ANN, date, answer);

  // Walks. Ann: W36–W41 done, W42 missed, W43–W45 done, W46 walked while away, W47–W48 done.
  for (const d of ['2026-09-02', '2026-09-09', '2026-09-16', '2026-09-23', '2026-09-30', '2026-10-07']) s.walk(ANN, d);
  for (const d of ['2026-10-21', '2026-10-28', '2026-11-05', '2026-11-12', '2026-11-18', '2026-11-24']) s.walk(ANN, d);
  s.walk(CAT, '2026-11-23'); // W48
  s.walk(BEN, '2026-11-04'); // W45
  s.walk(BEN, '2026-11-18'); // W47

  // Wins.
  s.win(ANN, '2026-11-03T15:00:00Z'); // Ann posted
  s.win(MAX, '2026-11-18T15:00:00Z', line3); // names Ann's team
  s.win(ANN, '2026-11-20T15:00:00Z', line3); // both: counted once
  s.win(ANN, '2026-11-30T03:00:00Z'); // 29 Nov 21:00 in Chicago: inside P
  s.win(MAX, '2026-11-12T15:00:00Z', null, [ANN]); // names Ann as a person, not her team: not hers
  s.win(MAX, '2026-11-19T15:00:00Z', packing); // Cat's team
  s.win(BEN, '2026-11-10T10:00:00Z'); // Ben posted
  s.win(BEN, '2026-11-30T00:30:00Z'); // 30 Nov 00:30 in London: after P

  // Follow-ups.
  s.followUp({ owner: ANN, raisedBy: QUINN, due: '2026-11-10', closedOn: '2026-11-09' }); // on time
  s.followUp({ owner: MAX, raisedBy: ANN, due: '2026-11-20', closedOn: '2026-11-23' }); // raised by Ann, late
  s.followUp({ owner: ANN, raisedBy: ANN, due: '2026-11-25', closedOn: '2026-11-25' }); // on time, once
  s.followUp({ owner: ANN, raisedBy: QUINN, due: '2026-11-27' }); // open: due in P, overdue
  s.followUp({ owner: ANN, raisedBy: QUINN, due: '2026-10-20', closedOn: '2026-11-05' }); // previous period, closed late
  s.followUp({ owner: ANN, raisedBy: QUINN, due: '2026-10-28' }); // open since October: overdue
  s.followUp({ owner: ANN, raisedBy: QUINN, due: '2026-12-10' }); // after P
  s.followUp({ owner: BEN, raisedBy: BEN, due: '2026-11-12', closedOn: '2026-11-12' }); // on time
  s.followUp({ owner: BEN, raisedBy: QUINN, due: '2026-12-01' }); // after P (overdue now, not at P's end)

  // Prompts (Chicago is UTC−6 in November, London UTC+0).
  s.prompt(ANN, '2026-11-02T05:00:00Z', hours(1)); // 1 Nov 23:00 Chicago: previous period
  s.prompt(ANN, '2026-11-02T15:00:00Z', hours(1));
  s.prompt(ANN, '2026-11-09T15:00:00Z', hours(50));
  s.prompt(ANN, '2026-11-16T15:00:00Z', null, 'missed');
  s.prompt(ANN, '2026-11-23T15:00:00Z', hours(72));
  s.prompt(CAT, '2026-11-19T15:00:00Z', hours(2));
  s.prompt(CAT, '2026-11-27T15:00:00Z', null, 'open'); // open, but sent over 48 h before now
  s.prompt(BEN, '2026-11-02T09:00:00Z', hours(2));
  s.prompt(BEN, '2026-11-09T09:00:00Z', hours(4));
  s.prompt(BEN, '2026-11-16T09:00:00Z', hours(6));
  s.prompt(BEN, '2026-11-23T09:00:00Z', hours(47));
  return { s, chicago, london, line3, packing };
}
