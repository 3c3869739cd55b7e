// Retention on SQLite: removes a kind's old rows, blanks what the audit log kept of them (so the
// text is really gone) and appends one chained 'retention' entry that lists every removed id, so
// that `verify` knows those rows and blanked entries are legitimately gone (shared/verify.ts).
import type { RetentionKind, RetentionRepo, RetentionRun } from '../../../core/retention/policy';
import { RETENTION_ENTITY, type RetentionContent, retentionRun } from '../../shared/privacy';
import { writeAudit } from '../audit';
import type { OpenDatabase } from '../db';

export { RETENTION_ENTITY, type RetentionContent } from '../../shared/privacy';

type Ids = number[];

export class SqliteRetentionRepo implements RetentionRepo {
  constructor(
    private readonly database: OpenDatabase,
    private readonly now: () => number,
  ) {}

  async apply(orgId: string, kind: RetentionKind, cutoff: number, setting: string): Promise<RetentionRun> {
    const { sqlite, db } = this.database;
    const ids = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).all(orgId, ...params) as Array<{ id: number }>).map((r) => r.id);
    const cutoffDate = new Date(cutoff).toISOString().slice(0, 10);
    return sqlite.transaction(() => {
      const removed: Record<string, Ids> = {};
      const counts: Record<string, number> = {};
      if (kind === 'prompts') {
        // A custom question's answer goes with it (it is an audited record of its own).
        const answers = ids(
          "SELECT a.prompt_id AS id FROM custom_answers a JOIN prompts p ON p.id = a.prompt_id WHERE p.org_id = ? AND p.sent_at < ? AND p.status != 'open' ORDER BY a.prompt_id",
          cutoff,
        );
        this.inChunks(answers, (chunk, marks) => sqlite.prepare(`DELETE FROM custom_answers WHERE prompt_id IN (${marks})`).run(...chunk));
        removed.custom_answer = answers;
        counts.prompt = sqlite.prepare("DELETE FROM prompts WHERE org_id = ? AND sent_at < ? AND status != 'open'").run(orgId, cutoff).changes;
        counts.delivery = sqlite
          .prepare("DELETE FROM deliveries WHERE org_id = ? AND due_at < ? AND status IN ('sent', 'failed', 'skipped')")
          .run(orgId, cutoff).changes;
      } else if (kind === 'walks') {
        const walks = ids(
          "SELECT id FROM floor_walks w WHERE org_id = ? AND walk_date < ? AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.walk_id = w.id AND f.status = 'open') ORDER BY id",
          cutoffDate,
        );
        removed.follow_up = this.removeRows('follow_ups', this.followUpsOfWalks(walks));
        removed.floor_walk = this.removeRows('floor_walks', walks);
      } else if (kind === 'followups') {
        removed.follow_up = this.removeRows(
          'follow_ups',
          ids("SELECT id FROM follow_ups WHERE org_id = ? AND status = 'done' AND closed_at < ? ORDER BY id", cutoff),
        );
      } else if (kind === 'wins') {
        const wins = ids('SELECT id FROM wins WHERE org_id = ? AND posted_at < ? ORDER BY id', cutoff);
        this.inChunks(wins, (chunk, marks) => sqlite.prepare(`DELETE FROM win_people WHERE win_id IN (${marks})`).run(...chunk));
        removed.win = this.removeRows('wins', wins);
      } else {
        removed.meeting_occurrence = this.removeRows(
          'meeting_occurrences',
          ids('SELECT id FROM meeting_occurrences WHERE org_id = ? AND starts_at < ? ORDER BY id', cutoff),
        );
      }
      const run = retentionRun(removed, counts);
      const blank = sqlite.prepare('UPDATE audit_log SET before = NULL, after = NULL WHERE org_id = ? AND entity = ? AND entity_id = ?');
      for (const [entity, list] of Object.entries(removed)) for (const id of list) blank.run(orgId, entity, String(id));
      if (Object.keys(run.removed).length === 0) return run;
      const content: RetentionContent = { kind, setting, cutoff: new Date(cutoff).toISOString(), removed, counts };
      writeAudit(db, { orgId, actor: null, entity: RETENTION_ENTITY, entityId: kind, action: 'delete', after: content, at: this.now() });
      return run;
    })();
  }

  private followUpsOfWalks(walks: Ids): Ids {
    const out: Ids = [];
    this.inChunks(walks, (chunk, marks) => {
      const rows = this.database.sqlite.prepare(`SELECT id FROM follow_ups WHERE walk_id IN (${marks}) ORDER BY id`).all(...chunk) as Array<{ id: number }>;
      out.push(...rows.map((r) => r.id));
    });
    return out;
  }

  private removeRows(table: string, list: Ids): Ids {
    this.inChunks(list, (chunk, marks) => this.database.sqlite.prepare(`DELETE FROM ${table} WHERE id IN (${marks})`).run(...chunk));
    return list;
  }

  /** SQLite takes at most 32,766 parameters a statement: work through long lists in slices. */
  private inChunks(list: Ids, work: (chunk: Ids, marks: string) => void): void {
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      work(chunk, chunk.map(() => '?').join(', '));
    }
  }
}
