// Slack retries an event it thinks we missed (X-Slack-Retry-Num) and Bolt does not dedupe them, so
// every inbound delivery is recorded once in processed_events before anything happens; a repeat is
// acknowledged and dropped. View submissions are keyed by their values in views.ts instead (a
// corrected resubmission of the same modal must go through).
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { orgIdOf } from '../mrkdwn';

/**
 * The processed-events key of a Slack delivery, or undefined when it is not deduplicated here.
 * `team` is the workspace that authorised it (Bolt's context; runs after authorize).
 */
export function dedupeKey(body: Record<string, unknown>, team = '-'): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return `slack:event:${body.event_id}`;
  if (body.type === 'block_actions') {
    const actions = body.actions as Array<{ action_ts?: string; action_id?: string }> | undefined;
    const user = (body.user as { id?: string } | undefined)?.id ?? '-';
    const first = actions?.[0];
    return first?.action_ts ? `slack:action:${team}:${user}:${first.action_id}:${first.action_ts}` : undefined;
  }
  if ((body.type === 'message_action' || body.type === 'shortcut') && typeof body.trigger_id === 'string') {
    return `slack:shortcut:${body.trigger_id}`;
  }
  if (typeof body.command === 'string' && typeof body.trigger_id === 'string') return `slack:command:${body.trigger_id}`;
  return undefined;
}

export function dedupe(d: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const team = args.context.teamId;
    const key = dedupeKey(body, team);
    if (key) {
      const fresh = await d.core.deps.store.markProcessed(key, team ? orgIdOf(team) : null);
      if (!fresh) {
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        d.log.info({ key }, 'repeated Slack delivery ignored');
        return;
      }
    }
    await args.next();
  };
}
