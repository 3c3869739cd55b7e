// The core's ChatPlatform for Teams: proactive messages through the stored conversation
// references. A person without a 1:1 chat is 'unreachable' (unless Teams lets us open one because
// we know their Teams user id from a team), and the log says so once per attempt, clearly.
import type { Message } from '../../core/model';
import type { PersonProfile } from '../../core/people/types';
import { ChatError, type ChatPlatform, type Logger, type MessageRef, type PlatformLimits } from '../../core/ports';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/types';
import type { TeamsConversationState, StoredConversation } from '../state';
import type { ConversationTarget, TeamsConnector } from './connector';
import { aadObjectIdOf, normaliseChannelId } from './ids';
import type { TeamsRenderer } from './renderer';

/** What Clause5 keeps to edit a message later. */
export interface TeamsMessageRef {
  conv: string;
  id: string;
}

// No findSent (ChatPlatform's optional lookup): the Bot Connector API cannot read back what a bot
// sent into a conversation (that takes Microsoft Graph and more consent), so a Teams delivery whose
// process stopped mid-send is sent again; SendOptions.deliveryKey is accepted and unused.
/**
 * Teams counts bytes, not blocks: a message over about 28 KB is refused, and cards/size.ts shortens
 * a card that would be larger. These keep the core's messages, choice sets and button data well
 * inside that, so the shortening is rarely needed.
 */
export const TEAMS_LIMITS: PlatformLimits = Object.freeze({ messageBlocks: 50, pickerOptions: 100, buttonValue: 2000 });

export class TeamsPlatform implements ChatPlatform {
  readonly name = 'teams' as const;
  readonly limits = TEAMS_LIMITS;

  constructor(
    private readonly conversations: TeamsConversationState,
    private readonly connector: TeamsConnector,
    private readonly renderer: TeamsRenderer,
    private readonly log: Logger,
  ) {}

  async sendDirect(orgId: string, personId: string, message: Message): Promise<MessageRef> {
    const target = await this.personalChat(orgId, personId);
    const card = await this.renderer.messageCard(orgId, message);
    const id = await this.connector.send(target, cardActivity(card, await this.renderer.preview(orgId, message)));
    return encodeRef({ conv: target.conversationId, id });
  }

  async postToChannel(orgId: string, channel: string, message: Message): Promise<MessageRef> {
    const stored = await this.channel(orgId, normaliseChannelId(channel));
    const channelId = stored?.subject ?? normaliseChannelId(channel);
    if (!stored && !channelId.startsWith('19:')) {
      this.log.warn({ orgId, channel: channelId }, 'Teams: no channel of that name is known — set the channel by @mentioning it in the command');
      throw new ChatError('not_found', `no Teams channel called “${channelId}” is known to Clause5`);
    }
    // A channel of a team we never heard about may still work: the tenant's service URL is shared.
    const via = stored ?? (await this.conversations.anyOf(orgId));
    if (!via) {
      this.log.warn({ orgId, channel: channelId }, 'Teams: channel not reachable — Clause5 is not installed in any team of this tenant');
      throw new ChatError('unreachable', `Clause5 is not installed in the team of channel ${channelId}`);
    }
    const target: ConversationTarget = { tenantId: via.tenantId, serviceUrl: via.serviceUrl, botId: via.botId, conversationId: channelId };
    const card = await this.renderer.messageCard(orgId, message);
    try {
      const id = await this.connector.send(target, cardActivity(card, await this.renderer.preview(orgId, message)));
      return encodeRef({ conv: channelId, id });
    } catch (error) {
      if (error instanceof ChatError && error.code === 'unreachable') {
        this.log.warn({ orgId, channel: channelId }, 'Teams: channel not reachable — add Clause5 to the team that owns this channel');
      }
      throw error;
    }
  }

  async updateMessage(orgId: string, ref: MessageRef, message: Message): Promise<void> {
    const parsed = decodeRef(ref);
    if (!parsed) throw new ChatError('not_found', 'not a Teams message reference');
    const via = (await this.conversations.byConversation(orgId, parsed.conv)) ?? (await this.conversations.anyOf(orgId));
    if (!via) throw new ChatError('unreachable', 'no Teams conversation of this tenant is known');
    const target: ConversationTarget = { tenantId: via.tenantId, serviceUrl: via.serviceUrl, botId: via.botId, conversationId: parsed.conv };
    const card = await this.renderer.messageCard(orgId, message);
    await this.connector.update(target, parsed.id, cardActivity(card, await this.renderer.preview(orgId, message)));
  }

