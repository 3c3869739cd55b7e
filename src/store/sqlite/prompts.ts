import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { prompts } from '../../../db/schema';
import type { Prompt, PromptKind, PromptRepo, PromptToClose, TimeRange } from '../../core/floor-walks/repo';
import { answeredSet, type DueColumn, MISSED_CHANGE, newPromptValues, oldestFirst, promptConditions, snoozeChange } from '../shared/prompts';
import { writeAudit } from './audit';
import type { Db } from './db';

const { isOpen, openOne, openToClose, openByTime, openWithPrefix, bySubjectBound } = promptConditions(prompts);

export function toPrompt(row: typeof prompts.$inferSelect): Prompt {
  return row;
}

/** Inside the caller's transaction: answers a person's open prompt of a kind and subject. */
export function closeOpenPrompt(tx: Db, orgId: string, personId: string, close: PromptToClose, at: number): Prompt | undefined {
  const row = tx
    .update(prompts)
    .set(answeredSet(close.answer, at))
    .where(openToClose(orgId, personId, close))
    .returning()
    .get();
  return row && toPrompt(row);
}

export class SqlitePromptRepo implements PromptRepo {
  // Read for every prompt sent (twice) and every answer: prepared once (about a tenth of the cost).
  private readonly bySubject;
  // Read by the prompt lifecycle's sources every scheduler pass.
  private readonly openDue;
  private readonly openUnscheduled;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.bySubject = db.select().from(prompts).where(bySubjectBound).prepare();
    const open = and(eq(prompts.kind, sql.placeholder('kind')), isOpen);
    const due = (column: DueColumn) =>
      db
        .select()
        .from(prompts)
        .where(and(open, gt(prompts[column], sql.placeholder('from')), lte(prompts[column], sql.placeholder('to'))))
        .prepare();
    this.openDue = { remindAt: due('remindAt'), closesAt: due('closesAt'), sentAt: due('sentAt') };
    // No ORDER BY: sorting by sent_at would lead SQLite to walk every open prompt in sent_at order
    // instead of the few without a closes_at (sorted after, in memory).
    this.openUnscheduled = db
      .select()
      .from(prompts)
      .where(and(open, isNull(prompts.closesAt)))
      .prepare();
  }

  async open(p: Parameters<PromptRepo['open']>[0]): Promise<Prompt> {
    this.db.insert(prompts).values(newPromptValues(p)).onConflictDoNothing().run();
    return (await this.find(p.orgId, p.personId, p.kind, p.subject))!;
  }

  async get(orgId: string, id: number): Promise<Prompt | undefined> {
    const row = this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.orgId, orgId), eq(prompts.id, id)))
      .get();
    return row && toPrompt(row);
  }

  async find(orgId: string, personId: string, kind: PromptKind, subject: string): Promise<Prompt | undefined> {
    const row = this.bySubject.get({ orgId, personId, kind, subject });
    return row && toPrompt(row);
  }

  async answer(orgId: string, id: number, answer: string, at: number): Promise<Prompt | undefined> {
    const row = this.db.update(prompts).set(answeredSet(answer, at)).where(openOne(orgId, id)).returning().get();
    return row && toPrompt(row);
  }

  async snooze(orgId: string, id: number, until: number, actor: string | null): Promise<Prompt | undefined> {
    return this.db.transaction((tx) => {
      const where = openOne(orgId, id);
      const before = tx.select().from(prompts).where(where).get();
      if (!before) return undefined;
      const change = snoozeChange(before, until);
      const row = tx.update(prompts).set(change.set).where(where).returning().get()!;
      writeAudit(tx, { orgId, actor, entity: 'prompt', entityId: id, action: 'update', before: change.before, after: change.after, at: this.now() });
      return toPrompt(row);
    });
  }

  async listOpen(orgId: string, kind: PromptKind): Promise<Prompt[]> {
    return this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.orgId, orgId), eq(prompts.kind, kind), eq(prompts.status, 'open')))
      .orderBy(asc(prompts.sentAt), asc(prompts.id))
      .all()
      .map(toPrompt);
  }

  async listOpenByTime(kind: PromptKind, sentIn: TimeRange[], snoozedIn: TimeRange): Promise<Prompt[]> {
    return this.db
      .select()
      .from(prompts)
      .where(openByTime(kind, sentIn, snoozedIn))
      .orderBy(asc(prompts.sentAt), asc(prompts.id))
      .all()
      .map(toPrompt);
  }

  async listOpenDue(kind: PromptKind, column: DueColumn, ranges: TimeRange[]): Promise<Prompt[]> {
    const rows = new Map<number, Prompt>();
    for (const r of ranges) for (const row of this.openDue[column].all({ kind, from: r.from, to: r.to })) rows.set(row.id, toPrompt(row));
    return [...rows.values()].sort(oldestFirst);
  }

  async listOpenUnscheduled(kind: PromptKind): Promise<Prompt[]> {
    return this.openUnscheduled.all({ kind }).map(toPrompt).sort(oldestFirst);
  }

  async answerAllOpen(orgId: string, kind: PromptKind, subjectPrefix: string, answer: string, at: number): Promise<Prompt[]> {
    return this.db
      .update(prompts)
      .set(answeredSet(answer, at))
      .where(openWithPrefix(orgId, kind, subjectPrefix))
      .returning()
      .all()
      .map(toPrompt);
  }

  async markMissed(orgId: string, id: number, actor: string | null): Promise<Prompt | undefined> {
    return this.db.transaction((tx) => {
      const row = tx.update(prompts).set({ status: 'missed' }).where(openOne(orgId, id)).returning().get();
      if (!row) return undefined;
      writeAudit(tx, { orgId, actor, entity: 'prompt', entityId: id, action: 'update', ...MISSED_CHANGE, at: this.now() });
      return toPrompt(row);
    });
  }
}
