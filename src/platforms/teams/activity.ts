// Reading the Teams-specific parts of an inbound Bot Framework activity (tenant, team, channel,
// who sent it). Activities are untrusted input: every field is checked before use.
import type { Activity } from '@microsoft/agents-activity';
import { isValidTimeZone } from '../../core/time';
import type { ConversationTarget } from './connector';
import { normaliseAad, normaliseChannelId, orgIdOf, personIdOf } from './ids';

export interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

export type ConversationType = 'personal' | 'channel' | 'groupChat';

/** The facts about an activity every handler needs; undefined when it lacks a tenant. */
export interface Inbound {
  activity: Activity;
  tenantId: string;
  orgId: string;
  conversationType: ConversationType;
  conversationId: string;
  /** For channel conversations: the channel id without the ';messageid=…' thread suffix. */
  channelId?: string;
  teamId?: string;
  teamName?: string;
  channelName?: string;
  /** The bot's own id in this conversation ('28:…'). */
  botId: string;
  serviceUrl: string;
  /** The sender's Teams user id ('29:…') and Entra object id, when the sender is a person. */
  fromUserId?: string;
  fromAadObjectId?: string;
  fromName?: string;
  /** The sender's person id ('teams:<tenant>:<object id>'). */
  personId?: string;
  /** The client's IANA time zone, when it sent a valid one. */
  timeZone?: string;
}

export function channelDataOf(activity: Activity): TeamsChannelData {
  const data = activity.channelData as unknown;
  return data && typeof data === 'object' ? (data as TeamsChannelData) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function readInbound(activity: Activity): Inbound | undefined {
  const channelData = channelDataOf(activity);
  const tenantId = text(activity.conversation?.tenantId) ?? text(channelData.tenant?.id);
  const conversationId = text(activity.conversation?.id);
  const serviceUrl = text(activity.serviceUrl);
  const botId = text(activity.recipient?.id);
  if (!tenantId || !conversationId || !serviceUrl || !botId || !/^[\w.-]+$/.test(tenantId)) return undefined;
  const rawType = activity.conversation?.conversationType;
  const conversationType: ConversationType = rawType === 'channel' || rawType === 'groupChat' ? rawType : 'personal';
  const fromAadObjectId = normaliseAad(activity.from?.aadObjectId);
  const zone = text((activity as { localTimezone?: unknown }).localTimezone);
  const inbound: Inbound = {
    activity,
    tenantId,
    orgId: orgIdOf(tenantId),
    conversationType,
    conversationId,
    botId,
    serviceUrl,
  };
  if (conversationType === 'channel') {
    inbound.channelId = normaliseChannelId(text(channelData.channel?.id) ?? conversationId);
    inbound.teamId = text(channelData.team?.id);
    inbound.teamName = text(channelData.team?.name);
    inbound.channelName = text(channelData.channel?.name);
  }
  const fromUserId = text(activity.from?.id);
  if (fromUserId && fromUserId !== botId) inbound.fromUserId = fromUserId;
  if (fromAadObjectId) {
    inbound.fromAadObjectId = fromAadObjectId;
    inbound.personId = personIdOf(tenantId, fromAadObjectId);
  }
  const fromName = text(activity.from?.name);
  if (fromName) inbound.fromName = fromName;
  if (zone && isValidTimeZone(zone)) inbound.timeZone = zone;
  return inbound;
}

/** The conversation the activity came from, for replies outside the turn. */
export function replyTarget(inbound: Inbound): ConversationTarget {
  return { tenantId: inbound.tenantId, serviceUrl: inbound.serviceUrl, conversationId: inbound.conversationId, botId: inbound.botId };
}