  async lookupPerson(orgId: string, personId: string): Promise<PersonProfile | undefined> {
    const known = await this.conversations.get(orgId, 'person', personId);
    if (known?.name) return { displayName: known.name };
    const found = await this.findInTeams(orgId, personId);
    return found?.name ? { displayName: found.name } : undefined;
  }

  /**
   * Asks the teams Clause5 is in whether a person is a member (Teams accepts the Entra object id)
   * and keeps their Teams user id and name, so a 1:1 chat can be opened with them.
   */
  private async findInTeams(orgId: string, personId: string): Promise<StoredConversation | undefined> {
    // Only people of this tenant: an Entra object id of another tenant is never asked about or stored here.
    const aad = personId.startsWith(`${orgId}:`) ? aadObjectIdOf(personId) : undefined;
    if (!aad) return undefined;
    const teams = (await this.conversations.list(orgId, 'channel')).filter((c) => c.conversationId && c.conversationId === c.teamId);
    for (const team of teams.slice(0, 5)) {
      const member = await this.connector.member(targetOf(team), aad).catch(() => undefined);
      if (!member) continue;
      await this.conversations.save({ ...personRow(orgId, personId, team), userId: member.userId, name: member.name ?? null });
      return await this.conversations.get(orgId, 'person', personId);
    }
    return undefined;
  }

  /** A stored channel by id, or by name ('Wins' typed as #Wins) when exactly one channel has it. */
  private async channel(orgId: string, idOrName: string): Promise<StoredConversation | undefined> {
    const byId = await this.conversations.get(orgId, 'channel', idOrName);
    if (byId || idOrName.startsWith('19:')) return byId;
    const named = (await this.conversations.list(orgId, 'channel')).filter((c) => c.name?.toLowerCase() === idOrName.toLowerCase());
    if (named.length > 1)
      this.log.warn({ orgId, channel: idOrName, teams: named.length }, 'Teams: several channels have this name; mention the channel instead');
    return named.length === 1 ? named[0] : undefined;
  }

  /** The 1:1 chat with a person, opened through a team they share with Clause5 when there is none yet. */
  private async personalChat(orgId: string, personId: string): Promise<ConversationTarget> {
    let stored = await this.conversations.get(orgId, 'person', personId);
    if (stored?.conversationId) return targetOf(stored);
    if (!stored?.userId) stored = (await this.findInTeams(orgId, personId)) ?? stored;
    const via = stored?.userId ? await this.conversations.anyOf(orgId) : undefined;
    if (stored?.userId && via) {
      try {
        const conversationId = await this.connector.createPersonalChat(targetOf(via), stored.userId);
        await this.conversations.save({ ...stored, serviceUrl: via.serviceUrl, botId: via.botId, conversationId });
        return { ...targetOf(via), conversationId };
      } catch (error) {
        if (!(error instanceof ChatError) || error.retryable) throw error;
      }
    }
    this.log.warn({ orgId, personId }, 'Teams: person not reachable in Teams — they have not installed Clause5 (no personal chat); skipping');
    throw new ChatError('unreachable', 'not reachable in Teams — Clause5 is not installed for them');
  }
}

export function cardActivity(card: AdaptiveCard, summary: string): Record<string, unknown> {
  return { type: 'message', summary: summary.slice(0, 200), attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] };
}

export function targetOf(row: StoredConversation): ConversationTarget {
  return { tenantId: row.tenantId, serviceUrl: row.serviceUrl, botId: row.botId, conversationId: row.conversationId ?? '' };
}

function personRow(orgId: string, personId: string, via: StoredConversation): StoredConversation {
  return {
    orgId,
    tenantId: via.tenantId,
    kind: 'person',
    subject: personId,
    serviceUrl: via.serviceUrl,
    conversationId: null,
    botId: via.botId,
    userId: null,
    teamId: null,
    name: null,
    updatedAt: 0,
  };
}

export function encodeRef(ref: TeamsMessageRef): MessageRef {
  return JSON.stringify(ref);
}

export function decodeRef(ref: MessageRef): TeamsMessageRef | undefined {
  try {
    const parsed = JSON.parse(ref) as Partial<TeamsMessageRef>;
    return typeof parsed.conv === 'string' && typeof parsed.id === 'string' && parsed.id ? { conv: parsed.conv, id: parsed.id } : undefined;
  } catch {
    return undefined;
  }
}
