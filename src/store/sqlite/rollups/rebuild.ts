// `clause5 rollups rebuild` and the `verify` check: count an organisation's weeks again from the
// event tables, and compare the stored rollups with a fresh count.
import type Database from 'better-sqlite3';
import { weekStart } from '../../../core/time';
import { lastSealedMonday } from '../../rollups-shared/plan';
import type { RollupRefresher } from './refresh';

/** The first Monday worth counting: the week the organisation's earliest leader joined. */
function firstMonday(sqlite: Database.Database, orgId: string): string | null {
  const first = sqlite.prepare("SELECT MIN(joined_on) FROM people WHERE org_id = ? AND role = 'leader'").pluck().get(orgId) as string | null;
  return first ? weekStart(first) : null;
}

export interface RebuildResult {
  orgId: string;
  weeks: number;
  ms: number;
}

/** Forgets the organisation's rollups and counts every sealed week since its first leader joined. */
export function rebuildRollups(sqlite: Database.Database, refresher: RollupRefresher, orgId: string, defaultZone: string, nowMs: number): RebuildResult {
  const started = performance.now();
  refresher.forget(orgId);
  const first = firstMonday(sqlite, orgId);
  const weeks = first ? refresher.refresh(orgId, defaultZone, nowMs, first, lastSealedMonday(nowMs)) : 0;
  refresher.histories.ensure(orgId);
  return { orgId, weeks, ms: performance.now() - started };
}

const FIELDS = `level, key, week, owed_days, meetings_yes, meetings_due, walk_done, walk_due, wins, wins_shared, follow_ups_on_time,
  follow_ups_due, follow_ups_overdue, prompts_in_time, prompts_counted, streak, hex(responses) AS responses, custom, leader_index, index_count`;

/**
 * The first stored rollup row (of weeks not marked stale) that differs from a fresh count, or null.
 * Counts into a savepoint that is rolled back: the stored rows are left as they were.
 */
export function checkRollups(sqlite: Database.Database, refresher: RollupRefresher, orgId: string, nowMs: number): string | null {
  refresher.fold();
  const edge = refresher.edges.firstDifferent(orgId, nowMs, (zone) => refresher.leaders(orgId, zone));
  if (edge) return `the scorecard rollups' edge days ${edge} differ from a fresh count of the records (run \`clause5 rollups rebuild\`)`;
  const fresh = sqlite
    .prepare(`SELECT week, zone FROM scorecard_rollups WHERE org_id = ? AND level = 'week' AND key = '' AND stale = 0 ORDER BY week`)
    .all(orgId) as Array<{ week: string; zone: string }>;
  if (fresh.length === 0) return null;
  const stored = (week: string) =>
    JSON.stringify(
      sqlite.prepare(`SELECT ${FIELDS} FROM scorecard_rollups WHERE org_id = ? AND week = ? AND level <> 'week' ORDER BY level, key`).all(orgId, week),
    );
  const before = new Map(fresh.map(({ week }) => [week, stored(week)]));
  let problem: string | null = null;
  sqlite.exec('SAVEPOINT rollup_check');
  try {
    for (const { week, zone } of fresh) {
      sqlite.prepare(`UPDATE scorecard_rollups SET stale = 1 WHERE org_id = ? AND level = 'week' AND key = '' AND week = ?`).run(orgId, week);
      refresher.refresh(orgId, zone, nowMs, week, week);
      if (stored(week) !== before.get(week)) {
        problem = `the weekly scorecard rollups of the week of ${week} differ from a fresh count of the records (run \`clause5 rollups rebuild\`)`;
        break;
      }
    }
  } finally {
    sqlite.exec('ROLLBACK TO rollup_check');
    sqlite.exec('RELEASE rollup_check');
  }
  if (!problem && refresher.histories.matchesWeeks(orgId) === false) {
    problem = "the scorecard rollups' per-leader histories differ from their weekly rows (run `clause5 rollups rebuild`)";
  }
  return problem;
}
