// The mark on a person Clause5 cannot message (the scorecard and the attention list show it): set
// when a direct message is refused as unreachable, cleared when one goes out.
import type { Outgoing } from '../core/deliveries';
import type { CoreDeps } from '../core/deps';
import type { Person } from '../core/people/types';
import type { Logger } from '../core/ports';

export async function markUnreachable(deps: CoreDeps, log: Logger, orgId: string, personId: string, reason: string): Promise<void> {
  const person = await deps.store.people.get(orgId, personId);
  if (!person) return;
  if (person.unreachableReason !== reason) {
    await deps.store.people.update(orgId, personId, { unreachableReason: reason }, null);
    log.warn({ orgId, personId, reason }, `${person.displayName} cannot be messaged; marked unreachable`);
  }
}

/**
 * A direct message went out: its person is reachable. The person its composer read moments before
 * the send (`sent.recipient`) answers without reading them again; a mark set in between (another
 * process's failed send) then stays until their next message goes out.
 */
export async function clearUnreachable(deps: CoreDeps, log: Logger, orgId: string, sent: Outgoing | { to: { personId: string } }): Promise<void> {
  if (!('personId' in sent.to)) return;
  const { personId } = sent.to;
  const known: Person | undefined = 'recipient' in sent ? sent.recipient?.person : undefined;
  try {
    const person = known?.id === personId ? known : await deps.store.people.get(orgId, personId);
    if (person?.unreachableReason) await deps.store.people.update(orgId, personId, { unreachableReason: null }, null);
  } catch (error) {
    log.warn({ err: error, personId }, 'could not clear unreachable mark');
  }
}
