// A typed message: the same sub-commands as Slack's '/clause5 …', with or without '/clause5'.
// In personal chat the answer comes right there. In a channel or group chat (the bot was
// @mentioned) the answer goes to the person's personal chat, never into the channel — scorecards
// and prompts are private; only when no personal chat can be opened does the thread get a pointer.
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Bot, InboundActor } from '../../core/bot';
import { note, type Reply } from '../../core/model';
import { ChatError, type Logger, type Store } from '../../core/ports';
import { replyTarget, type Inbound } from './activity';
import { commandText } from './command-text';
import type { ConversationTarget, TeamsConnector } from './connector';
import type { TeamsConversationState } from '../state';
import { cardActivity, targetOf } from './platform';
import { saveChannel, savePersonalChat, savePersonSighting } from './references';
import type { TeamsRenderer } from './renderer';
import { normaliseAad } from './ids';
import { firstDelivery } from './repeats';

export interface MessageDeps {
  bot: Bot;
  store: Store;
  conversations: TeamsConversationState;
  connector: TeamsConnector;
  renderer: TeamsRenderer;
  log: Logger;
}

export function actorOf(inbound: Inbound): InboundActor {
  return {
    orgId: inbound.orgId,
    platform: 'teams',
    personId: inbound.personId!,
    profile: async () => ({
      displayName: inbound.fromName ?? 'Teams user',
      ...(inbound.timeZone ? { timeZone: inbound.timeZone } : {}),
    }),
  };
}

export async function onMessage(deps: MessageDeps, inbound: Inbound, context: TurnContext): Promise<void> {
  const here = replyTarget(inbound);
  if (!inbound.personId) {
    deps.log.warn({ orgId: inbound.orgId }, 'Teams: message from a sender without an Entra object id ignored');
    return;
  }
  if (!(await firstDelivery(deps.store, inbound))) return;

  if (inbound.conversationType === 'personal') await savePersonalChat(deps.conversations, inbound);
  else if (inbound.conversationType === 'channel' && inbound.channelId) {
    await saveChannel(deps.conversations, inbound, { id: inbound.channelId, ...(inbound.channelName ? { name: inbound.channelName } : {}) });
  }
  const command = await commandText(inbound.activity, inbound.tenantId, inbound.botId, (userId) => aadOfUser(deps, inbound, userId, context));
  for (const [personId, seen] of command.mentioned) await savePersonSighting(deps.conversations, inbound, { personId, ...seen });

  if (inbound.conversationType === 'personal') {
    const reply = await deps.bot.handleCommand(actorOf(inbound), command.text);
    await deliverReply(deps, inbound.orgId, here, reply, context);
    return;
  }
  const personal = await personalChatOf(deps, inbound);
  if (!personal) {
    await sendNote(deps, inbound.orgId, here, context, 'I answer in a personal chat. Open Clause5 from the Teams apps, then type your command there.');
    return;
  }
  const reply = await deps.bot.handleCommand(actorOf(inbound), command.text);
  await deliverReply(deps, inbound.orgId, personal, reply);
}

/** The Entra object id of a mentioned Teams user: known already, or asked of this conversation, then of Clause5's teams. */
async function aadOfUser(deps: MessageDeps, inbound: Inbound, userId: string, context: TurnContext): Promise<string | undefined> {
  const known = await deps.conversations.personByUserId(inbound.orgId, userId);
  if (known) return known.subject.split(':').pop();
  const teams = (await deps.conversations.list(inbound.orgId, 'channel')).filter((c) => c.conversationId && c.conversationId === c.teamId);
  const places = [replyTarget(inbound), ...teams.slice(0, 3).map(targetOf)];
  for (const [i, place] of places.entries()) {
    const member = await deps.connector.member(place, userId, i === 0 ? context : undefined).catch(() => undefined);
    const aad = normaliseAad(member?.aadObjectId);
    if (aad) return aad;
  }
  return undefined;
}

/** Sends a command's answer: its message, then its form (as a card with inputs). */
export async function deliverReply(
  deps: Pick<MessageDeps, 'connector' | 'renderer'>,
  orgId: string,
  target: ConversationTarget,
  reply: Reply,
  context?: TurnContext,
): Promise<void> {
  const shown = reply.message ?? reply.replaceOriginal;
  if (shown) await deps.connector.send(target, cardActivity(await deps.renderer.messageCard(orgId, shown), await deps.renderer.preview(orgId, shown)), context);
  if (reply.openForm) {
    const form = await deps.renderer.formCard(orgId, reply.openForm);
    await deps.connector.send(target, cardActivity(form, reply.openForm.title), context);
  }
}

async function sendNote(deps: MessageDeps, orgId: string, target: ConversationTarget, context: TurnContext, words: string): Promise<void> {
  const card = await deps.renderer.messageCard(orgId, note(words));
  await deps.connector.send(target, cardActivity(card, words), context);
}

/** The sender's 1:1 chat: stored, or opened now (the bot is in this team, so Teams allows it). */
async function personalChatOf(deps: MessageDeps, inbound: Inbound): Promise<ConversationTarget | undefined> {
  const stored = await deps.conversations.get(inbound.orgId, 'person', inbound.personId!);
  if (stored?.conversationId) return targetOf(stored);
  if (!inbound.fromUserId) return undefined;
  try {
    const conversationId = await deps.connector.createPersonalChat(replyTarget(inbound), inbound.fromUserId);
    await deps.conversations.save({
      orgId: inbound.orgId,
      tenantId: inbound.tenantId,
      kind: 'person',
      subject: inbound.personId!,
      serviceUrl: inbound.serviceUrl,
      conversationId,
      botId: inbound.botId,
      userId: inbound.fromUserId,
      teamId: null,
      name: inbound.fromName ?? null,
    });
    return { ...replyTarget(inbound), conversationId };
  } catch (error) {
    if (error instanceof ChatError && error.retryable) throw error;
    deps.log.info({ orgId: inbound.orgId, personId: inbound.personId }, 'Teams: could not open a personal chat from a channel message');
    return undefined;
  }
}
