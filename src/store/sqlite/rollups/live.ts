// Results of the raw statements the rollup path still runs (the days after the last sealed week,
// unsealed edges, the first walks behind the streaks), kept in memory until a write could change
// them. Every write to a table the scorecard reads leaves a mark (schema-triggers.ts); folding the
// marks gives each organisation they name a new 'recent' token (level 'recent', key '', week '',
// its value in `streak`), in the fold's transaction, whichever connection or process folds. A kept
// result is used while the token is the one it was computed under, and the caller folds first.
//
// Why that is exact: a result is computed after the token is read, so it holds every write whose
// mark was folded into that token, and perhaps later ones, whose marks give the next fold a new
// token. What else a statement depends on is in its key: its parameters (the days, each zone's
// today and current week, the scope) — a statement reading @now (PROMPTS_SQL's 48-hour window) is
// never kept.
import type Database from 'better-sqlite3';
import { TokenedCache } from './tokens';

/** Results kept (an organisation's statement is up to a few hundred rows). */
const KEPT = 64;

export class LiveResults extends TokenedCache {
  private readonly kept = new Map<string, { token: string; value: unknown }>();

  constructor(client: Database.Database) {
    super(client, 'recent');
  }

  /** A write may have changed the organisation's figures (the fold calls this in its transaction). */
  changed(orgId: string): void {
    this.newToken(orgId);
  }

  /**
   * The value kept under `key` while the organisation's token is unchanged, or `compute`'s (a
   * promise that fails is forgotten). Fold the marks before calling.
   */
  remember<T>(orgId: string, key: string, compute: () => T): T {
    // Without a token (none written yet, or `rollups rebuild` forgot it) one is written first.
    const token = this.token(orgId) ?? this.newToken(orgId);
    const name = `${orgId}\u0000${key}`;
    const hit = this.kept.get(name);
    this.kept.delete(name);
    if (hit?.token === token) {
      this.kept.set(name, hit);
      return hit.value as T;
    }
    const value = compute();
    const entry = { token, value };
    this.kept.set(name, entry);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    if (value instanceof Promise) value.catch(() => this.kept.get(name) === entry && this.kept.delete(name));
    return value;
  }
}
