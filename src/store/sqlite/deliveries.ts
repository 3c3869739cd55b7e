// The scheduler's durable queue. Every hot statement is prepared once on the raw better-sqlite3
// handle; each one is a single atomic statement, so two processes on the same file can share it:
// the unique key makes enqueueing idempotent, and the claim is one UPDATE … RETURNING whose lease
// owner is then compared on every state change.
import type Database from 'better-sqlite3';
import type { ClaimOptions, Delivery, DeliveryRepo, DeliveryStatus, NewDelivery } from '../../core/deliveries';
import type { MessageRef } from '../../core/ports';
import { DELIVERY_COLUMNS, type DeliveryRow, EMPTY_COUNTS, newDeliveryValues, openingValues, promptOpeningSql, toDelivery } from '../shared/deliveries';
import type { PromptToOpen } from '../../core/prompts/prompt-repo';
import type { Db } from './db';

const COLUMNS = DELIVERY_COLUMNS;

// Organisations a rate limit paused, in this process or another on the same database.
const NOT_PAUSED = `org_id NOT IN (SELECT org_id FROM send_pauses WHERE until > @now)`;

// Ready = pending and due, or 'sending' whose lease ran out (its process died or hung). The claim
// asks each half separately, walking the (status, due_at) index, so it stops at its LIMIT. Taking
// over an expired lease counts as an interruption (SET reads the row's old status).
const NOT_EXCLUDED = `org_id NOT IN (SELECT value FROM json_each(@exclude)) AND ${NOT_PAUSED}`;

// Only the process holding the lease may change a claimed row.
const OWNED = `id = @id AND status = 'sending' AND lease_owner = @owner`;

