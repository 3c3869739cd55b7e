// Realistic Bot Framework activities as Teams sends them to a bot (shapes taken from Teams'
// documented payloads), with the service URL pointing at the fake connector.
import { randomUUID } from 'node:crypto';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const APP_ID = '00000000-0000-0000-0000-00000000c1a5';
export const BOT_ID = `28:${APP_ID}`;

export interface TeamsUser {
  name: string;
  aadObjectId: string;
  /** Bot Framework user id ('29:…'). */
  id: string;
  /** Their 1:1 chat with the bot. */
  chat: string;
}

export function teamsUser(name: string, n: number): TeamsUser {
  const aad = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { name, aadObjectId: aad, id: `29:1${name.toLowerCase()}-${n}`, chat: `a:1chat-${name.toLowerCase()}` };
}

export function personIdOfUser(user: TeamsUser, tenant = TENANT): string {
  return `teams:${tenant}:${user.aadObjectId}`;
}

export interface TeamInfo {
  id: string;
  name: string;
  /** A channel other than General. */
  channel: { id: string; name: string };
}

export const TEAM: TeamInfo = {
  id: '19:team-general@thread.tacv2',
  name: 'Plant Ops',
  channel: { id: '19:wins-channel@thread.tacv2', name: 'Wins' },
};

interface Base {
  serviceUrl: string;
  tenant?: string;
}

function base(o: Base) {
  return {
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    recipient: { id: BOT_ID, name: 'Clause5' },
  };
}

function personal(user: TeamsUser, tenant: string) {
  return {
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: tenant, id: user.chat },
    channelData: { tenant: { id: tenant } },
  };
}

export function personalMessage(o: Base & { user: TeamsUser; text: string; entities?: unknown[]; localTimezone?: string }) {
  const tenant = o.tenant ?? TENANT;
  return {
    ...base(o),
    ...personal(o.user, tenant),
    type: 'message',
    id: `1${Date.now()}${randomUUID().slice(0, 6)}`,
    text: o.text,
    textFormat: 'plain',
    locale: 'en-US',
    localTimezone: o.localTimezone ?? 'America/Chicago',
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: o.localTimezone ?? 'America/Chicago' }, ...(o.entities ?? [])],
  };
}

/** An @mention entity exactly as Teams puts it in a message. */
export function mention(user: TeamsUser, withAad = false) {
  return {
    type: 'mention',
    text: `<at>${user.name}</at>`,
    mentioned: { id: user.id, name: user.name, ...(withAad ? { aadObjectId: user.aadObjectId } : {}) },
  };
}

export function invokeAction(o: Base & { user: TeamsUser; replyToId: string; verb: string; data: unknown; conversation?: string }) {
  const tenant = o.tenant ?? TENANT;
  const p = personal(o.user, tenant);
  return {
    ...base(o),
    ...p,
    conversation: { ...p.conversation, id: o.conversation ?? o.user.chat },
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${randomUUID()}`,
    replyToId: o.replyToId,
    locale: 'en-US',
    value: { action: { type: 'Action.Execute', verb: o.verb, data: o.data }, trigger: 'manual' },
  };
}

export function personalInstall(o: Base & { user: TeamsUser; action?: 'add' | 'remove' }) {
  const tenant = o.tenant ?? TENANT;
  return { ...base(o), ...personal(o.user, tenant), type: 'installationUpdate', id: `f:${randomUUID()}`, action: o.action ?? 'add' };
}

export function personalConversationUpdate(o: Base & { user: TeamsUser }) {
  const tenant = o.tenant ?? TENANT;
  return { ...base(o), ...personal(o.user, tenant), type: 'conversationUpdate', id: `f:${randomUUID()}`, membersAdded: [{ id: BOT_ID }] };
}

function teamConversation(tenant: string, team: TeamInfo, channelId = team.id) {
  return {
    conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: channelId },
    channelData: {
      team: { aadGroupId: randomUUID(), name: team.name, id: team.id },
      tenant: { id: tenant },
      ...(channelId !== team.id ? { channel: { id: channelId } } : {}),
    },
  };
}

/** The bot (and/or people) added to a team. */
export function teamMembersAdded(o: Base & { by: TeamsUser; team?: TeamInfo; members: Array<{ id: string; aadObjectId?: string }> }) {
  const tenant = o.tenant ?? TENANT;
  const team = o.team ?? TEAM;
  return {
    ...base(o),
    ...teamConversation(tenant, team),
    channelData: { ...teamConversation(tenant, team).channelData, eventType: 'teamMemberAdded' },
    from: { id: o.by.id, aadObjectId: o.by.aadObjectId },
    type: 'conversationUpdate',
    id: `f:${randomUUID()}`,
    membersAdded: o.members,
  };
}

export function channelCreated(o: Base & { by: TeamsUser; team?: TeamInfo }) {
  const tenant = o.tenant ?? TENANT;
  const team = o.team ?? TEAM;
  return {
    ...base(o),
    ...teamConversation(tenant, team),
    channelData: { ...teamConversation(tenant, team).channelData, eventType: 'channelCreated', channel: team.channel },
    from: { id: o.by.id, aadObjectId: o.by.aadObjectId },
    type: 'conversationUpdate',
    id: `f:${randomUUID()}`,
  };
}

/** A message in a team channel that @mentions the bot. */
export function channelMessage(o: Base & { user: TeamsUser; text: string; team?: TeamInfo; channelId?: string; entities?: unknown[] }) {
  const tenant = o.tenant ?? TENANT;
  const team = o.team ?? TEAM;
  const channelId = o.channelId ?? team.id;
  const messageId = `1${Date.now()}`;
  const conv = teamConversation(tenant, team, channelId);
  return {
    ...base(o),
    ...conv,
    conversation: { ...conv.conversation, id: `${channelId};messageid=${messageId}` },
    channelData: { ...conv.channelData, channel: { id: channelId } },
    from: { id: o.user.id, name: o.user.name, aadObjectId: o.user.aadObjectId },
    type: 'message',
    id: messageId,
    text: `<at>Clause5</at> ${o.text}`,
    entities: [{ type: 'mention', text: '<at>Clause5</at>', mentioned: { id: BOT_ID, name: 'Clause5' } }, ...(o.entities ?? [])],
  };
}
