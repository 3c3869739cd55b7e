// The send log (SendSlotLog) in PostgreSQL: `send_slots`. A booking is one transaction that first
// takes a transaction-scoped advisory lock per key (in key order, so two bookings never wait on
// each other in a circle): every instance's bookings on a key are made one at a time, each seeing
// the slots booked before it. Every message sent makes one. On a server a booking "now" with room
// to spare (bookNowIfRoom) is one call of a function (PostgreSQL migration 0010), a named statement
// planned once; any other costs two round trips: BEGIN, the locks and the reads at once, then the
// insert and COMMIT at once (the simple query protocol runs several statements in one message;
// each still reads after the ones before).
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { hasRoom, SlotSweeps } from '../../platforms/send-slots';
import type { BookedSlot, SendSlotLog, SentSlot, SlotRead, SlotRoom } from '../../platforms/state';
import { type OpenPgDatabase, type PgDb, rowsOf } from './db';

/** The advisory locks' first key: the two-integer key space is separate from the migrations' and the scheduler's bigint locks. */
const SEND_SLOT_LOCKS = 0x0c1a_5e5d;

const ANSWER_BATCH_MS = 20;

type Choose = (slots: SentSlot[][]) => number | undefined;
type SlotRow = { at: number | string; answered: boolean };
type Literal = (value: string) => string;

export class PgSendSlots implements SendSlotLog {
  private readonly db: PgDb;
  private readonly pool: pg.Pool | undefined;
  /** Slot id → when its message was answered, not yet written. */
  private readonly answers = new Map<number, number>();
  private flushing: Promise<void> | undefined;
  private readonly sweeps = new SlotSweeps();

  constructor(database: OpenPgDatabase) {
    this.db = database.db;
    this.pool = database.pool;
  }

  async book(reads: readonly SlotRead[], choose: Choose): Promise<BookedSlot | undefined> {
    for (const read of reads) if (!Number.isSafeInteger(read.since)) throw new RangeError(`send slot reads need whole milliseconds (${read.since})`);
    const booked = await (this.pool ? bookOnServer(this.pool, reads, choose) : this.bookInProcess(reads, choose));
    await this.sweepIfDue(reads);
    return booked;
  }

  private async sweepIfDue(reads: readonly SlotRead[]): Promise<void> {
    const stale = this.sweeps.due(reads);
    if (stale !== undefined) await this.sweep(stale);
  }

  /**
   * Every key's slots at or before `stale`, in a statement of its own after the booking: it skips
   * rows a booking has locked (that booking forgets them itself), so it never waits on one, and a
   * booking never waits on a sweep that waits on it. A failure only leaves them for the next sweep.
   */
  private async sweep(stale: number): Promise<void> {
    await this.db.execute(sql`DELETE FROM send_slots WHERE id IN (SELECT id FROM send_slots WHERE at <= ${stale} FOR UPDATE SKIP LOCKED)`).catch(() => {});
  }

  /**
   * Locks, forgets, counts and inserts in one round trip: the room is counted in SQL, as hasRoom
   * does. Answers waiting to be written go with it (migration 0010); on an error they wait for the
   * next write (writing one twice is harmless).
   */
  async bookNowIfRoom(read: SlotRead, room: SlotRoom, now: number): Promise<BookedSlot | undefined> {
    for (const value of [read.since, now, room.limit, room.windowMs, room.inFlightMs])
      if (!Number.isSafeInteger(value)) throw new RangeError(`send slot bookings need whole numbers (${value})`);
    if (!this.pool) {
      await this.writeAnswers(this.takeAnswers());
      return this.book([read], ([slots]) => (hasRoom(slots!, room, now) ? now : undefined));
    }
    const booked = await this.bookNowOnServer(this.pool, read, room, now);
    await this.sweepIfDue([read]);
    return booked;
  }

  private async bookNowOnServer(pool: pg.Pool, read: SlotRead, room: SlotRoom, now: number): Promise<BookedSlot | undefined> {
    const answers = this.takeAnswers();
    try {
      const { rows } = await pool.query<{ id: string | number | null }>('SELECT clause5_book_send_slot_now($1, $2, $3, $4, $5, $6, $7, $8) AS id', [
        read.key,
        read.since,
        now,
        room.windowMs,
        room.inFlightMs,
        room.limit,
        answers.map(([id]) => id),
        answers.map(([, at]) => at),
      ]);
      const id = rows[0]?.id;
      return id === null || id === undefined ? undefined : { at: now, ids: [Number(id)] };
    } catch (error) {
      // The answers were not written: they wait for the next write.
      for (const [id, at] of answers) this.answers.set(id, Math.max(at, this.answers.get(id) ?? at));
      if (answers.length > 0) void this.flushAnswers().catch(() => {});
      throw error;
    }
  }

