// What the in-memory caches of stored rollups (per-leader histories, running totals) share: their
// prepared statements, and the organisation's token row of their level. Every change writes a new
// token (a value never used before, so a rollback cannot bring back a cached one); a cache is valid
// while the stored token is the one it was built with, whichever connection changed it.
import type Database from 'better-sqlite3';

export abstract class TokenedCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    protected readonly client: Database.Database,
    private readonly level: 'history' | 'prefix' | 'recent',
  ) {}

  protected st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.client.prepare(sql)));
    return s;
  }

  /** The organisation's token, or undefined when nothing of this level is built. */
  protected token(orgId: string, key = ''): string | undefined {
    return this.st(`SELECT streak FROM scorecard_rollups WHERE org_id = ? AND level = '${this.level}' AND key = ? AND week = ''`).pluck().get(orgId, key) as
      | string
      | undefined;
  }

  /** Gives the organisation a new token; call it in the transaction that changes what the cache holds. */
  protected newToken(orgId: string, key = ''): string {
    const token = `${Date.now()}-${Math.random()}`;
    this.st(`INSERT OR REPLACE INTO scorecard_rollups (org_id, level, key, week, streak) VALUES (?, '${this.level}', ?, '', ?)`).run(orgId, key, token);
    return token;
  }
}
