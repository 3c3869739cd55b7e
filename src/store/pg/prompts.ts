// Prompts on PostgreSQL. Snoozing reads the prompt FOR UPDATE, so two instances snoozing the same
// prompt count both snoozes; an answer, a miss and a close are one conditional UPDATE on an open
// prompt, so only one of two racing instances changes it. Audited changes take the organisation's
// audit-chain lock first (auditedTransaction), as every audited transaction does.
import { and, asc, eq, isNull, or, type Placeholder, sql } from 'drizzle-orm';
import { prompts } from '../../../db/pg/schema';
import type { Prompt, PromptKind, PromptRepo, PromptToClose, TimeRange } from '../../core/floor-walks/repo';
import { answeredSet, type DueColumn, MISSED_CHANGE, newPromptValues, oldestFirst, promptConditions, snoozeChange } from '../shared/prompts';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb } from './db';

const { isOpen, within, openOne, openToClose, openByTime, openWithPrefix, bySubjectBound } = promptConditions(prompts);
const OLDEST_FIRST = [asc(prompts.sentAt), asc(prompts.id)];

/** Inside the caller's transaction: answers a person's open prompt of a kind and subject. */
export async function closeOpenPrompt(tx: PgDb, orgId: string, personId: string, close: PromptToClose, at: number): Promise<Prompt | undefined> {
  const [row] = await tx
    .update(prompts)
    .set(answeredSet(close.answer, at))
    .where(openToClose(orgId, personId, close))
    .returning();
  return row;
}

/** The columns a newly sent prompt sets (newPromptValues); the rest keep their defaults. */
const OPENING_FIELDS = ['orgId', 'personId', 'kind', 'subject', 'sentAt', 'messageRef', 'remindAt', 'closesAt'] as const;

export class PgPromptRepo implements PromptRepo {
  /** Built once: every prompt sent looks for the week's prompt first. */
  private readonly bySubject;
  /** Built once: every question sent opens its prompt (drizzle would build the INSERT again each time). */
  private readonly opening;

  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {
    this.bySubject = db.select().from(prompts).where(bySubjectBound).prepare('prompts_find');
    const placeholders = Object.fromEntries(OPENING_FIELDS.map((f) => [f, sql.placeholder(f)])) as Record<(typeof OPENING_FIELDS)[number], Placeholder>;
    this.opening = db
      .insert(prompts)
      .values({ ...placeholders, status: 'open' })
      .onConflictDoNothing()
      .returning()
      .prepare('prompts_open');
  }

  async open(p: Parameters<PromptRepo['open']>[0]): Promise<Prompt> {
    // A second send of the same (person, kind, subject) keeps the first row: an instance racing
    // this one waits for its insert to commit and then reads that row.
    const values = newPromptValues(p);
    const [inserted] = await this.opening.execute(Object.fromEntries(OPENING_FIELDS.map((f) => [f, values[f]])));
    return inserted ?? (await this.find(p.orgId, p.personId, p.kind, p.subject))!;
  }

  async get(orgId: string, id: number): Promise<Prompt | undefined> {
    const [row] = await this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.orgId, orgId), eq(prompts.id, id)));
    return row;
  }

  async find(orgId: string, personId: string, kind: PromptKind, subject: string): Promise<Prompt | undefined> {
    const [row] = await this.bySubject.execute({ orgId, personId, kind, subject });
    return row;
  }

  async answer(orgId: string, id: number, answer: string, at: number): Promise<Prompt | undefined> {
    const [row] = await this.db.update(prompts).set(answeredSet(answer, at)).where(openOne(orgId, id)).returning();
    return row;
  }

  async snooze(orgId: string, id: number, until: number, actor: string | null): Promise<Prompt | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [before] = await tx.select().from(prompts).where(openOne(orgId, id)).for('update');
      if (!before) return undefined;
      const change = snoozeChange(before, until);
      const [row] = await tx.update(prompts).set(change.set).where(openOne(orgId, id)).returning();
      await writeAudit(tx, { orgId, actor, entity: 'prompt', entityId: id, action: 'update', before: change.before, after: change.after, at: this.now() });
      return row;
    });
  }

  async listOpen(orgId: string, kind: PromptKind): Promise<Prompt[]> {
    return this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.orgId, orgId), eq(prompts.kind, kind), eq(prompts.status, 'open')))
      .orderBy(...OLDEST_FIRST);
  }

  async listOpenByTime(kind: PromptKind, sentIn: TimeRange[], snoozedIn: TimeRange): Promise<Prompt[]> {
    return this.db
      .select()
      .from(prompts)
      .where(openByTime(kind, sentIn, snoozedIn))
      .orderBy(...OLDEST_FIRST);
  }

  async listOpenDue(kind: PromptKind, column: DueColumn, ranges: TimeRange[]): Promise<Prompt[]> {
    if (ranges.length === 0) return [];
    // One query: a prompt in two overlapping ranges comes once, as from the SQLite store's merge.
    return this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.kind, kind), isOpen, or(...ranges.map((r) => within(prompts[column], r)))))
      .orderBy(...OLDEST_FIRST);
  }

  async listOpenUnscheduled(kind: PromptKind): Promise<Prompt[]> {
    // Sorted here, as on SQLite: an ORDER BY sent_at could lead the planner to walk every open
    // prompt of the kind in sent_at order instead of the few without a closes_at.
    const rows = await this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.kind, kind), isOpen, isNull(prompts.closesAt)));
    return rows.sort(oldestFirst);
  }

  async answerAllOpen(orgId: string, kind: PromptKind, subjectPrefix: string, answer: string, at: number): Promise<Prompt[]> {
    const rows = await this.db
      .update(prompts)
      .set(answeredSet(answer, at))
      .where(openWithPrefix(orgId, kind, subjectPrefix))
      .returning();
    return rows.sort(oldestFirst);
  }

  async markMissed(orgId: string, id: number, actor: string | null): Promise<Prompt | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const [row] = await tx.update(prompts).set({ status: 'missed' }).where(openOne(orgId, id)).returning();
      if (!row) return undefined;
      await writeAudit(tx, { orgId, actor, entity: 'prompt', entityId: id, action: 'update', ...MISSED_CHANGE, at: this.now() });
      return row;
    });
  }
}
