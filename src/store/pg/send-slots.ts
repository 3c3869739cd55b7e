// The send log (SendSlotLog) in PostgreSQL: `send_slots`. A booking is one transaction that first
// takes a transaction-scoped advisory lock per key (in key order, so two bookings never wait on
// each other in a circle): every instance's bookings on a key are made one at a time, each seeing
// the slots booked before it.
import { sql } from 'drizzle-orm';
import type { BookedSlot, SendSlotLog, SentSlot, SlotRead } from '../../platforms/state';
import { type OpenPgDatabase, type PgDb, rowsOf } from './db';

/** The advisory locks' first key: the two-integer key space is separate from the migrations' and the scheduler's bigint locks. */
const SEND_SLOT_LOCKS = 0x0c1a_5e5d;

type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export class PgSendSlots implements SendSlotLog {
  private readonly db: PgDb;

  constructor(database: OpenPgDatabase) {
    this.db = database.db;
  }

  async book(reads: readonly SlotRead[], choose: (slots: SentSlot[][]) => number | undefined): Promise<BookedSlot | undefined> {
    const keys = reads.map((read) => read.key);
    return this.db.transaction(async (tx) => {
      for (const key of [...keys].sort()) await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEND_SLOT_LOCKS}, hashtext(${key}))`);
      const slots: SentSlot[][] = [];
      for (const read of reads) slots.push(await readSlots(tx, read));
      const at = choose(slots);
      if (at === undefined) return undefined;
      const inserted = rowsOf<{ id: number | string }>(
        await tx.execute(
          sql`INSERT INTO send_slots (key, at) SELECT k, ${at} FROM unnest(${sql.param(keys)}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n RETURNING id`,
        ),
      );
      return { at, ids: inserted.map((row) => Number(row.id)) };
    });
  }

  async answered(slot: BookedSlot, at: number): Promise<void> {
    await this.db.execute(sql`UPDATE send_slots SET at = greatest(at, ${at}), answered = true WHERE id = ANY(${sql.param([...slot.ids])}::bigint[])`);
  }
}

/**
 * Forgets the key's slots at or before `since` and reads the latest `latest` of the rest, and the
 * unanswered ones (send_slots_in_flight), in one statement: the read's snapshot is the delete's,
 * and it reads only slots after `since` anyway.
 */
async function readSlots(tx: Tx, { key, since, latest }: SlotRead): Promise<SentSlot[]> {
  const rows = rowsOf<{ at: number | string; answered: boolean }>(
    await tx.execute(sql`
      WITH forgotten AS (DELETE FROM send_slots WHERE key = ${key} AND at <= ${since})
      SELECT id, at, answered FROM (SELECT id, at, answered FROM send_slots WHERE key = ${key} AND at > ${since} ORDER BY at DESC, id DESC LIMIT ${latest ?? null}) latest
      UNION SELECT id, at, answered FROM send_slots WHERE key = ${key} AND at > ${since} AND NOT answered
      ORDER BY at, id`),
  );
  return rows.map((row) => ({ at: Number(row.at), answered: row.answered }));
}
