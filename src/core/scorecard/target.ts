// Who a scorecard is about, and who may see it: leaders see only their own; quality managers and
// admins see any leader, any site and the whole organisation.
import type { CoreDeps } from '../deps';
import { UserError } from '../errors';
import type { Person } from '../people/types';
import { isManager } from '../people/types';
import { unknownPersonText } from '../people/resolve';
import type { ScorecardTarget } from './types';

/** What was asked for, before it is looked up. */
export type TargetRequest = { kind: 'self' } | { kind: 'all' } | { kind: 'site'; name: string } | { kind: 'person'; ref: string };

/** Read-only lookup of '@handle', a person id or a display name (never creates anyone). */
export async function findPerson(deps: CoreDeps, orgId: string, token: string): Promise<Person> {
  const ref = token.replace(/^@/, '').trim();
  if (!ref) throw new UserError('Mention a leader with @name.');
  const people = deps.store.people;
  const found =
    (await people.get(orgId, ref)) ??
    (await people.findByHandle(orgId, ref)) ??
    (await (async () => {
      const byName = await people.findByName(orgId, ref.replace(/[_.]/g, ' '));
      if (byName.length > 1) throw new UserError(`More than one person is called “${ref}”; mention them by handle instead.`);
      return byName[0];
    })());
  if (!found) throw new UserError(unknownPersonText(ref));
  return found;
}

function leaderTarget(person: Person): ScorecardTarget {
  if (person.role !== 'leader') {
    const role = person.role.replace('_', ' ');
    throw new UserError(
      `${person.displayName} is not a leader (role: ${role}), so there is no scorecard for them. Scorecards are for people with the leader role.`,
    );
  }
  return { kind: 'leader', personId: person.id };
}

/**
 * Turns a request into a target the viewer may see. `viewer` null is the command line (trusted,
 * sees everything; 'self' means everything there).
 */
export async function resolveTarget(deps: CoreDeps, orgId: string, viewer: Person | null, request: TargetRequest): Promise<ScorecardTarget> {
  const leaderOnly = viewer !== null && !isManager(viewer) ? viewer : null;
  if (request.kind === 'self') {
    if (!leaderOnly) return { kind: 'all' };
    const viewer = leaderOnly;
    if (viewer.role !== 'leader') {
      throw new UserError('You have no scorecard: scorecards are for leaders, and your role is member. An admin can make you a leader.');
    }
    return { kind: 'leader', personId: viewer.id };
  }
  if (request.kind === 'person') {
    const person = await findPerson(deps, orgId, request.ref);
    if (leaderOnly && person.id !== leaderOnly.id) {
      throw new UserError(
        leaderOnly.role === 'leader'
          ? `Leaders can see only their own scorecard, not ${person.displayName}'s. Ask a quality manager or an admin if you need it.`
          : `Scorecards are for leaders, quality managers and admins, and your role is member, so you can't see ${person.displayName}'s. Ask a quality manager if you need it.`,
      );
    }
    return leaderTarget(person);
  }
  if (leaderOnly) {
    const what = request.kind === 'all' ? 'the whole organisation' : `site ${request.name}`;
    const own = leaderOnly.role === 'leader' ? ' Type /clause5 scorecard for your own.' : '';
    throw new UserError(`Only quality managers and admins can see the scorecard for ${what}.${own}`);
  }
  if (request.kind === 'all') return { kind: 'all' };
  const site = await deps.store.sites.findByName(orgId, request.name);
  if (!site) {
    const known = (await deps.store.sites.list(orgId)).map((s) => s.name);
    const hint = known.length ? `Sites: ${known.join(', ')}.` : 'No sites are set up yet.';
    throw new UserError(`I don't know the site “${request.name}”. ${hint}`);
  }
  return { kind: 'site', siteId: site.id };
}
