import type Database from 'better-sqlite3';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { organisations, people } from '../../../db/schema';
import type { NewPerson, PeopleRepo, PersonPatch } from '../../core/people/repo';
import type { Person, Role } from '../../core/people/types';
import { newPersonValues, toPerson } from '../shared/people';
import { writeAudit } from './audit';
import type { Db } from './db';

/** Inserts the person unless the id exists (then returns the stored row); call inside a transaction. */
export function ensurePersonRow(tx: Db, person: NewPerson, actor: string | null, now: number): { person: Person; created: boolean } {
  const existing = tx.select().from(people).where(eq(people.id, person.id)).get();
  if (existing) {
    if (existing.orgId !== person.orgId) throw new Error(`person ${person.id} belongs to another organisation`);
    return { person: toPerson(existing), created: false };
  }
  const row = tx.insert(people).values(newPersonValues(person, now)).returning().get();
  const created = toPerson(row);
  writeAudit(tx, { orgId: person.orgId, actor, entity: 'person', entityId: person.id, action: 'create', after: created, at: now });
  return { person: created, created: true };
}

/** Patches a person and audits the change (before and after); call inside a transaction. */
export function updatePersonRow(tx: Db, orgId: string, id: string, patch: PersonPatch, actor: string | null, now: number): Person {
  const before = tx
    .select()
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, id)))
    .get();
  if (!before) throw new Error(`unknown person ${id}`);
  // The moment someone becomes a leader: the scorecard owes nothing from before it on that day.
  const becomesLeader = patch.role === 'leader' && before.role !== 'leader';
  const row = tx
    .update(people)
    .set({ ...patch, ...(becomesLeader ? { leaderSince: now } : {}), updatedAt: now })
    .where(and(eq(people.orgId, orgId), eq(people.id, id)))
    .returning()
    .get();
  const after = toPerson(row);
  writeAudit(tx, { orgId, actor, entity: 'person', entityId: id, action: 'update', before: toPerson(before), after, at: now });
  return after;
}

/**
 * The organisation's first-admin slot, taken by compare-and-set: true for the one caller whose
 * update finds the organisation without an admin and the slot empty. A single statement, so it
 * holds on PostgreSQL too (the second updater waits for the row lock, then finds the slot taken).
 */
function claimFirstAdmin(tx: Db, orgId: string, personId: string): boolean {
  const admins = tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.role, 'admin')));
  const result = tx
    .update(organisations)
    .set({ firstAdminId: personId })
    .where(and(eq(organisations.id, orgId), isNull(organisations.firstAdminId), notExists(admins)))
    .run();
  return result.changes === 1;
}

/**
 * A person's zone as zoneOf works it out (their own, else their site's, else the default), in SQL:
 * for rows `p` of people and `s` of their site, with the named parameter @defaultZone.
 */
export const PERSON_ZONE_SQL = 'COALESCE(p.time_zone, s.time_zone, @defaultZone)';

export class SqlitePeopleRepo implements PeopleRepo {
  // Read for every command, button and delivery: prepared once (about a tenth of the cost).
  private readonly byId;
  private zones: Database.Statement | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.byId = db
      .select()
      .from(people)
      .where(and(eq(people.orgId, sql.placeholder('orgId')), eq(people.id, sql.placeholder('id'))))
      .prepare();
  }

  async zonesInUse(defaultZone: string): Promise<string[]> {
    const client = (this.db as Db & { $client: Database.Database }).$client;
    this.zones ??= client.prepare(`SELECT DISTINCT ${PERSON_ZONE_SQL} AS zone FROM people p LEFT JOIN sites s ON s.id = p.site_id ORDER BY zone`).pluck();
    return this.zones.all({ defaultZone }) as string[];
  }

  async get(orgId: string, id: string): Promise<Person | undefined> {
    const row = this.byId.get({ orgId, id });
    return row && toPerson(row);
  }

  async ensure(person: NewPerson, actor: string | null): Promise<Person> {
    return this.db.transaction((tx) => ensurePersonRow(tx, person, actor, this.now()).person);
  }

  async arrive(person: NewPerson, claimAdmin: boolean): Promise<Person> {
    // IMMEDIATE: the write lock is taken before anything is read, so no other writer slips between.
    return this.db.transaction(
      (tx) => {
        const existing = tx.select().from(people).where(eq(people.id, person.id)).get();
        if (existing) return ensurePersonRow(tx, person, null, this.now()).person;
        const claimed = claimAdmin && claimFirstAdmin(tx, person.orgId, person.id);
        return ensurePersonRow(tx, { ...person, role: claimed ? 'admin' : (person.role ?? 'member') }, null, this.now()).person;
      },
      { behavior: 'immediate' },
    );
  }

  async update(orgId: string, id: string, patch: PersonPatch, actor: string | null): Promise<Person> {
    return this.db.transaction((tx) => updatePersonRow(tx, orgId, id, patch, actor, this.now()));
  }

  async findByHandle(orgId: string, handle: string): Promise<Person | undefined> {
    const row = this.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), sql`lower(${people.handle}) = lower(${handle})`))
      .get();
    return row && toPerson(row);
  }

  async findByName(orgId: string, name: string): Promise<Person[]> {
    return this.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), sql`lower(${people.displayName}) = lower(${name})`))
      .all()
      .map(toPerson);
  }

  async list(orgId: string, filter: { role?: Role; siteId?: number } = {}): Promise<Person[]> {
    const conditions = [eq(people.orgId, orgId)];
    if (filter.role) conditions.push(eq(people.role, filter.role));
    if (filter.siteId !== undefined) conditions.push(eq(people.siteId, filter.siteId));
    return this.db
      .select()
      .from(people)
      .where(and(...conditions))
      .orderBy(people.displayName)
      .all()
      .map(toPerson);
  }

  async count(orgId: string): Promise<number> {
    const row = this.db.select({ n: sql<number>`count(*)` }).from(people).where(eq(people.orgId, orgId)).get();
    return row?.n ?? 0;
  }
}
