import { eq } from 'drizzle-orm';
import { organisations } from '../../../db/pg/schema';
import type { OrgRepo } from '../../core/people/repo';
import type { Org, OrgSettings, PlatformName } from '../../core/people/types';
import { toOrg } from '../shared/orgs';
import { writeAudit } from './audit';
import type { PgDb } from './db';

export class PgOrgRepo implements OrgRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async ensure(org: { id: string; platform: PlatformName; name: string }): Promise<Org> {
    await this.db
      .insert(organisations)
      .values({ ...org, settings: '{}', createdAt: this.now() })
      .onConflictDoNothing();
    return (await this.get(org.id))!;
  }

  async get(id: string): Promise<Org | undefined> {
    const [row] = await this.db.select().from(organisations).where(eq(organisations.id, id));
    return row && toOrg(row);
  }

  async list(): Promise<Org[]> {
    return (await this.db.select().from(organisations)).map(toOrg);
  }

  async updateSettings(id: string, patch: Partial<OrgSettings>, actor: string | null): Promise<Org> {
    return this.db.transaction(async (tx) => {
      // FOR UPDATE: two instances patching different settings at once both keep their change.
      const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
      if (!row) throw new Error(`unknown organisation ${id}`);
      const before = JSON.parse(row.settings) as OrgSettings;
      const after = { ...before, ...patch };
      await tx
        .update(organisations)
        .set({ settings: JSON.stringify(after) })
        .where(eq(organisations.id, id));
      await writeAudit(tx, { orgId: id, actor, entity: 'org_settings', entityId: id, action: 'update', before, after, at: this.now() });
      return { ...toOrg(row), settings: after };
    });
  }
}
