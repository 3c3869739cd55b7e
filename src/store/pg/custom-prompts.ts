// Custom prompt definitions and their answers on PostgreSQL. Every change runs as an audited
// transaction (the organisation's audit-chain lock first), so two instances answering, correcting
// or pausing at once apply one after the other: a question is answered once (the second tap finds
// it no longer open) and a correction always replaces the version the audit row names as before
// (SQLite gets this from its one writer).
import { and, asc, desc, eq, like, ne, sql } from 'drizzle-orm';
import { customAnswers, customPrompts, prompts } from '../../../db/pg/schema';
import type { CustomPrompt, NewCustomPrompt, PromptStatus } from '../../core/prompts/definition';
import type { AnswerVersion, CustomAnswer, CustomPromptRepo, CustomQuestion } from '../../core/prompts/repo';
import { customSubject, subjectParts } from '../../core/prompts/subject';
import { answerValues, newPromptValues, subjectsOf, toAnswer, toPrompt } from '../shared/custom-prompts';
import { auditedTransaction, writeAudit } from './audit';
import type { PgDb } from './db';

export class PgCustomPromptRepo implements CustomPromptRepo {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  async create(p: NewCustomPrompt): Promise<CustomPrompt> {
    return auditedTransaction(this.db, p.orgId, async (tx) => {
      const [row] = await tx.insert(customPrompts).values(newPromptValues(p, this.now())).returning();
      const created = toPrompt(row!);
      await writeAudit(tx, {
        orgId: p.orgId,
        actor: p.createdBy,
        entity: 'custom_prompt',
        entityId: row!.id,
        action: 'create',
        after: created,
        at: this.now(),
      });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<CustomPrompt | undefined> {
    const [row] = await this.db
      .select()
      .from(customPrompts)
      .where(and(eq(customPrompts.orgId, orgId), eq(customPrompts.id, id)));
    return row && toPrompt(row);
  }

  async list(orgId: string, options: { includeRetired?: boolean } = {}): Promise<CustomPrompt[]> {
    const where = options.includeRetired ? eq(customPrompts.orgId, orgId) : and(eq(customPrompts.orgId, orgId), ne(customPrompts.status, 'retired'));
    return (await this.db.select().from(customPrompts).where(where).orderBy(asc(customPrompts.id))).map(toPrompt);
  }

  async listActive(): Promise<CustomPrompt[]> {
    return (await this.db.select().from(customPrompts).where(eq(customPrompts.status, 'active')).orderBy(asc(customPrompts.id))).map(toPrompt);
  }

  async setStatus(orgId: string, id: number, status: PromptStatus, actor: string): Promise<CustomPrompt | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const where = and(eq(customPrompts.orgId, orgId), eq(customPrompts.id, id));
      const [before] = await tx.select({ status: customPrompts.status }).from(customPrompts).where(where).for('update');
      if (!before) return undefined;
      const [row] = await tx.update(customPrompts).set({ status }).where(where).returning();
      await writeAudit(tx, { orgId, actor, entity: 'custom_prompt', entityId: id, action: 'update', before, after: { status }, at: this.now() });
      return toPrompt(row!);
    });
  }

