// Named leases on PostgreSQL: one upsert takes a free or expired lease, or renews our own; another
// holder's live lease makes it change nothing. The row lock ON CONFLICT takes serialises two
// instances asking at once, so exactly one of them gets it.
import type { LeaseRepo } from '../../core/deliveries';
import type { Query } from './db';

export class PgLeaseRepo implements LeaseRepo {
  constructor(private readonly query: Query) {}

  async hold(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= $4
       RETURNING name`,
      [name, owner, now + ttlMs, now],
    );
    return rows.length > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.query('DELETE FROM leases WHERE name = $1 AND owner = $2', [name, owner]);
  }

  async holders(now: number): Promise<Array<{ name: string; owner: string }>> {
    return this.query<{ name: string; owner: string }>('SELECT name, owner FROM leases WHERE expires_at > $1 ORDER BY name', [now]);
  }
}
