// Saving what an inbound activity teaches us about where we can write later: the sender's 1:1
// chat, a team channel, the Teams user id and name of a person.
import type { Inbound } from './activity';
import type { TeamsConversationState } from '../state';

/** The sender of an activity in their personal chat: their 1:1 conversation reference. */
export async function savePersonalChat(conversations: TeamsConversationState, inbound: Inbound): Promise<void> {
  if (!inbound.personId || inbound.conversationType !== 'personal') return;
  await conversations.save({
    orgId: inbound.orgId,
    tenantId: inbound.tenantId,
    kind: 'person',
    subject: inbound.personId,
    serviceUrl: inbound.serviceUrl,
    conversationId: inbound.conversationId,
    botId: inbound.botId,
    userId: inbound.fromUserId ?? null,
    teamId: null,
    name: inbound.fromName ?? null,
  });
}

/** A person seen somewhere else (a team, a mention): their Teams user id and name, no chat yet. */
export async function savePersonSighting(
  conversations: TeamsConversationState,
  inbound: Inbound,
  person: { personId: string; userId?: string; name?: string },
): Promise<void> {
  await conversations.save({
    orgId: inbound.orgId,
    tenantId: inbound.tenantId,
    kind: 'person',
    subject: person.personId,
    serviceUrl: inbound.serviceUrl,
    conversationId: null,
    botId: inbound.botId,
    userId: person.userId ?? null,
    teamId: null,
    name: person.name ?? null,
  });
}

/** A team channel the bot can post in. */
export async function saveChannel(conversations: TeamsConversationState, inbound: Inbound, channel: { id: string; name?: string }): Promise<void> {
  await conversations.save({
    orgId: inbound.orgId,
    tenantId: inbound.tenantId,
    kind: 'channel',
    subject: channel.id,
    serviceUrl: inbound.serviceUrl,
    conversationId: channel.id,
    botId: inbound.botId,
    userId: null,
    teamId: inbound.teamId ?? null,
    name: channel.name ?? null,
  });
}
