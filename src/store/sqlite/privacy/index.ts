// The PrivacyRepo on SQLite: a person's export and erasure.
import type { ErasureSummary, PersonExport, PrivacyRepo } from '../../../core/retention/privacy';
import { exportPerson } from '../../shared/privacy-export';
import type { OpenDatabase } from '../db';
import { ERASURE_ENTITY, erasePerson } from './erase';

export class SqlitePrivacyRepo implements PrivacyRepo {
  constructor(
    private readonly database: OpenDatabase,
    private readonly now: () => number,
  ) {}

  async export(orgId: string, personId: string, at: number): Promise<PersonExport> {
    const { sqlite } = this.database;
    return exportPerson(async (sql, params) => sqlite.prepare(sql).all(...params) as Record<string, unknown>[], orgId, personId, at);
  }

  async erase(orgId: string, personId: string, actor: string | null): Promise<ErasureSummary> {
    return erasePerson(this.database, orgId, personId, actor, this.now());
  }

  async isErased(orgId: string, personId: string): Promise<boolean> {
    return (
      this.database.sqlite.prepare('SELECT 1 FROM audit_log WHERE org_id = ? AND entity = ? AND entity_id = ? LIMIT 1').get(orgId, ERASURE_ENTITY, personId) !==
      undefined
    );
  }
}