  /**
   * Answers arriving within ANSWER_BATCH_MS of each other are written in one statement: until then
   * their slots count as still in flight ("now"), which only ever holds the next slot back.
   */
  answered(slot: BookedSlot, at: number): Promise<void> {
    for (const id of slot.ids) this.answers.set(id, Math.max(at, this.answers.get(id) ?? at));
    return this.flushAnswers();
  }

  /** Writes the waiting answers ANSWER_BATCH_MS from now (those a booking took meanwhile went with it). */
  private flushAnswers(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        const answers = [...this.answers];
        this.answers.clear();
        this.flushing = undefined;
        this.writeAnswers(answers).then(resolve, reject);
      }, ANSWER_BATCH_MS);
    });
    return this.flushing;
  }

  private async writeAnswers(answers: Array<[number, number]>): Promise<void> {
    if (answers.length === 0) return;
    await this.db.execute(
      sql`UPDATE send_slots s SET at = greatest(s.at, v.at), answered = true
            FROM unnest(${sql.param(answers.map(([id]) => id))}::bigint[], ${sql.param(answers.map(([, when]) => when))}::bigint[]) AS v(id, at)
           WHERE s.id = v.id`,
    );
  }

  /** The waiting answers, to be written with a booking. */
  private takeAnswers(): Array<[number, number]> {
    const taken = [...this.answers];
    for (const [id] of taken) this.answers.delete(id);
    return taken;
  }

  /** PGlite (one connection in this process): the same statements, one at a time in drizzle's transaction. */
  private bookInProcess(reads: readonly SlotRead[], choose: Choose): Promise<BookedSlot | undefined> {
    return this.db.transaction(async (tx) => {
      const literal: Literal = (value) => `'${value.replaceAll("'", "''")}'`;
      for (const key of lockOrder(reads)) await tx.execute(sql.raw(lockStatement(key, literal)));
      const slots: SentSlot[][] = [];
      for (const read of reads) slots.push(toSlots(rowsOf<SlotRow>(await tx.execute(sql.raw(readStatement(read, literal))))));
      const at = checkedChoice(choose(slots));
      if (at === undefined) return undefined;
      const inserted = rowsOf<{ id: number | string }>(await tx.execute(sql.raw(insertStatement(reads, at, literal))));
      return { at, ids: inserted.map((row) => Number(row.id)) };
    });
  }
}

async function bookOnServer(pool: pg.Pool, reads: readonly SlotRead[], choose: Choose): Promise<BookedSlot | undefined> {
  const client = await pool.connect();
  const literal: Literal = (value) => client.escapeLiteral(value);
  try {
    const opening = ['BEGIN', ...lockOrder(reads).map((key) => lockStatement(key, literal)), ...reads.map((read) => readStatement(read, literal))];
    const results = (await client.query(opening.join(';\n'))) as unknown as pg.QueryResult<SlotRow>[];
    const at = checkedChoice(choose(results.slice(-reads.length).map((result) => toSlots(result.rows))));
    if (at === undefined) {
      await client.query('COMMIT');
      return undefined;
    }
    const [inserted] = (await client.query(`${insertStatement(reads, at, literal)};\nCOMMIT`)) as unknown as [pg.QueryResult<{ id: number | string }>];
    return { at, ids: inserted.rows.map((row) => Number(row.id)) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function lockOrder(reads: readonly SlotRead[]): string[] {
  return reads.map((read) => read.key).sort();
}

function lockStatement(key: string, literal: Literal): string {
  return `SELECT pg_advisory_xact_lock(${SEND_SLOT_LOCKS}, hashtext(${literal(key)}))`;
}

/**
 * Forgets the key's slots at or before `since` and reads the latest `latest` of the rest, and the
 * unanswered ones (send_slots_in_flight), in one statement: the read's snapshot is the delete's,
 * and it reads only slots after `since` anyway.
 */
function readStatement({ key, since, latest }: SlotRead, literal: Literal): string {
  const k = literal(key);
  const limit = latest === undefined ? 'ALL' : String(Math.max(0, Math.floor(latest)));
  return `WITH forgotten AS (DELETE FROM send_slots WHERE key = ${k} AND at <= ${since})
    SELECT id, at, answered FROM (SELECT id, at, answered FROM send_slots WHERE key = ${k} AND at > ${since} ORDER BY at DESC, id DESC LIMIT ${limit}) latest
    UNION SELECT id, at, answered FROM send_slots WHERE key = ${k} AND at > ${since} AND NOT answered
    ORDER BY at, id`;
}

function insertStatement(reads: readonly SlotRead[], at: number, literal: Literal): string {
  return `INSERT INTO send_slots (key, at) VALUES ${reads.map((read) => `(${literal(read.key)}, ${at})`).join(', ')} RETURNING id`;
}

function toSlots(rows: SlotRow[]): SentSlot[] {
  return rows.map((row) => ({ at: Number(row.at), answered: row.answered }));
}

function checkedChoice(at: number | undefined): number | undefined {
  if (at !== undefined && !Number.isSafeInteger(at)) throw new RangeError(`a send slot must be a whole millisecond (${at})`);
  return at;
}
