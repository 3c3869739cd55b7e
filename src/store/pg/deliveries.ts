// The scheduler's durable queue on PostgreSQL, shared by any number of instances. Enqueueing is
// idempotent through the unique key; a claim locks the rows it takes with FOR UPDATE SKIP LOCKED,
// so concurrent claimers never wait for each other nor take the same row, and every later state
// change names the lease owner.
import type { ClaimOptions, Delivery, DeliveryRepo, DeliveryStatus, NewDelivery } from '../../core/deliveries';
import type { MessageRef } from '../../core/ports';
import { deliveries } from '../../../db/pg/schema';
import { DELIVERY_COLUMNS, type DeliveryRow, EMPTY_COUNTS, newDeliveryValues, openingValues, promptOpeningSql, toDelivery } from '../shared/deliveries';
import type { PromptToOpen } from '../../core/prompts/prompt-repo';
import type { OpenPgDatabase, PgDb, Query } from './db';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at ten columns a row. */
const INSERT_BATCH = 1_000;

/**
 * After adding this many rows at once (a fan-out), the table's statistics are refreshed at once.
 * Statistics from before it count few pending rows, and the planner then reads every pending row
 * and sorts them for each claim (2 ms of the server's CPU a claim at 3,000 pending, growing with
 * the fan-out) instead of taking the first from the (status, due_at, id) index (0.1 ms).
 */
const ANALYZE_AFTER = 1_000;

// Organisations a rate limit paused, in this instance or another on the same database ($1 now).
const NOT_PAUSED = `org_id NOT IN (SELECT org_id FROM send_pauses WHERE until > $1)`;

// Ready = pending and due, or 'sending' whose lease ran out (its process died or hung). Each half
// walks the (status, due_at) index to its LIMIT and locks what it read, skipping rows another
// claimer holds; taking over an expired lease counts as an interruption (SET reads the old status).
const CLAIM = `
  WITH pending AS (
    SELECT id, due_at FROM deliveries
     WHERE status = 'pending' AND next_attempt_at <= $1 AND org_id <> ALL($4::text[]) AND ${NOT_PAUSED}
     ORDER BY due_at, id LIMIT $5 FOR UPDATE SKIP LOCKED),
  expired AS (
    SELECT id, due_at FROM deliveries
     WHERE status = 'sending' AND lease_until < $1 AND org_id <> ALL($4::text[]) AND ${NOT_PAUSED}
     ORDER BY due_at, id LIMIT $5 FOR UPDATE SKIP LOCKED),
  chosen AS (
    SELECT id FROM (SELECT * FROM pending UNION ALL SELECT * FROM expired) ready ORDER BY due_at, id LIMIT $5)
  UPDATE deliveries d
     SET status = 'sending', lease_owner = $2, lease_until = $3, attempts = d.attempts + 1,
         interruptions = d.interruptions + CASE WHEN d.status = 'sending' THEN 1 ELSE 0 END
    FROM chosen WHERE d.id = chosen.id
  RETURNING ${DELIVERY_COLUMNS.replace(/(\w+)/g, 'd.$1')}`;

// Only the process holding the lease may change a claimed row ($1 id, $2 owner).
const OWNED = `id = $1 AND status = 'sending' AND lease_owner = $2`;

const MARK_SENT = `UPDATE deliveries SET status = 'sent', sent_at = $3, message_ref = $4, last_error = NULL, lease_owner = NULL, lease_until = NULL
  WHERE ${OWNED} RETURNING id`;
const OPEN_PROMPT = promptOpeningSql((i) => `$${i + 5}`);

export class PgDeliveryRepo implements DeliveryRepo {
  private readonly db: PgDb;
  private readonly query: Query;

  constructor(
    database: OpenPgDatabase,
    private readonly now: () => number,
  ) {
    this.db = database.db;
    this.query = database.query;
  }

