// Generates a SQLite file holding one organisation with N leaders and W weeks of history, written
// with the real migrations: sites (zones, work days, shutdowns), leaders, teams and members, away
// periods, recurring meetings with answered occurrences, prompts (meeting checks, floor-walk
// requests, follow-up nudges), floor walks with follow-ups, and wins naming people. Deterministic
// for a seed; fast (prepared statements in one transaction). 500 leaders × 104 weeks ≈ 1M rows.
//
//   npx tsx scripts/bench/generate-org.ts --leaders 500 --weeks 104 --seed 1 --out /tmp/org.db
import { rmSync } from 'node:fs';
import { openDatabase } from '../../src/store/sqlite/db';
import { rng as seededRandom } from '../../test/reliability/support/random';
import { addDays, isoWeekday, isoWeekKey, localDateOf, weekStart, zonedInstant, type LocalDate } from '../../src/core/time';

export interface OrgSpec {
  leaders: number;
  weeks: number;
  seed: number;
  /** The generator's "now" (ISO instant): history ends here; open items are open as of now. */
  now?: string;
  orgId?: string;
  /** Number of sites (default one per 50 leaders). */
  sites?: number;
}

export interface GeneratedOrg {
  path: string;
  orgId: string;
  nowMs: number;
  /** First and last local day of the history. */
  from: LocalDate;
  to: LocalDate;
  defaultZone: string;
  sites: Array<{ id: number; name: string; zone: string; leaders: number }>;
  leaderIds: string[];
  counts: Record<string, number>;
  /** Engagement rows: occurrences, prompts, walks, follow-ups, wins and win_people. */
  engagementRows: number;
  ms: number;
}

export const DEFAULT_NOW = '2026-12-02T15:00:00Z';
export const DEFAULT_ZONE = 'America/Chicago';
const ZONES = [
  'America/Chicago',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Shanghai',
  'America/Sao_Paulo',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
];
const H = 3_600_000;

/** The reliability suite's seeded generator (mulberry32), plus answer delays. */
export function rng(seed: number) {
  const random = seededRandom(seed);
  return {
    ...random,
    /** Answer delay: mostly minutes to hours, a tail of days. */
    delay: () => (random.next() < 0.8 ? Math.floor(random.next() * 8 * H) : Math.floor(random.next() * 96 * H)),
  };
}

interface Leader {
  id: string;
  siteId: number | null;
  zone: string;
  workDays: number[];
  joined: LocalDate;
  team: { id: number; members: string[] } | null;
  away: Array<[LocalDate, LocalDate]>;
  diligence: number;
}

