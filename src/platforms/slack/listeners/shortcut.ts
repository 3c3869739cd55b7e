// Message shortcut "Celebrate as a win": opens the win form pre-filled with the message's text (its
// mentions as names), remembering the message it came from.
import type { App, MessageShortcut } from '@slack/bolt';
import { winFormFor } from '../../../core/wins/module';
import { actorIn, type SlackDeps } from '../context';
import { renderModal } from '../forms';
import { orgIdOf, personIdOf, plainTextFromSlack } from '../mrkdwn';
import { encodeRef } from '../platform';
import type { ReplySurface } from '../reply';
import { WIN_SHORTCUT } from '../surface';
import { safely } from './safely';

const MAX_NAMED = 10;

export function registerShortcut(app: App, d: SlackDeps): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: WIN_SHORTCUT }, async ({ ack, shortcut, respond, context }) => {
    await ack();
    const teamId = context.teamId; // the installation that authorised it; user.team_id is the user's own
    if (!teamId) return;
    const userId = shortcut.user.id;
    const surface: ReplySurface = { teamId, userId, ...(shortcut.response_url ? { respond } : {}), triggerId: shortcut.trigger_id };
    await safely(d, 'win shortcut', surface, async () => {
      const actor = await d.core.bot.resolveActor(await actorIn(d, teamId, userId, shortcut.user.team_id));
      const raw = shortcut.message.text ?? '';
      const names = await namesIn(d, teamId, raw);
      const text = plainTextFromSlack(raw, (user) => names.get(user));
      const sourceRef = encodeRef({ c: shortcut.channel.id, ts: shortcut.message.ts });
      const people = [...names.keys()].map((user) => personIdOf(teamId, user));
      const form = await winFormFor(d.core.deps, actor, text, sourceRef, { people });
      await d.api.call(teamId, 'views.open', { trigger_id: shortcut.trigger_id, view: renderModal(form) });
    });
  });
}

/** Display names of the people a message mentions (stored people first, else users.info). */
async function namesIn(d: SlackDeps, teamId: string, text: string): Promise<Map<string, string>> {
  const ids = [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))].slice(0, MAX_NAMED);
  const names = new Map<string, string>();
  const orgId = orgIdOf(teamId);
  for (const id of ids) {
    const personId = personIdOf(teamId, id);
    const known = await d.core.deps.store.people.get(orgId, personId);
    const name = known?.displayName ?? (await d.platform.lookupPerson(orgId, personId).catch(() => undefined))?.displayName;
    if (name) names.set(id, name);
  }
  return names;
}
