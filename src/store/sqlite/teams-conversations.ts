// Teams conversation references (service URL, conversation id, bot id …) per person and per team
// channel, per tenant, in the teams_conversations table. Proactive messages need them: Teams lets a
// bot write first only into conversations it was told about. Creating and removing a reference is
// audited; refreshing one on every message only moves updated_at.
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { teamsConversations } from '../../../db/schema';
import type { ConversationInput, ConversationKind, StoredConversation, TeamsConversationState } from '../../platforms/state';
import { toStoredConversation as toStored } from '../shared/teams-conversations';
import { writeAudit } from './audit';
import type { Db } from './db';

export class SqliteTeamsConversations implements TeamsConversationState {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /**
   * Inserts or refreshes a reference. A known 1:1 conversation id is never replaced by null (a
   * person seen again in a team keeps their chat), and a known name or user id is kept when the
   * new sighting lacks one.
   */
  async save(input: ConversationInput): Promise<void> {
    this.db.transaction((tx) => {
      const at = this.now();
      const existing = tx
        .select()
        .from(teamsConversations)
        .where(and(eq(teamsConversations.orgId, input.orgId), eq(teamsConversations.kind, input.kind), eq(teamsConversations.subject, input.subject)))
        .get();
      if (!existing) {
        tx.insert(teamsConversations)
          .values({ ...input, createdAt: at, updatedAt: at })
          .run();
        writeAudit(tx, {
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
      tx.update(teamsConversations)
        .set({
          serviceUrl: input.serviceUrl,
          conversationId: input.conversationId ?? existing.conversationId,
          botId: input.botId,
          userId: input.userId ?? existing.userId,
          teamId: input.teamId ?? existing.teamId,
          name: input.name ?? existing.name,
          updatedAt: at,
        })
        .where(eq(teamsConversations.id, existing.id))
        .run();
    });
  }

  async get(orgId: string, kind: ConversationKind, subject: string): Promise<StoredConversation | undefined> {
    const row = this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, kind), eq(teamsConversations.subject, subject)))
      .get();
    return row ? toStored(row) : undefined;
  }

  /** The person whose Bot Framework user id ('29:…') this is, if we have seen them. */
  async personByUserId(orgId: string, userId: string): Promise<StoredConversation | undefined> {
    const row = this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, 'person'), eq(teamsConversations.userId, userId)))
      .get();
    return row ? toStored(row) : undefined;
  }

  /** The stored reference whose conversation this is (a person's chat or a channel). */
  async byConversation(orgId: string, conversationId: string): Promise<StoredConversation | undefined> {
    const row = this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.conversationId, conversationId)))
      .get();
    return row ? toStored(row) : undefined;
  }

  /** Any reference of the tenant with a conversation: its service URL and bot id serve the whole tenant. */
  async anyOf(orgId: string): Promise<StoredConversation | undefined> {
    const row = this.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.orgId, orgId), isNotNull(teamsConversations.conversationId)))
      .orderBy(desc(teamsConversations.updatedAt))
      .limit(1)
      .get();
    return row ? toStored(row) : undefined;
  }

  async list(orgId: string, kind?: ConversationKind): Promise<StoredConversation[]> {
    const where = kind ? and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, kind)) : eq(teamsConversations.orgId, orgId);
    return this.db.select().from(teamsConversations).where(where).all().map(toStored);
  }

  /** Forgets a 1:1 chat (the app was uninstalled); the person's user id is kept. */
  async forgetChat(orgId: string, personId: string): Promise<boolean> {
    return this.db.transaction((tx) => {
      const at = this.now();
      const changed = tx
        .update(teamsConversations)
        .set({ conversationId: null, updatedAt: at })
        .where(
          and(
            eq(teamsConversations.orgId, orgId),
            eq(teamsConversations.kind, 'person'),
            eq(teamsConversations.subject, personId),
            isNotNull(teamsConversations.conversationId),
          ),
        )
        .run().changes;
      if (changed) {
        writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `person:${personId}`, action: 'delete', at });
      }
      return changed > 0;
    });
  }

  /** Forgets one channel (deleted in Teams). */
  async forgetChannel(orgId: string, channelId: string): Promise<boolean> {
    return this.db.transaction((tx) => {
      const removed = tx
        .delete(teamsConversations)
        .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, 'channel'), eq(teamsConversations.subject, channelId)))
        .run().changes;
      if (removed) {
        writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `channel:${channelId}`, action: 'delete', at: this.now() });
      }
      return removed > 0;
    });
  }

  /** Forgets every channel of a team (the app was removed from it). */
  async forgetTeam(orgId: string, teamId: string): Promise<number> {
    return this.db.transaction((tx) => {
      const at = this.now();
      const removed = tx
        .delete(teamsConversations)
        .where(and(eq(teamsConversations.orgId, orgId), eq(teamsConversations.kind, 'channel'), eq(teamsConversations.teamId, teamId)))
        .returning({ subject: teamsConversations.subject })
        .all();
      for (const r of removed) {
        writeAudit(tx, { orgId, actor: null, entity: 'teams_conversation', entityId: `channel:${r.subject}`, action: 'delete', at });
      }
      return removed.length;
    });
  }
}
