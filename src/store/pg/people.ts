// People on PostgreSQL. Several instances may store the same person at once: inserts go through
// ON CONFLICT DO NOTHING (the loser reads the winner's row), edits lock the row they read for the
// audit's `before`, and the first-admin claim is one conditional UPDATE of the organisation's row.
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { organisations, people } from '../../../db/pg/schema';
import type { NewPerson, PeopleRepo, PersonPatch } from '../../core/people/repo';
import type { Person, Role } from '../../core/people/types';
import { newPersonValues, otherOrganisation, personZoneSql, toPerson } from '../shared/people';
import { writeAudit } from './audit';
import type { OpenPgDatabase, PgDb, Query } from './db';

/** Stores someone new unless the id exists: their row if this call inserted it, else undefined. */
async function insertPersonRow(tx: PgDb, person: NewPerson, now: number): Promise<Person | undefined> {
  const [row] = await tx.insert(people).values(newPersonValues(person, now)).onConflictDoNothing({ target: people.id }).returning();
  return row && toPerson(row);
}

/** The stored row of a person who already exists, refused when they belong to another organisation. */
async function existingPerson(tx: PgDb, person: NewPerson): Promise<Person> {
  const [row] = await tx.select().from(people).where(eq(people.id, person.id));
  if (!row) throw new Error(`person ${person.id} vanished while being stored`);
  if (row.orgId !== person.orgId) throw otherOrganisation(person.id);
  return toPerson(row);
}

/** Inserts the person unless the id exists (then returns the stored row); call inside a transaction. */
export async function ensurePersonRow(tx: PgDb, person: NewPerson, actor: string | null, now: number): Promise<{ person: Person; created: boolean }> {
  const created = await insertPersonRow(tx, person, now);
  if (!created) return { person: await existingPerson(tx, person), created: false };
  await writeAudit(tx, { orgId: person.orgId, actor, entity: 'person', entityId: person.id, action: 'create', after: created, at: now });
  return { person: created, created: true };
}

/** Patches a person and audits the change (before and after); call inside a transaction. */
export async function updatePersonRow(tx: PgDb, orgId: string, id: string, patch: PersonPatch, actor: string | null, now: number): Promise<Person> {
  const mine = and(eq(people.orgId, orgId), eq(people.id, id));
  // FOR UPDATE: the `before` the audit keeps is the version this update replaces.
  const [before] = await tx.select().from(people).where(mine).for('update');
  if (!before) throw new Error(`unknown person ${id}`);
  // The moment someone becomes a leader: the scorecard owes nothing from before it on that day.
  const becomesLeader = patch.role === 'leader' && before.role !== 'leader';
  const [row] = await tx
    .update(people)
    .set({ ...patch, ...(becomesLeader ? { leaderSince: now } : {}), updatedAt: now })
    .where(mine)
    .returning();
  const after = toPerson(row!);
  await writeAudit(tx, { orgId, actor, entity: 'person', entityId: id, action: 'update', before: toPerson(before), after, at: now });
  return after;
}

/**
 * The organisation's first-admin slot, taken by compare-and-set: true for the one caller whose
 * update finds the organisation without an admin and the slot empty. A second updater waits for
 * the first's row lock, then re-checks the condition on the committed row and finds the slot taken.
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

export class PgPeopleRepo implements PeopleRepo {
  private readonly db: PgDb;
  private readonly query: Query;

  constructor(
    database: OpenPgDatabase,
    private readonly now: () => number,
  ) {
    this.db = database.db;
    this.query = database.query;
  }

  async zonesInUse(defaultZone: string): Promise<string[]> {
    const rows = await this.query<{ zone: string }>(
      `SELECT DISTINCT ${personZoneSql('$1::text')} COLLATE "C" AS zone FROM people p LEFT JOIN sites s ON s.id = p.site_id ORDER BY zone`,
      [defaultZone],
    );
    return rows.map((r) => r.zone);
  }

  async get(orgId: string, id: string): Promise<Person | undefined> {
    const [row] = await this.db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.id, id)));
    return row && toPerson(row);
  }

  async ensure(person: NewPerson, actor: string | null): Promise<Person> {
    return this.db.transaction(async (tx) => (await ensurePersonRow(tx, person, actor, this.now())).person);
  }

  async arrive(person: NewPerson, claimAdmin: boolean): Promise<Person> {
    return this.db.transaction(async (tx) => {
      const now = this.now();
      // Inserted first (as themselves), so a claim is only ever made for someone this call stores;
      // a concurrent arrival of the same id waits here for the first one and then reads its row.
      const inserted = await insertPersonRow(tx, person, now);
      if (!inserted) return existingPerson(tx, person);
      let stored = inserted;
      if (claimAdmin && (await claimFirstAdmin(tx, person.orgId, person.id))) {
        // As if they had arrived as admin: not a leader, so no leaderSince.
        const [row] = await tx.update(people).set({ role: 'admin', leaderSince: null }).where(eq(people.id, person.id)).returning();
        stored = toPerson(row!);
      }
      await writeAudit(tx, { orgId: person.orgId, actor: null, entity: 'person', entityId: person.id, action: 'create', after: stored, at: now });
      return stored;
    });
  }

  async update(orgId: string, id: string, patch: PersonPatch, actor: string | null): Promise<Person> {
    return this.db.transaction((tx) => updatePersonRow(tx, orgId, id, patch, actor, this.now()));
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
      .where(and(eq(people.orgId, orgId), sql`lower(${people.displayName}) = lower(${name})`));
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
      .orderBy(sql`${people.displayName} COLLATE "C"`);
    return rows.map(toPerson);
  }

  async count(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(people)
      .where(eq(people.orgId, orgId));
    return row?.n ?? 0;
  }
}