export function generateOrg(path: string, spec: OrgSpec): GeneratedOrg {
  const started = performance.now();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const database = openDatabase(path);
  const db = database.sqlite;
  const r = rng(spec.seed);
  const orgId = spec.orgId ?? 'local';
  const nowMs = Date.parse(spec.now ?? DEFAULT_NOW);
  const to = localDateOf(nowMs, 'UTC');
  const from = weekStart(addDays(to, -7 * spec.weeks + 1));
  const at = nowMs;
  const counts: Record<string, number> = {};
  const prep = (name: string, sql: string) => {
    const st = db.prepare(sql);
    counts[name] = 0;
    return (...args: unknown[]) => {
      counts[name]!++;
      return st.run(...args);
    };
  };

  const insOrg = prep('organisations', 'INSERT INTO organisations (id, platform, name, settings, created_at) VALUES (?, ?, ?, ?, ?)');
  const insSite = prep('sites', 'INSERT INTO sites (org_id, name, name_key, time_zone, work_days, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insClosure = prep('site_closures', 'INSERT INTO site_closures (org_id, site_id, from_date, to_date, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insPerson = prep(
    'people',
    'INSERT INTO people (id, org_id, handle, display_name, time_zone, role, site_id, team_id, joined_on, unreachable_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insTeam = prep('teams', 'INSERT INTO teams (org_id, site_id, name, name_key, leader_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const setTeam = db.prepare('UPDATE people SET team_id = ? WHERE id = ?');
  const insAway = prep('away_periods', 'INSERT INTO away_periods (org_id, person_id, from_date, to_date, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insSchedule = prep(
    'floor_walk_schedules',
    'INSERT INTO floor_walk_schedules (person_id, org_id, weekday, time, active, created_at) VALUES (?, ?, ?, ?, 1, ?)',
  );
  const insMeeting = prep(
    'meetings',
    'INSERT INTO meetings (org_id, person_id, title, recurrence, days, time, time_zone, lead_minutes, duration_minutes, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 10, 30, 1, ?)',
  );
  const insOccurrence = prep(
    'meeting_occurrences',
    'INSERT INTO meeting_occurrences (org_id, meeting_id, person_id, occurrence_key, starts_at, local_date, answer, topic, answered_at, answered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insPrompt = prep(
    'prompts',
    'INSERT INTO prompts (org_id, person_id, kind, subject, sent_at, answered_at, answer, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insWalk = prep(
    'floor_walks',
    'INSERT INTO floor_walks (org_id, person_id, area, walk_date, week_key, went_well, concerns, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insFollowUp = prep(
    'follow_ups',
    'INSERT INTO follow_ups (org_id, walk_id, raised_by, owner_id, text, due_date, status, closed_at, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insWin = prep('wins', 'INSERT INTO wins (org_id, site_id, team_id, posted_by, text, metric, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insWinPerson = prep('win_people', 'INSERT OR IGNORE INTO win_people (win_id, person_id) VALUES (?, ?)');

  // Calendar helpers, cached: a few thousand distinct (zone, date, time) triples.
  const weekdayOf = new Map<string, number>();
  const weekOf = new Map<string, string>();
  const wd = (d: LocalDate) => weekdayOf.get(d) ?? (weekdayOf.set(d, isoWeekday(d)), weekdayOf.get(d)!);
  const wk = (d: LocalDate) => weekOf.get(d) ?? (weekOf.set(d, isoWeekKey(d)), weekOf.get(d)!);
  const instants = new Map<string, number>();
  const instant = (d: LocalDate, time: string, zone: string) => {
    const key = `${zone}|${d}|${time}`;
    let v = instants.get(key);
    if (v === undefined) instants.set(key, (v = zonedInstant(d, time, zone)));
    return v;
  };
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);

  const siteRows: GeneratedOrg['sites'] = [];
  const leaderIds: string[] = [];
  db.transaction(() => {
    insOrg(orgId, 'local', 'Generated Manufacturing', '{}', at);
    const siteCount = spec.sites ?? Math.max(1, Math.round(spec.leaders / 50));
    const sites: Array<{ id: number; zone: string; workDays: number[]; closures: Array<[LocalDate, LocalDate]> }> = [];
    for (let i = 0; i < siteCount; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const workDays = i % 4 === 3 ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
      const name = `Plant ${i + 1}`;
      const id = Number(insSite(orgId, name, name.toLowerCase(), zone, workDays.join(','), at).lastInsertRowid);
      const closures: Array<[LocalDate, LocalDate]> = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
        closures.push([`${y}-12-24`, `${y + 1}-01-01`]);
        const summer = addDays(`${y}-07-01`, r.int(0, 50));
        closures.push([summer, addDays(summer, r.int(4, 13))]);
        for (let k = 0; k < 3; k++) {
          const holiday = addDays(`${y}-01-15`, r.int(0, 320));
          closures.push([holiday, holiday]);
        }
      }
      for (const [a, b] of closures) insClosure(orgId, id, a, b, 'shutdown', at);
      sites.push({ id, zone, workDays, closures });
      siteRows.push({ id, name, zone, leaders: 0 });
      insPerson(`local:qm${i + 1}`, orgId, `qm${i + 1}`, `Quality Manager ${i + 1}`, null, 'quality_manager', id, null, '2020-01-01', null, at, at);
    }

    const leaders: Leader[] = [];
    for (let i = 0; i < spec.leaders; i++) {
      const site = r.chance(0.02) ? null : sites[i % sites.length]!;
      const ownZone = r.chance(0.05) ? r.pick(ZONES) : null;
      const zone = ownZone ?? site?.zone ?? DEFAULT_ZONE;
      const joined = r.chance(0.85) ? addDays(from, -r.int(1, 1500)) : addDays(from, r.int(0, days.length - 1));
      const id = `local:leader${String(i + 1).padStart(4, '0')}`;
      const unreachable = r.chance(0.02) ? 'Teams app not installed' : null;
      insPerson(
        id,
        orgId,
        `leader${i + 1}`,
        `Leader ${String(i + 1).padStart(4, '0')}`,
        ownZone,
        'leader',
        site?.id ?? null,
        null,
        joined,
        unreachable,
        at,
        at,
      );
      insSchedule(id, orgId, 5, '14:00', at);
      let team: Leader['team'] = null;
      if (r.chance(0.7)) {
        const name = `Team ${i + 1}`;
        const teamId = Number(insTeam(orgId, site?.id ?? null, name, name.toLowerCase(), id, at).lastInsertRowid);
        const members: string[] = [];
        for (let m = 0; m < 3; m++) {
          const mid = `local:member${i + 1}_${m + 1}`;
          insPerson(mid, orgId, `member${i + 1}_${m + 1}`, `Member ${i + 1}.${m + 1}`, null, 'member', site?.id ?? null, teamId, '2020-01-01', null, at, at);
          members.push(mid);
        }
        setTeam.run(teamId, id);
        team = { id: teamId, members };
      }
      const away: Array<[LocalDate, LocalDate]> = [];
      for (let k = 0; k < Math.round((spec.weeks / 52) * 3); k++) {
        const a = r.pick(days);
        const b = addDays(a, r.int(0, 9));
        away.push([a, b]);
        insAway(orgId, id, a, b, 'leave', at);
      }
      const workDays = site?.workDays ?? [1, 2, 3, 4, 5];
      leaders.push({ id, siteId: site?.id ?? null, zone, workDays, joined, team, away, diligence: 0.4 + r.next() * 0.55 });
      if (site) siteRows.find((s) => s.id === site.id)!.leaders++;
      leaderIds.push(id);
    }

    for (const l of leaders) generateHistory(l, sites.find((s) => s.id === l.siteId)?.closures ?? []);
  })();

  function generateHistory(l: Leader, closures: Array<[LocalDate, LocalDate]>) {
    const excused = (d: LocalDate) =>
      d < l.joined || !l.workDays.includes(wd(d)) || closures.some(([a, b]) => a <= d && d <= b) || l.away.some(([a, b]) => a <= d && d <= b);
    const start = l.joined > from ? l.joined : from;
    // Meetings: a daily (or Mon/Wed) morning meeting, and for most a second one.
    const plans: Array<{ days: number[]; time: string; recurrence: string; daysText: string | null }> = [];
    plans.push(
      r.chance(0.75)
        ? { days: [1, 2, 3, 4, 5], time: '07:30', recurrence: 'weekdays', daysText: null }
        : { days: [1, 3], time: '08:00', recurrence: 'days', daysText: '1,3' },
    );
    if (r.chance(0.9))
      plans.push(
        r.chance(0.5)
          ? { days: [1, 2, 3, 4, 5], time: '13:00', recurrence: 'weekdays', daysText: null }
          : { days: [2, 4], time: '15:30', recurrence: 'days', daysText: '2,4' },
      );
    for (const plan of plans) {
      const meetingId = Number(insMeeting(orgId, l.id, `Meeting ${plan.time}`, plan.recurrence, plan.daysText, plan.time, l.zone, at).lastInsertRowid);
      for (const d of days) {
        if (d < start || !plan.days.includes(wd(d))) continue;
        const startsAt = instant(d, plan.time, l.zone);
        if (startsAt > nowMs) break;
        const off = excused(d);
        const roll = r.next();
        const answer = off
          ? roll < 0.1
            ? 'cancelled'
            : null
          : roll < l.diligence * 0.9
            ? 'yes'
            : roll < l.diligence * 0.9 + 0.1
              ? 'no'
              : roll < l.diligence * 0.9 + 0.15
                ? 'cancelled'
                : null;
        const sentAt = startsAt + 30 * 60_000;
        const answeredAt = answer ? sentAt + r.delay() : null;
        const done = answeredAt !== null && answeredAt <= nowMs;
        const occ = insOccurrence(
          orgId,
          meetingId,
          l.id,
          `${d}T${plan.time}`,
          startsAt,
          d,
          done ? answer : null,
          done && answer === 'yes' ? 'Scrap rate' : null,
          done ? answeredAt : null,
          done ? l.id : null,
        );
        if (off || sentAt > nowMs) continue;
        const status = done ? 'answered' : nowMs - sentAt < 48 * H ? 'open' : 'missed';
        insPrompt(orgId, l.id, 'meeting_check', `occurrence:${occ.lastInsertRowid}`, sentAt, done ? answeredAt : null, done ? answer : null, status);
      }
    }
    // Floor walks, follow-ups, weekly prompts, wins: week by week.
    for (let monday = weekStart(start); monday <= to; monday = addDays(monday, 7)) {
      const weekDays: LocalDate[] = [];
      for (let k = 0; k < 7; k++) weekDays.push(addDays(monday, k));
      const owed = weekDays.filter((d) => d >= start && d <= to && !excused(d));
      const key = wk(monday);
      const friday = addDays(monday, 4);
      const promptAt = instant(friday, '14:00', l.zone);
      const walked = owed.length > 0 ? r.chance(l.diligence) : r.chance(0.05);
      const walkDays = walked ? (r.chance(0.15) ? 2 : 1) : 0;
      let firstWalkAt: number | null = null;
      for (let k = 0; k < walkDays; k++) {
        const day = owed.length ? r.pick(owed) : weekDays.find((d) => d >= start && d <= to);
        if (!day) break;
        const walkAt = instant(day, '10:00', l.zone);
        if (walkAt > nowMs) break;
        firstWalkAt ??= walkAt;
        const walkId = Number(
          insWalk(
            orgId,
            l.id,
            `Area ${r.int(1, 9)}`,
            day,
            key,
            'Housekeeping good',
            r.chance(0.5) ? 'Guard missing' : null,
            r.chance(0.6) ? 'prompt' : 'adhoc',
            walkAt,
            walkAt,
          ).lastInsertRowid,
        );
        for (let f = r.int(0, 2); f > 0; f--) followUp(l, walkId, day, l.team && r.chance(0.4) ? r.pick(l.team.members) : l.id, l.id);
      }
      if (owed.length && promptAt <= nowMs) {
        const answeredAt = firstWalkAt !== null && firstWalkAt > promptAt ? firstWalkAt : walked ? promptAt + r.delay() : null;
        const done = answeredAt !== null && answeredAt <= nowMs;
        const status = done ? 'answered' : nowMs - promptAt < 48 * H ? 'open' : 'missed';
        insPrompt(orgId, l.id, 'floorwalk', `week:${key}`, promptAt, done ? answeredAt : null, done ? 'walked' : null, status);
      }
      if (r.chance(0.1)) followUp(l, null, monday, l.id, `local:qm${1 + r.int(0, Math.max(0, siteRows.length - 1))}`);
      for (let w = r.chance(l.diligence * 0.7) ? r.int(1, 2) : 0; w > 0; w--) {
        const day = r.pick(weekDays);
        if (day < start) continue;
        const postedAt = instant(day, `${String(r.int(7, 20)).padStart(2, '0')}:15`, l.zone);
        if (postedAt > nowMs) continue;
        const byTeam = l.team !== null && r.chance(0.5);
        const poster = byTeam ? r.pick(l.team!.members) : l.id;
        const win = insWin(
          orgId,
          l.siteId,
          byTeam || r.chance(0.3) ? (l.team?.id ?? null) : null,
          poster,
          'Scrap down on line 3',
          r.chance(0.3) ? 'scrap −12 %' : null,
          postedAt,
        );
        const named = l.team ? l.team.members.filter(() => r.chance(0.4)) : [];
        for (const p of named) insWinPerson(win.lastInsertRowid, p);
      }
    }
  }

  function followUp(l: Leader, walkId: number | null, day: LocalDate, owner: string, raisedBy: string) {
    const due = addDays(day, r.int(3, 21));
    const createdAt = instant(day, '11:00', l.zone);
    if (createdAt > nowMs) return;
    const closedOn = r.chance(0.85) ? addDays(due, r.int(-8, 6)) : null;
    const closed = closedOn !== null && closedOn > day && closedOn <= to ? closedOn : null;
    const closedAt = closed ? instant(closed, '16:00', l.zone) : null;
    const done = closedAt !== null && closedAt <= nowMs;
    const id = insFollowUp(
      orgId,
      walkId,
      raisedBy,
      owner,
      'Fix the guard',
      due,
      done ? 'done' : 'open',
      done ? closedAt : null,
      done ? closed : null,
      createdAt,
      createdAt,
    ).lastInsertRowid;
    // Nudges to the owner the day before it is due and, while open, every few days after.
    for (let n = -1; n <= 14; n += n < 0 ? 2 : 4) {
      const nudgeDay = addDays(due, n);
      const sentAt = instant(nudgeDay, '09:00', l.zone);
      if (sentAt > nowMs || (done && closed! < nudgeDay)) break;
      const answeredAt = r.chance(0.6) ? sentAt + r.delay() : null;
      const answered = answeredAt !== null && answeredAt <= nowMs;
      const status = answered ? 'answered' : nowMs - sentAt < 48 * H ? 'open' : 'missed';
      insPrompt(orgId, owner, 'followup_nudge', `followup:${id}:${nudgeDay}`, sentAt, answered ? answeredAt : null, answered ? 'done' : null, status);
    }
  }

  database.close();
  const engagement = ['meeting_occurrences', 'prompts', 'floor_walks', 'follow_ups', 'wins', 'win_people'];
  return {
    path,
    orgId,
    nowMs,
    from,
    to,
    defaultZone: DEFAULT_ZONE,
    sites: siteRows,
    leaderIds,
    counts,
    engagementRows: engagement.reduce((n, t) => n + (counts[t] ?? 0), 0),
    ms: performance.now() - started,
  };
}

function flag(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const args = process.argv.slice(2);
  const out = flag(args, 'out', '/tmp/clause5-org.db');
  const result = generateOrg(out, {
    leaders: Number(flag(args, 'leaders', '500')),
    weeks: Number(flag(args, 'weeks', '104')),
    seed: Number(flag(args, 'seed', '1')),
    now: flag(args, 'now', DEFAULT_NOW),
  });
  const { sites: _sites, leaderIds: _ids, ...summary } = result;
  console.log(JSON.stringify(summary, null, 2));
}
