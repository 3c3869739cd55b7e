// The PrivacyRepo on PostgreSQL: a person's export (the shared queries, read in one snapshot) and erasure.
import { type SQL, sql } from 'drizzle-orm';
import type { ErasureSummary, PersonExport, PrivacyRepo } from '../../../core/retention/privacy';
import { ERASURE_ENTITY } from '../../shared/privacy';
import { exportPerson } from '../../shared/privacy-export';
import { type PgDb, rowsOf } from '../db';
import { erasePerson } from './erase';

/** A query written with `?` placeholders, its values bound as parameters. */
const withParams = (text: string, params: unknown[]): SQL =>
  sql.join(text.split('?').flatMap((part, i) => (i === 0 ? [sql.raw(part)] : [sql.param(params[i - 1]), sql.raw(part)])));

/** Values as SQLite stores them (booleans 1/0), so that the exported file is the same on both engines. */
const asSqlite = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]));

export class PgPrivacyRepo implements PrivacyRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async export(orgId: string, personId: string, at: number): Promise<PersonExport> {
    // REPEATABLE READ: every query of the file sees the same moment while other instances write.
    return this.db.transaction(
      (tx) =>
        exportPerson(async (text, params) => rowsOf<Record<string, unknown>>(await tx.execute(withParams(text, params))).map(asSqlite), orgId, personId, at),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async erase(orgId: string, personId: string, actor: string | null): Promise<ErasureSummary> {
    return erasePerson(this.db, orgId, personId, actor, this.now());
  }

  async isErased(orgId: string, personId: string): Promise<boolean> {
    const rows = await this.db.execute(
      sql`SELECT 1 AS yes FROM audit_log WHERE org_id = ${orgId} AND entity = ${ERASURE_ENTITY} AND entity_id = ${personId} LIMIT 1`,
    );
    return rowsOf(rows).length > 0;
  }
}
