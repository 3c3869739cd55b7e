// Button presses (block_actions). Acknowledged at once; then the core handles the action and the
// reply updates the message whose button was pressed (so a second tap finds it answered), opens a
// modal, or answers the person alone. App Home buttons run a command and the home is refreshed.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { actorIn, type SlackDeps } from '../context';
import { homeMessage, homeView } from '../home';
import { encodeRef } from '../platform';
import { deliverReply, type ReplySurface } from '../reply';
import { coreActionOf } from '../render';
import { HOME_COMMAND_ACTION } from '../surface';
import { safely } from './safely';

export function registerActions(app: App, d: SlackDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, action, respond, context }) => {
    await ack();
    const teamId = context.teamId; // the installation that authorised it; body.user.team_id is the user's own
    if (!teamId) return;
    const userId = body.user.id;
    const container = body.container as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    const surface: ReplySurface = {
      teamId,
      userId,
      ...(body.response_url ? { respond } : {}),
      triggerId: body.trigger_id,
      ...(container.type === 'message' && container.channel_id && container.message_ts
        ? { container: { channel: container.channel_id, ts: container.message_ts, ephemeral: Boolean(container.is_ephemeral) } }
        : {}),
    };
    const actionId = coreActionOf(action.action_id);
    const value = (action as ButtonAction).value ?? '';
    await safely(d, `action ${actionId}`, surface, async () => {
      const actor = await actorIn(d, teamId, userId, body.user.team_id);
      // The pressed message, as the platform's MessageRef: the reply's chat.update replaces it.
      const pressed = surface.container && !surface.container.ephemeral ? encodeRef({ c: surface.container.channel, ts: surface.container.ts }) : undefined;
      const reply =
        actionId === HOME_COMMAND_ACTION ? await d.core.bot.handleCommand(actor, value) : await d.core.bot.handleAction(actor, actionId, value, pressed);
      await deliverReply(d, reply, surface);
      if (body.view?.type === 'home') await publishHome(d, teamId, userId, body.user.team_id);
    });
  });
}

/** Builds and publishes a person's App Home. */
export async function publishHome(d: SlackDeps, teamId: string, userId: string, userTeam?: string): Promise<void> {
  const actor = await d.core.bot.resolveActor(await actorIn(d, teamId, userId, userTeam));
  const view = homeView(await homeMessage(d.core.deps, actor));
  await d.api.call(teamId, 'views.publish', { user_id: userId, view });
}
