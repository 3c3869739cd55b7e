// The scorecard's statements by name, run synchronously on one better-sqlite3 connection: the main
// connection (inline mode) or a worker thread's read-only one (scorecard-worker.ts).
import type Database from 'better-sqlite3';
import { localDateOf, zonedInstant } from '../../core/time';
import { registerScorecardFunctions } from './scorecard-median';
import { LEADERS_SQL, UNREACHABLE_SQL } from './scorecard-sql';
import { CALENDAR_FACTS_SQL, FOLLOW_UPS_SQL, PROMPTS_SQL, WINS_SQL } from './scorecard-sql-facts';
import { MEDIANS_SQL, STREAKS_SQL } from './scorecard-sql-history';
import { FOLLOW_UPS_EDGE_SQL } from './rollups/edge-sql';
import { LATE_WEEK_SQL, RESPONSES_SQL, WINS_NEAR_SQL, WINS_SHARED_SQL } from './rollups/sql';

export const STATEMENTS = {
  leaders: LEADERS_SQL,
  unreachable: UNREACHABLE_SQL,
  calendar: CALENDAR_FACTS_SQL,
  wins: WINS_SQL,
  followUps: FOLLOW_UPS_SQL,
  prompts: PROMPTS_SQL,
  medians: MEDIANS_SQL,
  streaks: STREAKS_SQL,
  responses: RESPONSES_SQL,
  lateWeek: LATE_WEEK_SQL,
  winsNear: WINS_NEAR_SQL,
  winsShared: WINS_SHARED_SQL,
  followUpsEdge: FOLLOW_UPS_EDGE_SQL,
} as const;

export type StatementName = keyof typeof STATEMENTS;

/**
 * Rough cost of each statement on an organisation (1 = cheapest). The pool starts the costliest
 * first, so the two workers finish together instead of the longest job starting last.
 */
export const COST: Record<StatementName, number> = {
  leaders: 1,
  unreachable: 1,
  wins: 1,
  prompts: 2,
  followUps: 3,
  medians: 5,
  calendar: 6,
  streaks: 10,
  responses: 3,
  lateWeek: 1,
  winsNear: 1,
  winsShared: 1,
  followUpsEdge: 1,
};
export type Params = Record<string, string | number | null>;
export type Row = Record<string, unknown>;

/** better-sqlite3 rejects named parameters a statement does not use, so pass only those it names. */
export function pick(text: string, params: Params): Params {
  const used: Params = {};
  for (const [key, value] of Object.entries(params)) if (text.includes(`@${key}`)) used[key] = value;
  return used;
}

export class ScorecardQueries {
  private readonly prepared = new Map<StatementName, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    registerScorecardFunctions(db);
    // Time zones for the few leaders who joined near the period (SQLite has no zone arithmetic).
    db.function('scorecard_local_date', { deterministic: true }, (ms: unknown, zone: unknown) => localDateOf(Number(ms), String(zone)));
    db.function('scorecard_instant', { deterministic: true }, (date: unknown, time: unknown, zone: unknown) =>
      zonedInstant(String(date), String(time), String(zone)),
    );
  }

  run(name: StatementName, params: Params): Row[] {
    let statement = this.prepared.get(name);
    if (!statement) {
      statement = this.db.prepare(STATEMENTS[name]);
      this.prepared.set(name, statement);
    }
    return statement.all(pick(STATEMENTS[name], params)) as Row[];
  }

  /** EXPLAIN QUERY PLAN of a statement, one line per step. */
  plan(name: StatementName, params: Params): string[] {
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${STATEMENTS[name]}`).all(pick(STATEMENTS[name], params)) as Array<{ detail: string }>;
    return rows.map((r) => r.detail);
  }
}