  async answer(orgId: string, a: Omit<CustomAnswer, 'definitionId' | 'periodKey' | 'personId' | 'reason'>): Promise<CustomAnswer | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      // Only an open question is answered: of two taps at once, the second waits for the first's
      // row lock and then no longer matches.
      const [asked] = await tx
        .update(prompts)
        .set({ status: 'answered', answer: a.answer, answeredAt: a.answeredAt })
        .where(and(eq(prompts.orgId, orgId), eq(prompts.id, a.promptId), eq(prompts.status, 'open'), eq(prompts.kind, 'custom')))
        .returning();
      if (!asked) return undefined;
      const { definitionId, periodKey } = subjectParts(asked)!;
      const [row] = await tx
        .insert(customAnswers)
        .values({ promptId: a.promptId, definitionId, orgId, personId: asked.personId, periodKey, ...answerValues(a) })
        .returning();
      const answer = toAnswer(row!);
      await writeAudit(tx, { orgId, actor: a.answeredBy, entity: 'custom_answer', entityId: a.promptId, action: 'create', after: answer, at: this.now() });
      return answer;
    });
  }

  async answerTo(orgId: string, promptId: number): Promise<CustomAnswer | undefined> {
    const [row] = await this.db
      .select()
      .from(customAnswers)
      .where(and(eq(customAnswers.orgId, orgId), eq(customAnswers.promptId, promptId)));
    return row && toAnswer(row);
  }

  async answers(orgId: string, definitionId: number, limit = 200): Promise<CustomAnswer[]> {
    // Period keys and people ids in byte order, as SQLite compares text.
    const rows = await this.db
      .select()
      .from(customAnswers)
      .where(and(eq(customAnswers.orgId, orgId), eq(customAnswers.definitionId, definitionId)))
      .orderBy(sql`${customAnswers.periodKey} COLLATE "C" DESC`, sql`${customAnswers.personId} COLLATE "C"`)
      .limit(limit);
    return rows.map(toAnswer);
  }

  async record(orgId: string, promptId: number, v: AnswerVersion): Promise<{ before: CustomAnswer | undefined; after: CustomAnswer } | undefined> {
    return auditedTransaction(this.db, orgId, async (tx) => {
      const whereQuestion = and(eq(prompts.orgId, orgId), eq(prompts.id, promptId), eq(prompts.kind, 'custom'));
      // FOR UPDATE: the prompt lifecycle closing the question at this moment waits for the answer.
      const [asked] = await tx.select().from(prompts).where(whereQuestion).for('update');
      const parts = asked && subjectParts(asked);
      if (!asked || !parts) return undefined;
      const [existing] = await tx.select().from(customAnswers).where(eq(customAnswers.promptId, promptId));
      const values = answerValues(v);
      if (existing) {
        // The question keeps its first answer time (the response rate is about answering when asked).
        await tx.update(prompts).set({ answer: v.answer }).where(whereQuestion);
        const [updated] = await tx.update(customAnswers).set(values).where(eq(customAnswers.promptId, promptId)).returning();
        const before = toAnswer(existing);
        const after = toAnswer(updated!);
        await writeAudit(tx, { orgId, actor: v.answeredBy, entity: 'custom_answer', entityId: promptId, action: 'update', before, after, at: this.now() });
        return { before, after };
      }
      await tx.update(prompts).set({ status: 'answered', answer: v.answer, answeredAt: v.answeredAt }).where(whereQuestion);
      const [row] = await tx
        .insert(customAnswers)
        .values({ promptId, definitionId: parts.definitionId, orgId, personId: asked.personId, periodKey: parts.periodKey, ...values })
        .returning();
      const after = toAnswer(row!);
      await writeAudit(tx, { orgId, actor: v.answeredBy, entity: 'custom_answer', entityId: promptId, action: 'create', after, at: this.now() });
      return { before: undefined, after };
    });
  }

  async questions(orgId: string, definitionId: number, filter: { personId?: string; periodKey?: string; limit?: number } = {}): Promise<CustomQuestion[]> {
    const conditions = [eq(prompts.orgId, orgId), eq(prompts.kind, 'custom')];
    conditions.push(filter.periodKey ? eq(prompts.subject, customSubject(definitionId, filter.periodKey)) : like(prompts.subject, subjectsOf(definitionId)));
    if (filter.personId) conditions.push(eq(prompts.personId, filter.personId));
    const rows = await this.db
      .select({ question: prompts, answer: customAnswers })
      .from(prompts)
      .leftJoin(customAnswers, eq(customAnswers.promptId, prompts.id))
      .where(and(...conditions))
      .orderBy(desc(prompts.sentAt), desc(prompts.id))
      .limit(filter.limit ?? 10_000);
    return rows.flatMap(({ question, answer }) => {
      const parts = subjectParts(question);
      if (!parts) return [];
      return [
        {
          promptId: question.id,
          ...parts,
          personId: question.personId,
          status: question.status,
          sentAt: question.sentAt,
          answer: answer ? toAnswer(answer) : undefined,
        },
      ];
    });
  }
}
