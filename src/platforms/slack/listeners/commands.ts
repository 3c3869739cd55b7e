// "/clause5 …", and the same commands typed in the bot's DM or after an @mention. The slash command
// is acknowledged at once (Slack's 3 s), then the core runs and the reply goes out: ephemeral via
// the response_url, a modal via the trigger_id.
import type { App } from '@slack/bolt';
import { note } from '../../../core/model';
import { inboundActor, type SlackDeps } from '../context';
import { commandTextFromSlack } from '../mrkdwn';
import { deliverReply, sendMessage, type ReplySurface } from '../reply';
import { SLASH_COMMAND } from '../surface';
import { safely } from './safely';

const NO_FORM_HERE = 'That opens a form, which Slack only allows from the /clause5 command or a button: type it as /clause5 …';

export function registerCommands(app: App, d: SlackDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const surface: ReplySurface = { teamId: command.team_id, userId: command.user_id, respond, triggerId: command.trigger_id };
    await safely(d, 'slash command', surface, async () => {
      const actor = await actorIn(d, command.team_id, command.user_id, command.team_domain);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(command.text ?? '', command.team_id));
      await deliverReply(d, reply, surface);
    });
  });

  // Commands typed in the DM with Clause5 (the App Home "Messages" tab).
  app.event('message', async ({ event, context }) => {
    const message = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; team?: string };
    if (message.channel_type !== 'im' || message.subtype || message.bot_id || !message.user) return;
    const teamId = message.team ?? context.teamId;
    if (!teamId) return;
    const surface: ReplySurface = { teamId, userId: message.user, formHint: NO_FORM_HERE };
    await safely(d, 'direct message', surface, async () => {
      const actor = await actorIn(d, teamId, message.user!);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(message.text ?? '', teamId));
      await deliverReply(d, reply, surface);
    });
  });

  // "@Clause5 help" in a channel: the answer goes to the person alone (a DM), never to the channel.
  app.event('app_mention', async ({ event, context }) => {
    const teamId = event.team ?? context.teamId;
    if (!teamId || !event.user) return;
    const surface: ReplySurface = { teamId, userId: event.user, formHint: NO_FORM_HERE };
    await safely(d, 'app mention', surface, async () => {
      const text = (event.text ?? '').replace(new RegExp(`<@${context.botUserId ?? 'U_NONE'}(\\|[^>]*)?>`, 'g'), '').trim();
      if (!text) {
        await sendMessage(d, note('Hi! Type /clause5 help to see what I can do.'), surface);
        return;
      }
      const actor = await actorIn(d, teamId, event.user!);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(text, teamId));
      await deliverReply(d, reply, surface);
    });
  });
}

/** The acting person, with the workspace's name from its installation when we have it. */
export async function actorIn(d: SlackDeps, teamId: string, userId: string, fallbackName?: string) {
  const installation = await d.installations.get(teamId);
  return inboundActor(d, teamId, userId, installation?.teamName ?? fallbackName);
}
