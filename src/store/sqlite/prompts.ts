import { and, eq } from 'drizzle-orm';
import { prompts } from '../../../db/schema';
import type { Prompt, PromptKind, PromptRepo } from '../../core/floor-walks/repo';
import type { Db } from './db';

export function toPrompt(row: typeof prompts.$inferSelect): Prompt {
  return row;
}

export class SqlitePromptRepo implements PromptRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async open(p: { orgId: string; personId: string; kind: PromptKind; subject: string; sentAt: number; messageRef: string | null }): Promise<Prompt> {
    this.db.insert(prompts).values({ ...p, status: 'open' }).onConflictDoNothing().run();
    return (await this.find(p.orgId, p.personId, p.kind, p.subject))!;
  }

  async get(orgId: string, id: number): Promise<Prompt | undefined> {
    const row = this.db.select().from(prompts).where(and(eq(prompts.orgId, orgId), eq(prompts.id, id))).get();
    return row && toPrompt(row);
  }

  async find(orgId: string, personId: string, kind: PromptKind, subject: string): Promise<Prompt | undefined> {
    const row = this.db
      .select()
      .from(prompts)
      .where(and(eq(prompts.orgId, orgId), eq(prompts.personId, personId), eq(prompts.kind, kind), eq(prompts.subject, subject)))
      .get();
    return row && toPrompt(row);
  }

  async answer(orgId: string, id: number, answer: string, at: number): Promise<Prompt | undefined> {
    const row = this.db
      .update(prompts)
      .set({ status: 'answered', answer, answeredAt: at })
      .where(and(eq(prompts.orgId, orgId), eq(prompts.id, id), eq(prompts.status, 'open')))
      .returning()
      .get();
    return row && toPrompt(row);
  }
}
