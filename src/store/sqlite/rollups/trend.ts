// A site's or the organisation's weekly trend from the rollups without a row per leader in
// JavaScript: per sealed week, SQLite sums the leaders' counts and their week indexes (kept in each
// leader's row, leader-index.ts), and the week's site or organisation row gives the distinct
// counts. Reading 500 leaders × 208 weeks as rows cost more than everything else in a trend.
import type Database from 'better-sqlite3';
import type { DistinctCounts, IndexBasis, PeriodQuery, ScoredLeader, WeekTotals } from '../../../core/scorecard/repo';
import { basisKey, basisOf } from './leader-index';
import type { RollupRefresher } from './refresh';

const LEADER_TOTALS = `
WITH sc AS MATERIALIZED (SELECT value AS id FROM json_each(@ids))
SELECT r.week, SUM(r.owed_days) AS owedDays, SUM(r.meetings_yes) AS meetingsYes, SUM(r.meetings_due) AS meetingsDue,
       SUM(r.walk_done) AS walkWeeksDone, SUM(r.walk_due) AS walkWeeksDue, SUM(r.wins) AS wins,
       SUM(r.follow_ups_on_time) AS followUpsOnTime, SUM(r.follow_ups_due) AS followUpsDue, SUM(r.follow_ups_overdue) AS followUpsOverdue,
       SUM(r.prompts_in_time) AS promptsAnsweredInTime, SUM(r.prompts_counted) AS promptsCounted,
       COALESCE(SUM(r.leader_index), 0) AS indexSum, COUNT(r.leader_index) AS indexCount
FROM sc CROSS JOIN scorecard_rollups r ON r.org_id = @org AND r.level = 'leader' AND r.key = sc.id AND r.week BETWEEN @first AND @last
GROUP BY r.week`;

// +r.week: through the primary key, not the week index (which holds every leader's rows too).
const GROUP_TOTALS = `
SELECT r.week, r.wins, r.follow_ups_on_time AS followUpsOnTime, r.follow_ups_due AS followUpsDue, r.follow_ups_overdue AS followUpsOverdue
FROM scorecard_rollups r
WHERE r.org_id = @org AND r.level = @level AND r.key = @key AND +r.week BETWEEN @first AND @last`;

const NOTHING: DistinctCounts = { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 };
const ZERO: WeekTotals['facts'] = {
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

/**
 * The totals of sealed one-week queries of one site or the organisation (sharing org, scope, zones
 * and default zone), or null when the stored indexes were counted with other weights than `basis`.
 */
export function weekTotals(
  client: Database.Database,
  refresher: RollupRefresher,
  queries: PeriodQuery[],
  leaders: ScoredLeader[],
  basis: IndexBasis,
): WeekTotals[] | null {
  const q0 = queries[0]!;
  if (q0.scope.kind === 'leader' || basisKey(basis) !== basisKey(basisOf(client, q0.orgId))) return null;
  const mondays = queries.map((q) => q.from);
  const first = mondays.reduce((a, b) => (a < b ? a : b));
  const last = mondays.reduce((a, b) => (a > b ? a : b));
  refresher.refresh(q0.orgId, q0.defaultZone, q0.nowMs, first, last);
  const zones = new Set(q0.zones.map((z) => z.zone));
  const ids = JSON.stringify(leaders.filter((l) => zones.has(l.zone)).map((l) => l.id));
  const params = { org: q0.orgId, first, last };
  const sums = new Map<string, { facts: WeekTotals['facts']; indexSum: number; indexCount: number }>();
  for (const row of client.prepare(LEADER_TOTALS).all({ ...params, ids }) as Array<
    WeekTotals['facts'] & { week: string; indexSum: number; indexCount: number }
  >) {
    const { week, indexSum, indexCount, ...facts } = row;
    sums.set(week, { facts, indexSum, indexCount });
  }
  const group = q0.scope.kind === 'site' ? { level: 'site', key: String(q0.scope.siteId) } : { level: 'org', key: '' };
  const distinct = new Map<string, DistinctCounts>();
  for (const { week, ...counts } of client.prepare(GROUP_TOTALS).all({ ...params, ...group }) as Array<DistinctCounts & { week: string }>) {
    distinct.set(week, counts);
  }
  return queries.map((q) => {
    const s = sums.get(q.from);
    return { facts: s?.facts ?? { ...ZERO }, distinct: distinct.get(q.from) ?? { ...NOTHING }, indexSum: s?.indexSum ?? 0, indexCount: s?.indexCount ?? 0 };
  });
}
