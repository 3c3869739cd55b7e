// Named leases on SQLite: one upsert takes a free or expired lease, or renews our own; another
// holder's live lease makes it change nothing.
import type Database from 'better-sqlite3';
import type { LeaseRepo } from '../../core/deliveries';
import type { Db } from './db';

export class SqliteLeaseRepo implements LeaseRepo {
  private readonly holdStmt: Database.Statement;
  private readonly releaseStmt: Database.Statement;
  private readonly holdersStmt: Database.Statement;

  constructor(db: Db) {
    const sqlite = (db as Db & { $client: Database.Database }).$client;
    this.holdStmt = sqlite.prepare(
      `INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @until)
       ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= @now`,
    );
    this.releaseStmt = sqlite.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
    this.holdersStmt = sqlite.prepare('SELECT name, owner FROM leases WHERE expires_at > ? ORDER BY name');
  }

  async hold(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    return this.holdStmt.run({ name, owner, now, until: now + ttlMs }).changes > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    this.releaseStmt.run(name, owner);
  }

  async holders(now: number): Promise<Array<{ name: string; owner: string }>> {
    return this.holdersStmt.all(now) as Array<{ name: string; owner: string }>;
  }
}
