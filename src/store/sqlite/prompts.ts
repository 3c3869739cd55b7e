import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { prompts } from '../../../db/schema';
import type { Prompt, PromptKind, PromptRepo, PromptToClose, TimeRange } from '../../core/floor-walks/repo';
import { writeAudit } from './audit';
import type { Db } from './db';

type DueColumn = 'remindAt' | 'closesAt' | 'sentAt';

export function toPrompt(row: typeof prompts.$inferSelect): Prompt {
  return row;
}

/** One prompt of the organisation, while it is open (answering, snoozing and missing need that). */
function openPrompt(orgId: string, id: number) {
  return and(eq(prompts.orgId, orgId), eq(prompts.id, id), eq(prompts.status, 'open'));
}

/** Inside the caller's transaction: answers a person's open prompt of a kind and subject. */
export function closeOpenPrompt(tx: Db, orgId: string, personId: string, close: PromptToClose, at: number): Prompt | undefined {
  const row = tx
    .update(prompts)
    .set({ status: 'answered', answer: close.answer, answeredAt: at })
    .where(
      and(
        eq(prompts.orgId, orgId),
        eq(prompts.personId, personId),
        eq(prompts.kind, close.kind),
        eq(prompts.subject, close.subject),
        eq(prompts.status, 'open'),
      ),
    )
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
    this.bySubject = db
      .select()
      .from(prompts)
      .where(
        and(
          eq(prompts.orgId, sql.placeholder('orgId')),
          eq(prompts.personId, sql.placeholder('personId')),
          eq(prompts.kind, sql.placeholder('kind')),
          eq(prompts.subject, sql.placeholder('subject')),
        ),
      )
      .prepare();
    // `status = 'open'` written out, not bound: only then may SQLite use the partial indexes on open prompts.
    const open = and(eq(prompts.kind, sql.placeholder('kind')), sql`${prompts.status} = 'open'`);
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
    this.db
      .insert(prompts)
      .values({ ...p, remindAt: p.remindAt ?? null, closesAt: p.closesAt ?? null, status: 'open' })
      .onConflictDoNothing()
      .run();
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
    const row = this.db.update(prompts).set({ status: 'answered', answer, answeredAt: at }).where(openPrompt(orgId, id)).returning().get();
    return row && toPrompt(row);
  }

  async snooze(orgId: string, id: number, until: number, actor: string | null): Promise<Prompt | undefined> {
    return this.db.transaction((tx) => {
      const where = openPrompt(orgId, id);
      const before = tx.select().from(prompts).where(where).get();
      if (!before) return undefined;
      const row = tx
        .update(prompts)
        .set({ snoozeCount: before.snoozeCount + 1, snoozedUntil: until, remindAt: until })
        .where(where)
        .returning()
        .get()!;
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'prompt',
        entityId: id,
        action: 'update',
        before: { snoozeCount: before.snoozeCount, snoozedUntil: before.snoozedUntil },
        after: { snoozeCount: row.snoozeCount, snoozedUntil: row.snoozedUntil },
        at: this.now(),
      });
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
    const inRange = (column: typeof prompts.sentAt | typeof prompts.snoozedUntil, r: TimeRange) => and(gt(column, r.from), lte(column, r.to));
    return this.db
      .select()
      .from(prompts)
      .where(
        and(eq(prompts.kind, kind), eq(prompts.status, 'open'), or(inRange(prompts.snoozedUntil, snoozedIn), ...sentIn.map((r) => inRange(prompts.sentAt, r)))),
      )
      .orderBy(asc(prompts.sentAt), asc(prompts.id))
      .all()
      .map(toPrompt);
  }

  async listOpenDue(kind: PromptKind, column: DueColumn, ranges: TimeRange[]): Promise<Prompt[]> {
    const rows = new Map<number, Prompt>();
    for (const r of ranges) for (const row of this.openDue[column].all({ kind, from: r.from, to: r.to })) rows.set(row.id, toPrompt(row));
    return [...rows.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  }

  async listOpenUnscheduled(kind: PromptKind): Promise<Prompt[]> {
    return this.openUnscheduled
      .all({ kind })
      .map(toPrompt)
      .sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  }

  async answerAllOpen(orgId: string, kind: PromptKind, subjectPrefix: string, answer: string, at: number): Promise<Prompt[]> {
    return this.db
      .update(prompts)
      .set({ status: 'answered', answer, answeredAt: at })
      .where(
        and(
          eq(prompts.orgId, orgId),
          eq(prompts.kind, kind),
          eq(prompts.status, 'open'),
          sql`substr(${prompts.subject}, 1, ${subjectPrefix.length}) = ${subjectPrefix}`,
        ),
      )
      .returning()
      .all()
      .map(toPrompt);
  }

  async markMissed(orgId: string, id: number, actor: string | null): Promise<Prompt | undefined> {
    return this.db.transaction((tx) => {
      const row = tx.update(prompts).set({ status: 'missed' }).where(openPrompt(orgId, id)).returning().get();
      if (!row) return undefined;
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'prompt',
        entityId: id,
        action: 'update',
        before: { status: 'open' },
        after: { status: 'missed' },
        at: this.now(),
      });
      return toPrompt(row);
    });
  }
}
