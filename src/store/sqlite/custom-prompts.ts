import { and, asc, desc, eq, like, ne } from 'drizzle-orm';
import { customAnswers, customPrompts, prompts } from '../../../db/schema';
import type { CustomPrompt, NewCustomPrompt, PromptStatus } from '../../core/prompts/definition';
import { customSubject, subjectParts } from '../../core/prompts/subject';
import type { AnswerVersion, CustomAnswer, CustomPromptRepo, CustomQuestion } from '../../core/prompts/repo';
import { answerValues, newPromptValues, subjectsOf, toAnswer, toPrompt } from '../shared/custom-prompts';
import { writeAudit } from './audit';
import type { Db } from './db';

export class SqliteCustomPromptRepo implements CustomPromptRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async create(p: NewCustomPrompt): Promise<CustomPrompt> {
    return this.db.transaction((tx) => {
      const row = tx.insert(customPrompts).values(newPromptValues(p, this.now())).returning().get();
      const created = toPrompt(row);
      writeAudit(tx, { orgId: p.orgId, actor: p.createdBy, entity: 'custom_prompt', entityId: row.id, action: 'create', after: created, at: this.now() });
      return created;
    });
  }

  async get(orgId: string, id: number): Promise<CustomPrompt | undefined> {
    const row = this.db
      .select()
      .from(customPrompts)
      .where(and(eq(customPrompts.orgId, orgId), eq(customPrompts.id, id)))
      .get();
    return row && toPrompt(row);
  }

  async list(orgId: string, options: { includeRetired?: boolean } = {}): Promise<CustomPrompt[]> {
    const where = options.includeRetired ? eq(customPrompts.orgId, orgId) : and(eq(customPrompts.orgId, orgId), ne(customPrompts.status, 'retired'));
    return this.db.select().from(customPrompts).where(where).orderBy(asc(customPrompts.id)).all().map(toPrompt);
  }

  async listActive(): Promise<CustomPrompt[]> {
    return this.db.select().from(customPrompts).where(eq(customPrompts.status, 'active')).orderBy(asc(customPrompts.id)).all().map(toPrompt);
  }

  async setStatus(orgId: string, id: number, status: PromptStatus, actor: string): Promise<CustomPrompt | undefined> {
    return this.db.transaction((tx) => {
      const where = and(eq(customPrompts.orgId, orgId), eq(customPrompts.id, id));
      const before = tx.select().from(customPrompts).where(where).get();
      if (!before) return undefined;
      const row = tx.update(customPrompts).set({ status }).where(where).returning().get()!;
      writeAudit(tx, {
        orgId,
        actor,
        entity: 'custom_prompt',
        entityId: id,
        action: 'update',
        before: { status: before.status },
        after: { status },
        at: this.now(),
      });
      return toPrompt(row);
    });
  }

  async answer(orgId: string, a: Omit<CustomAnswer, 'definitionId' | 'periodKey' | 'personId' | 'reason'>): Promise<CustomAnswer | undefined> {
    return this.db.transaction((tx) => {
      const asked = tx
        .update(prompts)
        .set({ status: 'answered', answer: a.answer, answeredAt: a.answeredAt })
        .where(and(eq(prompts.orgId, orgId), eq(prompts.id, a.promptId), eq(prompts.status, 'open'), eq(prompts.kind, 'custom')))
        .returning()
        .get();
      if (!asked) return undefined;
      const { definitionId, periodKey } = subjectParts(asked)!;
      const row = tx
        .insert(customAnswers)
        .values({ promptId: a.promptId, definitionId, orgId, personId: asked.personId, periodKey, ...answerValues(a) })
        .returning()
        .get();
      const answer = toAnswer(row);
      writeAudit(tx, { orgId, actor: a.answeredBy, entity: 'custom_answer', entityId: a.promptId, action: 'create', after: answer, at: this.now() });
      return answer;
    });
  }

  async answerTo(orgId: string, promptId: number): Promise<CustomAnswer | undefined> {
    const row = this.db
      .select()
      .from(customAnswers)
      .where(and(eq(customAnswers.orgId, orgId), eq(customAnswers.promptId, promptId)))
      .get();
    return row && toAnswer(row);
  }

  async answers(orgId: string, definitionId: number, limit = 200): Promise<CustomAnswer[]> {
    return this.db
      .select()
      .from(customAnswers)
      .where(and(eq(customAnswers.orgId, orgId), eq(customAnswers.definitionId, definitionId)))
      .orderBy(desc(customAnswers.periodKey), asc(customAnswers.personId))
      .limit(limit)
      .all()
      .map(toAnswer);
  }

  async record(orgId: string, promptId: number, v: AnswerVersion): Promise<{ before: CustomAnswer | undefined; after: CustomAnswer } | undefined> {
    return this.db.transaction((tx) => {
      const whereQuestion = and(eq(prompts.orgId, orgId), eq(prompts.id, promptId), eq(prompts.kind, 'custom'));
      const asked = tx.select().from(prompts).where(whereQuestion).get();
      const parts = asked && subjectParts(asked);
      if (!asked || !parts) return undefined;
      const existing = tx.select().from(customAnswers).where(eq(customAnswers.promptId, promptId)).get();
      const values = answerValues(v);
      if (existing) {
        // The question keeps its first answer time (the response rate is about answering when asked).
        tx.update(prompts).set({ answer: v.answer }).where(whereQuestion).run();
        const after = toAnswer(tx.update(customAnswers).set(values).where(eq(customAnswers.promptId, promptId)).returning().get());
        const before = toAnswer(existing);
        writeAudit(tx, { orgId, actor: v.answeredBy, entity: 'custom_answer', entityId: promptId, action: 'update', before, after, at: this.now() });
        return { before, after };
      }
      tx.update(prompts).set({ status: 'answered', answer: v.answer, answeredAt: v.answeredAt }).where(whereQuestion).run();
      const row = tx
        .insert(customAnswers)
        .values({ promptId, definitionId: parts.definitionId, orgId, personId: asked.personId, periodKey: parts.periodKey, ...values })
        .returning()
        .get();
      const after = toAnswer(row);
      writeAudit(tx, { orgId, actor: v.answeredBy, entity: 'custom_answer', entityId: promptId, action: 'create', after, at: this.now() });
      return { before: undefined, after };
    });
  }

  async questions(orgId: string, definitionId: number, filter: { personId?: string; periodKey?: string; limit?: number } = {}): Promise<CustomQuestion[]> {
    const conditions = [eq(prompts.orgId, orgId), eq(prompts.kind, 'custom')];
    conditions.push(filter.periodKey ? eq(prompts.subject, customSubject(definitionId, filter.periodKey)) : like(prompts.subject, subjectsOf(definitionId)));
    if (filter.personId) conditions.push(eq(prompts.personId, filter.personId));
    const rows = this.db
      .select({ question: prompts, answer: customAnswers })
      .from(prompts)
      .leftJoin(customAnswers, eq(customAnswers.promptId, prompts.id))
      .where(and(...conditions))
      .orderBy(desc(prompts.sentAt), desc(prompts.id))
      .limit(filter.limit ?? 10_000)
      .all();
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
