// Many one-week periods at once (a weekly trend): each whole sealed week is its own rollup rows —
// a single week needs no boundary correction (nothing is shared with itself), and its follow-ups
// overdue snapshot is the week's own — so the weeks' rows come from one read.
import type Database from 'better-sqlite3';
import type { CustomFact, DistinctCounts, LeaderFacts, PeriodFacts, PeriodQuery, ScoredLeader } from '../../../core/scorecard/repo';
import type { RollupRefresher } from './refresh';

export interface WeekFacts {
  facts: PeriodFacts;
  custom: CustomFact[];
}

const LEADER_WEEKS = `
WITH sc AS MATERIALIZED (SELECT value AS id FROM json_each(@ids))
SELECT r.week, r.key AS personId, r.owed_days AS owedDays, r.meetings_yes AS meetingsYes, r.meetings_due AS meetingsDue,
       r.walk_done AS walkWeeksDone, r.walk_due AS walkWeeksDue, r.wins, r.follow_ups_on_time AS followUpsOnTime,
       r.follow_ups_due AS followUpsDue, r.follow_ups_overdue AS followUpsOverdue, r.prompts_in_time AS promptsAnsweredInTime,
       r.prompts_counted AS promptsCounted, r.custom
FROM sc CROSS JOIN scorecard_rollups r ON r.org_id = @org AND r.level = 'leader' AND r.key = sc.id AND r.week BETWEEN @first AND @last`;

// +r.week: through the primary key, not the week index (which holds every leader's rows too).
const GROUP_WEEKS = `
SELECT r.week, r.level, r.key, r.wins, r.follow_ups_on_time AS followUpsOnTime, r.follow_ups_due AS followUpsDue,
       r.follow_ups_overdue AS followUpsOverdue
FROM scorecard_rollups r
WHERE r.org_id = @org AND r.level IN ('site', 'org') AND +r.week BETWEEN @first AND @last`;

const ZERO = {
  owedDays: 0,
  meetingsYes: 0,
  meetingsDue: 0,
  walkWeeksDone: 0,
  walkWeeksDue: 0,
  wins: 0,
  followUpsOnTime: 0,
  followUpsDue: 0,
  followUpsOverdue: 0,
  promptsAnsweredInTime: 0,
  promptsCounted: 0,
};

/** The figures of sealed one-week queries of one scope (all sharing org, scope, zones and default zone). */
export async function sealedWeeks(
  client: Database.Database,
  refresher: RollupRefresher,
  queries: PeriodQuery[],
  leaders: ScoredLeader[],
): Promise<WeekFacts[]> {
  const q0 = queries[0]!;
  const mondays = queries.map((q) => q.from);
  const first = mondays.reduce((a, b) => (a < b ? a : b));
  const last = mondays.reduce((a, b) => (a > b ? a : b));
  refresher.refresh(q0.orgId, q0.defaultZone, q0.nowMs, first, last);
  const zones = new Set(q0.zones.map((z) => z.zone));
  const scored = leaders.filter((l) => zones.has(l.zone));
  const byWeek = new Map<string, { leaders: Map<string, LeaderFacts>; custom: CustomFact[]; sites: PeriodFacts['sites']; all: DistinctCounts }>();
  const week = (monday: string) => {
    let w = byWeek.get(monday);
    if (!w) {
      w = { leaders: new Map(), custom: [], sites: [], all: { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 } };
      byWeek.set(monday, w);
    }
    return w;
  };
  const params = { org: q0.orgId, first, last };
  for (const row of client.prepare(LEADER_WEEKS).all({ ...params, ids: JSON.stringify(scored.map((l) => l.id)) }) as Array<
    LeaderFacts & { week: string; custom: string | null }
  >) {
    const { week: monday, custom, ...facts } = row;
    const w = week(monday);
    w.leaders.set(facts.personId, facts);
    if (custom)
      for (const [promptId, done, due] of JSON.parse(custom) as Array<[number, number, number]>)
        w.custom.push({ personId: facts.personId, promptId, done, due });
  }
  const site = q0.scope.kind === 'site' ? String(q0.scope.siteId) : null;
  for (const row of client.prepare(GROUP_WEEKS).all(params) as Array<DistinctCounts & { week: string; level: string; key: string }>) {
    const { week: monday, level, key, ...counts } = row;
    if (site !== null && key !== site) continue;
    const w = week(monday);
    if (level === 'site') w.sites.push({ siteId: key === '0' ? null : Number(key), ...counts });
    if (level === 'org' || site !== null) w.all = counts;
  }
  return queries.map((q) => {
    const w = byWeek.get(q.from);
    const facts: PeriodFacts = {
      leaders: scored.map((l) => w?.leaders.get(l.id) ?? { personId: l.id, ...ZERO }),
      sites: q.totals === false ? [] : (w?.sites ?? []),
      all: q.totals === false || !w ? { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 } : w.all,
    };
    return { facts, custom: w?.custom ?? [] };
  });
}
