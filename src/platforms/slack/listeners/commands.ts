// "/clause5 …", and the same commands typed in the bot's DM or after an @mention. The slash command
// is acknowledged at once (Slack's 3 s), then the core runs and the reply goes out: ephemeral via
// the response_url, a modal via the trigger_id. The workspace is always the one whose installation
// authorised the request (context.teamId); the sender's own team in an event (user_team / team)
// only says whether they are a guest from another workspace (Slack Connect).
import type { App } from '@slack/bolt';
import { note } from '../../../core/model';
import { actorIn, type SlackDeps } from '../context';
import { commandTextFromSlack } from '../mrkdwn';
import { deliverReply, sendMessage, type ReplySurface } from '../reply';
import { SLASH_COMMAND } from '../surface';
import { safely } from './safely';

const NO_FORM_HERE = 'That opens a form, which Slack only allows from the /clause5 command or a button: type it as /clause5 …';

export function registerCommands(app: App, d: SlackDeps): void {
  // Slack delivers a slash command only to the workspace the user belongs to (a Slack Connect guest
  // is told the command does not exist), so its sender is a member of the authorising workspace.
  app.command(SLASH_COMMAND, async ({ command, ack, respond, context }) => {
    await ack();
    const teamId = context.teamId;
    if (!teamId) return;
    const surface: ReplySurface = { teamId, userId: command.user_id, respond, triggerId: command.trigger_id };
    await safely(d, 'slash command', surface, async () => {
      const actor = await actorIn(d, teamId, command.user_id);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(command.text ?? '', teamId));
      await deliverReply(d, reply, surface);
    });
  });

  // Commands typed in the DM with Clause5 (the App Home "Messages" tab).
  app.event('message', async ({ event, context }) => {
    const message = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; team?: string; user_team?: string };
    if (message.channel_type !== 'im' || message.subtype || message.bot_id || !message.user) return;
    const teamId = context.teamId;
    if (!teamId) return;
    const surface: ReplySurface = { teamId, userId: message.user, formHint: NO_FORM_HERE };
    await safely(d, 'direct message', surface, async () => {
      const actor = await actorIn(d, teamId, message.user!, message.user_team ?? message.team);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(message.text ?? '', teamId));
      await deliverReply(d, reply, surface);
    });
  });

  // "@Clause5 help" in a channel: the answer goes to the person alone (a DM), never to the channel.
  app.event('app_mention', async ({ event, context }) => {
    const teamId = context.teamId;
    if (!teamId || !event.user) return;
    const userTeam = (event as { user_team?: string }).user_team ?? event.team;
    const surface: ReplySurface = { teamId, userId: event.user, formHint: NO_FORM_HERE };
    await safely(d, 'app mention', surface, async () => {
      const text = (event.text ?? '').replace(new RegExp(`<@${context.botUserId ?? 'U_NONE'}(\\|[^>]*)?>`, 'g'), '').trim();
      if (!text) {
        await sendMessage(d, note('Hi! Type /clause5 help to see what I can do.'), surface);
        return;
      }
      const actor = await actorIn(d, teamId, event.user!, userTeam);
      const reply = await d.core.bot.handleCommand(actor, commandTextFromSlack(text, teamId));
      await deliverReply(d, reply, surface);
    });
  });
}
