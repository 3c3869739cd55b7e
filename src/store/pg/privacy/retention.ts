// Retention on PostgreSQL (design: store/sqlite/privacy/retention.ts): each kind's old rows go in
// set-based DELETE … RETURNING statements, the audit log's versions of them are blanked and one
// chained 'retention' entry lists the removed ids, in one transaction. A row another instance is
// changing is waited for (row lock) before it is removed; the audit lock is taken after the rows,
// the order every audited change takes them in, before the entries are blanked.
import { type SQL, sql } from 'drizzle-orm';
import type { RetentionKind, RetentionRepo, RetentionRun } from '../../../core/retention/policy';
import { RETENTION_ENTITY, type RetentionContent, retentionRun } from '../../shared/privacy';
import { lockAuditChain, writeAudit } from '../audit';
import { type PgDb, rowsOf } from '../db';

type Ids = number[];

const idsOf = async (tx: PgDb, query: SQL): Promise<Ids> =>
  rowsOf<{ id: number }>(await tx.execute(query))
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
const countOf = async (tx: PgDb, query: SQL): Promise<number> => rowsOf(await tx.execute(query)).length;
const list = (ids: Ids) => sql`${sql.param(ids)}::int[]`;

export class PgRetentionRepo implements RetentionRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async apply(orgId: string, kind: RetentionKind, cutoff: number, setting: string): Promise<RetentionRun> {
    const cutoffDate = new Date(cutoff).toISOString().slice(0, 10);
    return this.db.transaction(async (tx) => {
      const removed: Record<string, Ids> = {};
      const counts: Record<string, number> = {};
      if (kind === 'prompts') {
        // A custom question's answer goes with it (it is an audited record of its own).
        removed.custom_answer = await idsOf(
          tx,
          sql`DELETE FROM custom_answers a USING prompts p
               WHERE p.id = a.prompt_id AND p.org_id = ${orgId} AND p.sent_at < ${cutoff} AND p.status <> 'open' RETURNING a.prompt_id AS id`,
        );
        counts.prompt = await countOf(tx, sql`DELETE FROM prompts WHERE org_id = ${orgId} AND sent_at < ${cutoff} AND status <> 'open' RETURNING id`);
        counts.delivery = await countOf(
          tx,
          sql`DELETE FROM deliveries WHERE org_id = ${orgId} AND due_at < ${cutoff} AND status IN ('sent', 'failed', 'skipped') RETURNING id`,
        );
      } else if (kind === 'walks') {
        const walks = await idsOf(
          tx,
          sql`SELECT id FROM floor_walks w WHERE org_id = ${orgId} AND walk_date < ${cutoffDate}
               AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.walk_id = w.id AND f.status = 'open') FOR UPDATE`,
        );
        removed.follow_up = await idsOf(tx, sql`DELETE FROM follow_ups WHERE walk_id = ANY(${list(walks)}) RETURNING id`);
        removed.floor_walk = await idsOf(tx, sql`DELETE FROM floor_walks WHERE id = ANY(${list(walks)}) RETURNING id`);
      } else if (kind === 'followups') {
        removed.follow_up = await idsOf(tx, sql`DELETE FROM follow_ups WHERE org_id = ${orgId} AND status = 'done' AND closed_at < ${cutoff} RETURNING id`);
      } else if (kind === 'wins') {
        const wins = await idsOf(tx, sql`SELECT id FROM wins WHERE org_id = ${orgId} AND posted_at < ${cutoff} FOR UPDATE`);
        await tx.execute(sql`DELETE FROM win_people WHERE win_id = ANY(${list(wins)})`);
        removed.win = await idsOf(tx, sql`DELETE FROM wins WHERE id = ANY(${list(wins)}) RETURNING id`);
      } else {
        removed.meeting_occurrence = await idsOf(tx, sql`DELETE FROM meeting_occurrences WHERE org_id = ${orgId} AND starts_at < ${cutoff} RETURNING id`);
      }
      const run = retentionRun(removed, counts);
      if (Object.keys(removed).length > 0) await lockAuditChain(tx, orgId);
      for (const [entity, ids] of Object.entries(removed)) {
        await tx.execute(
          sql`UPDATE audit_log SET before = NULL, after = NULL
               WHERE org_id = ${orgId} AND entity = ${entity} AND entity_id = ANY(${sql.param(ids.map(String))}::text[])`,
        );
      }
      if (Object.keys(run.removed).length === 0) return run;
      const content: RetentionContent = { kind, setting, cutoff: new Date(cutoff).toISOString(), removed, counts };
      await writeAudit(tx, { orgId, actor: null, entity: RETENTION_ENTITY, entityId: kind, action: 'delete', after: content, at: this.now() });
      return run;
    });
  }
}
