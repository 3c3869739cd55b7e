// A straightforward reference for the scorecard's store figures: load every row of a (small)
// organisation and apply PRODUCT.md "Scorecard arithmetic" day by day, week by week, in plain
// TypeScript. The optimised SQL must agree with it to the last number.
import type Database from 'better-sqlite3';
import type { DistinctCounts, LeaderFacts, PeriodFacts, PeriodQuery, ResponseMedians, Streak } from '../../../src/core/scorecard/repo';
import { addDays, instantRange, isoWeekday, isoWeekKey, localDateOf, weekRange, zonedInstant } from '../../../src/core/time';

const WINDOW_MS = 48 * 3_600_000;

interface Leader {
  id: string;
  siteId: number | null;
  joinedOn: string;
  leaderSince: number | null;
  zone: string;
  workDays: number[];
}

type Row = Record<string, any>;

export class Reference {
  private readonly all: (sql: string, ...args: unknown[]) => Row[];

  constructor(db: Database.Database) {
    this.all = (sql, ...args) => db.prepare(sql).all(...args) as Row[];
  }

  leaders(q: PeriodQuery): Leader[] {
    const rows = this.all(
      `SELECT p.id, p.site_id, p.joined_on, p.leader_since, COALESCE(p.time_zone, s.time_zone, ?) AS zone, s.work_days
       FROM people p LEFT JOIN sites s ON s.id = p.site_id WHERE p.org_id = ? AND p.role = 'leader'`,
      q.defaultZone,
      q.orgId,
    );
    return rows
      .filter((r) => q.scope.kind === 'all' || (q.scope.kind === 'site' ? r.site_id === q.scope.siteId : r.id === q.scope.personId))
      .map((r) => ({
        id: r.id,
        siteId: r.site_id,
        joinedOn: r.joined_on,
        leaderSince: r.leader_since,
        zone: r.zone,
        workDays: String(r.work_days ?? '1,2,3,4,5')
          .split(',')
          .map(Number),
      }));
  }

  /** Owed: a work day of the site, not shut, not away, on or after joining. */
  private owed(l: Leader): (d: string) => boolean {
    const closures = this.all('SELECT from_date, to_date FROM site_closures WHERE site_id = ?', l.siteId ?? 0);
    const away = this.all('SELECT from_date, to_date FROM away_periods WHERE person_id = ?', l.id);
    const inAny = (d: string, spans: Row[]) => spans.some((s) => s.from_date <= d && d <= s.to_date);
    return (d) => d >= l.joinedOn && l.workDays.includes(isoWeekday(d)) && !inAny(d, closures) && !inAny(d, away);
  }

  private bounds(l: Leader, q: PeriodQuery) {
    const { start, end } = instantRange(q.from, q.to, l.zone);
    const today = localDateOf(q.nowMs, l.zone);
    return { start, end, today, through: q.to < today ? q.to : today, currentWeek: isoWeekKey(today) };
  }

  /**
   * The leader's start within their joining day, when they became a leader during it (else null):
   * their checks that day before it are not due.
   */
  private startOnJoiningDay(l: Leader): number | null {
    return l.leaderSince !== null && localDateOf(l.leaderSince, l.zone) === l.joinedOn ? l.leaderSince : null;
  }

  /**
   * The joining week when the leader started after that week's walk prompt went out (the walk day
   * if owed, else the next owed day of the week, else the last owed one before it) and was not
   * prompted in it anyway; else null.
   */
  lateWeek(l: Leader, q: PeriodQuery): string | null {
    const start = this.startOnJoiningDay(l);
    if (start === null) return null;
    const org = JSON.parse(this.all('SELECT settings FROM organisations WHERE id = ?', q.orgId)[0]!.settings);
    const schedule = this.all('SELECT weekday, time FROM floor_walk_schedules WHERE person_id = ?', l.id)[0];
    const weekday = schedule?.weekday ?? org.defaultWalkDay ?? 5;
    const time = schedule?.time ?? org.defaultWalkTime ?? '14:00';
    const week = isoWeekKey(l.joinedOn);
    const days = Array.from({ length: 7 }, (_, i) => addDays(weekRange(week).from, i));
    const owed = this.owed(l);
    const scheduled = days[weekday - 1]!;
    const promptDay = owed(scheduled) ? scheduled : (days.find((d) => d > scheduled && owed(d)) ?? days.filter((d) => d < scheduled && owed(d)).at(-1));
    if (promptDay !== l.joinedOn || start <= zonedInstant(promptDay, time, l.zone)) return null;
    const prompted = this.all("SELECT 1 FROM prompts WHERE person_id = ? AND kind = 'floorwalk' AND subject = ?", l.id, `week:${week}`).length > 0;
    return prompted ? null : week;
  }

