// installationUpdate and conversationUpdate: the moments Teams tells the bot where it may write.
// The app installed for a person → their 1:1 chat is saved (and they get a short welcome); added
// to a team → the team's channel is saved; removed → the references are forgotten, so later sends
// fail fast as 'unreachable' instead of calling Teams for nothing.
import type { TurnContext } from '@microsoft/agents-hosting';
import { message, text } from '../../core/model';
import type { Logger, Store } from '../../core/ports';
import { channelDataOf, replyTarget, type Inbound } from './activity';
import type { TeamsConnector } from './connector';
import type { TeamsConversationState } from '../state';
import { normaliseAad, personIdOf } from './ids';
import { cardActivity } from './platform';
import { saveChannel, savePersonalChat, savePersonSighting } from './references';
import { firstDelivery } from './repeats';
import type { TeamsRenderer } from './renderer';

const MAX_MEMBERS_LOOKED_UP = 20;

export interface InstallDeps {
  store: Store;
  conversations: TeamsConversationState;
  connector: TeamsConnector;
  renderer: TeamsRenderer;
  log: Logger;
}

export async function onInstallationUpdate(deps: InstallDeps, inbound: Inbound): Promise<void> {
  const action = String(inbound.activity.action ?? '');
  if (action.startsWith('add')) {
    if (inbound.conversationType === 'personal') await personalInstalled(deps, inbound);
    else if (inbound.conversationType === 'channel' && inbound.channelId) await teamInstalled(deps, inbound);
  } else if (action.startsWith('remove')) {
    if (inbound.conversationType === 'personal' && inbound.personId) {
      await deps.conversations.forgetChat(inbound.orgId, inbound.personId);
      deps.log.info({ orgId: inbound.orgId, personId: inbound.personId }, 'Teams: app removed from a personal chat');
    } else if (inbound.teamId) await teamRemoved(deps, inbound);
  }
}

export async function onConversationUpdate(deps: InstallDeps, inbound: Inbound, context: TurnContext): Promise<void> {
  const { activity } = inbound;
  const added = activity.membersAdded ?? [];
  const removed = activity.membersRemoved ?? [];
  const botAdded = added.some((m) => m.id === inbound.botId);
  const botRemoved = removed.some((m) => m.id === inbound.botId);
  if (inbound.conversationType === 'personal') {
    if (botAdded) {
      await personalInstalled(deps, inbound);
      if (await firstDelivery(deps.store, inbound)) await welcome(deps, inbound, context);
    }
    if (botRemoved && inbound.personId) await deps.conversations.forgetChat(inbound.orgId, inbound.personId);
    return;
  }
  if (inbound.conversationType !== 'channel') return;
  const eventType = channelDataOf(activity).eventType;
  if (botAdded) await teamInstalled(deps, inbound);
  if (botRemoved || eventType === 'teamDeleted') {
    await teamRemoved(deps, inbound);
    return;
  }
  const channel = channelDataOf(activity).channel;
  if (channel?.id && (eventType === 'channelCreated' || eventType === 'channelRenamed' || eventType === 'channelRestored')) {
    await saveChannel(deps.conversations, inbound, { id: channel.id, ...(channel.name ? { name: channel.name } : {}) });
  }
  if (channel?.id && eventType === 'channelDeleted') await deps.conversations.forgetChannel(inbound.orgId, channel.id);
  const people = added.filter((m) => m.id && m.id !== inbound.botId).slice(0, MAX_MEMBERS_LOOKED_UP);
  for (const member of people) {
    await rememberMember(deps, inbound, context, {
      id: String(member.id),
      ...(member.name ? { name: member.name } : {}),
      ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
    });
  }
}

async function personalInstalled(deps: InstallDeps, inbound: Inbound): Promise<void> {
  if (!inbound.personId) return;
  await savePersonalChat(deps.conversations, inbound);
  // Someone who was "not reachable in Teams" is reachable again.
  const person = await deps.store.people.get(inbound.orgId, inbound.personId);
  if (person?.unreachableReason) await deps.store.people.update(inbound.orgId, person.id, { unreachableReason: null }, null);
  deps.log.info({ orgId: inbound.orgId, personId: inbound.personId }, 'Teams: personal chat saved');
}

async function teamInstalled(deps: InstallDeps, inbound: Inbound): Promise<void> {
  const id = inbound.teamId ?? inbound.channelId!;
  await saveChannel(deps.conversations, inbound, { id, name: inbound.teamId === inbound.channelId || !inbound.channelName ? 'General' : inbound.channelName });
  deps.log.info({ orgId: inbound.orgId, teamId: inbound.teamId }, 'Teams: added to a team; its channel is saved');
}

async function teamRemoved(deps: InstallDeps, inbound: Inbound): Promise<void> {
  const forgotten = inbound.teamId ? await deps.conversations.forgetTeam(inbound.orgId, inbound.teamId) : 0;
  deps.log.info({ orgId: inbound.orgId, teamId: inbound.teamId, channels: forgotten }, 'Teams: removed from a team');
}

/** A person added to a team: keep their Teams user id, so a 1:1 chat can be opened later. */
async function rememberMember(
  deps: InstallDeps,
  inbound: Inbound,
  context: TurnContext,
  member: { id: string; name?: string; aadObjectId?: string },
): Promise<void> {
  let aad = normaliseAad(member.aadObjectId);
  let name = member.name;
  if (!aad) {
    const found = await deps.connector.member(replyTarget(inbound), member.id, context).catch(() => undefined);
    aad = normaliseAad(found?.aadObjectId);
    name ??= found?.name;
  }
  if (!aad) return;
  await savePersonSighting(deps.conversations, inbound, { personId: personIdOf(inbound.tenantId, aad), userId: member.id, ...(name ? { name } : {}) });
}

async function welcome(deps: InstallDeps, inbound: Inbound, context: TurnContext): Promise<void> {
  const hello = message(
    'Hi, I’m Clause5',
    [
      text(
        'I help plant leaders make quality a weekly habit: a nudge before your meetings to open with a quality update, a weekly floor-walk check-in, and a place to celebrate your team’s wins.',
      ),
      text('Type ', { bold: 'help' }, ' to see what I can do. You can type commands with or without ', { bold: '/clause5' }, '.'),
    ],
    'Hi, I’m Clause5',
  );
  const card = await deps.renderer.messageCard(inbound.orgId, hello);
  await deps.connector.send(replyTarget(inbound), cardActivity(card, hello.summary), context).catch((error: unknown) => {
    deps.log.warn({ orgId: inbound.orgId, code: (error as { code?: string }).code }, 'Teams: could not send the welcome message');
  });
}