export class SqliteDeliveryRepo implements DeliveryRepo {
  private readonly sqlite: Database.Database;
  private readonly insert: Database.Statement;
  private readonly claimStmt: Database.Statement;
  private readonly sentStmt: Database.Statement;
  private readonly sentOpening: (mark: Record<string, unknown>, values: unknown[]) => boolean;
  private readonly retryStmt: Database.Statement;
  private readonly postponeStmt: Database.Statement;
  private readonly finishStmt: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly byKey: Database.Statement;
  private readonly refsByPrefix: Database.Statement;
  private readonly countAll: Database.Statement;
  private readonly countOrg: Database.Statement;
  private readonly nextReady: Database.Statement;
  private readonly pauseStmt: Database.Statement;
  private readonly insertMany: (rows: NewDelivery[]) => number;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    // drizzle's client handle: prepared statements on it cost a tenth of unprepared queries.
    this.sqlite = (db as Db & { $client: Database.Database }).$client;
    const s = this.sqlite;
    this.insert = s.prepare(
      `INSERT INTO deliveries (org_id, key, kind, person_id, channel, subject, due_at, status, attempts,
         next_attempt_at, last_error, created_at)
       VALUES (@orgId, @key, @kind, @personId, @channel, @subject, @dueAt, @status, 0, @dueAt, @lastError, @createdAt)
       ON CONFLICT(key) DO NOTHING`,
    );
    this.claimStmt = s.prepare(
      `UPDATE deliveries
          SET status = 'sending', lease_owner = @owner, lease_until = @leaseUntil, attempts = attempts + 1,
              interruptions = interruptions + (status = 'sending')
        WHERE id IN (
          SELECT id FROM (
            SELECT * FROM (SELECT id, due_at FROM deliveries INDEXED BY deliveries_due
               WHERE status = 'pending' AND next_attempt_at <= @now AND ${NOT_EXCLUDED}
               ORDER BY due_at, id LIMIT @limit)
            UNION ALL
            SELECT * FROM (SELECT id, due_at FROM deliveries INDEXED BY deliveries_due
               WHERE status = 'sending' AND lease_until < @now AND ${NOT_EXCLUDED}
               ORDER BY due_at, id LIMIT @limit))
          ORDER BY due_at, id LIMIT @limit)
       RETURNING ${COLUMNS}`,
    );
    const opening = s.prepare(promptOpeningSql(() => '?'));
    // The prompt opens whether or not the lease is still ours, as on PostgreSQL.
    this.sentOpening = s.transaction((mark: Record<string, unknown>, values: unknown[]) => {
      opening.run(...values);
      return this.sentStmt.run(mark).changes > 0;
    });
    this.sentStmt = s.prepare(
      `UPDATE deliveries SET status = 'sent', sent_at = @sentAt, message_ref = @ref, last_error = NULL,
         lease_owner = NULL, lease_until = NULL
       WHERE ${OWNED}`,
    );
    this.retryStmt = s.prepare(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = @nextAttemptAt, last_error = @error,
         lease_owner = NULL, lease_until = NULL
       WHERE ${OWNED}`,
    );
    // The claim counted an attempt; a wait gives it back.
    this.postponeStmt = s.prepare(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = @nextAttemptAt, last_error = @error,
         attempts = max(attempts - 1, 0), lease_owner = NULL, lease_until = NULL
       WHERE ${OWNED}`,
    );
    this.finishStmt = s.prepare(
      `UPDATE deliveries SET status = @status, last_error = @error, lease_owner = NULL, lease_until = NULL
       WHERE ${OWNED}`,
    );
    this.byId = s.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE id = ?`);
    this.byKey = s.prepare(`SELECT ${COLUMNS} FROM deliveries WHERE key = ?`);
    // A range on the unique key index: keys from the prefix up to the prefix followed by the highest character.
    this.refsByPrefix = s.prepare(
      `SELECT message_ref FROM deliveries
        WHERE key >= @prefix AND key < @prefix || char(1114111) AND org_id = @orgId AND status = 'sent' AND message_ref IS NOT NULL
        ORDER BY sent_at, id`,
    );
    this.countAll = s.prepare(`SELECT status, count(*) AS n FROM deliveries GROUP BY status`);
    this.countOrg = s.prepare(`SELECT status, count(*) AS n FROM deliveries WHERE org_id = ? GROUP BY status`);
    this.nextReady = s.prepare(
      `SELECT min(at) AS at FROM (
         SELECT min(next_attempt_at) AS at FROM deliveries WHERE status = 'pending' AND ${NOT_PAUSED}
         UNION ALL
         SELECT min(p.until) FROM send_pauses p
          WHERE p.until > @now AND EXISTS (SELECT 1 FROM deliveries d WHERE d.org_id = p.org_id AND d.status = 'pending')
         UNION ALL
         SELECT min(lease_until) + 1 FROM deliveries WHERE status = 'sending')`,
    );
    this.pauseStmt = s.prepare(
      `INSERT INTO send_pauses (org_id, until) VALUES (@orgId, @until)
       ON CONFLICT(org_id) DO UPDATE SET until = excluded.until WHERE excluded.until > send_pauses.until`,
    );
    this.insertMany = s.transaction((rows: NewDelivery[]) => {
      const createdAt = this.now();
      let added = 0;
      for (const d of rows) {
        added += this.insert.run(newDeliveryValues(d, createdAt)).changes;
      }
      return added;
    });
  }

  async enqueue(deliveries: NewDelivery[]): Promise<number> {
    return deliveries.length === 0 ? 0 : this.insertMany(deliveries);
  }

  async claim(options: ClaimOptions): Promise<Delivery[]> {
    if (options.limit <= 0) return [];
    const rows = this.claimStmt.all({
      now: options.now,
      owner: options.owner,
      leaseUntil: options.now + options.leaseMs,
      exclude: JSON.stringify(options.excludeOrgs ?? []),
      limit: options.limit,
    }) as DeliveryRow[];
    // RETURNING does not keep the subquery's order.
    return rows.map(toDelivery).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  async markSent(id: number, owner: string, sentAt: number, ref: MessageRef | null, opens?: PromptToOpen): Promise<boolean> {
    if (!opens) return this.sentStmt.run({ id, owner, sentAt, ref }).changes > 0;
    return this.sentOpening({ id, owner, sentAt, ref }, openingValues(opens));
  }

  async retryLater(id: number, owner: string, nextAttemptAt: number, error: string): Promise<void> {
    this.retryStmt.run({ id, owner, nextAttemptAt, error });
  }

  async postpone(id: number, owner: string, nextAttemptAt: number, reason: string): Promise<void> {
    this.postponeStmt.run({ id, owner, nextAttemptAt, error: reason });
  }

  async markFailed(id: number, owner: string, error: string): Promise<void> {
    this.finishStmt.run({ id, owner, status: 'failed', error });
  }

  async markSkipped(id: number, owner: string, reason: string): Promise<void> {
    this.finishStmt.run({ id, owner, status: 'skipped', error: reason });
  }

  async markDone(id: number, owner: string, note: string): Promise<void> {
    this.finishStmt.run({ id, owner, status: 'done', error: note });
  }

  async get(id: number): Promise<Delivery | undefined> {
    const row = this.byId.get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async getByKey(key: string): Promise<Delivery | undefined> {
    const row = this.byKey.get(key) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async sentRefs(orgId: string, keyPrefix: string): Promise<MessageRef[]> {
    return (this.refsByPrefix.all({ orgId, prefix: keyPrefix }) as { message_ref: string }[]).map((r) => r.message_ref);
  }

  async counts(orgId?: string): Promise<Record<DeliveryStatus, number>> {
    const rows = (orgId === undefined ? this.countAll.all() : this.countOrg.all(orgId)) as { status: DeliveryStatus; n: number }[];
    const out = { ...EMPTY_COUNTS };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async leaseOwners(now: number): Promise<string[]> {
    const rows = this.sqlite
      .prepare(`SELECT DISTINCT lease_owner AS owner FROM deliveries WHERE status = 'sending' AND lease_until >= ? AND lease_owner IS NOT NULL`)
      .all(now) as Array<{ owner: string }>;
    return rows.map((r) => r.owner);
  }

  async pauseOrganisation(orgId: string, until: number): Promise<void> {
    this.pauseStmt.run({ orgId, until });
  }

  async expireLeases(owner: string, now: number): Promise<number> {
    return this.sqlite
      .prepare(`UPDATE deliveries SET lease_until = ? WHERE status = 'sending' AND lease_owner = ? AND lease_until >= ?`)
      .run(now - 1, owner, now).changes;
  }

  async nextReadyAt(): Promise<number | undefined> {
    const row = this.nextReady.get({ now: this.now() }) as { at: number | null } | undefined;
    return row?.at ?? undefined;
  }
}
