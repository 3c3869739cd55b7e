import { eq, sql } from 'drizzle-orm';
import { organisations } from '../../../db/schema';
import type { OrgRepo } from '../../core/people/repo';
import type { Org, OrgSettings, PlatformName } from '../../core/people/types';
import { toOrg } from '../shared/orgs';
import { writeAudit } from './audit';
import type { Db } from './db';

export class SqliteOrgRepo implements OrgRepo {
  // Read for every command, button and delivery: prepared once (about a tenth of the cost).
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.byId = db
      .select()
      .from(organisations)
      .where(eq(organisations.id, sql.placeholder('id')))
      .prepare();
  }

  async ensure(org: { id: string; platform: PlatformName; name: string }): Promise<Org> {
    this.db
      .insert(organisations)
      .values({ ...org, settings: '{}', createdAt: this.now() })
      .onConflictDoNothing()
      .run();
    return (await this.get(org.id))!;
  }

  async get(id: string): Promise<Org | undefined> {
    const row = this.byId.get({ id });
    return row && toOrg(row);
  }

  async list(): Promise<Org[]> {
    return this.db.select().from(organisations).all().map(toOrg);
  }

  async updateSettings(id: string, patch: Partial<OrgSettings>, actor: string | null): Promise<Org> {
    return this.db.transaction((tx) => {
      const row = tx.select().from(organisations).where(eq(organisations.id, id)).get();
      if (!row) throw new Error(`unknown organisation ${id}`);
      const before = JSON.parse(row.settings) as OrgSettings;
      const after = { ...before, ...patch };
      tx.update(organisations)
        .set({ settings: JSON.stringify(after) })
        .where(eq(organisations.id, id))
        .run();
      writeAudit(tx, { orgId: id, actor, entity: 'org_settings', entityId: id, action: 'update', before, after, at: this.now() });
      return { ...toOrg(row), settings: after };
    });
  }
}
