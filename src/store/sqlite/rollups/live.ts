// Results of the raw statements the rollup path still runs (the days after the last sealed week,
// unsealed edges, the first walks behind the streaks), kept in memory until a write could change
// them. Every write to a table the scorecard reads leaves a mark naming the table (schema-triggers.ts;
// 'prompts:answers' for an answer); folding the marks gives the organisation a new 'recent' token
// per table marked (level 'recent', key the table, week '', its value in `streak`), in the fold's
// transaction, whichever connection or process folds. A kept result is used while the tokens of the
// tables its statement reads, and the organisation's own token (key '': a mark naming no table, or
// `rollups rebuild`, which forgets every token), are the ones it was computed under; the caller folds first.
//
// Why that is exact: a result is computed after the tokens are read, so it holds every write whose
// mark was folded into them, and perhaps later ones, whose marks give the next fold new tokens. What
// else a statement depends on is in its key: its parameters (the days, each zone's today and current
// week, the scope) — a statement reading @now (PROMPTS_SQL's 48-hour window) is never kept.
import type Database from 'better-sqlite3';
import { TokenedCache } from './tokens';

/** Results kept (an organisation's statement is up to a few hundred rows). */
const KEPT = 64;

/** Who leads where, zones, work days, teams, walk slots, settings: read by every statement. */
const EVERYWHERE = ['people', 'sites', 'teams', 'organisations', 'floor_walk_schedules', 'custom_prompts'];

/** The tables each kept statement reads besides EVERYWHERE (a statement not named here: every table). */
export const READS: Record<string, string[]> = {
  // prompts: late_start asks whether a walk prompt exists (not how it was answered).
  calendar: ['meeting_occurrences', 'floor_walks', 'prompts', 'site_closures', 'away_periods'],
  streaks: ['floor_walks', 'prompts', 'site_closures', 'away_periods'],
  winsNear: ['wins', 'win_people'],
  winsShared: ['wins', 'win_people'],
  followUpsEdge: ['follow_ups'],
  responses: ['prompts', 'prompts:answers'],
  firstWalks: ['floor_walks'],
};

export class LiveResults extends TokenedCache {
  private readonly kept = new Map<string, { stamp: string; value: unknown }>();

  constructor(client: Database.Database) {
    super(client, 'recent');
  }

  /** A write to `table` (null: not known) may have changed the organisation's figures (the fold calls this in its transaction). */
  changed(orgId: string, table: string | null): void {
    this.newToken(orgId, table ?? '');
  }

  /**
   * The value kept under `key` for `statement` while the tokens it depends on are unchanged, or
   * `compute`'s (a promise that fails is forgotten). Fold the marks before calling.
   */
  remember<T>(orgId: string, statement: string, key: string, compute: () => T): T {
    const stamp = this.stamp(orgId, statement);
    const name = `${orgId}\u0000${statement}\u0000${key}`;
    const hit = this.kept.get(name);
    this.kept.delete(name);
    if (hit?.stamp === stamp) {
      this.kept.set(name, hit);
      return hit.value as T;
    }
    const value = compute();
    const entry = { stamp, value };
    this.kept.set(name, entry);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    if (value instanceof Promise) value.catch(() => this.kept.get(name) === entry && this.kept.delete(name));
    return value;
  }

  /** The tokens a statement's result depends on, in one string. */
  private stamp(orgId: string, statement: string): string {
    const tokens = new Map(
      this.st("SELECT key, streak FROM scorecard_rollups WHERE org_id = ? AND level = 'recent' AND week = ''").raw().all(orgId) as Array<[string, string]>,
    );
    // Without the organisation's own token (none written yet, or forgotten by a rebuild) one is written first.
    const own = tokens.get('') ?? this.newToken(orgId);
    const tables = READS[statement];
    if (!tables) return `${own} ${[...tokens].sort().join(' ')}`;
    return [own, ...[...EVERYWHERE, ...tables].map((t) => tokens.get(t) ?? '-')].join(' ');
  }
}
