// Teams conversation references on PostgreSQL (see sqlite/teams-conversations.ts). Two instances
// may see the same person at once: the insert is ON CONFLICT DO NOTHING, and only the instance
// whose insert took writes the 'create' audit entry; the other refreshes the row it locked.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { teamsConversations } from '../../../db/pg/schema';
import type { ConversationInput, ConversationKind, StoredConversation, TeamsConversationState } from '../../platforms/state';
import { toStoredConversation as toStored } from '../shared/teams-conversations';
import { writeAudit } from './audit';
import type { PgDb } from './db';

const conversation = (orgId: string, kind: ConversationKind, subject: string) =>
  and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, kind), eq(teamsConversations.subject, subject));

export class PgTeamsConversations implements TeamsConversationState {
  constructor(
    private readonly db: PgDb,
    private readonly now: () => number,
  ) {}

  /**
   * Inserts or refreshes a reference. A known 1:1 conversation id is never replaced by null (a
   * person seen again in a team keeps their chat), and a known name or user id is kept when the
   * new sighting lacks one.
   */
  async save(input: ConversationInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      const at = this.now();
      const inserted = await tx
        .insert(teamsConversations)
        .values({ ...input, createdAt: at, updatedAt: at })
        .onConflictDoNothing()
        .returning({ id: teamsConversations.id });
      if (inserted.length > 0) {
        await writeAudit(tx, {
          orgId: input.orgId,
          actor: null,
          entity: 'teams_conversation',
          entityId: `${input.kind}:${input.subject}`,
          action: 'create',
          after: { conversationId: input.conversationId, teamId: input.teamId },
          at,
        });
        return;
      }
      const [existing] = await tx
        .select()
        .from(teamsConversations)
        .where(conversation(input.orgId, input.kind, input.subject))
        .for('update');
      if (!existing) return; // forgotten by another instance in between: this sighting is moot
      await tx
        .update(teamsConversations)
        .set({
          serviceUrl: input.serviceUrl,
          conversationId: input.conversationId ?? existing.conversationId,
          botId: input.botId,
          userId: input.userId ?? existing.userId,
          teamId: input.teamId ?? existing.teamId,
          name: input.name ?? existing.name,
          updatedAt: at,
        })
        .where(eq(teamsConversations.id, existing.id));
    });
  }

  async get(orgId: string, kind: ConversationKind, subject: string): Promise<StoredConversation | undefined> {
    const [row] = await this.db
      .select()
      .from(teamsConversations)
      .where(conversation(orgId, kind, subject));
    return row ? toStored(row) : undefined;
  }

  async personByUserId(orgId: string, userId: string): Promise<StoredConversation | undefined> {
    const [row] = await this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, 'person'), eq(teamsConversations.userId, userId)))
      .limit(1);
    return row ? toStored(row) : undefined;
  }

  async byConversation(orgId: string, conversationId: string): Promise<StoredConversation | undefined> {
    const [row] = await this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.conversationId, conversationId)))
      .limit(1);
    return row ? toStored(row) : undefined;
  }

  async anyOf(orgId: string): Promise<StoredConversation | undefined> {
    const [row] = await this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), isNotNull(teamsConversations.conversationId)))
      .orderBy(desc(teamsConversations.updatedAt))
      .limit(1);
    return row ? toStored(row) : undefined;
  }

  async list(orgId: string, kind?: ConversationKind): Promise<StoredConversation[]> {
    const where = kind ? and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, kind)) : eq(teamsConversations.orgId, orgId);
    // Insertion order, as SQLite's rowid order gives it.
    return (await this.db.select().from(teamsConversations).where(where).orderBy(teamsConversations.id)).map(toStored);
  }

  async forgetChat(orgId: string, personId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const at = this.now();
      const changed = await tx
        .update(teamsConversations)
        .set({ conversationId: null, updatedAt: at })
        .where(and(conversation(orgId, 'person', personId), isNotNull(teamsConversations.conversationId)))
        .returning({ id: teamsConversations.id });
      if (changed.length > 0) {
        await writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `person:${personId}`, action: 'delete', at });
      }
      return changed.length > 0;
    });
  }

  async forgetChannel(orgId: string, channelId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const removed = await tx
        .delete(teamsConversations)
        .where(conversation(orgId, 'channel', channelId))
        .returning({ id: teamsConversations.id });
      if (removed.length > 0) {
        await writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `channel:${channelId}`, action: 'delete', at: this.now() });
      }
      return removed.length > 0;
    });
  }

  async forgetTeam(orgId: string, teamId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const at = this.now();
      const removed = await tx
        .delete(teamsConversations)
        .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, 'channel'), eq(teamsConversations.teamId, teamId)))
        .returning({ id: teamsConversations.id, subject: teamsConversations.subject });
      // In id order, so the audit entries follow the rows' order as on SQLite.
      for (const r of removed.sort((a, b) => a.id - b.id)) {
        await writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `channel:${r.subject}`, action: 'delete', at });
      }
      return removed.length;
    });
  }
}
