// People on PostgreSQL. Text is ordered COLLATE "C" (byte order), as SQLite orders it, so lists
// come out the same on both engines whatever the database's locale.
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { organisations, people } from '../../../db/pg/schema';
import type { NewPerson, PeopleRepo, PersonPatch } from '../../core/people/repo';
import type { Person, Role } from '../../core/people/types';
import { newPersonValues, toPerson } from '../shared/people';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb, Query } from './db';

/**
 * Inserts the person unless the id exists (then returns the stored row); call inside a transaction.
 * ON CONFLICT on the id: two instances meeting the same new person at once create them once.
 */
export async function ensurePersonRow(tx: PgDb, person: NewPerson, actor: string | null, now: number): Promise<{ person: Person; created: boolean }> {
  const [row] = await tx.insert(people).values(newPersonValues(person, now)).onConflictDoNothing({ target: people.id }).returning();
  if (!row) {
    const [existing] = await tx.select().from(people).where(eq(people.id, person.id));
    if (!existing) throw new Error(`person ${person.id} could not be stored`);
    if (existing.orgId !== person.orgId) throw new Error(`person ${person.id} belongs to another organisation`);
    return { person: toPerson(existing), created: false };
  }
  const created = toPerson(row);
  await writeAudit(tx, { orgId: person.orgId, actor, entity: 'person', entityId: person.id, action: 'create', after: created, at: now });
  return { person: created, created: true };
}

/** Patches a person and audits the change (before and after); call inside a transaction. */
export async function updatePersonRow(tx: PgDb, orgId: string, id: string, patch: PersonPatch, actor: string | null, now: number): Promise<Person> {
  const [before] = await tx
    .select()
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, id)))
    .for('update');
  if (!before) throw new Error(`unknown person ${id}`);
  // The moment someone becomes a leader: the scorecard owes nothing from before it on that day.
  const becomesLeader = patch.role === 'leader' && before.role !== 'leader';
  const [row] = await tx
    .update(people)
    .set({ ...patch, ...(becomesLeader ? { leaderSince: now } : {}), updatedAt: now })
    .where(and(eq(people.orgId, orgId), eq(people.id, id)))
    .returning();
  const after = toPerson(row!);
  await writeAudit(tx, { orgId, actor, entity: 'person', entityId: id, action: 'update', before: toPerson(before), after, at: now });
  return after;
}

/**
 * The organisation's first-admin slot, taken by compare-and-set in one UPDATE: a second claimer
 * waits for the row lock, then re-checks `first_admin_id IS NULL` on the committed row and loses.
 */
async function claimFirstAdmin(tx: PgDb, orgId: string, personId: string): Promise<boolean> {
  const admins = tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.role, 'admin')));
  const claimed = await tx
    .update(organisations)
    .set({ firstAdminId: personId })
    .where(and(eq(organisations.id, orgId), isNull(organisations.firstAdminId), notExists(admins)))
    .returning({ id: organisations.id });
  return claimed.length === 1;
}

/** A person's zone (their own, else their site's, else the default $1) for rows `p` of people and `s` of sites. */
export const PERSON_ZONE_SQL = 'COALESCE(p.time_zone, s.time_zone, $1)';

const byteOrder = (column: typeof people.displayName) => sql`${column} COLLATE "C"`;

export class PgPeopleRepo implements PeopleRepo {
  /** Built once: every delivery reads its person, some more than once. */
  private readonly byId;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
    private readonly query: Query,
  ) {
    this.byId = db
      .select()
      .from(people)
      .where(and(eq(people.orgId, sql.placeholder('orgId')), eq(people.id, sql.placeholder('id'))))
      .prepare('people_get');
  }

  async zonesInUse(defaultZone: string): Promise<string[]> {
    const rows = await this.query<{ zone: string }>(
      `SELECT DISTINCT ${PERSON_ZONE_SQL} COLLATE "C" AS zone FROM people p LEFT JOIN sites s ON s.id = p.site_id ORDER BY zone`,
      [defaultZone],
    );
    return rows.map((r) => r.zone);
  }

  async get(orgId: string, id: string): Promise<Person | undefined> {
    const [row] = await this.byId.execute({ orgId, id });
    return row && toPerson(row);
  }

  async ensure(person: NewPerson, actor: string | null): Promise<Person> {
    return auditedTransaction(this.db, person.orgId, async (tx) => (await ensurePersonRow(tx, person, actor, this.now())).person);
  }

  async arrive(person: NewPerson, claimAdmin: boolean): Promise<Person> {
    return auditedTransaction(this.db, person.orgId, async (tx) => {
      const now = this.now();
      // Stored first, audited last: the slot is only ever claimed for someone this call inserts (a
      // concurrent arrival of the same id waits on the insert, then reads the stored row instead).
      const [row] = await tx.insert(people).values(newPersonValues(person, now)).onConflictDoNothing({ target: people.id }).returning();
      if (!row) return (await ensurePersonRow(tx, person, null, now)).person;
      let stored = toPerson(row);
      if (claimAdmin && (await claimFirstAdmin(tx, person.orgId, person.id))) {
        // As if they had arrived as admin (newPersonValues): not a leader, so no leaderSince.
        const [admin] = await tx.update(people).set({ role: 'admin', leaderSince: null }).where(eq(people.id, person.id)).returning();
        stored = toPerson(admin!);
      }
      await writeAudit(tx, { orgId: person.orgId, actor: null, entity: 'person', entityId: person.id, action: 'create', after: stored, at: now });
      return stored;
    });
  }

  async update(orgId: string, id: string, patch: PersonPatch, actor: string | null): Promise<Person> {
    return auditedTransaction(this.db, orgId, (tx) => updatePersonRow(tx, orgId, id, patch, actor, this.now()));
  }

  async findByHandle(orgId: string, handle: string): Promise<Person | undefined> {
    const [row] = await this.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), sql`lower(${people.handle}) = lower(${handle})`))
      .limit(1);
    return row && toPerson(row);
  }

  async findByName(orgId: string, name: string): Promise<Person[]> {
    const rows = await this.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), sql`lower(${people.displayName}) = lower(${name})`))
      .orderBy(people.createdAt, people.id);
    return rows.map(toPerson);
  }

  async list(orgId: string, filter: { role?: Role; siteId?: number } = {}): Promise<Person[]> {
    const conditions = [eq(people.orgId, orgId)];
    if (filter.role) conditions.push(eq(people.role, filter.role));
    if (filter.siteId !== undefined) conditions.push(eq(people.siteId, filter.siteId));
    const rows = await this.db
      .select()
      .from(people)
      .where(and(...conditions))
      .orderBy(byteOrder(people.displayName));
    return rows.map(toPerson);
  }

  async count(orgId: string): Promise<number> {
    return this.db.$count(people, eq(people.orgId, orgId));
  }
}
