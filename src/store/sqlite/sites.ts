import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { siteClosures, sites, teams } from '../../../db/schema';
import type { SiteRepo, TeamRepo } from '../../core/people/repo';
import type { Closure, Site, Team } from '../../core/people/types';
import type { LocalDate } from '../../core/time';
import { newSiteValues, sitePatchValues, toClosure, toSite, toTeam } from '../shared/people';
import { writeAudit } from './audit';
import type { Db } from './db';

/** Inserts a site and audits it; call inside a transaction. */
export function insertSiteRow(tx: Db, site: Omit<Site, 'id'>, actor: string | null, now: number): Site {
  const row = tx.insert(sites).values(newSiteValues(site, now)).returning().get();
  const created = toSite(row);
  writeAudit(tx, { orgId: site.orgId, actor, entity: 'site', entityId: row.id, action: 'create', after: created, at: now });
  return created;
}

/** Inserts a team and audits it; call inside a transaction. */
export function insertTeamRow(tx: Db, team: Omit<Team, 'id'>, actor: string | null, now: number): Team {
  const row = tx
    .insert(teams)
    .values({ ...team, nameKey: team.name.toLowerCase(), createdAt: now })
    .returning()
    .get();
  const created = toTeam(row);
  writeAudit(tx, { orgId: team.orgId, actor, entity: 'team', entityId: row.id, action: 'create', after: created, at: now });
  return created;
}

export class SqliteSiteRepo implements SiteRepo {
  // Read whenever a person's zone is worked out: prepared once (about a tenth of the cost).
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.byId = db
      .select()
      .from(sites)
      .where(and(eq(sites.orgId, sql.placeholder('orgId')), eq(sites.id, sql.placeholder('id'))))
      .prepare();
  }

  async create(site: Omit<Site, 'id'>, actor: string | null): Promise<Site> {
    return this.db.transaction((tx) => insertSiteRow(tx, site, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<Site | undefined> {
    const row = this.byId.get({ orgId, id });
    return row && toSite(row);
  }

  async findByName(orgId: string, name: string): Promise<Site | undefined> {
    const row = this.db
      .select()
      .from(sites)
      .where(and(eq(sites.orgId, orgId), eq(sites.nameKey, name.toLowerCase())))
      .get();
    return row && toSite(row);
  }

  async list(orgId: string): Promise<Site[]> {
    return this.db.select().from(sites).where(eq(sites.orgId, orgId)).orderBy(sites.name).all().map(toSite);
  }

  async update(orgId: string, id: number, patch: Partial<Omit<Site, 'id' | 'orgId'>>, actor: string | null): Promise<Site> {
    return this.db.transaction((tx) => {
      const before = tx
        .select()
        .from(sites)
        .where(and(eq(sites.orgId, orgId), eq(sites.id, id)))
        .get();
      if (!before) throw new Error(`unknown site ${id}`);
      const row = tx.update(sites).set(sitePatchValues(patch)).where(eq(sites.id, id)).returning().get();
      const after = toSite(row);
      writeAudit(tx, { orgId, actor, entity: 'site', entityId: id, action: 'update', before: toSite(before), after, at: this.now() });
      return after;
    });
  }

  async addClosure(orgId: string, closure: Omit<Closure, 'id'>, actor: string | null): Promise<Closure> {
    return this.db.transaction((tx) => {
      const now = this.now();
      const row = tx
        .insert(siteClosures)
        .values({ orgId, ...closure, createdAt: now })
        .returning()
        .get();
      const created = toClosure(row);
      writeAudit(tx, { orgId, actor, entity: 'site_closure', entityId: row.id, action: 'create', after: created, at: now });
      return created;
    });
  }

  async removeClosure(orgId: string, id: number, actor: string | null): Promise<boolean> {
    return this.db.transaction((tx) => {
      const row = tx
        .select()
        .from(siteClosures)
        .where(and(eq(siteClosures.orgId, orgId), eq(siteClosures.id, id)))
        .get();
      if (!row) return false;
      tx.delete(siteClosures).where(eq(siteClosures.id, id)).run();
      writeAudit(tx, { orgId, actor, entity: 'site_closure', entityId: id, action: 'delete', before: toClosure(row), at: this.now() });
      return true;
    });
  }

  async closures(orgId: string, siteId: number, from?: LocalDate, to?: LocalDate): Promise<Closure[]> {
    const conditions = [eq(siteClosures.orgId, orgId), eq(siteClosures.siteId, siteId)];
    if (from) conditions.push(gte(siteClosures.toDate, from));
    if (to) conditions.push(lte(siteClosures.fromDate, to));
    return this.db
      .select()
      .from(siteClosures)
      .where(and(...conditions))
      .orderBy(siteClosures.fromDate)
      .all()
      .map(toClosure);
  }
}

export class SqliteTeamRepo implements TeamRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async create(team: Omit<Team, 'id'>, actor: string | null): Promise<Team> {
    return this.db.transaction((tx) => insertTeamRow(tx, team, actor, this.now()));
  }

  async get(orgId: string, id: number): Promise<Team | undefined> {
    const row = this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
      .get();
    return row && toTeam(row);
  }

  async findByName(orgId: string, name: string): Promise<Team | undefined> {
    const row = this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.nameKey, name.toLowerCase())))
      .get();
    return row && toTeam(row);
  }

  async list(orgId: string): Promise<Team[]> {
    return this.db.select().from(teams).where(eq(teams.orgId, orgId)).orderBy(teams.name).all().map(toTeam);
  }

  async update(orgId: string, id: number, patch: Partial<Omit<Team, 'id' | 'orgId'>>, actor: string | null): Promise<Team> {
    return this.db.transaction((tx) => {
      const before = tx
        .select()
        .from(teams)
        .where(and(eq(teams.orgId, orgId), eq(teams.id, id)))
        .get();
      if (!before) throw new Error(`unknown team ${id}`);
      const values: Partial<typeof teams.$inferInsert> = { ...patch };
      if (patch.name !== undefined) values.nameKey = patch.name.toLowerCase();
      const row = tx.update(teams).set(values).where(eq(teams.id, id)).returning().get();
      const after = toTeam(row);
      writeAudit(tx, { orgId, actor, entity: 'team', entityId: id, action: 'update', before: toTeam(before), after, at: this.now() });
      return after;
    });
  }

  async ledBy(orgId: string, personId: string): Promise<Team[]> {
    return this.db
      .select()
      .from(teams)
      .where(and(eq(teams.orgId, orgId), eq(teams.leaderId, personId)))
      .orderBy(sql`${teams.name}`)
      .all()
      .map(toTeam);
  }
}
