// Workspace events: the App Home tab, and uninstalls / revoked tokens, which delete the workspace's
// tokens (its organisation's records stay; nothing can be sent there until it is installed again).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { publishHome } from './actions';

export function registerEvents(app: App, d: SlackDeps): void {
  app.event('app_home_opened', async ({ event, context }) => {
    if (!context.teamId) return;
    // Either tab names the person's DM with Clause5: what findSent needs before their first message.
    if (event.channel) await d.platform.rememberDm(context.teamId, event.user, event.channel);
    if (event.tab !== 'home') return;
    try {
      await publishHome(d, context.teamId, event.user);
    } catch (error) {
      d.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not publish the App Home');
    }
  });

  app.event('app_uninstalled', async ({ context, body }) => {
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (!teamId) return;
    const removed = await d.installations.delete(teamId);
    d.log.info({ teamId, removed }, 'Clause5 was uninstalled from a Slack workspace; its tokens are deleted');
  });

  app.event('tokens_revoked', async ({ event, context, body }) => {
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
    if (!teamId) return;
    const installation = await d.installations.get(teamId);
    const revokedBots = event.tokens.bot ?? [];
    if (!installation || !revokedBots.includes(installation.botUserId)) return;
    await d.installations.delete(teamId);
    d.log.info({ teamId }, 'the Slack bot token was revoked; the workspace tokens are deleted');
  });
}