  private walkedWeeks(id: string): Set<string> {
    return new Set(this.all('SELECT week_key FROM floor_walks WHERE person_id = ? AND withdrawn_at IS NULL', id).map((r) => r.week_key));
  }

  /** Every leader's counts, and each win and follow-up once per site and once over the scope. */
  facts(q: PeriodQuery): PeriodFacts {
    const items = this.leaders(q).map((l) => ({ leader: l, ...this.leaderItems(q, l) }));
    // Per follow-up id: its flags, true when true for any of the group's leaders.
    const distinct = (group: typeof items): DistinctCounts => {
      const wins = new Set(group.flatMap((g) => g.winIds));
      const flags = new Map<number, { onTime: boolean; due: boolean; overdue: boolean }>();
      for (const f of group.flatMap((g) => g.followUps)) {
        const seen = flags.get(f.id) ?? { onTime: false, due: false, overdue: false };
        flags.set(f.id, { onTime: seen.onTime || f.onTime, due: seen.due || f.due, overdue: seen.overdue || f.overdue });
      }
      const count = (key: 'onTime' | 'due' | 'overdue') => [...flags.values()].filter((f) => f[key]).length;
      return { wins: wins.size, followUpsOnTime: count('onTime'), followUpsDue: count('due'), followUpsOverdue: count('overdue') };
    };
    const siteIds = [...new Set(items.map((i) => i.leader.siteId))];
    return {
      leaders: items.map((i) => i.facts),
      sites: siteIds.map((siteId) => ({ siteId, ...distinct(items.filter((i) => i.leader.siteId === siteId)) })),
      all: distinct(items),
    };
  }

  private leaderItems(q: PeriodQuery, l: Leader) {
    const { start, end, today, through, currentWeek } = this.bounds(l, q);
    const owed = this.owed(l);
    const days: string[] = [];
    for (let d = q.from; d <= through; d = addDays(d, 1)) if (owed(d)) days.push(d);
    const owedSet = new Set(days);
    const leaderFrom = this.startOnJoiningDay(l);
    const occurrences = this.all('SELECT local_date, answer, starts_at FROM meeting_occurrences WHERE person_id = ?', l.id).filter(
      (o) => owedSet.has(o.local_date) && !(leaderFrom !== null && o.local_date === l.joinedOn && o.starts_at < leaderFrom),
    );
    const late = this.lateWeek(l, q);
    const weeks = new Set(days.map(isoWeekKey));
    const walked = this.walkedWeeks(l.id);
    const doneWeeks = [...weeks].filter((w) => walked.has(w));
    // The leader's teams: those they lead and the one they belong to; a win names a team by its team
    // or by mentioning someone in it.
    const teams = new Set(this.all('SELECT id FROM teams WHERE leader_id = ? AND org_id = ?', l.id, q.orgId).map((t) => t.id));
    const ownTeam = this.all('SELECT team_id FROM people WHERE id = ?', l.id)[0]?.team_id;
    if (ownTeam != null) teams.add(ownTeam);
    const teamOf = new Map(this.all('SELECT id, team_id FROM people WHERE org_id = ?', q.orgId).map((p) => [p.id, p.team_id]));
    const named = (winId: number) => this.all('SELECT person_id FROM win_people WHERE win_id = ?', winId).some((n) => teams.has(teamOf.get(n.person_id)));
    const wins = this.all('SELECT id, posted_by, team_id, posted_at FROM wins WHERE org_id = ? AND withdrawn_at IS NULL', q.orgId).filter(
      (w) => w.posted_at >= start && w.posted_at < end && (w.posted_by === l.id || teams.has(w.team_id) || named(w.id)),
    );
    const followUps = this.all('SELECT * FROM follow_ups WHERE org_id = ? AND (owner_id = ? OR raised_by = ?) AND due_date <= ?', q.orgId, l.id, l.id, q.to);
    const prompts = this.all('SELECT * FROM prompts WHERE person_id = ?', l.id).filter((p) => p.sent_at >= start && p.sent_at < end);
    const flagged = followUps.map((f) => ({
      id: f.id as number,
      onTime: f.due_date >= q.from && f.status === 'done' && f.closed_on <= f.due_date,
      due: f.due_date >= q.from && !(f.status === 'open' && f.due_date >= today),
      overdue: f.due_date < today && (f.status === 'open' || f.closed_on > q.to),
    }));
    const facts: LeaderFacts = {
      personId: l.id,
      owedDays: days.length,
      meetingsYes: occurrences.filter((o) => o.answer === 'yes').length,
      meetingsDue: occurrences.filter((o) => o.answer === 'yes' || o.answer === 'no' || (o.answer === null && o.local_date < today)).length,
      walkWeeksDone: doneWeeks.length,
      walkWeeksDue: [...weeks].filter((w) => walked.has(w) || (w < currentWeek && w !== late)).length,
      wins: wins.length,
      followUpsOnTime: flagged.filter((f) => f.onTime).length,
      followUpsDue: flagged.filter((f) => f.due).length,
      followUpsOverdue: flagged.filter((f) => f.overdue).length,
      promptsAnsweredInTime: prompts.filter((p) => p.answered_at !== null && p.answered_at - p.sent_at <= WINDOW_MS).length,
      promptsCounted: prompts.filter((p) => !(p.answered_at === null && p.status === 'open' && p.sent_at > q.nowMs - WINDOW_MS)).length,
    };
    return { facts, winIds: wins.map((w) => w.id as number), followUps: flagged };
  }

