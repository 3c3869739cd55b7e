// Turns what someone typed after '@' into a stored person. Platforms normalise their own mention
// syntax into '@<person id>' (Slack '<@U1|ann>' → '@slack:T1:U1'); local mode types handles.
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import { safeProfile } from '../safe-text';
import { localDateOf } from '../time';
import { localPartIn, orgWord } from './ids';
import { platformOf, type Person } from './types';
import { soleSiteId } from './sole-site';

export async function resolvePerson(deps: CoreDeps, orgId: string, token: string): Promise<Person> {
  const ref = token.replace(/^@/, '').trim();
  if (!ref) throw new UserError('Mention a person with @name.');
  const { store } = deps;
  if (ref.includes(':')) {
    // An id of another organisation or platform is refused before anything is looked up or stored.
    const org = { id: orgId, platform: platformOf(orgId) };
    const user = localPartIn(org, ref);
    if (user === undefined) throw new UserError(`${ref} is not someone in ${orgWord(org)} — you can only mention people here.`);
    const id = `${orgId}:${org.platform === 'teams' ? user.toLowerCase() : user}`;
    const known = await store.people.get(orgId, id);
    if (known) return known;
    if (org.platform !== 'local') {
      const profile = safeProfile(await deps.platform.lookupPerson?.(orgId, id));
      if (profile) {
        return store.people.ensure(
          {
            id,
            orgId,
            displayName: profile.displayName,
            handle: null,
            timeZone: profile.timeZone ?? null,
            siteId: await soleSiteId(deps, orgId),
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
  throw new UserError(unknownPersonText(ref));
}

/**
 * Someone typed a name Clause5 does not know. There is no chat command that adds a person: they
 * arrive when picked from the chat's @ menu (a real mention), when they first use Clause5, or by the
 * roster import — so say that, rather than "ask an admin", which may be said to the admin.
 */
export function unknownPersonText(ref: string): string {
  return (
    `I don't know anyone called “@${ref}”. Check the spelling (people lists everyone, for managers). ` +
    'Someone new is added when you pick them from the @ menu in Slack or Teams, when they first use Clause5, ' +
    'or with the roster import on the server (npm run clause5 -- roster import <file.csv>).'
  );
}
