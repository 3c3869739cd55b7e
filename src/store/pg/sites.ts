// Sites (with their closures) and teams on PostgreSQL. Names are ordered COLLATE "C", as on SQLite.
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { siteClosures, sites, teams } from '../../../db/pg/schema';
import type { SiteRepo, TeamRepo } from '../../core/people/repo';
import type { Closure, Site, Team } from '../../core/people/types';
import type { LocalDate } from '../../core/time';
import { newSiteValues, overlappingBound, sitePatchValues, toClosure, toSite, toTeam } from '../shared/people';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb } from './db';

/** Inserts a site and audits it; call inside a transaction. */
export async function insertSiteRow(tx: PgDb, site: Omit<Site, 'id'>, actor: string | null, now: number): Promise<Site> {
  const [row] = await tx.insert(sites).values(newSiteValues(site, now)).returning();
  const created = toSite(row!);
  await writeAudit(tx, { orgId: site.orgId, actor, entity: 'site', entityId: created.id, action: 'create', after: created, at: now });
  return created;
}

/** Inserts a team and audits it; call inside a transaction. */
export async function insertTeamRow(tx: PgDb, team: Omit<Team, 'id'>, actor: string | null, now: number): Promise<Team> {
  const [row] = await tx
    .insert(teams)
    .values({ ...team, nameKey: team.name.toLowerCase(), createdAt: now })
    .returning();
  const created = toTeam(row!);
  await writeAudit(tx, { orgId: team.orgId, actor, entity: 'team', entityId: created.id, action: 'create', after: created, at: now });
  return created;
}

export class PgSiteRepo implements SiteRepo {
  // Built once: every prompt sent reads its person's site, the organisation's sites and the closures.
  private readonly byId;
  private readonly inOrg;
  private readonly closuresInRange;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {
    this.byId = db
      .select()
      .from(sites)
      .where(and(eq(sites.orgId, sql.placeholder('orgId')), eq(sites.id, sql.placeholder('id'))))
      .prepare('sites_get');
    this.inOrg = db
      .select()
      .from(sites)
      .where(eq(sites.orgId, sql.placeholder('orgId')))
      .orderBy(sql`${sites.name} COLLATE "C"`)
      .prepare('sites_list');
    this.closuresInRange = db
      .select()
      .from(siteClosures)
      .where(overlappingBound(siteClosures, siteClosures.siteId, 'siteId'))
      .orderBy(siteClosures.fromDate, siteClosures.id)
      .prepare('site_closures_in_range');
  }

  async create(site: Omit<Site, 'id'>, actor: string | null): Promise<Site> {
    return auditedTransaction(this.db, site.orgId, (tx) => insertSiteRow(tx, site, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<Site | undefined> {
    const [row] = await this.byId.execute({ orgId, id });
    return row && toSite(row);
  }

  async findByName(orgId: string, name: string): Promise<Site | undefined> {
    const [row] = await this.db
      .select()
      .from(sites)
      .where(and(eq(sites.orgId, orgId), eq(sites.nameKey, name.toLowerCase())));
    return row && toSite(row);
  }

  async list(orgId: string): Promise<Site[]> {
    return (await this.inOrg.execute({ orgId })).map(toSite);
  }

  async update(orgId: string, id: number, patch: Partial<Omit<Site, 'id' | 'orgId'>>, actor: string | null): Promise<Site> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [before] = await tx
        .select()
        .from(sites)
        .where(and(eq(sites.orgId, orgId), eq(sites.id, id)))
        .for('update');
      if (!before) throw new Error(`unknown site ${id}`);
      const [row] = await tx.update(sites).set(sitePatchValues(patch)).where(eq(sites.id, id)).returning();
      const after = toSite(row!);
      await writeAudit(tx, { orgId, actor, entity: 'site', entityId: id, action: 'update', before: toSite(before), after, at: this.now() });
      return after;
    });
  }

  async addClosure(orgId: string, closure: Omit<Closure, 'id'>, actor: string | null): Promise<Closure> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const now = this.now();
      const [row] = await tx
        .insert(siteClosures)
        .values({ orgId, ...closure, createdAt: now })
        .returning();
      const created = toClosure(row!);
      await writeAudit(tx, { orgId, actor, entity: 'site_closure', entityId: created.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async removeClosure(orgId: string, id: number, actor: string | null): Promise<boolean> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [row] = await tx
        .delete(siteClosures)
        .where(and(eq(siteClosures.orgId, orgId), eq(siteClosures.id, id)))
        .returning();
      if (!row) return false;
      await writeAudit(tx, { orgId, actor, entity: 'site_closure', entityId: id, action: 'delete', before: toClosure(row), at: this.now() });
      return true;
    });
  }

  async closures(orgId: string, siteId: number, from?: LocalDate, to?: LocalDate): Promise<Closure[]> {
    if (from && to) return (await this.closuresInRange.execute({ orgId, siteId, from, to })).map(toClosure);
    const conditions = [eq(siteClosures.orgId, orgId), eq(siteClosures.siteId, siteId)];
    if (from) conditions.push(gte(siteClosures.toDate, from));
    if (to) conditions.push(lte(siteClosures.fromDate, to));
    const rows = await this.db
      .select()
      .from(siteClosures)
      .where(and(...conditions))
      .orderBy(siteClosures.fromDate, siteClosures.id);
    return rows.map(toClosure);
  }
}

export class PgTeamRepo implements TeamRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async create(team: Omit<Team, 'id'>, actor: string | null): Promise<Team> {
    return auditedTransaction(this.db, team.orgId, (tx) => insertTeamRow(tx, team, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<Team | undefined> {
    const [row] = await this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.id, id)));
    return row && toTeam(row);
  }

  async findByName(orgId: string, name: string): Promise<Team | undefined> {
    const [row] = await this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.nameKey, name.toLowerCase())));
    return row && toTeam(row);
  }

  async list(orgId: string): Promise<Team[]> {
    const rows = await this.db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(sql`${teams.name} COLLATE "C"`);
    return rows.map(toTeam);
  }

  async update(orgId: string, id: number, patch: Partial<Omit<Team, 'id' | 'orgId'>>, actor: string | null): Promise<Team> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [before] = await tx
        .select()
        .from(teams)
        .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
        .for('update');
      if (!before) throw new Error(`unknown team ${id}`);
      const values = { ...patch, ...(patch.name !== undefined ? { nameKey: patch.name.toLowerCase() } : {}) };
      const [row] = await tx.update(teams).set(values).where(eq(teams.id, id)).returning();
      const after = toTeam(row!);
      await writeAudit(tx, { orgId, actor, entity: 'team', entityId: id, action: 'update', before: toTeam(before), after, at: this.now() });
      return after;
    });
  }

  async ledBy(orgId: string, personId: string): Promise<Team[]> {
    const rows = await this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.leaderId, personId)))
      .orderBy(sql`${teams.name} COLLATE "C"`);
    return rows.map(toTeam);
  }
}