  medians(q: PeriodQuery): ResponseMedians {
    const byLeader = new Map<string, number[]>();
    const bySite = new Map<number | null, number[]>();
    const all: number[] = [];
    for (const l of this.leaders(q)) {
      const { start, end } = this.bounds(l, q);
      for (const p of this.all('SELECT sent_at, answered_at FROM prompts WHERE person_id = ? AND answered_at IS NOT NULL', l.id)) {
        if (p.sent_at < start || p.sent_at >= end) continue;
        const ms = p.answered_at - p.sent_at;
        byLeader.set(l.id, [...(byLeader.get(l.id) ?? []), ms]);
        bySite.set(l.siteId, [...(bySite.get(l.siteId) ?? []), ms]);
        all.push(ms);
      }
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return Math.round(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2);
    };
    return {
      byLeader: [...byLeader].map(([personId, xs]) => ({ personId, medianMs: median(xs) })),
      bySite: [...bySite].map(([siteId, xs]) => ({ siteId, medianMs: median(xs) })),
      overall: all.length ? median(all) : null,
    };
  }

  /** Due weeks from the Monday of the first walk (or joining) to the end of the period, in order. */
  streaks(q: PeriodQuery): Streak[] {
    const out: Streak[] = [];
    for (const l of this.leaders(q)) {
      const first = this.all('SELECT MIN(walk_date) AS d FROM floor_walks WHERE person_id = ? AND withdrawn_at IS NULL', l.id)[0]?.d as string | null;
      if (!first) continue;
      const monday = addDays(first, 1 - isoWeekday(first));
      const startDay = monday > l.joinedOn ? monday : l.joinedOn;
      const { through, currentWeek } = this.bounds(l, q);
      const owed = this.owed(l);
      const walked = this.walkedWeeks(l.id);
      const late = this.lateWeek(l, q);
      const weeks: string[] = [];
      for (let d = startDay; d <= through; d = addDays(d, 1)) {
        const wk = isoWeekKey(d);
        if (owed(d) && wk < currentWeek && weeks.at(-1) !== wk && (wk !== late || walked.has(wk))) weeks.push(wk);
      }
      if (weeks.length === 0) continue;
      let run = 0;
      let best = 0;
      for (const wk of weeks) {
        run = walked.has(wk) ? run + 1 : 0;
        best = Math.max(best, run);
      }
      out.push({ personId: l.id, current: run, best });
    }
    return out;
  }
}
