// A site's or the organisation's weekly trend from the rollups without a row per leader: each
// counted week keeps, per site and for the organisation, its leaders' counts and week indexes
// summed ('sums' rows, refresh.ts; the indexes: leader-index.ts), and the site or org row has the
// distinct counts. Reading 500 leaders × 208 weeks as rows cost more than the rest of a trend.
import type Database from 'better-sqlite3';
import type { DistinctCounts, IndexBasis, PeriodQuery, WeekTotals } from '../../../core/scorecard/repo';
import { emptyFacts } from '../../shared/scorecard-rows';
import { basisKey, basisOf } from './leader-index';
import type { RollupRefresher } from './refresh';

// A site's or the organisation's 'sums' row of each week: its leaders' counts and indexes summed.
const LEADER_SUMS = `
SELECT r.week, r.owed_days AS owedDays, r.meetings_yes AS meetingsYes, r.meetings_due AS meetingsDue,
       r.walk_done AS walkWeeksDone, r.walk_due AS walkWeeksDue, r.prompts_in_time AS promptsAnsweredInTime,
       r.prompts_counted AS promptsCounted, r.leader_index AS indexSum, r.index_count AS indexCount
FROM scorecard_rollups r
WHERE r.org_id = @org AND r.level = 'sums' AND r.key = @key AND r.week BETWEEN @first AND @last`;

// +r.week: through the primary key, not the week index (which holds every leader's rows too).
const GROUP_TOTALS = `
SELECT r.week, r.wins, r.follow_ups_on_time AS followUpsOnTime, r.follow_ups_due AS followUpsDue, r.follow_ups_overdue AS followUpsOverdue
FROM scorecard_rollups r
WHERE r.org_id = @org AND r.level = @level AND r.key = @key AND +r.week BETWEEN @first AND @last`;

const NOTHING: DistinctCounts = { wins: 0, followUpsOnTime: 0, followUpsDue: 0, followUpsOverdue: 0 };

/**
 * The totals of sealed one-week queries of one site or the organisation (sharing org, scope, zones
 * and default zone), or null when the stored indexes were counted with other weights than `basis`.
 */
export function weekTotals(client: Database.Database, refresher: RollupRefresher, queries: PeriodQuery[], basis: IndexBasis): WeekTotals[] | null {
  const q0 = queries[0]!;
  if (q0.scope.kind === 'leader' || basisKey(basis) !== basisKey(basisOf(client, q0.orgId))) return null;
  const mondays = queries.map((q) => q.from);
  const first = mondays.reduce((a, b) => (a < b ? a : b));
  const last = mondays.reduce((a, b) => (a > b ? a : b));
  refresher.refresh(q0.orgId, q0.defaultZone, q0.nowMs, first, last);
  const params = { org: q0.orgId, first, last };
  const group = q0.scope.kind === 'site' ? { level: 'site', key: String(q0.scope.siteId) } : { level: 'org', key: '' };
  const sums = new Map<string, { facts: WeekTotals['facts']; indexSum: number; indexCount: number }>();
  for (const row of client.prepare(LEADER_SUMS).all({ ...params, key: group.key }) as Array<
    Omit<WeekTotals['facts'], 'wins' | 'followUpsOnTime' | 'followUpsDue' | 'followUpsOverdue'> & { week: string; indexSum: number; indexCount: number }
  >) {
    const { week, indexSum, indexCount, ...facts } = row;
    sums.set(week, { facts: { ...emptyFacts(), ...facts }, indexSum, indexCount });
  }
  const distinct = new Map<string, DistinctCounts>();
  for (const { week, ...counts } of client.prepare(GROUP_TOTALS).all({ ...params, ...group }) as Array<DistinctCounts & { week: string }>) {
    distinct.set(week, counts);
  }
  return queries.map((q) => {
    const s = sums.get(q.from);
    return { facts: s?.facts ?? emptyFacts(), distinct: distinct.get(q.from) ?? { ...NOTHING }, indexSum: s?.indexSum ?? 0, indexCount: s?.indexCount ?? 0 };
  });
}
