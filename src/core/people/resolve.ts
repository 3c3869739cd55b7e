// Turns what someone typed after '@' into a stored person. Front doors normalise their own mention
// syntax into '@<person id>' (Slack '<@U1|ann>' → '@slack:T1:U1'); local mode types handles.
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { localDateOf } from '../time';
import type { Person } from './types';

export async function resolvePerson(deps: CoreDeps, orgId: string, token: string): Promise<Person> {
  const ref = token.replace(/^@/, '').trim();
  if (!ref) throw new UserError('Mention a person with @name.');
  const { store } = deps;
  if (ref.includes(':')) {
    const known = await store.people.get(orgId, ref);
    if (known) return known;
    if (!ref.startsWith('local:')) {
      const profile = await deps.platform.lookupPerson?.(orgId, ref);
      if (profile) {
        return store.people.ensure(
          {
            id: ref,
            orgId,
            displayName: profile.displayName,
            handle: null,
            timeZone: profile.timeZone ?? null,
            joinedOn: localDateOf(deps.clock.now(), profile.timeZone ?? deps.settings.defaultTimeZone),
          },
          null,
        );
      }
    }
    throw new UserError(`I can't find that person (${ref.split(':').pop()}) in this workspace — are they a member of it?`);
  }
  const byHandle = await store.people.findByHandle(orgId, ref);
  if (byHandle) return byHandle;
  const byName = await store.people.findByName(orgId, ref.replace(/[_.]/g, ' '));
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new UserError(`More than one person is called “${ref}”; mention them by handle instead.`);
  }
  throw new UserError(`I don't know anyone called “@${ref}”. Check the spelling, or ask an admin to add them.`);
}
