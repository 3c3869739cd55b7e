// Teams delivers an activity again, with the same id, when it did not see the bot's answer within
// 15 s, and a load balancer may hand the repeat to another instance. What must happen once (a
// command, a tap, a welcome) is recorded in the shared processed_events table first; a repeat finds
// it there and is dropped. Checked only once an activity is about to act, so malformed or ignored
// activities write nothing.
import type { Store } from '../../core/ports';
import type { Inbound } from './activity';

/** True the first time this activity is seen by any instance; false for a repeat (or the same one again). */
export async function firstDelivery(store: Pick<Store, 'markProcessed'>, inbound: Inbound): Promise<boolean> {
  const id = inbound.activity.id;
  return !id || (await store.markProcessed(`teams:${inbound.conversationId}:${id}`, inbound.orgId));
}
