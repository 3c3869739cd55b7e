// One inbound activity (a "turn"): read the Teams facts once, then hand it to the handler for its
// type. Unknown types and activities from other channels are ignored.
import { Activity } from '@microsoft/agents-activity';
import { INVOKE_RESPONSE_KEY, type TurnContext } from '@microsoft/agents-hosting';
import { readInbound } from './activity';
import { onConversationUpdate, onInstallationUpdate } from './install';
import { onInvoke, type AfterResponse } from './invoke';
import { onMessage, type MessageDeps } from './messages';

export interface TurnDeps extends MessageDeps {
  invokeBudgetMs: number;
}

const warnedChannels = new Set<string>();

export async function handleTurn(deps: TurnDeps, context: TurnContext, after: AfterResponse): Promise<void> {
  const { activity } = context;
  if (activity.channelId !== 'msteams') {
    const channel = String(activity.channelId ?? 'none').slice(0, 40);
    if (!warnedChannels.has(channel) && warnedChannels.size < 20) {
      warnedChannels.add(channel);
      deps.log.warn(
        { channel },
        'Teams: activities from this channel are ignored — Clause5 speaks Microsoft Teams only (to try it locally, use the Microsoft 365 Agents Playground)',
      );
    }
    return refuseInvoke(context);
  }
  const inbound = readInbound(activity);
  if (!inbound) {
    deps.log.warn({ type: activity.type }, 'Teams: activity without tenant, conversation or bot id ignored');
    return refuseInvoke(context);
  }
  deps.log.debug({ orgId: inbound.orgId, type: activity.type, conversationType: inbound.conversationType }, 'Teams: activity');
  switch (activity.type) {
    case 'message':
      // Old Action.Submit cards post a message with a value and no text; Clause5 cards use Action.Execute.
      if (!activity.text && activity.value) return;
      return onMessage(deps, inbound, context);
    case 'invoke':
      return onInvoke(deps, inbound, context, after, deps.invokeBudgetMs);
    case 'conversationUpdate':
      return onConversationUpdate(deps, inbound, context);
    case 'installationUpdate':
      return onInstallationUpdate(deps, inbound);
    default:
      return;
  }
}

/**
 * An invoke we will not handle is a bad request (without an answer the SDK would say 501). Set as
 * the turn's invoke response directly: sending it needs a conversation reference, which a
 * malformed activity may not have.
 */
function refuseInvoke(context: TurnContext): void {
  if (context.activity.type !== 'invoke') return;
  context.turnState.set(
    INVOKE_RESPONSE_KEY,
    Activity.fromObject({ type: 'invokeResponse', value: { status: 400, body: { error: 'not an activity Clause5 can handle' } } }),
  );
}