  async enqueue(rows: NewDelivery[]): Promise<number> {
    if (rows.length === 0) return 0;
    const createdAt = this.now();
    const added = await this.db.transaction(async (tx) => {
      let count = 0;
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const values = rows.slice(i, i + INSERT_BATCH).map((d) => ({ ...newDeliveryValues(d, createdAt), attempts: 0, nextAttemptAt: d.dueAt }));
        const inserted = await tx.insert(deliveries).values(values).onConflictDoNothing({ target: deliveries.key }).returning({ id: deliveries.id });
        count += inserted.length;
      }
      return count;
    });
    if (added >= ANALYZE_AFTER) await this.query('ANALYZE deliveries');
    return added;
  }

  async claim(options: ClaimOptions): Promise<Delivery[]> {
    if (options.limit <= 0) return [];
    const rows = await this.query<DeliveryRow & Record<string, unknown>>(CLAIM, [
      options.now,
      options.owner,
      options.now + options.leaseMs,
      options.excludeOrgs ?? [],
      options.limit,
    ]);
    // RETURNING does not keep the subquery's order.
    return rows.map(toDelivery).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  async markSent(id: number, owner: string, sentAt: number, ref: MessageRef | null, opens?: PromptToOpen): Promise<boolean> {
    // A data-modifying WITH runs to completion whether or not the UPDATE matches: the prompt opens either way.
    const rows = await this.query(opens ? `WITH opened AS (${OPEN_PROMPT}) ${MARK_SENT}` : MARK_SENT, [
      id,
      owner,
      sentAt,
      ref,
      ...(opens ? openingValues(opens) : []),
    ]);
    return rows.length > 0;
  }

  async retryLater(id: number, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    await this.query(`UPDATE deliveries SET status = 'pending', next_attempt_at = $3, last_error = $4, lease_owner = NULL, lease_until = NULL WHERE ${OWNED}`, [
      id,
      owner,
      nextAttemptAt,
      error,
    ]);
  }

  async postpone(id: number, owner: string, nextAttemptAt: number, reason: string): Promise<void> {
    // The claim counted an attempt; a wait gives it back.
    await this.query(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = $3, last_error = $4, attempts = greatest(attempts - 1, 0),
         lease_owner = NULL, lease_until = NULL WHERE ${OWNED}`,
      [id, owner, nextAttemptAt, reason],
    );
  }

  async markFailed(id: number, owner: string, error: string): Promise<void> {
    await this.finish(id, owner, 'failed', error);
  }

  async markSkipped(id: number, owner: string, reason: string): Promise<void> {
    await this.finish(id, owner, 'skipped', reason);
  }

  async markDone(id: number, owner: string, note: string): Promise<void> {
    await this.finish(id, owner, 'done', note);
  }

  private async finish(id: number, owner: string, status: DeliveryStatus, note: string): Promise<void> {
    await this.query(`UPDATE deliveries SET status = $3, last_error = $4, lease_owner = NULL, lease_until = NULL WHERE ${OWNED}`, [id, owner, status, note]);
  }

  async get(id: number): Promise<Delivery | undefined> {
    const [row] = await this.query<DeliveryRow & Record<string, unknown>>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1`, [id]);
    return row && toDelivery(row);
  }

  async getByKey(key: string): Promise<Delivery | undefined> {
    const [row] = await this.query<DeliveryRow & Record<string, unknown>>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE key = $1`, [key]);
    return row && toDelivery(row);
  }

  async sentRefs(orgId: string, keyPrefix: string): Promise<MessageRef[]> {
    // starts_with, not a range on the key: text ranges follow the database's collation here.
    const rows = await this.query<{ message_ref: string }>(
      `SELECT message_ref FROM deliveries
        WHERE starts_with(key, $2) AND org_id = $1 AND status = 'sent' AND message_ref IS NOT NULL
        ORDER BY sent_at, id`,
      [orgId, keyPrefix],
    );
    return rows.map((r) => r.message_ref);
  }

  async counts(orgId?: string): Promise<Record<DeliveryStatus, number>> {
    const rows =
      orgId === undefined
        ? await this.query<{ status: DeliveryStatus; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status')
        : await this.query<{ status: DeliveryStatus; n: number }>('SELECT status, count(*) AS n FROM deliveries WHERE org_id = $1 GROUP BY status', [orgId]);
    const out = { ...EMPTY_COUNTS };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  async leaseOwners(now: number): Promise<string[]> {
    const rows = await this.query<{ owner: string }>(
      `SELECT DISTINCT lease_owner AS owner FROM deliveries WHERE status = 'sending' AND lease_until >= $1 AND lease_owner IS NOT NULL`,
      [now],
    );
    return rows.map((r) => r.owner);
  }

  async pauseOrganisation(orgId: string, until: number): Promise<void> {
    // A later pause extends it; an earlier one never shortens it.
    await this.query(
      `INSERT INTO send_pauses (org_id, until) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET until = excluded.until WHERE excluded.until > send_pauses.until`,
      [orgId, until],
    );
  }

  async expireLeases(owner: string, now: number): Promise<number> {
    const rows = await this.query(`UPDATE deliveries SET lease_until = $3 WHERE status = 'sending' AND lease_owner = $1 AND lease_until >= $2 RETURNING id`, [
      owner,
      now,
      now - 1,
    ]);
    return rows.length;
  }

  async nextReadyAt(): Promise<number | undefined> {
    // A paused organisation's rows are ready when its pause ends, not before.
    const [row] = await this.query<{ at: number | null }>(
      `SELECT min(at) AS at FROM (
         SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending' AND ${NOT_PAUSED}
         UNION ALL
         SELECT min(p.until) FROM send_pauses p
          WHERE p.until > $1 AND EXISTS (SELECT 1 FROM deliveries d WHERE d.org_id = p.org_id AND d.status = 'pending')
         UNION ALL
         SELECT min(lease_until) + 1 FROM deliveries WHERE status = 'sending') ready`,
      [this.now()],
    );
    return row?.at ?? undefined;
  }
}
