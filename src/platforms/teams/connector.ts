// Every call Clause5 makes to the Bot Connector goes through here: the service URL is checked
// against the allow-list, the call is paced, and failures become ChatErrors. Proactive calls get
// an authenticated client from the SDK (CloudAdapter.continueConversation with the stored
// reference); calls during a turn use the turn's client.
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { JwtPayload } from 'jsonwebtoken';
import { ChatError, type Logger } from '../../core/ports';
import { toChatError } from './errors';
import type { Pacer } from './pacer';
import type { ServiceUrlPolicy } from './service-url';

/** Where a message goes: a conversation of a tenant, reached through its service URL. */
export interface ConversationTarget {
  tenantId: string;
  serviceUrl: string;
  conversationId: string;
  /** The bot's Teams id ('28:<app id>'). */
  botId: string;
}

export interface MemberInfo {
  userId: string;
  aadObjectId?: string;
  name?: string;
}

export class TeamsConnector {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; undefined in unauthenticated (development) mode. */
    private readonly appId: string | undefined,
    private readonly policy: ServiceUrlPolicy,
    private readonly pacer: Pacer,
    private readonly log: Logger,
  ) {}

  /** Posts an activity into a conversation (a new message, or a new thread in a channel); returns its id. */
  async send(target: ConversationTarget, activity: Partial<Activity>, context?: TurnContext): Promise<string> {
    return this.call(target, 'send a message', context, async (client) => {
      const response = await client.sendToConversation(target.conversationId, this.outgoing(target, activity));
      return response?.id ?? '';
    });
  }

  /** Replaces a message sent earlier (card-replace after an answer). */
  async update(target: ConversationTarget, activityId: string, activity: Partial<Activity>, context?: TurnContext): Promise<void> {
    await this.call(target, 'update a message', context, async (client) => {
      await client.updateActivity(target.conversationId, activityId, this.outgoing(target, { ...activity, id: activityId }));
    });
  }

  /**
   * Opens (or finds) the 1:1 chat with a Teams user, through any conversation of the same tenant.
   * Works when the app is installed for the user or in a team they belong to.
   */
  async createPersonalChat(via: ConversationTarget, userId: string): Promise<string> {
    return this.call(via, 'open a personal chat', undefined, async (client) => {
      const created = await client.createConversation({
        isGroup: false,
        // The REST API names the bot 'bot'; the SDK's type calls it 'agent' and sends it as is.
        bot: { id: via.botId },
        agent: { id: via.botId, name: '' },
        members: [{ id: userId, name: '' }],
        tenantId: via.tenantId,
        channelData: { tenant: { id: via.tenantId } },
      } as never);
      if (!created?.id) throw new ChatError('unreachable', 'Teams did not open a personal chat');
      return created.id;
    });
  }

  /** A member of a conversation by Teams user id or Entra object id (undefined when not a member). */
  async member(target: ConversationTarget, userId: string, context?: TurnContext): Promise<MemberInfo | undefined> {
    try {
      return await this.call(target, 'look up a member', context, async (client) => {
        const account = (await client.getConversationMember(userId, target.conversationId)) as {
          id?: string;
          name?: string;
          aadObjectId?: string;
        };
        return account?.id ? { userId: account.id, aadObjectId: account.aadObjectId, name: account.name } : undefined;
      });
    } catch (error) {
      if (error instanceof ChatError && (error.code === 'unreachable' || error.code === 'invalid')) return undefined;
      throw error;
    }
  }

  private async call<T>(target: ConversationTarget, what: string, context: TurnContext | undefined, op: (client: ConnectorClient) => Promise<T>): Promise<T> {
    if (!this.policy.isAllowed(target.serviceUrl)) {
      this.log.warn({ tenantId: target.tenantId, host: hostOf(target.serviceUrl) }, 'Teams: refusing to call a service URL that is not on the allow-list');
      throw new ChatError('invalid', `${what}: the service URL is not on the allow-list`);
    }
    const slot = await this.pacer.take(target.tenantId, target.conversationId);
    try {
      if (context) return await op(context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey));
      let result: T | undefined;
      let failure: { error: unknown } | undefined;
      await this.adapter.continueConversation(this.identity(), this.reference(target), async (ctx) => {
        // Caught here: thrown, it would reach the adapter's turn-error handler instead of the caller.
        try {
          result = await op(ctx.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey));
        } catch (error) {
          failure = { error };
        }
      });
      if (failure) throw failure.error;
      return result as T;
    } catch (error) {
      const chatError = toChatError(error, what);
      if (chatError.code === 'rate_limited') this.pacer.pause(target.tenantId, target.conversationId, chatError.retryAfterMs ?? 1_000);
      throw chatError;
    } finally {
      slot.answered();
    }
  }

  /** With credentials the SDK signs calls as the bot; without (development only) calls are anonymous. */
  private identity(): string | JwtPayload {
    return this.appId ?? ({} as JwtPayload);
  }

  private reference(target: ConversationTarget): ConversationReference {
    return {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId, tenantId: target.tenantId, isGroup: false },
      agent: { id: target.botId, name: '' },
    } as ConversationReference;
  }

  private outgoing(target: ConversationTarget, activity: Partial<Activity>): Activity {
    return Activity.fromObject({
      type: 'message',
      ...activity,
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId, tenantId: target.tenantId },
      from: { id: target.botId },
    });
  }
}

export function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'invalid';
  }
}
