// The send log (SendSlotLog) in SQLite: `send_slots`. A booking is one IMMEDIATE transaction, so
// it holds the database's write lock from its read to its insert: another process booking on the
// same file waits (busy.ts) and then sees this slot.
import type Database from 'better-sqlite3';
import { SlotSweeps } from '../../platforms/send-slots';
import type { BookedSlot, SendSlotLog, SentSlot, SlotRead } from '../../platforms/state';

export class SqliteSendSlots implements SendSlotLog {
  private readonly forget: Database.Statement;
  private readonly read: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly answer: Database.Statement;
  private readonly sweep: Database.Statement;
  private readonly sweeps = new SlotSweeps();

  constructor(private readonly sqlite: Database.Database) {
    this.forget = sqlite.prepare('DELETE FROM send_slots WHERE key = @key AND at <= @since');
    // The latest `latest` by slot (LIMIT -1: all), and the unanswered ones (send_slots_in_flight).
    this.read = sqlite.prepare(
      `SELECT id, at, answered FROM (SELECT id, at, answered FROM send_slots WHERE key = @key AND at > @since ORDER BY at DESC, id DESC LIMIT @latest)
       UNION SELECT id, at, answered FROM send_slots WHERE key = @key AND at > @since AND answered = 0
       ORDER BY at, id`,
    );
    this.insert = sqlite.prepare('INSERT INTO send_slots (key, at, answered) VALUES (?, ?, 0) RETURNING id');
    this.answer = sqlite.prepare('UPDATE send_slots SET at = max(at, ?), answered = 1 WHERE id = ?');
    this.sweep = sqlite.prepare('DELETE FROM send_slots WHERE at <= ?');
  }

  async book(reads: readonly SlotRead[], choose: (slots: SentSlot[][]) => number | undefined): Promise<BookedSlot | undefined> {
    const stale = this.sweeps.due(reads);
    const run = this.sqlite.transaction((): BookedSlot | undefined => {
      if (stale !== undefined) this.sweep.run(stale);
      const slots = reads.map(({ key, since, latest }) => {
        this.forget.run({ key, since });
        const rows = this.read.all({ key, since, latest: latest ?? -1 }) as Array<{ at: number; answered: number }>;
        return rows.map((row) => ({ at: row.at, answered: row.answered === 1 }));
      });
      const at = choose(slots);
      if (at === undefined) return undefined;
      return { at, ids: reads.map(({ key }) => (this.insert.get(key, at) as { id: number }).id) };
    });
    return run.immediate();
  }

  async answered(slot: BookedSlot, at: number): Promise<void> {
    this.sqlite.transaction(() => {
      for (const id of slot.ids) this.answer.run(at, id);
    })();
  }
}
